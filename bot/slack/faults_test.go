package slack_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pariscall/pariscall/bot/bottest"
	"github.com/pariscall/pariscall/bot/slack"
)

// faultyAPI is Slack's Web API failing on purpose. Each chat.postMessage
// gets what behave returns for the thread's n-th call (from 1): "ok", "500",
// "429" (Retry-After: retryAfter), or "hang" (accept the message, then
// never answer, as when Slack posts but the response is lost).
type faultyAPI struct {
	srv        *httptest.Server
	behave     func(n int) string
	retryAfter string

	inflight atomic.Int32

	mu     sync.Mutex
	calls  map[string][]time.Time // thread_ts → when each call came
	posted map[string]int         // thread_ts → messages Slack would show
}

func newFaultyAPI(t *testing.T, retryAfter string, behave func(n int) string) *faultyAPI {
	f := &faultyAPI{behave: behave, retryAfter: retryAfter, calls: map[string][]time.Time{}, posted: map[string]int{}}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *faultyAPI) serve(w http.ResponseWriter, r *http.Request) {
	f.inflight.Add(1)
	defer f.inflight.Add(-1)
	if r.URL.Path != "/api/chat.postMessage" || r.ParseForm() != nil {
		http.Error(w, "unexpected call", http.StatusBadRequest)
		return
	}
	thread := strings.Clone(r.PostForm.Get("thread_ts")) // not a slice of the whole body
	f.mu.Lock()
	f.calls[thread] = append(f.calls[thread], time.Now())
	how := f.behave(len(f.calls[thread]))
	if how == "ok" || how == "hang" {
		f.posted[thread]++
	}
	f.mu.Unlock()
	switch how {
	case "ok":
		writeJSONBody(w, map[string]any{"ok": true, "channel": "C1", "ts": thread + "1"})
	case "500":
		http.Error(w, "<html>Internal Server Error</html>", http.StatusInternalServerError)
	case "429":
		w.Header().Set("Retry-After", f.retryAfter)
		w.WriteHeader(http.StatusTooManyRequests)
	case "hang":
		<-r.Context().Done()
	}
}

// snapshot returns calls and posts per thread.
func (f *faultyAPI) snapshot() (calls map[string][]time.Time, posted map[string]int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	calls, posted = map[string][]time.Time{}, map[string]int{}
	for k, v := range f.calls {
		calls[k] = append([]time.Time(nil), v...)
	}
	for k, v := range f.posted {
		posted[k] = v
	}
	return calls, posted
}

// faultBot is a Slack adapter in HTTP mode behind a real HTTP server,
// whose Web API is a faultyAPI and whose HTTP client gives up after
// 200ms.
type faultBot struct {
	url  string
	obs  *bottest.Observer
	logs *lineCounter
}

func newFaultBot(t *testing.T, api *faultyAPI) faultBot {
	t.Helper()
	b := faultBot{obs: &bottest.Observer{}, logs: &lineCounter{}}
	a, err := slack.New(slack.Options{
		SigningSecret: testSecret, BotToken: testToken, APIURL: api.srv.URL + "/api/",
		Engine: scriptedEngine(notSigned()), Observer: b.obs,
		Logger:     slog.New(slog.NewTextHandler(b.logs, nil)),
		HTTPClient: &http.Client{Timeout: 200 * time.Millisecond},
	})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	mux := http.NewServeMux()
	a.Mount(mux)
	srv := httptest.NewServer(mux)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run = %v; want nil", err)
		}
		srv.Close()
	})
	b.url = srv.URL
	return b
}

// post sends a body signed now and returns the status, the body and how
// long the round trip took.
func (b faultBot) post(t *testing.T, path, contentType, body string) (int, string, time.Duration) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, b.url+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("X-Slack-Request-Timestamp", ts)
	req.Header.Set("X-Slack-Signature", slack.Sign(testSecret, ts, []byte(body)))
	start := time.Now()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("POST %s: %v", path, err)
	}
	defer resp.Body.Close()
	got, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(got), time.Since(start)
}

// lineCounter counts log lines by message without keeping them, so the
// log does not grow the heap being measured.
type lineCounter struct {
	mu    sync.Mutex
	lines map[string]int
}

