package discord_test

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/pariscall/pariscall/bot/discord"
	"github.com/pariscall/pariscall/knowledge"
)

func realEngine(b *testing.B) *knowledge.Engine {
	b.Helper()
	e, err := knowledge.LoadDefault()
	if err != nil {
		b.Fatalf("knowledge.LoadDefault: %v", err)
	}
	return e
}

// BenchmarkRender turns the real engine's longest answer, the briefing,
// into embeds.
func BenchmarkRender(b *testing.B) {
	a := realEngine(b).Answer("brief")
	b.ReportAllocs()
	for b.Loop() {
		discord.Render(a)
	}
}

// BenchmarkInteractionHTTP serves one signed /pariscall command per
// iteration: read, verify the Ed25519 signature, decode, answer with the
// real engine, render and encode.
func BenchmarkInteractionHTTP(b *testing.B) {
	benchInteraction(b, 0)
}

// BenchmarkInteractionHTTPCached is BenchmarkInteractionHTTP with the
// answer cache on, as `pariscall serve` runs by default: after the first
// request the reply comes from the cache.
func BenchmarkInteractionHTTPCached(b *testing.B) {
	benchInteraction(b, 4<<20)
}

func benchInteraction(b *testing.B, cache int) {
	e := realEngine(b)
	bot := newCachedHTTPBot(b, &fakeEngine{AnswerFunc: e.Answer, CompleteFunc: e.Complete}, "http://127.0.0.1:1", cache)
	body := mustJSON(b, commandInteraction("b1", "btok", "principle 8", false))
	req := signed(bot.key, fixedClock(), body)
	b.ReportAllocs()
	for b.Loop() {
		req.Body = io.NopCloser(bytes.NewReader(body))
		w := httptest.NewRecorder()
		bot.mux.ServeHTTP(w, req)
		if w.Code != http.StatusOK {
			b.Fatalf("status %d", w.Code)
		}
	}
}
