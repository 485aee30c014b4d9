package slack_test

import (
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pariscall/pariscall/bot/bottest"
	"github.com/pariscall/pariscall/knowledge"
)

// sendEvent posts an Events API body, optionally marked as Slack's retry n.
func (h *harness) sendEvent(t *testing.T, body string, retry string) {
	t.Helper()
	r := h.request("/slack/events", "application/json", body)
	if retry != "" {
		r.Header.Set("X-Slack-Retry-Num", retry)
		r.Header.Set("X-Slack-Retry-Reason", "http_timeout")
	}
	if w := h.serve(r); w.Code != http.StatusOK {
		t.Fatalf("POST /slack/events = %d %q; want 200", w.Code, w.Body)
	}
}

func TestEventsAnswered(t *testing.T) {
	tests := []struct {
		name        string
		inner       map[string]any
		wantChannel string
		wantThread  string
		wantAsked   string
	}{
		{"mention starts a thread", mention("<@UBOT> who didn't sign?", "100.1", ""), "C1", "100.1", "who didn't sign?"},
		{"mention inside a thread", mention("<@UBOT|pariscall> principle 8", "100.2", "99.9"), "C1", "99.9", "principle 8"},
		{"mention mid-sentence", mention("hey <@UBOT> did AT&amp;T sign", "100.3", ""), "C1", "100.3", "hey did AT&T sign"},
		{"bare mention asks for help", mention("<@UBOT>", "100.4", ""), "C1", "100.4", "help"},
		{"direct message", directMessage("who signed &lt;!channel&gt;", nil), "D1", "", "who signed <!channel>"},
		{"direct message in a thread", directMessage("brief", map[string]any{"thread_ts": "0.5"}), "D1", "0.5", "brief"},
	}
	for _, tt := range tests {
		var asked atomic.Value
		h := newHarness(t, &fakeEngine{AnswerFunc: func(q string) knowledge.Answer { asked.Store(q); return notSigned() }})
		h.sendEvent(t, eventBody("Ev-"+tt.name, tt.inner), "")
		bottest.WaitFor(t, tt.name+" post", func() bool { p, _, _ := h.slack.snapshot(); return len(p) > 0 })
		posts, _, _ := h.slack.snapshot()
		if got := posts[0]; got.Channel != tt.wantChannel || got.Thread != tt.wantThread {
			t.Errorf("%s: posted to %s thread %q; want %s thread %q", tt.name, got.Channel, got.Thread, tt.wantChannel, tt.wantThread)
		}
		if got := asked.Load(); got != tt.wantAsked {
			t.Errorf("%s: asked the engine %q; want %q", tt.name, got, tt.wantAsked)
		}
		if !strings.HasPrefix(posts[0].Text, "Who didn’t sign the Paris Call") {
			t.Errorf("%s: fallback text = %q; want the title first", tt.name, posts[0].Text)
		}
	}
}

func TestEventsIgnored(t *testing.T) {
	tests := []struct {
		name  string
		inner map[string]any
	}{
		{"own message", directMessage("hello", map[string]any{"user": botUser})},
		{"bot message", directMessage("hello", map[string]any{"bot_id": "B1"})},
		{"bot_message subtype", directMessage("hello", map[string]any{"subtype": "bot_message"})},
		{"edit", directMessage("", map[string]any{"subtype": "message_changed", "message": map[string]any{"text": "who signed", "user": "U1"}})},
		{"deletion", directMessage("", map[string]any{"subtype": "message_deleted"})},
		{"channel message", directMessage("who signed", map[string]any{"channel_type": "channel"})},
		{"edited mention", func() map[string]any {
			m := mention("<@UBOT> who signed", "1.1", "")
			m["edited"] = map[string]any{"user": "U1", "ts": "1.2"}
			return m
		}()},
		{"mention by a bot", func() map[string]any { m := mention("<@UBOT> hi", "1.1", ""); m["bot_id"] = "B2"; return m }()},
		{"mention by itself", func() map[string]any { m := mention("<@UBOT> hi", "1.1", ""); m["user"] = botUser; return m }()},
		{"other event", map[string]any{"type": "reaction_added", "user": "U1", "reaction": "eyes"}},
		{"unknown event", map[string]any{"type": "made_up_event"}},
	}
	for _, tt := range tests {
		var asked atomic.Int32
		h := newHarness(t, &fakeEngine{AnswerFunc: func(string) knowledge.Answer { asked.Add(1); return notSigned() }})
		h.sendEvent(t, eventBody("Ev-"+tt.name, tt.inner), "")
		settle()
		if posts, _, _ := h.slack.snapshot(); len(posts) != 0 || asked.Load() != 0 {
			t.Errorf("%s: %d posts, engine asked %d times; want none", tt.name, len(posts), asked.Load())
		}
	}
}

