package slack_test

import (
	"net/http"
	"slices"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/pariscall/pariscall/bot"
	"github.com/pariscall/pariscall/knowledge"
)

// countingEngine is the real engine, counting the questions it answers.
type countingEngine struct {
	bot.Engine
	answers atomic.Int32
}

func (e *countingEngine) Answer(q string) knowledge.Answer {
	e.answers.Add(1)
	return e.Engine.Answer(q)
}

// TestSlashCommandCache asks the same questions again with the cache on:
// each is answered by the engine once, every reply is byte for byte the
// reply an adapter without a cache sends, and every answer is still
// counted.
func TestSlashCommandCache(t *testing.T) {
	real, err := knowledge.LoadDefault()
	if err != nil {
		t.Fatal(err)
	}
	engine := &countingEngine{Engine: real}
	cached := cachedHarness(t, engine, 1<<20)
	uncached := newHarness(t, real)
	questions := []string{"who didn't sign", "principle 8", "who didn't sign", "who didn't sign", "principle 8", "", "brief"}
	for i, q := range questions {
		form := slashForm(q, "https://hooks.slack.com/commands/T1/1/x") + "&trigger_id=" + strconv.Itoa(i)
		got := cached.serve(cached.request("/slack/commands", "application/x-www-form-urlencoded", form))
		want := uncached.serve(uncached.request("/slack/commands", "application/x-www-form-urlencoded", form))
		if got.Code != http.StatusOK || got.Header().Get("Content-Type") != "application/json" {
			t.Fatalf("%q: %d %q; want 200 JSON", q, got.Code, got.Header().Get("Content-Type"))
		}
		if got.Body.String() != want.Body.String() {
			t.Errorf("%q asked again: reply differs from the uncached one\ncached:   %s\nuncached: %s", q, got.Body, want.Body)
		}
	}
	if n := engine.answers.Load(); n != 4 {
		t.Errorf("engine answered %d times for 4 distinct questions asked 7 times; want 4", n)
	}
	if got, want := cached.obs.Intents(), uncached.obs.Intents(); !slices.Equal(got, want) {
		t.Errorf("cached adapter reported intents %v; want %v, one per question asked", got, want)
	}
}

// TestSlashCommandCacheOff keeps nothing with a zero budget: every
// question goes to the engine.
func TestSlashCommandCacheOff(t *testing.T) {
	real, err := knowledge.LoadDefault()
	if err != nil {
		t.Fatal(err)
	}
	engine := &countingEngine{Engine: real}
	h := cachedHarness(t, engine, 0)
	for i := range 3 {
		form := slashForm("who didn't sign", "") + "&trigger_id=" + strconv.Itoa(i)
		if w := h.serve(h.request("/slack/commands", "application/x-www-form-urlencoded", form)); w.Code != http.StatusOK {
			t.Fatalf("status %d; want 200", w.Code)
		}
	}
	if n := engine.answers.Load(); n != 3 {
		t.Errorf("engine answered %d times; want 3 without a cache", n)
	}
}
