package slack_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pariscall/pariscall/bot"
	"github.com/pariscall/pariscall/bot/bottest"
	"github.com/pariscall/pariscall/bot/slack"
	"github.com/pariscall/pariscall/knowledge"
)

const (
	testSecret = "s3cr3t-signing"
	testToken  = "xoxb-test-token"
	botUser    = "UBOT"
)

// fakeEngine is a bot.Engine made of function fields.
type fakeEngine struct {
	AnswerFunc   func(question string) knowledge.Answer
	CompleteFunc func(prefix string, limit int) []string
}

var _ bot.Engine = (*fakeEngine)(nil)

func (e *fakeEngine) Answer(q string) knowledge.Answer { return e.AnswerFunc(q) }

func (e *fakeEngine) Complete(p string, n int) []string {
	if e.CompleteFunc == nil {
		return nil
	}
	return e.CompleteFunc(p, n)
}

// scriptedEngine answers every question with want, echoing the question.
func scriptedEngine(want knowledge.Answer) *fakeEngine {
	return &fakeEngine{AnswerFunc: func(q string) knowledge.Answer {
		a := want
		a.Query = q
		return a
	}}
}

// post is one chat.postMessage call the fake Web API accepted.
type post struct {
	Channel, Thread, Text string
	Blocks                []map[string]any
}

// fakeSlack is Slack's Web API and response_url endpoint over HTTP. Scripted
// failures are served, in order, to the next chat.postMessage calls.
type fakeSlack struct {
	srv *httptest.Server
	mux *http.ServeMux

	mu        sync.Mutex
	posts     []post
	deletes   []string
	responses []map[string]any // bodies sent to response URLs
	failures  []string         // "429", "500", a Slack error code, or "ok"
	calls     int
}

func newFakeSlack(t testing.TB) *fakeSlack {
	f := &fakeSlack{mux: http.NewServeMux()}
	f.mux.HandleFunc("POST /api/chat.postMessage", f.postMessage)
	f.mux.HandleFunc("POST /api/chat.delete", f.deleteMessage)
	f.mux.HandleFunc("POST /hooks/{id}", f.responseURL)
	f.srv = httptest.NewServer(f.mux)
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeSlack) apiURL() string { return f.srv.URL + "/api/" }

func (f *fakeSlack) fail(how ...string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.failures = append(f.failures, how...)
}

func (f *fakeSlack) postMessage(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil || r.PostForm.Get("token") != testToken {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	if len(f.failures) > 0 && f.failures[0] != "ok" {
		how := f.failures[0]
		f.failures = f.failures[1:]
		switch how {
		case "429":
			w.Header().Set("Retry-After", "0")
			w.WriteHeader(http.StatusTooManyRequests)
		case "500":
			http.Error(w, "<html>oops</html>", http.StatusInternalServerError)
		default:
			writeJSONBody(w, map[string]any{"ok": false, "error": how})
		}
		return
	}
	if len(f.failures) > 0 {
		f.failures = f.failures[1:] // an "ok"
	}
	p := post{Channel: r.PostForm.Get("channel"), Thread: r.PostForm.Get("thread_ts"), Text: r.PostForm.Get("text")}
	_ = json.Unmarshal([]byte(r.PostForm.Get("blocks")), &p.Blocks)
	f.posts = append(f.posts, p)
	writeJSONBody(w, map[string]any{"ok": true, "channel": p.Channel, "ts": "1700000000." + strconv.Itoa(len(f.posts))})
}

func (f *fakeSlack) deleteMessage(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	f.mu.Lock()
	defer f.mu.Unlock()
	f.deletes = append(f.deletes, r.PostForm.Get("ts"))
	writeJSONBody(w, map[string]any{"ok": true})
}

func (f *fakeSlack) responseURL(w http.ResponseWriter, r *http.Request) {
	var body map[string]any
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		http.Error(w, "bad json", http.StatusBadRequest)
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.responses = append(f.responses, body)
	w.Header().Set("Content-Type", "text/plain")
	_, _ = io.WriteString(w, "ok")
}

func (f *fakeSlack) snapshot() (posts []post, deletes []string, responses []map[string]any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]post(nil), f.posts...), append([]string(nil), f.deletes...), append([]map[string]any(nil), f.responses...)
}