func TestRetriedAndDuplicatedEventsPostOnce(t *testing.T) {
	h := newHarness(t, scriptedEngine(notSigned()))
	body := eventBody("Ev42", mention("<@UBOT> who didn't sign", "100.1", ""))
	h.sendEvent(t, body, "")
	h.clock.Add(time.Second) // a new timestamp, so the signature differs
	h.sendEvent(t, body, "1")
	h.clock.Add(time.Minute)
	h.sendEvent(t, body, "2")
	h.sendEvent(t, body, "") // an exact duplicate delivery
	bottest.WaitFor(t, "a post", func() bool { p, _, _ := h.slack.snapshot(); return len(p) > 0 })
	settle()
	if posts, _, _ := h.slack.snapshot(); len(posts) != 1 {
		t.Errorf("one event delivered four times gave %d posts; want 1", len(posts))
	}
	h.clock.Add(2 * time.Hour) // long after; a new event id is answered
	h.sendEvent(t, eventBody("Ev43", mention("<@UBOT> who didn't sign", "100.2", "")), "")
	bottest.WaitFor(t, "a second post", func() bool { p, _, _ := h.slack.snapshot(); return len(p) == 2 })
}

func TestPostFailures(t *testing.T) {
	tests := []struct {
		name      string
		failures  []string
		wantPosts int
		wantErrs  int
	}{
		{"429 then success", []string{"429"}, 1, 0},
		{"two 429s then success", []string{"429", "429"}, 1, 0},
		{"429 three times gives up", []string{"429", "429", "429"}, 0, 1},
		{"server error", []string{"500"}, 0, 1},
		{"slack error", []string{"channel_not_found"}, 0, 1},
	}
	for _, tt := range tests {
		h := newHarness(t, scriptedEngine(notSigned()))
		h.slack.fail(tt.failures...)
		h.sendEvent(t, eventBody("Ev1", mention("<@UBOT> who didn't sign", "1.1", "")), "")
		bottest.WaitFor(t, tt.name, func() bool {
			p, _, _ := h.slack.snapshot()
			_, _, e := h.obs.Counts()
			return len(p) == tt.wantPosts && e == tt.wantErrs && (tt.wantPosts > 0 || e > 0)
		})
		settle()
		posts, _, _ := h.slack.snapshot()
		_, _, apiErrs := h.obs.Counts()
		if len(posts) != tt.wantPosts || apiErrs != tt.wantErrs {
			t.Errorf("%s: %d posts, %d API errors; want %d and %d", tt.name, len(posts), apiErrs, tt.wantPosts, tt.wantErrs)
		}
	}
}

func TestLongAnswerContinuesInThread(t *testing.T) {
	h := newHarness(t, scriptedEngine(manyCitations(40)))
	h.sendEvent(t, eventBody("Ev1", mention("<@UBOT> brief", "7.7", "")), "")
	bottest.WaitFor(t, "posts", func() bool { p, _, _ := h.slack.snapshot(); return len(p) == 2 })
	settle()
	posts, _, _ := h.slack.snapshot()
	if len(posts) != 2 {
		t.Fatalf("40 citations took %d messages; want 2", len(posts))
	}
	quotes := 0
	for i, p := range posts {
		if p.Thread != "7.7" || len(p.Blocks) > 50 {
			t.Errorf("message %d: thread %q, %d blocks; want thread 7.7 and at most 50 blocks", i, p.Thread, len(p.Blocks))
		}
		quotes += strings.Count(strings.Join(texts(p.Blocks), "\n"), "> Quote number")
	}
	if quotes != 40 {
		t.Errorf("the messages hold %d quotes; want all 40", quotes)
	}
	if !strings.Contains(posts[1].Text, "(continued)") {
		t.Errorf("second message text = %q; want it marked as continued", posts[1].Text)
	}
}

func TestHalfPostedAnswerIsDeleted(t *testing.T) {
	h := newHarness(t, scriptedEngine(manyCitations(40)))
	h.slack.fail("ok", "500") // the first page posts, the second fails
	h.sendEvent(t, eventBody("Ev1", mention("<@UBOT> brief", "7.7", "")), "")
	bottest.WaitFor(t, "the delete", func() bool { _, d, _ := h.slack.snapshot(); return len(d) == 1 })
	posts, deletes, _ := h.slack.snapshot()
	if len(posts) != 1 || deletes[0] != "1700000000.1" {
		t.Errorf("second page failed: %d posts, deleted %v; want the first page (1700000000.1) deleted", len(posts), deletes)
	}
	if _, _, apiErrs := h.obs.Counts(); apiErrs != 1 {
		t.Errorf("second page failed: %d API errors; want 1", apiErrs)
	}
}
