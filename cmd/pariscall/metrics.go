package main

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/pariscall/pariscall/bot"
	"github.com/pariscall/pariscall/knowledge"
)

// metrics holds the service's Prometheus metrics, in a registry of its own
// so that tests and several servers in one process never collide.
type metrics struct {
	registry   *prometheus.Registry
	questions  *prometheus.CounterVec
	latency    *prometheus.HistogramVec
	requests   *prometheus.CounterVec
	signatures *prometheus.CounterVec
	apiErrors  *prometheus.CounterVec
	dropped    *prometheus.CounterVec
}

var _ bot.Observer = (*metrics)(nil)

func newMetrics() *metrics {
	m := &metrics{
		registry: prometheus.NewRegistry(),
		questions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "pariscall_questions_answered_total", Help: "Questions answered, by intent and platform.",
		}, []string{"intent", "platform"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "pariscall_answer_duration_seconds", Help: "Time to answer and render one question.",
			Buckets: []float64{25e-6, 50e-6, 100e-6, 250e-6, 500e-6, 1e-3, 5e-3, 25e-3, 100e-3, 1},
		}, []string{"platform"}),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "pariscall_http_requests_total", Help: "HTTP requests, by route and status code.",
		}, []string{"route", "code"}),
		signatures: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "pariscall_signatures_rejected_total", Help: "Requests refused for a missing, bad or stale signature.",
		}, []string{"platform"}),
		apiErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "pariscall_platform_api_errors_total", Help: "Failed calls to a chat platform's API.",
		}, []string{"platform", "method"}),
		dropped: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "pariscall_questions_dropped_total", Help: "Questions left unanswered while shutting down or at the limit of answers in flight.",
		}, []string{"platform"}),
	}
	m.registry.MustRegister(m.questions, m.latency, m.requests, m.signatures, m.apiErrors, m.dropped,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Answered counts an answered question and its latency.
func (m *metrics) Answered(platform string, intent knowledge.Intent, took time.Duration) {
	m.questions.WithLabelValues(string(intent), platform).Inc()
	m.latency.WithLabelValues(platform).Observe(took.Seconds())
}

// SignatureRejected counts a refused request.
func (m *metrics) SignatureRejected(platform string) {
	m.signatures.WithLabelValues(platform).Inc()
}

// APIError counts a failed platform API call.
func (m *metrics) APIError(platform, method string) {
	m.apiErrors.WithLabelValues(platform, method).Inc()
}

// Dropped counts a question left unanswered.
func (m *metrics) Dropped(platform string) {
	m.dropped.WithLabelValues(platform).Inc()
}

// handler serves the metrics in Prometheus' text format.
func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{Registry: m.registry})
}

// statusRecorder remembers the status code a handler wrote.
type statusRecorder struct {
	http.ResponseWriter
	code int
}

func (r *statusRecorder) WriteHeader(code int) {
	if r.code == 0 {
		r.code = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	if r.code == 0 {
		r.code = http.StatusOK
	}
	return r.ResponseWriter.Write(b)
}

func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// instrument counts every request by the route pattern that served it, so
// unknown paths share one label rather than one each.
func (m *metrics) instrument(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &statusRecorder{ResponseWriter: w}
		next.ServeHTTP(rec, r)
		route := r.Pattern
		if route == "" {
			route = "unmatched"
		}
		if rec.code == 0 {
			rec.code = http.StatusOK
		}
		m.requests.WithLabelValues(route, strconv.Itoa(rec.code)).Inc()
	})
}
