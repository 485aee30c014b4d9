package slack_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pariscall/pariscall/bot/bottest"
	"github.com/pariscall/pariscall/knowledge"
)

// validBodies are well-formed requests for each endpoint.
func validBodies(responseURL string) map[string]string {
	payload, _ := json.Marshal(map[string]any{
		"type": "block_actions", "user": map[string]any{"id": "U1", "name": "roadrunner"},
		"response_url": responseURL, "trigger_id": "1.2",
		"actions": []map[string]any{{"type": "button", "action_id": "pariscall_post", "block_id": "b", "value": "who didn't sign", "action_ts": "1.3"}},
	})
	return map[string]string{
		"/slack/commands":     slashForm("who didn't sign", ""),
		"/slack/events":       eventBody("Ev1", mention("<@UBOT> who didn't sign", "1.1", "")),
		"/slack/interactions": url.Values{"payload": {string(payload)}}.Encode(),
	}
}

func TestSignatureChecks(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(h *harness, r *http.Request)
		status int
	}{
		{"good", func(*harness, *http.Request) {}, http.StatusOK},
		{"bad signature", func(_ *harness, r *http.Request) {
			sig := r.Header.Get("X-Slack-Signature")
			last := "0"
			if strings.HasSuffix(sig, "0") {
				last = "1"
			}
			r.Header.Set("X-Slack-Signature", sig[:len(sig)-1]+last)
		}, http.StatusUnauthorized},
		{"signed with another secret", func(_ *harness, r *http.Request) {
			r.Header.Set("X-Slack-Signature", hmacSig("other", r.Header.Get("X-Slack-Request-Timestamp"), ""))
		}, http.StatusUnauthorized},
		{"stale", func(h *harness, _ *http.Request) { h.clock.Add(5*time.Minute + time.Second) }, http.StatusUnauthorized},
		{"from the future", func(h *harness, _ *http.Request) { h.clock.Add(-6 * time.Minute) }, http.StatusUnauthorized},
		{"missing signature", func(_ *harness, r *http.Request) { r.Header.Del("X-Slack-Signature") }, http.StatusUnauthorized},
		{"missing timestamp", func(_ *harness, r *http.Request) { r.Header.Del("X-Slack-Request-Timestamp") }, http.StatusUnauthorized},
	}
	for _, tt := range tests {
		for _, path := range []string{"/slack/commands", "/slack/events", "/slack/interactions"} {
			var asked atomic.Int32
			h := newHarness(t, &fakeEngine{AnswerFunc: func(q string) knowledge.Answer { asked.Add(1); return notSigned() }})
			body := validBodies(h.slack.srv.URL + "/hooks/x")[path]
			r := h.request(path, "application/x-www-form-urlencoded", body)
			tt.mutate(h, r)
			w := h.serve(r)
			if w.Code != tt.status {
				t.Errorf("%s: POST %s = %d; want %d", tt.name, path, w.Code, tt.status)
			}
			_, rejected, _ := h.obs.Counts()
			if wantRejected := btoi(tt.status == http.StatusUnauthorized); rejected != wantRejected {
				t.Errorf("%s: POST %s: SignatureRejected called %d times; want %d", tt.name, path, rejected, wantRejected)
			}
			if tt.status == http.StatusOK && path != "/slack/commands" {
				bottest.WaitFor(t, "an answer", func() bool { return asked.Load() == 1 })
			}
			if tt.status == http.StatusUnauthorized && (asked.Load() != 0 || strings.Contains(w.Body.String(), "blocks")) {
				t.Errorf("%s: POST %s was answered (engine asked %d times, body %q)", tt.name, path, asked.Load(), w.Body)
			}
		}
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestOversizedBody(t *testing.T) {
	h := newHarness(t, scriptedEngine(notSigned()))
	body := slashForm(strings.Repeat("a", 300<<10), "")
	if w := h.serve(h.request("/slack/commands", "application/x-www-form-urlencoded", body)); w.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("POST /slack/commands with a 300 KiB body = %d; want %d", w.Code, http.StatusRequestEntityTooLarge)
	}
}

func TestWrongMethodAndPath(t *testing.T) {
	h := newHarness(t, scriptedEngine(notSigned()))
	for _, r := range []*http.Request{
		func() *http.Request { r := h.request("/slack/commands", "", ""); r.Method = http.MethodGet; return r }(),
		h.request("/slack/other", "", ""),
	} {
		if w := h.serve(r); w.Code != http.StatusMethodNotAllowed && w.Code != http.StatusNotFound {
			t.Errorf("%s %s = %d; want 404 or 405", r.Method, r.URL.Path, w.Code)
		}
	}
}

