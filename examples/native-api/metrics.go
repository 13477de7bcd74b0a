package main

import (
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

type metrics struct {
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
	inFlight prometheus.Gauge
}

// newMetrics registers the service's HTTP metrics beside client_golang's default Go and process
// collectors, which the default registry already holds.
func newMetrics(reg prometheus.Registerer) *metrics {
	m := &metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "http_requests_total",
			Help: "HTTP requests answered, by route pattern, method and status code.",
		}, []string{"handler", "method", "code"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "http_request_duration_seconds",
			Help: "Time to answer an HTTP request, by route pattern and method.",
			// Classic buckets for text scrapes and for Prometheus servers that do not ingest
			// native histograms (the mixed fleet)...
			Buckets: prometheus.DefBuckets,
			// ...and a native histogram for protobuf scrapes: bucket boundaries grow by at most
			// 10 % from one to the next, so a latency SLO can use any threshold.
			NativeHistogramBucketFactor:     1.1,
			NativeHistogramMaxBucketNumber:  160,
			NativeHistogramMinResetDuration: time.Hour,
		}, []string{"handler", "method"}),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "http_requests_in_flight",
			Help: "HTTP requests being answered.",
		}),
	}
	reg.MustRegister(m.requests, m.duration, m.inFlight)
	return m
}

// instrument wraps a route's handler with promhttp's middleware; method is lower-case as
// promhttp writes it ("get", "post").
func (m *metrics) instrument(pattern string, h http.Handler) http.Handler {
	route := prometheus.Labels{"handler": pattern}
	return promhttp.InstrumentHandlerInFlight(m.inFlight,
		promhttp.InstrumentHandlerDuration(m.duration.MustCurryWith(route),
			promhttp.InstrumentHandlerCounter(m.requests.MustCurryWith(route), h)))
}
