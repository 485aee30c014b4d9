package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestMetricsObserver checks that what the adapters report reaches
// /metrics under the documented names and labels.
func TestMetricsObserver(t *testing.T) {
	m := newMetrics()
	m.Answered("slack", "not_signed", 40*time.Microsecond)
	m.Answered("slack", "not_signed", 60*time.Microsecond)
	m.SignatureRejected("discord")
	m.APIError("slack", "chat.postMessage")
	m.Dropped("slack")
	m.Dropped("slack")
	w := httptest.NewRecorder()
	m.handler().ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	body, _ := io.ReadAll(w.Body)
	for _, want := range []string{
		`pariscall_questions_answered_total{intent="not_signed",platform="slack"} 2`,
		`pariscall_answer_duration_seconds_bucket{platform="slack",le="5e-05"} 1`,
		`pariscall_answer_duration_seconds_count{platform="slack"} 2`,
		`pariscall_signatures_rejected_total{platform="discord"} 1`,
		`pariscall_platform_api_errors_total{method="chat.postMessage",platform="slack"} 1`,
		`pariscall_questions_dropped_total{platform="slack"} 2`,
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
}
