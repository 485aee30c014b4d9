package slack_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/pariscall/pariscall/knowledge"
)

// utf16Len counts characters the way Slack's limits do.
func utf16Len(s string) int { return len(utf16.Encode([]rune(s))) }

// checkLimits fails if blocks break one of Block Kit's limits.
func checkLimits(t *testing.T, what string, blocks []map[string]any) {
	t.Helper()
	if len(blocks) > 50 {
		t.Errorf("%s: %d blocks; want at most 50", what, len(blocks))
	}
	for i, b := range blocks {
		switch b["type"] {
		case "header":
			if s := textOf(b); utf16Len(s) > 150 || s == "" {
				t.Errorf("%s: block %d: header of %d characters; want 1 to 150", what, i, utf16Len(s))
			}
		case "section":
			if s := textOf(b); utf16Len(s) > 3000 || s == "" {
				t.Errorf("%s: block %d: section of %d characters; want 1 to 3000", what, i, utf16Len(s))
			}
		case "context":
			elems, _ := b["elements"].([]any)
			if len(elems) == 0 || len(elems) > 10 {
				t.Errorf("%s: block %d: context with %d elements; want 1 to 10", what, i, len(elems))
			}
			for _, e := range elems {
				if s, _ := e.(map[string]any)["text"].(string); utf16Len(s) > 3000 || s == "" {
					t.Errorf("%s: block %d: context text of %d characters; want 1 to 3000", what, i, utf16Len(s))
				}
			}
		}
	}
}

func textOf(block map[string]any) string {
	text, _ := block["text"].(map[string]any)
	s, _ := text["text"].(string)
	return s
}

// slashBlocks runs /pariscall against an engine answering a and returns
// the reply's blocks.
func slashBlocks(t *testing.T, a knowledge.Answer, question string) slashResponse {
	t.Helper()
	h := newHarness(t, scriptedEngine(a))
	w := h.serve(h.request("/slack/commands", "application/x-www-form-urlencoded", slashForm(question, "")))
	if w.Code != http.StatusOK {
		t.Fatalf("/pariscall %q = %d; want 200", question, w.Code)
	}
	var got slashResponse
	if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
		t.Fatalf("/pariscall %q: %v", question, err)
	}
	return got
}

func TestRenderLimits(t *testing.T) {
	long := notSigned()
	long.Title = strings.Repeat("Title & <more> ", 30)
	long.Text = strings.Repeat("An answer sentence & more. ", 400)
	long.Notes = []string{strings.Repeat("A note. ", 500), "second note", "third", "fourth", "fifth", "sixth"}
	long.Suggestions = []string{"a", "b", "c", "d", "e", "f", "g", "`tick`"}
	emoji := notSigned()
	emoji.Title = strings.Repeat("🇫🇷", 100)
	emoji.Citations[0].Quote = strings.Repeat("🙂", 2000)
	tests := []struct {
		name string
		a    knowledge.Answer
	}{
		{"realistic", notSigned()},
		{"many citations", manyCitations(200)},
		{"long quote", longQuote()},
		{"long everything", long},
		{"emoji counted as two", emoji},
		{"empty", knowledge.Answer{Intent: knowledge.IntentNoAnswer}},
	}
	for _, tt := range tests {
		got := slashBlocks(t, tt.a, "q")
		checkLimits(t, tt.name, got.Blocks)
		if utf16Len(got.Text) > 3000 || got.Text == "" {
			t.Errorf("%s: fallback text of %d characters; want 1 to 3000", tt.name, utf16Len(got.Text))
		}
	}
}

func TestSlashTruncatesWithMoreLine(t *testing.T) {
	got := slashBlocks(t, manyCitations(60), "brief")
	all := strings.Join(texts(got.Blocks), "\n")
	shown := strings.Count(all, "> Quote number")
	if shown == 0 || shown >= 60 {
		t.Fatalf("60 citations in one message: %d shown; want some, not all", shown)
	}
	if want := "… " + itoa(60-shown) + " more citations not shown"; !strings.Contains(all, want) {
		t.Errorf("truncated reply does not say %q:\n%s", want, all)
	}
	if last := got.Blocks[len(got.Blocks)-1]; last["type"] != "actions" {
		t.Errorf("last block is %v; want the Post to channel button kept", last["type"])
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

func TestLongQuoteSplitsAtSentences(t *testing.T) {
	got := slashBlocks(t, longQuote(), "q")
	var quotes []string
	for _, b := range got.Blocks {
		if s := textOf(b); strings.HasPrefix(s, "> ") {
			quotes = append(quotes, s)
		}
	}
	if len(quotes) < 2 {
		t.Fatalf("a 7,600-character quote took %d sections; want at least 2", len(quotes))
	}
	for i, q := range quotes {
		if i < len(quotes)-1 && !strings.HasSuffix(q, "&lt;on&gt;. …") {
			t.Errorf("quote part %d ends %q; want a sentence end and a continuation mark", i, q[len(q)-30:])
		}
		if i > 0 && !strings.HasPrefix(q, "> … This sentence") {
			t.Errorf("quote part %d starts %q; want a continuation mark and a sentence start", i, q[:30])
		}
	}
}

func TestCitationContextLine(t *testing.T) {
	got := slashBlocks(t, notSigned(), "q")
	all := texts(got.Blocks)
	want := []string{
		"_CSL Magazine_, <https://example.org/paris-call?a=1&amp;b=2|Paris Call for Trust &amp; Security in Cyberspace> · November 2018 · cslsmag-2018-11 ¶4",
		"*Jane Expert, Fellow at &lt;Think Tank&gt;* · _Wired_, “The US sits out “Paris Call”” · wired-2018-11 ¶7",
		"> “It’s a start, but without the US it is dead on arrival,” said one expert.",
		":warning: Sources disagree on whether the UK signed at launch: one says “yes”, another lists it as a later signer.",
		"As of November 2018",
		"Try: `who signed` · `did the US sign?` · `principle 8`",
	}
	for _, w := range want {
		found := false
		for _, s := range all {
			found = found || s == w
		}
		if !found {
			t.Errorf("reply lacks the line %q; it has:\n%s", w, strings.Join(all, "\n"))
		}
	}
}
