package main

import (
	"bytes"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/pariscall/pariscall/bot/slack"
)

const (
	testDiscordToken = "MTAwMDAwMDAwMDAwMDAwMDAx.GhIjKl.test-discord-bot-token-value"
	testDiscordApp   = "800000000000000001"
	testDiscordBot   = "900000000000000001"
)

// call is one request the bot made to a platform.
type call struct {
	Method, Path, Auth string
	Body               []byte
}

// fakePlatform is everything the bot talks to on loopback: Slack's Web API
// (under /slack/api/), Slack's response URLs (/slack/hooks/), and
// Discord's REST API (under /discord/) and gateway. It records every call.
// chat.postMessage waits postDelay, so posts can be caught in flight.
type fakePlatform struct {
	srv       *httptest.Server
	postDelay time.Duration
	inflight  atomic.Int32
	ids       atomic.Int64

	mu    sync.Mutex
	calls []call
	ws    *websocket.Conn // the bot's gateway connection
	wsMu  sync.Mutex      // serialises writes to ws
	seq   int
}

func newFakePlatform(t *testing.T) *fakePlatform {
	f := &fakePlatform{}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /slack/api/chat.postMessage", f.record(f.postMessage))
	mux.HandleFunc("POST /slack/api/chat.delete", f.record(func(w http.ResponseWriter, _ *http.Request) {
		writeJSONBody(w, map[string]any{"ok": true})
	}))
	mux.HandleFunc("POST /slack/hooks/{id}", f.record(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = io.WriteString(w, "ok")
	}))
	mux.HandleFunc("GET /discord/api/v9/gateway", f.record(func(w http.ResponseWriter, _ *http.Request) {
		writeJSONBody(w, map[string]string{"url": "ws" + strings.TrimPrefix(f.srv.URL, "http") + "/discord/ws"})
	}))
	mux.HandleFunc("PUT /discord/api/v9/applications/{app}/commands", f.record(func(w http.ResponseWriter, _ *http.Request) {
		writeJSONBody(w, []any{})
	}))
	mux.HandleFunc("POST /discord/api/v9/channels/{channel}/messages", f.record(func(w http.ResponseWriter, r *http.Request) {
		writeJSONBody(w, map[string]string{"id": strconv.FormatInt(f.ids.Add(1), 10), "channel_id": r.PathValue("channel")})
	}))
	mux.HandleFunc("POST /discord/api/v9/webhooks/{app}/{token}", f.record(func(w http.ResponseWriter, _ *http.Request) {
		writeJSONBody(w, map[string]string{"id": strconv.FormatInt(f.ids.Add(1), 10)})
	}))
	mux.HandleFunc("GET /discord/ws/", f.gateway)
	f.srv = httptest.NewServer(mux)
	t.Cleanup(func() {
		f.mu.Lock()
		if f.ws != nil {
			f.ws.Close()
		}
		f.mu.Unlock()
		f.srv.Close()
	})
	return f
}

// vars configures serve to use the fake for every platform call.
func (f *fakePlatform) vars() map[string]string {
	return map[string]string{
		"PARISCALL_SLACK_API_URL":   f.srv.URL + "/slack/api/",
		"PARISCALL_DISCORD_API_URL": f.srv.URL + "/discord",
	}
}

func writeJSONBody(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

func (f *fakePlatform) record(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		f.inflight.Add(1)
		defer f.inflight.Add(-1)
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		f.mu.Lock()
		f.calls = append(f.calls, call{Method: r.Method, Path: r.URL.Path, Auth: r.Header.Get("Authorization"), Body: body})
		f.mu.Unlock()
		h(w, r)
	}
}

func (f *fakePlatform) postMessage(w http.ResponseWriter, r *http.Request) {
	if f.postDelay > 0 {
		time.Sleep(f.postDelay)
	}
	_ = r.ParseForm()
	writeJSONBody(w, map[string]any{"ok": true, "channel": r.PostForm.Get("channel"),
		"ts": "1700000000." + strconv.FormatInt(f.ids.Add(1), 10)})
}

// callsTo returns the calls whose path starts with prefix.
func (f *fakePlatform) callsTo(prefix string) []call {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []call
	for _, c := range f.calls {
		if strings.HasPrefix(c.Path, prefix) {
			out = append(out, c)
		}
	}
	return out
}

