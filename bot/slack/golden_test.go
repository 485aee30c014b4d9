package slack_test

import (
	"encoding/json"
	"flag"
	"net/http"
	"path/filepath"
	"testing"

	"github.com/pariscall/pariscall/bot/bottest"
	"github.com/pariscall/pariscall/knowledge"
)

// update rewrites the golden files from the real engine, as go/printer's
// tests do: go test ./bot/slack -run TestGolden -update
var update = flag.Bool("update", false, "rewrite testdata/*.golden.json")

// goldenQuestions are rendered from the real engine and the embedded corpus.
var goldenQuestions = []struct{ name, question string }{
	{"who-didnt-sign", "who didn't sign"},
	{"principle-8", "principle 8"},
	{"brief", "brief"},
	{"no-answer", "how many firearms did TSA intercept"},
}

func TestGolden(t *testing.T) {
	engine, err := knowledge.LoadDefault()
	if err != nil {
		t.Fatalf("knowledge.LoadDefault: %v", err)
	}
	for i, q := range goldenQuestions {
		h := newHarness(t, engine)
		w := h.serve(h.request("/slack/commands", "application/x-www-form-urlencoded", slashForm(q.question, "")))
		if w.Code != http.StatusOK {
			t.Fatalf("%s: /pariscall = %d", q.name, w.Code)
		}
		var slash slashResponse
		if err := json.Unmarshal(w.Body.Bytes(), &slash); err != nil {
			t.Fatalf("%s: %v", q.name, err)
		}
		checkLimits(t, q.name+" slash reply", slash.Blocks)
		compareGolden(t, q.name+".slash", slash)

		h.sendEvent(t, eventBody("EvGolden"+itoa(i), mention("<@UBOT> "+q.question, "1531420618.000100", "")), "")
		bottest.WaitFor(t, q.name+" post", func() bool { p, _, _ := h.slack.snapshot(); return len(p) > 0 })
		settle()
		posts, _, _ := h.slack.snapshot()
		for _, p := range posts {
			checkLimits(t, q.name+" chat.postMessage", p.Blocks)
		}
		compareGolden(t, q.name+".post", posts)
	}
}

// compareGolden compares v, as indented JSON, with
// testdata/name.golden.json, or rewrites the file under -update.
func compareGolden(t *testing.T, name string, v any) {
	t.Helper()
	bottest.GoldenJSON(t, filepath.Join("testdata", name+".golden.json"), v, *update)
}
