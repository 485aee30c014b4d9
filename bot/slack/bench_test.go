package slack_test

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/pariscall/pariscall/bot"
	"github.com/pariscall/pariscall/knowledge"
)

// BenchmarkSlashCommand measures one slash command request end to end with
// the real engine: signature check, replay check, form parsing, answer,
// Block Kit rendering and JSON encoding. Each request differs (trigger_id)
// so none is refused as a replay; signing it costs about a microsecond of
// the figure.
func BenchmarkSlashCommand(b *testing.B) {
	engine, err := knowledge.LoadDefault()
	if err != nil {
		b.Fatalf("knowledge.LoadDefault: %v", err)
	}
	benchSlash(b, func(string) bot.Engine { return engine })
}

// BenchmarkSlashCommandAdapterOnly is BenchmarkSlashCommand with the real
// engine's answers computed beforehand: the adapter's own share.
func BenchmarkSlashCommandAdapterOnly(b *testing.B) {
	engine, err := knowledge.LoadDefault()
	if err != nil {
		b.Fatalf("knowledge.LoadDefault: %v", err)
	}
	benchSlash(b, func(q string) bot.Engine {
		a := engine.Answer(q)
		return &fakeEngine{AnswerFunc: func(string) knowledge.Answer { return a }}
	})
}

// BenchmarkSlashCommandCached is BenchmarkSlashCommand with the answer
// cache on, as `pariscall serve` runs by default: after the first request
// each question's reply comes from the cache.
func BenchmarkSlashCommandCached(b *testing.B) {
	engine, err := knowledge.LoadDefault()
	if err != nil {
		b.Fatalf("knowledge.LoadDefault: %v", err)
	}
	for _, q := range goldenQuestions {
		b.Run(q.name, func(b *testing.B) { benchHarness(b, cachedHarness(b, engine, 4<<20), q.question) })
	}
}

func benchSlash(b *testing.B, engineFor func(question string) bot.Engine) {
	for _, q := range goldenQuestions {
		b.Run(q.name, func(b *testing.B) { benchHarness(b, newHarness(b, engineFor(q.question)), q.question) })
	}
}

// benchHarness sends h the slash command question, signed and unique, for
// each iteration.
func benchHarness(b *testing.B, h *harness, question string) {
	ts := strconv.FormatInt(h.clock.Now().Unix(), 10)
	form := slashForm(question, "https://hooks.slack.com/commands/T1/1/x")
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		body := form + "&trigger_id=" + strconv.Itoa(i)
		r := httptest.NewRequest(http.MethodPost, "/slack/commands", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		r.Header.Set("X-Slack-Request-Timestamp", ts)
		r.Header.Set("X-Slack-Signature", hmacSig(testSecret, ts, body))
		w := httptest.NewRecorder()
		h.mux.ServeHTTP(w, r)
		if w.Code != http.StatusOK || w.Body.Len() < 100 {
			b.Fatalf("/pariscall %q = %d %q", question, w.Code, w.Body)
		}
	}
}
