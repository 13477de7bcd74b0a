package main

import (
	"encoding/json"
	"math/rand/v2"
	"net"
	"net/http"
	"sync"
	"time"
)

// faultSpec is what POST /admin/fault accepts; `{}` clears every fault.
type faultSpec struct {
	LatencySeconds float64 `json:"latencySeconds"`
	ErrorRatio     float64 `json:"errorRatio"`
}

// faultSwitch lets a test make the API slow or failing without restarting it.
type faultSwitch struct {
	mu   sync.RWMutex
	spec faultSpec
}

func (f *faultSwitch) current() faultSpec {
	f.mu.RLock()
	defer f.mu.RUnlock()
	return f.spec
}

func (f *faultSwitch) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var spec faultSpec
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 4096))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&spec); err != nil {
		http.Error(w, "fault: want JSON {\"latencySeconds\": 0.4, \"errorRatio\": 0}: "+err.Error(), http.StatusBadRequest)
		return
	}
	if spec.LatencySeconds < 0 || spec.LatencySeconds > 60 || spec.ErrorRatio < 0 || spec.ErrorRatio > 1 {
		http.Error(w, "fault: latencySeconds must be within [0, 60] and errorRatio within [0, 1]", http.StatusBadRequest)
		return
	}
	f.mu.Lock()
	f.spec = spec
	f.mu.Unlock()
	writeJSON(w, http.StatusOK, spec)
}

// wrap applies the current fault before the real handler, inside the instrumentation, so the
// injected latency and errors are what the metrics record.
func (f *faultSwitch) wrap(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		spec := f.current()
		if spec.LatencySeconds > 0 {
			select {
			case <-time.After(time.Duration(spec.LatencySeconds * float64(time.Second))):
			case <-r.Context().Done():
			}
		}
		if spec.ErrorRatio > 0 && rand.Float64() < spec.ErrorRatio {
			http.Error(w, "injected fault", http.StatusInternalServerError)
			return
		}
		next(w, r)
	}
}

// loopbackOnly refuses requests that do not come from this machine.
func loopbackOnly(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host, _, err := net.SplitHostPort(r.RemoteAddr)
		if ip := net.ParseIP(host); err != nil || ip == nil || !ip.IsLoopback() {
			http.Error(w, "the fault switch answers loopback clients only", http.StatusForbidden)
			return
		}
		next.ServeHTTP(w, r)
	})
}
