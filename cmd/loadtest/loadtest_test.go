package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pariscall/pariscall/bot/slack"
	"github.com/pariscall/pariscall/knowledge"
	"github.com/pariscall/pariscall/knowledge/knowledgetest"
)

func TestPercentile(t *testing.T) {
	ms := func(ns ...int) []time.Duration {
		var out []time.Duration
		for _, n := range ns {
			out = append(out, time.Duration(n)*time.Millisecond)
		}
		return out
	}
	tests := []struct {
		lat  []time.Duration
		p    float64
		want time.Duration
	}{
		{nil, 50, 0},
		{ms(7), 99, 7 * time.Millisecond},
		{ms(1, 2, 3, 4), 50, 2 * time.Millisecond},
		{ms(1, 2, 3, 4), 100, 4 * time.Millisecond},
		{ms(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 99, 10 * time.Millisecond},
		{ms(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 90, 9 * time.Millisecond},
	}
	for _, tt := range tests {
		if got := (result{lat: tt.lat}).percentile(tt.p); got != tt.want {
			t.Errorf("percentile(%v, %v) = %v; want %v", tt.lat, tt.p, got, tt.want)
		}
	}
}

func TestMetricValue(t *testing.T) {
	exp := "# HELP x\ngo_goroutines 12\npariscall_http_requests_total{code=\"200\",route=\"POST /slack/commands\"} 1234\n" +
		"pariscall_http_requests_total{code=\"401\",route=\"POST /slack/commands\"} 5\ngo_goroutines_extra 9\n"
	tests := []struct {
		name   string
		labels []string
		want   float64
		found  bool
	}{
		{"go_goroutines", nil, 12, true},
		{"pariscall_http_requests_total", []string{`code="401"`}, 5, true},
		{"pariscall_http_requests_total", []string{`code="200"`, `route="POST /slack/commands"`}, 1234, true},
		{"pariscall_http_requests_total", []string{`code="500"`}, 0, false},
	}
	for _, tt := range tests {
		if got, ok := metricValue(exp, tt.name, tt.labels...); got != tt.want || ok != tt.found {
			t.Errorf("metricValue(%s, %v) = %v, %v; want %v, %v", tt.name, tt.labels, got, ok, tt.want, tt.found)
		}
	}
}

// TestRequestsPassVerification checks that the load test's requests are
// ones the adapters accept: Slack's signature verifies with the signing
// secret, each request is unique, and Discord's verify with the key.
func TestRequestsPassVerification(t *testing.T) {
	s, err := newSecrets()
	if err != nil {
		t.Fatal(err)
	}
	next := slashRequests("http://127.0.0.1:1", s.signingSecret, questionMix())(context.Background(), 1, 2)
	seen := map[string]bool{}
	for seq := range 40 {
		req, err := next(seq)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(req.Body)
		if err := slack.Verify(s.signingSecret, req.Header, body, time.Now()); err != nil {
			t.Errorf("slash request %d: Verify = %v; want nil", seq, err)
		}
		if seen[string(body)] {
			t.Errorf("slash request %d repeats an earlier body: it would be refused as a replay", seq)
		}
		seen[string(body)] = true
	}
	pool := &interactionPool{key: s.discordKey, questions: questionMix(), size: 8}
	if err := pool.prepare(); err != nil {
		t.Fatal(err)
	}
	nextD := pool.requests("http://127.0.0.1:1")(context.Background(), 1, 0)
	for seq := range 8 {
		req, _ := nextD(seq)
		body, _ := io.ReadAll(req.Body)
		sig, _ := hex.DecodeString(req.Header.Get("X-Signature-Ed25519"))
		msg := append([]byte(req.Header.Get("X-Signature-Timestamp")), body...)
		if !ed25519.Verify(s.discordPub, msg, sig) {
			t.Errorf("interaction %d: signature does not verify", seq)
		}
	}
}

// TestDriveCountsAndStops drives a local handler briefly and checks the
// phase ends by itself, by time and by count, and counts what it saw.
func TestDriveCountsAndStops(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.Contains(r.URL.Path, "fail") {
			http.Error(w, "no", http.StatusInternalServerError)
		}
	}))
	defer srv.Close()
	tg := func(path string) target {
		return target{name: path, check: expectStatus,
			worker: func(ctx context.Context, _, _ int) func(int) (*http.Request, error) {
				return func(int) (*http.Request, error) {
					return http.NewRequestWithContext(ctx, http.MethodPost, srv.URL+path, bytes.NewReader([]byte("x")))
				}
			}}
	}
	client := newClient(4)
	tests := []struct {
		path       string
		pc         phaseConfig
		wantErrors bool
		maxReqs    int
	}{
		{"/ok", phaseConfig{conc: 4, warmup: 10 * time.Millisecond, duration: 150 * time.Millisecond, maxRequests: 1 << 30}, false, 1 << 30},
		{"/ok", phaseConfig{conc: 4, warmup: 0, duration: time.Minute, maxRequests: 25}, false, 25},
		{"/fail", phaseConfig{conc: 2, warmup: 0, duration: 100 * time.Millisecond, maxRequests: 1 << 30}, true, 1 << 30},
	}
	for _, tt := range tests {
		start := time.Now()
		r, err := drive(context.Background(), client, tg(tt.path), 1, tt.pc)
		if err != nil {
			t.Fatalf("drive %s: %v", tt.path, err)
		}
		if took := time.Since(start); took > 10*time.Second {
			t.Errorf("drive %s %+v took %s; want it to stop by itself", tt.path, tt.pc, took)
		}
		if r.requests == 0 || r.requests > tt.maxReqs {
			t.Errorf("drive %s %+v: %d requests; want 1..%d", tt.path, tt.pc, r.requests, tt.maxReqs)
		}
		if got := r.errors > 0; got != tt.wantErrors || (tt.wantErrors && r.errors != r.requests) {
			t.Errorf("drive %s: %d errors of %d; want errors %v", tt.path, r.errors, r.requests, tt.wantErrors)
		}
	}
}

