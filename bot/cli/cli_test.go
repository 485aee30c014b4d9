package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pariscall/pariscall/bot/bottest"
	"github.com/pariscall/pariscall/bot/cli"
	"github.com/pariscall/pariscall/knowledge"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func engine(t *testing.T) *knowledge.Engine {
	t.Helper()
	e, err := knowledge.LoadDefault()
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	bottest.Golden(t, filepath.Join("testdata", name), got, *update)
}

func TestGolden(t *testing.T) {
	e := engine(t)
	tests := []struct {
		file, question string
		write          func(w *bytes.Buffer, a knowledge.Answer) error
	}{
		{"brief.txt", "brief", func(w *bytes.Buffer, a knowledge.Answer) error { return cli.WriteText(w, a) }},
		{"brief.md", "brief", func(w *bytes.Buffer, a knowledge.Answer) error { return cli.WriteMarkdown(w, a) }},
		{"no-answer.txt", "how many firearms did TSA intercept", func(w *bytes.Buffer, a knowledge.Answer) error { return cli.WriteText(w, a) }},
		{"principle-8.json", "principle 8", func(w *bytes.Buffer, a knowledge.Answer) error { return cli.WriteJSON(w, a) }},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		if err := tt.write(&buf, e.Answer(tt.question)); err != nil {
			t.Fatalf("%s: %v", tt.file, err)
		}
		golden(t, tt.file, buf.Bytes())
	}
}

func TestWriteJSONNoAnswer(t *testing.T) {
	var buf bytes.Buffer
	if err := cli.WriteJSON(&buf, engine(t).Answer("how many firearms did TSA intercept")); err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatalf("WriteJSON wrote %q: %v", buf.String(), err)
	}
	if cites, ok := got["citations"].([]any); !ok || len(cites) != 0 {
		t.Errorf("citations = %v; want an empty list, not null", got["citations"])
	}
	if got["intent"] != "no_answer" || strings.Count(buf.String(), "\n") != 1 {
		t.Errorf("WriteJSON = %s; want one line with intent no_answer", buf.String())
	}
}

func TestChat(t *testing.T) {
	in := strings.NewReader("who didn't sign\n\n  \nquit\nprinciple 3\n")
	var out bytes.Buffer
	if err := cli.Chat(context.Background(), in, &out, engine(t)); err != nil {
		t.Fatalf("Chat: %v", err)
	}
	if got := strings.Count(out.String(), "Who didn't sign\n"); got != 1 {
		t.Errorf("Chat answered %d times; want 1:\n%s", got, out.String())
	}
	if strings.Contains(out.String(), "Defend electoral processes") {
		t.Errorf("Chat went on after quit:\n%s", out.String())
	}
}
