// Stands in for github.com/grafana/regexp, a performance fork of Go's regexp with the same API
// that Prometheus imports: the suite builds no github.com/grafana/* module, so the build
// replaces it with this forwarding package over the standard library.
module github.com/grafana/regexp

go 1.24