// TestWriteDocs checks the generator is deterministic and that the engine
// loads what it writes.
func TestWriteDocs(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for _, dir := range []string{a, b} {
		if err := knowledgetest.WriteDocs(dir, 12); err != nil {
			t.Fatal(err)
		}
	}
	entries, _ := os.ReadDir(a)
	if len(entries) != 12 {
		t.Fatalf("wrote %d files; want 12", len(entries))
	}
	for _, e := range entries {
		x, _ := os.ReadFile(filepath.Join(a, e.Name()))
		y, _ := os.ReadFile(filepath.Join(b, e.Name()))
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs", e.Name())
		}
	}
	e, err := knowledge.Load(knowledge.Options{DocsDir: a})
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if got, want := len(e.Sources()), 12+len(mustDefault(t).Sources()); got != want {
		t.Errorf("Load has %d sources; want %d", got, want)
	}
}

func mustDefault(t testing.TB) *knowledge.Engine {
	t.Helper()
	e, err := knowledge.LoadDefault()
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// BenchmarkAnswerGrowth measures answers as the corpus grows: the default
// corpus, then with 1,000 and 10,000 generated documents added. Generating
// and indexing 10,000 documents takes several seconds before timing starts.
//
//	go test ./cmd/loadtest -run '^$' -bench AnswerGrowth -benchmem
func BenchmarkAnswerGrowth(b *testing.B) {
	questions := []struct{ name, q string }{
		{"structured", "principle 8"},
		{"search", "geneva convention human rights"},
		{"typo", "prinicple three"},
		{"no-answer", "how many firearms did TSA intercept"},
	}
	for _, n := range []int{0, 1000, 10000} {
		dir := ""
		if n > 0 {
			dir = b.TempDir()
			if err := knowledgetest.WriteDocs(dir, n); err != nil {
				b.Fatal(err)
			}
		}
		e, err := knowledge.Load(knowledge.Options{DocsDir: dir})
		if err != nil {
			b.Fatal(err)
		}
		for _, q := range questions {
			b.Run(q.name+"/docs="+strconv.Itoa(n), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					e.Answer(q.q)
				}
			})
		}
	}
}
