package discord_test

import (
	"fmt"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/pariscall/pariscall/bot/bottest"
	"github.com/pariscall/pariscall/bot/discord"
	"github.com/pariscall/pariscall/knowledge"
)

// TestInteractionCache asks the same questions again over HTTP with the
// cache on: the engine answers each question and visibility once, every
// first response is byte for byte what an adapter without a cache sends,
// follow-ups still go to each interaction's own webhook, and every answer
// is counted.
func TestInteractionCache(t *testing.T) {
	t.Parallel()
	f := newFakeDiscord(t)
	var answers atomic.Int32
	long := longOrSampleEngine()
	eng := &fakeEngine{AnswerFunc: func(q string) knowledge.Answer {
		answers.Add(1)
		return long.Answer(q)
	}}
	cached := newCachedHTTPBot(t, eng, f.srv.URL, 1<<20)
	uncached := newHTTPBot(t, longOrSampleEngine(), "http://127.0.0.1:1")
	asks := []struct {
		question  string
		ephemeral bool
	}{
		{"who didn't sign", true}, {"who didn't sign", true}, {"who didn't sign", false},
		{"everything", false}, {"who didn't sign", true}, {"everything", false},
	}
	for n, ask := range asks {
		token := fmt.Sprintf("ctok%d", n)
		body := mustJSON(t, commandInteraction(fmt.Sprint(n), token, ask.question, ask.ephemeral))
		got := cached.do(signed(cached.key, fixedClock(), body))
		want := uncached.do(signed(uncached.key, fixedClock(), body))
		if got.Code != http.StatusOK || got.Header().Get("Content-Type") != "application/json" {
			t.Fatalf("ask %d: %d %q; want 200 JSON", n, got.Code, got.Header().Get("Content-Type"))
		}
		if got.Body.String() != want.Body.String() {
			t.Errorf("ask %d (%q): first response differs from the uncached one\ncached:   %s\nuncached: %s", n, ask.question, got.Body, want.Body)
		}
	}
	if n := answers.Load(); n != 3 {
		t.Errorf("engine answered %d times; want 3 (two visibilities of one question, and one more question)", n)
	}
	followups := len(discord.Render(longAnswer("everything", 40, 600))) - 1
	for _, token := range []string{"ctok3", "ctok5"} {
		for _, c := range f.waitCalls(t, followups, "POST", "/api/v9/webhooks/"+appID+"/"+token) {
			checkNoMentions(t, c.Body)
		}
	}
	bottest.WaitFor(t, "every answer observed", func() bool { n, _, _ := cached.obs.Counts(); return n == len(asks) })
}
