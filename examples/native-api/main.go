// Command native-api is a small items service instrumented with client_golang, whose request
// duration histogram is exposed both as a native histogram (protobuf scrapes) and with classic
// buckets (text scrapes). dac's end-to-end suite scrapes it with Prometheus 3 to prove the
// client-golang-native profile on a real exposition, not on a fixture.
package main

import (
	"context"
	"errors"
	"flag"
	"log"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:8080", "address to serve on")
	flag.Parse()

	metrics := newMetrics(prometheus.DefaultRegisterer)
	faults := &faultSwitch{}
	store := newStore()

	mux := http.NewServeMux()
	// Each route is instrumented under its pattern, so `/items/{id}` is one handler label value
	// however many ids are requested.
	route := func(method, pattern string, h http.HandlerFunc) {
		mux.Handle(method+" "+pattern, metrics.instrument(pattern, faults.wrap(h)))
	}
	route("GET", "/items", store.list)
	route("GET", "/items/{id}", store.get)
	route("POST", "/items", store.create)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("ok\n")) })
	// promhttp negotiates the exposition format: protobuf (native and classic buckets) when
	// Prometheus asks for it, text (classic buckets only) otherwise.
	mux.Handle("GET /metrics", promhttp.Handler())
	mux.Handle("POST /admin/fault", loopbackOnly(faults))

	server := &http.Server{Addr: *listen, Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = server.Shutdown(shutdown)
	}()
	log.Printf("native-api listening on %s", *listen)
	if err := server.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Fatal(err)
	}
}
