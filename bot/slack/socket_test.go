package slack_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pariscall/pariscall/bot/bottest"

	"github.com/gorilla/websocket"

	"github.com/pariscall/pariscall/bot/slack"
	"github.com/pariscall/pariscall/knowledge"
)

const testAppToken = "xapp-test-token"

// socketServer speaks Slack's Socket Mode protocol on fakeSlack:
// apps.connections.open hands out a WebSocket URL, the socket says hello,
// then carries the envelopes a test sends and returns the client's acks.
type socketServer struct {
	toClient chan string
	acks     chan map[string]any
}

func newSocketServer(t *testing.T, f *fakeSlack) *socketServer {
	s := &socketServer{toClient: make(chan string, 16), acks: make(chan map[string]any, 16)}
	f.mux.HandleFunc("POST /api/apps.connections.open", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer "+testAppToken {
			writeJSONBody(w, map[string]any{"ok": false, "error": "invalid_auth"})
			return
		}
		writeJSONBody(w, map[string]any{"ok": true, "url": "ws" + strings.TrimPrefix(f.srv.URL, "http") + "/ws"})
	})
	f.mux.HandleFunc("GET /ws", s.serveWS)
	return s
}

func (s *socketServer) serveWS(w http.ResponseWriter, r *http.Request) {
	// Slack's client sends Origin https://api.slack.com.
	upgrader := websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}
	c, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	defer c.Close()
	done := make(chan struct{})
	defer close(done)
	_ = c.WriteJSON(map[string]any{"type": "hello", "num_connections": 1, "connection_info": map[string]any{"app_id": "A1"}})
	go func() {
		for {
			select {
			case msg := <-s.toClient:
				if c.WriteMessage(websocket.TextMessage, []byte(msg)) != nil {
					return
				}
			case <-done:
				return
			}
		}
	}()
	for {
		var ack map[string]any
		if err := c.ReadJSON(&ack); err != nil {
			return
		}
		s.acks <- ack
	}
}

// send delivers an envelope and returns the client's ack.
func (s *socketServer) send(t *testing.T, envelope map[string]any) map[string]any {
	t.Helper()
	b, _ := json.Marshal(envelope)
	s.toClient <- string(b)
	select {
	case ack := <-s.acks:
		if ack["envelope_id"] != envelope["envelope_id"] {
			t.Fatalf("ack for %v; want %v", ack["envelope_id"], envelope["envelope_id"])
		}
		return ack
	case <-time.After(5 * time.Second):
		t.Fatalf("no ack for envelope %v", envelope["envelope_id"])
	}
	return nil
}

// socketHarness is a Socket Mode adapter running against fake Slack.
type socketHarness struct {
	adapter *slack.Adapter
	slack   *fakeSlack
	sock    *socketServer
	obs     *bottest.Observer
	stop    func() error // cancels Run and returns its error
}

func startSocket(t *testing.T, engine *fakeEngine) *socketHarness {
	t.Helper()
	h := &socketHarness{slack: newFakeSlack(t), obs: &bottest.Observer{}}
	h.sock = newSocketServer(t, h.slack)
	a, err := slack.New(slack.Options{
		BotToken: testToken, AppToken: testAppToken, APIURL: h.slack.apiURL(), Observer: h.obs,
		Engine: engine, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	h.adapter = a
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx) }()
	h.stop = func() error {
		cancel()
		select {
		case err := <-done:
			return err
		case <-time.After(5 * time.Second):
			t.Fatal("Run did not return after cancel")
		}
		return nil
	}
	t.Cleanup(func() { cancel() })
	bottest.WaitFor(t, "socket mode connected", func() bool { return a.Status().Ready })
	return h
}

