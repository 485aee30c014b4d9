package discord_test

import (
	"flag"
	"path/filepath"
	"testing"

	"github.com/pariscall/pariscall/bot/bottest"
	"github.com/pariscall/pariscall/bot/discord"
	"github.com/pariscall/pariscall/knowledge"
)

// update rewrites the golden files from the real engine, as go/printer's
// tests do: go test ./bot/discord -run TestGolden -update
var update = flag.Bool("update", false, "rewrite testdata/*.golden.json")

// TestGolden renders the real engine's answers over the embedded corpus
// and compares the embeds with testdata/NAME.golden.json.
func TestGolden(t *testing.T) {
	t.Parallel()
	engine, err := knowledge.LoadDefault()
	if err != nil {
		t.Fatalf("knowledge.LoadDefault: %v", err)
	}
	tests := []struct{ name, question string }{
		{"who-didnt-sign", "who didn't sign"},
		{"principle-8", "principle 8"},
		{"brief", "brief"},
	}
	for _, tt := range tests {
		ans := engine.Answer(tt.question)
		if !ans.Answered() {
			t.Errorf("%s: engine did not answer %q (intent %q); golden files need the real engine", tt.name, tt.question, ans.Intent)
			continue
		}
		msgs := discord.Render(ans)
		checkLimits(t, msgs)
		checkQuotes(t, ans, msgs)
		compareGolden(t, tt.name, msgs)
	}
}

// compareGolden compares v, as indented JSON, with
// testdata/name.golden.json, or rewrites the file under -update.
func compareGolden(t *testing.T, name string, v any) {
	t.Helper()
	bottest.GoldenJSON(t, filepath.Join("testdata", name+".golden.json"), v, *update)
}