func TestReplayIsNotAnsweredTwice(t *testing.T) {
	asked := 0
	h := newHarness(t, &fakeEngine{AnswerFunc: func(string) knowledge.Answer { asked++; return notSigned() }})
	body := slashForm("who didn't sign", "")
	first := h.request("/slack/commands", "application/x-www-form-urlencoded", body)
	replay := h.request("/slack/commands", "application/x-www-form-urlencoded", body)
	h.serve(first)
	h.clock.Add(time.Minute)
	w := h.serve(replay)
	if asked != 1 || strings.Contains(w.Body.String(), "blocks") {
		t.Errorf("replayed slash command: engine asked %d times, replay got %q; want 1 answer and an empty reply", asked, w.Body)
	}
}

// slashResponse decodes a slash command's JSON reply.
type slashResponse struct {
	ResponseType string           `json:"response_type"`
	Text         string           `json:"text"`
	Blocks       []map[string]any `json:"blocks"`
}

func TestSlashCommand(t *testing.T) {
	tests := []struct {
		text       string
		wantAsked  string
		wantEcho   string // in the first block's JSON
		wantButton bool
	}{
		{"who didn't sign", "who didn't sign", "who didn't sign", true},
		{"  <!channel> who didn&#39;t sign &amp; why <@U123> <https://evil|click>", "<!channel> who didn&#39;t sign & why <@U123> <https://evil|click>",
			"&lt;!channel&gt; who didn&amp;#39;t sign &amp; why &lt;@U123&gt; &lt;https://evil|click&gt;", true},
		{"", "help", "", false},
		{"help", "help", "help", false},
	}
	for _, tt := range tests {
		var asked string
		h := newHarness(t, &fakeEngine{AnswerFunc: func(q string) knowledge.Answer {
			asked = q
			if q == "help" {
				return knowledge.Answer{Query: q, Intent: knowledge.IntentHelp, Title: "What I can answer", Text: "brief — A team briefing."}
			}
			return notSigned()
		}})
		w := h.serve(h.request("/slack/commands", "application/x-www-form-urlencoded", slashForm(tt.text, "")))
		if w.Code != http.StatusOK || w.Header().Get("Content-Type") != "application/json" {
			t.Fatalf("/pariscall %q = %d %q; want 200 application/json", tt.text, w.Code, w.Header().Get("Content-Type"))
		}
		var got slashResponse
		if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
			t.Fatalf("/pariscall %q: reply is not JSON: %v", tt.text, err)
		}
		if asked != tt.wantAsked {
			t.Errorf("/pariscall %q asked the engine %q; want %q", tt.text, asked, tt.wantAsked)
		}
		if got.ResponseType != "ephemeral" {
			t.Errorf("/pariscall %q: response_type = %q; want ephemeral", tt.text, got.ResponseType)
		}
		first := strings.Join(texts(got.Blocks[0]), "\n")
		if tt.wantEcho != "" && first != "*You asked:* "+tt.wantEcho {
			t.Errorf("/pariscall %q: first block says %q; want it to repeat %q", tt.text, first, tt.wantEcho)
		}
		if tt.wantEcho == "" && strings.Contains(first, "You asked") {
			t.Errorf("/pariscall %q: first block says %q; want no echo", tt.text, first)
		}
		if hasButton := strings.Contains(w.Body.String(), `"pariscall_post"`); hasButton != tt.wantButton {
			t.Errorf("/pariscall %q: has Post to channel button = %v; want %v", tt.text, hasButton, tt.wantButton)
		}
		checkNoMarkup(t, "/pariscall "+tt.text, w.Body.String())
		if n, _, _ := h.obs.Counts(); n != 1 {
			t.Errorf("/pariscall %q: Answered called %d times; want 1", tt.text, n)
		}
	}
}

// texts collects every "text" string in decoded JSON, in order.
func texts(v any) []string {
	var out []string
	switch v := v.(type) {
	case map[string]any:
		if s, ok := v["text"].(string); ok {
			out = append(out, s)
		}
		for _, k := range []string{"text", "elements", "blocks"} {
			if e, ok := v[k]; ok {
				out = append(out, texts(e)...)
			}
		}
	case []map[string]any:
		for _, e := range v {
			out = append(out, texts(e)...)
		}
	case []any:
		for _, e := range v {
			out = append(out, texts(e)...)
		}
	}
	return out
}

// checkNoMarkup fails if rendered JSON holds markup that could ping or link,
// other than links to the corpus's own sources. Button values are never
// shown, so they may hold the question as typed.
func checkNoMarkup(t *testing.T, what, rendered string) {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(rendered), &v); err != nil {
		t.Fatalf("%s: not JSON: %v", what, err)
	}
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, e := range v {
				if k != "value" {
					walk(e)
				}
			}
		case []any:
			for _, e := range v {
				walk(e)
			}
		case string:
			for _, bad := range []string{"<!", "<@", "<#", "<https://evil"} {
				if strings.Contains(v, bad) {
					t.Errorf("%s: text %q contains markup %q", what, v, bad)
				}
			}
		}
	}
	walk(v)
}

