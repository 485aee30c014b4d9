package slack_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	goslack "github.com/slack-go/slack"

	"github.com/pariscall/pariscall/knowledge"
)

// echoEngine puts the question into every field the renderer shows, so
// fuzzed text reaches the escaping and splitting code.
func echoEngine() *fakeEngine {
	return &fakeEngine{AnswerFunc: func(q string) knowledge.Answer {
		a := notSigned()
		a.Query, a.Title, a.Text, a.AsOf = q, q, q, q
		a.Notes = []string{q}
		a.Suggestions = []string{q}
		a.Citations[0].Quote, a.Citations[0].Speaker, a.Citations[0].Title = q, q, q
		return a
	}}
}

// quietAPI accepts every post without a network.
func quietAPI() *fakeWebAPI {
	return &fakeWebAPI{
		PostMessageFunc: func(context.Context, string, ...goslack.MsgOption) (string, string, error) {
			return "C1", "1.1", nil
		},
		DeleteMessageFunc: func(context.Context, string, string) (string, string, error) { return "C1", "1.1", nil },
	}
}

func FuzzSlashCommand(f *testing.F) {
	f.Add(slashForm("who didn't sign", ""))
	f.Add(slashForm("<!channel> <@U123> <https://evil|click> & done", ""))
	f.Add(slashForm(strings.Repeat("&<>🙂 ", 700), ""))
	f.Add("text=%zz&command=%2Fpariscall")
	h := newHarness(f, echoEngine())
	h.adapter.SetWebAPI(quietAPI())
	f.Fuzz(func(t *testing.T, body string) {
		w := h.serve(h.request("/slack/commands", "application/x-www-form-urlencoded", body))
		switch w.Code {
		case http.StatusOK:
			if w.Body.Len() == 0 {
				return // a replay of an earlier input
			}
			var got slashResponse
			if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
				t.Fatalf("reply is not JSON: %v", err)
			}
			checkLimits(t, "fuzzed slash command", got.Blocks)
			for _, s := range texts(got.Blocks) {
				if strings.Contains(strings.ReplaceAll(s, "<https://example.org/", ""), "<") {
					t.Fatalf("unescaped markup in %q", s)
				}
			}
		case http.StatusBadRequest, http.StatusRequestEntityTooLarge:
		default:
			t.Fatalf("POST /slack/commands = %d", w.Code)
		}
	})
}

func FuzzEvents(f *testing.F) {
	f.Add(eventBody("Ev1", mention("<@UBOT> who didn't sign", "1.1", "")))
	f.Add(eventBody("Ev2", directMessage("brief &lt;!here&gt;", nil)))
	f.Add(eventBody("Ev3", directMessage("", map[string]any{"subtype": "message_changed", "message": map[string]any{"text": "x"}})))
	f.Add(`{"type":"url_verification","challenge":"abc"}`)
	f.Add(`{"type":"event_callback","event":null}`)
	f.Add(`{"type":"event_callback","event":{"type":"app_mention","text":"<@","user":"U1","channel":"C1"}}`)
	f.Add(`[1,2,3]`)
	h := newHarness(f, echoEngine())
	h.adapter.SetWebAPI(quietAPI())
	f.Fuzz(func(t *testing.T, body string) {
		w := h.serve(h.request("/slack/events", "application/json", body))
		if w.Code != http.StatusOK && w.Code != http.StatusBadRequest && w.Code != http.StatusRequestEntityTooLarge {
			t.Fatalf("POST /slack/events = %d", w.Code)
		}
	})
}