func writeJSONBody(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

// clock is a settable clock.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// harness is an HTTP-mode adapter mounted on a mux, with its fakes.
type harness struct {
	adapter *slack.Adapter
	mux     *http.ServeMux
	slack   *fakeSlack
	obs     *bottest.Observer
	clock   *clock
}

func newHarness(t testing.TB, engine bot.Engine) *harness {
	t.Helper()
	return cachedHarness(t, engine, 0)
}

// cachedHarness is newHarness with an answer cache of budget bytes.
func cachedHarness(t testing.TB, engine bot.Engine, budget int) *harness {
	t.Helper()
	h := &harness{mux: http.NewServeMux(), slack: newFakeSlack(t), obs: &bottest.Observer{},
		clock: &clock{now: time.Unix(1531420618, 0)}}
	a, err := slack.New(slack.Options{
		SigningSecret: testSecret, BotToken: testToken, APIURL: h.slack.apiURL(),
		Engine: engine, Observer: h.obs, Now: h.clock.Now, AnswerCache: budget,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	h.adapter = a
	a.Mount(h.mux)
	return h
}

// hmacSig computes Slack's signature independently of slack.Sign.
func hmacSig(secret, ts, body string) string {
	mac := hmac.New(sha256.New, []byte(secret))
	io.WriteString(mac, "v0:"+ts+":"+body)
	return "v0=" + hex.EncodeToString(mac.Sum(nil))
}

// request builds a POST signed with testSecret at the harness clock.
func (h *harness) request(path, contentType, body string) *http.Request {
	r := httptest.NewRequest(http.MethodPost, path, strings.NewReader(body))
	r.Header.Set("Content-Type", contentType)
	ts := strconv.FormatInt(h.clock.Now().Unix(), 10)
	r.Header.Set("X-Slack-Request-Timestamp", ts)
	r.Header.Set("X-Slack-Signature", hmacSig(testSecret, ts, body))
	return r
}

func (h *harness) serve(r *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	h.mux.ServeHTTP(w, r)
	return w
}

// slashForm is a slash command's form body asking text.
func slashForm(text, responseURL string) string {
	return url.Values{
		"token": {"legacy"}, "team_id": {"T1"}, "channel_id": {"C1"}, "user_id": {"U1"},
		"user_name": {"roadrunner"}, "command": {"/pariscall"}, "text": {text},
		"response_url": {responseURL}, "trigger_id": {"1.2.3"},
	}.Encode()
}

// eventBody is an Events API callback wrapping inner.
func eventBody(eventID string, inner map[string]any) string {
	b, _ := json.Marshal(map[string]any{
		"type": "event_callback", "team_id": "T1", "api_app_id": "A1", "event_id": eventID,
		"event_time": 1531420618, "event": inner,
		"authorizations": []map[string]any{{"team_id": "T1", "user_id": botUser, "is_bot": true}},
	})
	return string(b)
}

func mention(text, ts, thread string) map[string]any {
	m := map[string]any{"type": "app_mention", "user": "U1", "text": text, "ts": ts, "channel": "C1", "event_ts": ts}
	if thread != "" {
		m["thread_ts"] = thread
	}
	return m
}

func directMessage(text string, extra map[string]any) map[string]any {
	m := map[string]any{"type": "message", "user": "U1", "text": text, "ts": "1.1", "channel": "D1", "channel_type": "im", "event_ts": "1.1"}
	for k, v := range extra {
		m[k] = v
	}
	return m
}

// settle gives stray asynchronous work a moment to show itself, for tests
// asserting that something did not happen.
func settle() { time.Sleep(50 * time.Millisecond) }
