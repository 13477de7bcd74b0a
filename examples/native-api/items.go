package main

import (
	"encoding/json"
	"net/http"
	"sort"
	"strconv"
	"sync"
)

type item struct {
	ID    int     `json:"id"`
	Name  string  `json:"name"`
	Price float64 `json:"price"`
}

// store keeps items in memory: the example is about metrics, not persistence.
type store struct {
	mu     sync.RWMutex
	items  map[int]item
	nextID int
}

func newStore() *store {
	s := &store{items: map[int]item{}, nextID: 1}
	for _, name := range []string{"keyboard", "mouse", "screen"} {
		s.add(item{Name: name, Price: 10})
	}
	return s
}

func (s *store) add(it item) item {
	s.mu.Lock()
	defer s.mu.Unlock()
	it.ID = s.nextID
	s.nextID++
	s.items[it.ID] = it
	return it
}

func (s *store) list(w http.ResponseWriter, _ *http.Request) {
	s.mu.RLock()
	out := make([]item, 0, len(s.items))
	for _, it := range s.items {
		out = append(out, it)
	}
	s.mu.RUnlock()
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	writeJSON(w, http.StatusOK, out)
}

func (s *store) get(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.Atoi(r.PathValue("id"))
	if err != nil {
		http.Error(w, "id must be a number", http.StatusBadRequest)
		return
	}
	s.mu.RLock()
	it, ok := s.items[id]
	s.mu.RUnlock()
	if !ok {
		http.Error(w, "no such item", http.StatusNotFound)
		return
	}
	writeJSON(w, http.StatusOK, it)
}

func (s *store) create(w http.ResponseWriter, r *http.Request) {
	var it item
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 4096)).Decode(&it); err != nil || it.Name == "" {
		http.Error(w, `want JSON {"name": "...", "price": 1.5}`, http.StatusUnprocessableEntity)
		return
	}
	writeJSON(w, http.StatusCreated, s.add(it))
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v)
}
