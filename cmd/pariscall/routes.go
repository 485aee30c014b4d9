package main

import (
	"encoding/json"
	"net/http"

	"github.com/pariscall/pariscall/bot"
	"github.com/pariscall/pariscall/knowledge"
)

// routes is the whole HTTP surface: health, readiness, metrics, and each
// adapter's endpoints.
func routes(eng *knowledge.Engine, adapters []bot.Adapter, m *metrics, maxBody int64) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /healthz", handleHealthz())
	mux.Handle("GET /readyz", handleReadyz(eng, adapters))
	mux.Handle("GET /metrics", m.handler())
	for _, a := range adapters {
		a.Mount(mux)
	}
	return m.instrument(limitBody(mux, maxBody))
}

// limitBody caps every request body at n bytes. Unlike
// http.MaxBytesHandler it keeps the request itself, so the route pattern
// the mux records stays visible to the metrics middleware.
func limitBody(next http.Handler, n int64) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, n)
		next.ServeHTTP(w, r)
	})
}

// handleHealthz says the process is alive.
func handleHealthz() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = w.Write([]byte("ok\n"))
	})
}

// readiness is the body of /readyz.
type readiness struct {
	Ready    bool                  `json:"ready"`
	Corpus   corpusStatus          `json:"corpus"`
	Adapters map[string]bot.Status `json:"adapters"`
}

type corpusStatus struct {
	Ready   bool `json:"ready"`
	Sources int  `json:"sources"`
}

// handleReadyz reports whether the corpus is loaded and every enabled
// adapter is connected or mounted: 200 when all are, 503 otherwise.
func handleReadyz(eng *knowledge.Engine, adapters []bot.Adapter) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		r := readiness{Corpus: corpusStatus{Ready: eng != nil}, Adapters: map[string]bot.Status{}}
		if eng != nil {
			r.Corpus.Sources = len(eng.Sources())
		}
		r.Ready = r.Corpus.Ready
		for _, a := range adapters {
			s := a.Status()
			r.Adapters[a.Platform()] = s
			r.Ready = r.Ready && s.Ready
		}
		w.Header().Set("Content-Type", "application/json")
		if !r.Ready {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
		_ = json.NewEncoder(w).Encode(r)
	})
}