func (c *lineCounter) Write(p []byte) (int, error) {
	msg := ""
	if _, rest, ok := bytes.Cut(p, []byte(" msg=")); ok {
		end := " "
		if rest, ok = bytes.CutPrefix(rest, []byte(`"`)); ok {
			end = `"`
		}
		m, _, _ := bytes.Cut(rest, []byte(end))
		msg = string(m)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.lines == nil {
		c.lines = map[string]int{}
	}
	c.lines[msg]++
	return len(p), nil
}

func (c *lineCounter) count(msg string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.lines[msg]
}

// droppedMsg is what the adapter logs for a mention it has no room for.
const droppedMsg = "question dropped: shutting down or too busy"

// TestWebAPIFaults sends mentions while chat.postMessage fails in each way
// Slack's Web API can, and slash commands between them. Slash commands,
// answered in the HTTP response, must stay fast; each answer is tried at
// most MaxAttempts times, and only 429s are retried; no message is posted
// twice; and once the failures have played out, the goroutines are back
// to where they started and the heap has not grown with the number of
// mentions.
func TestWebAPIFaults(t *testing.T) {
	const batch = 100 // mentions per batch; two batches
	tests := []struct {
		name      string
		behave    func(n int) string
		wantCalls func(calls int) bool // per mention that reached the API
		wantPosts int                  // per mention that reached the API
	}{
		{"500", func(int) string { return "500" }, func(c int) bool { return c == 1 }, 0},
		{"429 always", func(int) string { return "429" }, func(c int) bool { return c == slack.MaxAttempts }, 0},
		{"429 then ok", func(n int) string {
			if n == 1 {
				return "429"
			}
			return "ok"
		}, func(c int) bool { return c == 2 }, 1},
		{"hang past the client timeout", func(int) string { return "hang" }, func(c int) bool { return c == 1 }, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newFaultyAPI(t, "0", tt.behave)
			b := newFaultBot(t, api)
			b.post(t, "/slack/commands", "application/x-www-form-urlencoded", slashForm("warm up", "")) // connections, pools
			baseGoroutines := runtime.NumGoroutine()
			var heaps []uint64
			var slowest time.Duration
			for round := range 3 {
				for i := range batch {
					id := fmt.Sprintf("%d%03d", round, i)
					if code, body, _ := b.post(t, "/slack/events", "application/json",
						eventBody("Ev"+id, mention("<@UBOT> who didn't sign", "17000."+id, ""))); code != http.StatusOK {
						t.Fatalf("event %s: %d %q; want 200", id, code, body)
					}
					if i%10 == 0 {
						code, body, took := b.post(t, "/slack/commands", "application/x-www-form-urlencoded",
							slashForm("who didn't sign", "")+"&trigger_id="+id) // unique: not a replay
						if code != http.StatusOK || !strings.Contains(body, `"blocks"`) {
							t.Fatalf("slash command: %d %q; want 200 with blocks", code, body)
						}
						slowest = max(slowest, took)
					}
				}
				sent := (round + 1) * batch
				bottest.WaitFor(t, "every mention answered or dropped, retries done, goroutines back to the baseline", func() bool {
					calls, _ := api.snapshot()
					if len(calls)+b.logs.count(droppedMsg) < sent {
						return false // a mention still on its way to the API
					}
					for _, c := range calls {
						if !tt.wantCalls(len(c)) {
							return false // between two attempts of a retry
						}
					}
					return api.inflight.Load() == 0 && runtime.NumGoroutine() <= baseGoroutines+8
				})
				heaps = append(heaps, bottest.LiveHeap())

			}
			if slowest > time.Second {
				t.Errorf("slowest slash command took %s while the Web API failed; want under 1s", slowest)
			}
			calls, posted := api.snapshot()
			if len(calls) == 0 {
				t.Fatal("no mention reached the Web API")
			}
			for thread, c := range calls {
				if !tt.wantCalls(len(c)) || len(c) > slack.MaxAttempts {
					t.Errorf("thread %s: %d calls to chat.postMessage; want the mode's count, at most %d", thread, len(c), slack.MaxAttempts)
				}
				if posted[thread] != tt.wantPosts {
					t.Errorf("thread %s: posted %d times; want %d", thread, posted[thread], tt.wantPosts)
				}
			}
			dropped, logged, counted := 3*batch-len(calls), b.logs.count(droppedMsg), b.obs.DroppedCount()
			if dropped != logged || dropped != counted {
				t.Errorf("%d mentions never reached the Web API; %d logged and %d counted as dropped", dropped, logged, counted)
			}
			// The replay and event-id sets keep a few hundred bytes per
			// request, up to their bounds; a leaked goroutine, body or
			// response would cost kilobytes per mention in every round, so
			// the smaller of the two rounds' growth filters out GC noise.
			if grown := min(int64(heaps[1])-int64(heaps[0]), int64(heaps[2])-int64(heaps[1])); grown > 2048*batch {
				t.Errorf("live heap grew by %d bytes over %d more mentions; want under 2 KiB per mention", grown, batch)
			}
			t.Logf("%d of %d mentions reached the API; slowest slash command %s; live heap %v bytes",
				len(calls), 3*batch, slowest, heaps)
		})
	}
}

// TestRetryAfterIsHonoured has chat.postMessage answer 429 with
// Retry-After: 1 once: the retry waits that second, and slash commands
// asked meanwhile are answered at once.
func TestRetryAfterIsHonoured(t *testing.T) {
	api := newFaultyAPI(t, "1", func(n int) string {
		if n == 1 {
			return "429"
		}
		return "ok"
	})
	b := newFaultBot(t, api)
	b.post(t, "/slack/events", "application/json", eventBody("Ev1", mention("<@UBOT> who signed", "17000.1", "")))
	deadline := time.Now().Add(700 * time.Millisecond)
	for i := 0; time.Now().Before(deadline); i++ {
		code, body, took := b.post(t, "/slack/commands", "application/x-www-form-urlencoded",
			slashForm("who signed", "")+"&trigger_id="+strconv.Itoa(i))
		if code != http.StatusOK || !strings.Contains(body, `"blocks"`) || took > 500*time.Millisecond {
			t.Fatalf("slash command during Retry-After: %d %q in %s; want 200 with blocks at once", code, body, took)
		}
		time.Sleep(50 * time.Millisecond)
	}
	bottest.WaitFor(t, "the retried post", func() bool { _, p := api.snapshot(); return p["17000.1"] == 1 })
	calls, posted := api.snapshot()
	c := calls["17000.1"]
	if len(c) != 2 || posted["17000.1"] != 1 {
		t.Fatalf("%d calls, %d posts; want 2 calls and 1 post", len(c), posted["17000.1"])
	}
	if gap := c[1].Sub(c[0]); gap < 900*time.Millisecond || gap > 3*time.Second {
		t.Errorf("retried after %s; want the 1s Retry-After honoured", gap)
	}
}