// waitCalls waits until at least n calls start with prefix.
func (f *fakePlatform) waitCalls(t *testing.T, n int, prefix string) []call {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		if got := f.callsTo(prefix); len(got) >= n {
			return got
		}
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %d calls to %s; got %d", n, prefix, len(f.callsTo(prefix)))
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// gateway plays Discord's gateway: HELLO, READY after IDENTIFY, RESUMED
// after RESUME, and heartbeat ACKs.
func (f *fakePlatform) gateway(w http.ResponseWriter, r *http.Request) {
	ws, err := (&websocket.Upgrader{}).Upgrade(w, r, nil)
	if err != nil {
		return
	}
	defer ws.Close()
	f.send(ws, map[string]any{"op": 10, "d": map[string]any{"heartbeat_interval": 45000}})
	for {
		var frame struct {
			Op int `json:"op"`
		}
		if err := ws.ReadJSON(&frame); err != nil {
			return
		}
		switch frame.Op {
		case 1:
			f.send(ws, map[string]any{"op": 11})
		case 2:
			f.mu.Lock()
			f.ws = ws
			f.mu.Unlock()
			f.dispatch("READY", map[string]any{"v": 9, "session_id": "s1",
				"user":        map[string]any{"id": testDiscordBot, "username": "pariscall", "bot": true},
				"application": map[string]any{"id": testDiscordApp}})
		case 6:
			f.dispatch("RESUMED", map[string]any{})
		}
	}
}

func (f *fakePlatform) send(ws *websocket.Conn, v any) {
	f.wsMu.Lock()
	defer f.wsMu.Unlock()
	_ = ws.WriteJSON(v)
}

// dispatch sends a gateway event on the bot's connection.
func (f *fakePlatform) dispatch(event string, data any) {
	f.mu.Lock()
	ws := f.ws
	f.seq++
	seq := f.seq
	f.mu.Unlock()
	if ws != nil {
		f.send(ws, map[string]any{"op": 0, "t": event, "s": seq, "d": data})
	}
}

// discordMention is a MESSAGE_CREATE mentioning the bot in channel c-<id>.
func discordMention(id, text string) map[string]any {
	return map[string]any{"id": id, "channel_id": "c-" + id, "guild_id": "g1", "type": 0,
		"content":  "<@" + testDiscordBot + "> " + text,
		"author":   map[string]any{"id": "u1", "username": "asker"},
		"mentions": []map[string]any{{"id": testDiscordBot, "username": "pariscall"}}}
}

// response is what the test client got back for one request.
type response struct {
	code   int
	header http.Header
	body   string
}

// postSlack sends body to path signed with secret at ts.
func postSlack(t *testing.T, base, path, contentType, body, secret string, ts time.Time) response {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, base+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	stamp := strconv.FormatInt(ts.Unix(), 10)
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("X-Slack-Request-Timestamp", stamp)
	req.Header.Set("X-Slack-Signature", slack.Sign(secret, stamp, []byte(body)))
	return do(t, req)
}

// postDiscord sends body to /discord/interactions signed with key at ts.
func postDiscord(t *testing.T, base string, key ed25519.PrivateKey, body []byte, ts time.Time) response {
	t.Helper()
	return postDiscordAs(t, base, body, discordHeaders(key, body, ts))
}

// postDiscordAs sends body to /discord/interactions with header.
func postDiscordAs(t *testing.T, base string, body []byte, header http.Header) response {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, base+"/discord/interactions", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header = header
	return do(t, req)
}

// discordHeaders are the headers Discord sends with body, signed with key
// at ts.
func discordHeaders(key ed25519.PrivateKey, body []byte, ts time.Time) http.Header {
	stamp := strconv.FormatInt(ts.Unix(), 10)
	h := http.Header{}
	h.Set("Content-Type", "application/json")
	h.Set("X-Signature-Timestamp", stamp)
	h.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(key, append([]byte(stamp), body...))))
	return h
}

func do(t *testing.T, req *http.Request) response {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return response{code: resp.StatusCode, header: resp.Header, body: string(b)}
}

// slashBody is a slash command's form asking text; extra makes it unique.
func slashBody(text, responseURL, extra string) string {
	return url.Values{"command": {"/pariscall"}, "text": {text}, "user_id": {"U1"}, "user_name": {"asker"},
		"channel_id": {"C1"}, "team_id": {"T1"}, "response_url": {responseURL}, "trigger_id": {"1.2." + extra}}.Encode()
}

// mentionEvent is an Events API app_mention of the bot U0BOT.
func mentionEvent(eventID, text, ts string) string {
	b, _ := json.Marshal(map[string]any{
		"type": "event_callback", "team_id": "T1", "api_app_id": "A1", "event_id": eventID, "event_time": 1,
		"authorizations": []map[string]any{{"team_id": "T1", "user_id": "U0BOT", "is_bot": true}},
		"event": map[string]any{"type": "app_mention", "user": "U1", "text": "<@U0BOT> " + text,
			"ts": ts, "channel": "C1", "event_ts": ts},
	})
	return string(b)
}

// commandInteraction is a Discord APPLICATION_COMMAND for /pariscall.
func commandInteraction(id, question string) []byte {
	b, _ := json.Marshal(map[string]any{
		"id": id, "application_id": testDiscordApp, "type": 2, "token": "itoken-" + id, "version": 1,
		"guild_id": "g1", "channel_id": "c1",
		"member": map[string]any{"user": map[string]any{"id": "u1", "username": "asker"}},
		"data": map[string]any{"id": "cmd", "name": "pariscall", "type": 1,
			"options": []map[string]any{{"name": "question", "type": 3, "value": question}}},
	})
	return b
}

// newDiscordKey returns a key pair and the public key as configured.
func newDiscordKey(t *testing.T) (ed25519.PrivateKey, string) {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	return priv, hex.EncodeToString(pub)
}

// merged returns vars with more added.
func merged(maps ...map[string]string) map[string]string {
	out := map[string]string{}
	for _, m := range maps {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}

// describe names a response for failure messages.
func (r response) String() string { return fmt.Sprintf("%d %.300q", r.code, r.body) }