func TestSlashCommandWrongCommand(t *testing.T) {
	h := newHarness(t, scriptedEngine(notSigned()))
	body := strings.Replace(slashForm("x", ""), "%2Fpariscall", "%2Fother", 1)
	w := h.serve(h.request("/slack/commands", "application/x-www-form-urlencoded", body))
	if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), "only answers /pariscall") {
		t.Errorf("/other = %d %s; want a polite refusal", w.Code, w.Body)
	}
}

func TestSSLCheck(t *testing.T) {
	var asked atomic.Int32
	h := newHarness(t, &fakeEngine{AnswerFunc: func(string) knowledge.Answer { asked.Add(1); return notSigned() }})
	w := h.serve(h.request("/slack/commands", "application/x-www-form-urlencoded", "ssl_check=1&token=x"))
	if w.Code != http.StatusOK || w.Body.Len() != 0 || asked.Load() != 0 {
		t.Errorf("ssl_check = %d %q, engine asked %d times; want an empty 200 and no question", w.Code, w.Body, asked.Load())
	}
}

func TestURLVerification(t *testing.T) {
	h := newHarness(t, scriptedEngine(notSigned()))
	body := `{"token":"t","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}`
	w := h.serve(h.request("/slack/events", "application/json", body))
	var got map[string]string
	_ = json.Unmarshal(w.Body.Bytes(), &got)
	if w.Code != http.StatusOK || got["challenge"] != "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" {
		t.Errorf("url_verification = %d %s; want 200 and the challenge", w.Code, w.Body)
	}
}

func TestMalformedBodies(t *testing.T) {
	h := newHarness(t, scriptedEngine(notSigned()))
	tests := []struct{ path, ctype, body string }{
		{"/slack/events", "application/json", "{not json"},
		{"/slack/interactions", "application/x-www-form-urlencoded", "payload=%7Bnot+json"},
		{"/slack/commands", "application/x-www-form-urlencoded", "%zz"},
	}
	for _, tt := range tests {
		if w := h.serve(h.request(tt.path, tt.ctype, tt.body)); w.Code != http.StatusBadRequest {
			t.Errorf("POST %s %q = %d; want 400", tt.path, tt.body, w.Code)
		}
	}
}

func TestButtonRepostsInChannel(t *testing.T) {
	h := newHarness(t, scriptedEngine(notSigned()))
	payload, _ := json.Marshal(map[string]any{
		"type": "block_actions", "user": map[string]any{"id": "U1", "name": "road<runner>"},
		"response_url": h.slack.srv.URL + "/hooks/abc", "trigger_id": "1.2",
		"actions": []map[string]any{{"type": "button", "action_id": "pariscall_post", "block_id": "b", "value": "who didn't sign <!here>", "action_ts": "1.3"}},
	})
	w := h.serve(h.request("/slack/interactions", "application/x-www-form-urlencoded", url.Values{"payload": {string(payload)}}.Encode()))
	if w.Code != http.StatusOK || w.Body.Len() != 0 {
		t.Fatalf("button click = %d %q; want an empty 200", w.Code, w.Body)
	}
	bottest.WaitFor(t, "response_url post", func() bool { _, _, r := h.slack.snapshot(); return len(r) == 1 })
	settle()
	_, _, responses := h.slack.snapshot()
	got := responses[0]
	if len(responses) != 1 || got["response_type"] != "in_channel" {
		t.Fatalf("response_url got %d posts, first %v; want 1 in_channel", len(responses), got)
	}
	raw, _ := json.Marshal(got)
	if first := texts(got["blocks"])[0]; first != "*road&lt;runner&gt; asked:* who didn't sign &lt;!here&gt;" {
		t.Errorf("in_channel post starts %q; want it to name the asker and repeat the question, escaped", first)
	}
	if strings.Contains(string(raw), "pariscall_post") {
		t.Errorf("in_channel post = %s; want no Post to channel button", raw)
	}
	checkNoMarkup(t, "in_channel post", string(raw))
}

func TestStatusHTTPMode(t *testing.T) {
	h := newHarness(t, scriptedEngine(notSigned()))
	if st := h.adapter.Status(); !st.Ready {
		t.Errorf("Status() after Mount = %+v; want ready", st)
	}
	if got := h.adapter.Platform(); got != "slack" {
		t.Errorf("Platform() = %q; want slack", got)
	}
}

func TestTimestampHeaderMatchesClock(t *testing.T) {
	h := newHarness(t, scriptedEngine(notSigned()))
	r := h.request("/slack/commands", "application/x-www-form-urlencoded", "")
	if got, want := r.Header.Get("X-Slack-Request-Timestamp"), strconv.FormatInt(h.clock.Now().Unix(), 10); got != want {
		t.Fatalf("helper timestamp = %s; want %s", got, want)
	}
}
