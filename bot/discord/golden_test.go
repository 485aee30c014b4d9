package discord_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

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
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	path := filepath.Join("testdata", name+".golden.json")
	if *update {
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%s: %v (run go test ./bot/discord -run TestGolden -update)", name, err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("%s: embeds differ from %s (run with -update if the change is intended):\n%s", name, path, buf.String())
	}
}