func TestSocketModeSlashCommand(t *testing.T) {
	h := startSocket(t, scriptedEngine(notSigned()))
	ack := h.sock.send(t, map[string]any{"envelope_id": "E1", "type": "slash_commands", "accepts_response_payload": true,
		"payload": map[string]any{"command": "/pariscall", "text": "who didn't sign <!channel>", "user_id": "U1", "channel_id": "C1", "response_url": h.slack.srv.URL + "/hooks/1"}})
	payload, _ := ack["payload"].(map[string]any)
	if payload["response_type"] != "ephemeral" || !strings.Contains(strings.Join(texts(payload["blocks"]), "\n"), "*You asked:* who didn't sign &lt;!channel&gt;") {
		t.Errorf("slash command ack payload = %v; want an ephemeral answer repeating the escaped question", payload)
	}
	if err := h.stop(); err != nil {
		t.Errorf("Run() after cancel = %v; want nil", err)
	}
	if h.adapter.Status().Ready {
		t.Errorf("Status() after Run returned = %+v; want not ready", h.adapter.Status())
	}
}

func TestSocketModeEventsAndClicks(t *testing.T) {
	h := startSocket(t, scriptedEngine(notSigned()))
	event := map[string]any{"envelope_id": "E2", "type": "events_api", "accepts_response_payload": false,
		"payload": json.RawMessage(eventBody("Ev9", mention("<@UBOT> who didn't sign", "5.5", "")))}
	if ack := h.sock.send(t, event); ack["payload"] != nil {
		t.Errorf("events_api ack = %v; want no payload", ack)
	}
	event["envelope_id"], event["retry_attempt"], event["retry_reason"] = "E3", 1, "timeout"
	h.sock.send(t, event)
	bottest.WaitFor(t, "the mention's answer", func() bool { p, _, _ := h.slack.snapshot(); return len(p) == 1 })

	click, _ := json.Marshal(map[string]any{"type": "block_actions", "user": map[string]any{"id": "U1", "name": "roadrunner"},
		"response_url": h.slack.srv.URL + "/hooks/2", "actions": []map[string]any{{"type": "button", "block_id": "b1", "action_id": "pariscall_post", "value": "who didn't sign"}}})
	h.sock.send(t, map[string]any{"envelope_id": "E4", "type": "interactive", "payload": json.RawMessage(click)})
	bottest.WaitFor(t, "the in_channel post", func() bool { _, _, r := h.slack.snapshot(); return len(r) == 1 })

	settle()
	posts, _, responses := h.slack.snapshot()
	if len(posts) != 1 || posts[0].Thread != "5.5" {
		t.Errorf("Socket Mode mention, then its retry: %d posts (%+v); want 1 in thread 5.5", len(posts), posts)
	}
	if len(responses) != 1 || responses[0]["response_type"] != "in_channel" {
		t.Errorf("Socket Mode button click: response_url got %v; want one in_channel post", responses)
	}
	if n, _, _ := h.obs.Counts(); n != 2 {
		t.Errorf("Answered called %d times; want 2 (mention, click)", n)
	}
}

func TestSocketModeBigAnswerGoesThroughResponseURL(t *testing.T) {
	big := manyCitations(40)
	for i := range big.Citations {
		big.Citations[i].Quote = strings.Repeat("A long quoted sentence. ", 40)
	}
	h := startSocket(t, scriptedEngine(big))
	ack := h.sock.send(t, map[string]any{"envelope_id": "E1", "type": "slash_commands", "accepts_response_payload": true,
		"payload": map[string]any{"command": "/pariscall", "text": "brief", "response_url": h.slack.srv.URL + "/hooks/1"}})
	if ack["payload"] != nil {
		t.Errorf("ack of a >20 KB answer carries a payload; want an empty ack")
	}
	bottest.WaitFor(t, "the response_url post", func() bool { _, _, r := h.slack.snapshot(); return len(r) == 1 })
	if _, _, r := h.slack.snapshot(); r[0]["response_type"] != "ephemeral" {
		t.Errorf("big answer posted as %v; want ephemeral", r[0]["response_type"])
	}
}

func TestSocketModeBadToken(t *testing.T) {
	f := newFakeSlack(t)
	newSocketServer(t, f)
	a, err := slack.New(slack.Options{BotToken: testToken, AppToken: "xapp-wrong", APIURL: f.apiURL(),
		Engine: scriptedEngine(knowledge.Answer{})})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := a.Run(ctx); err == nil || ctx.Err() != nil {
		t.Errorf("Run() with a refused app token = %v (ctx %v); want an error at once", err, ctx.Err())
	}
	if st := a.Status(); st.Ready {
		t.Errorf("Status() = %+v; want not ready", st)
	}
}
