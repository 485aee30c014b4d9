package knowledge_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/pariscall/pariscall/knowledge"
)

// recordingTB is a testing.TB that records errors instead of failing, so a
// test can check that a helper does fail. Only Helper and Errorf are used.
type recordingTB struct {
	testing.TB
	errs []string
}

func (r *recordingTB) Helper() {}

func (r *recordingTB) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

// TestCitationProblems checks that the verbatim check accepts real
// citations, white space aside, and rejects every kind of corruption.
func TestCitationProblems(t *testing.T) {
	e := load(t)
	base := e.Answer("principle 8")
	if len(base.Citations) == 0 {
		t.Fatalf("Answer(%q) has no citations", "principle 8")
	}
	tests := []struct {
		name    string
		corrupt func(c *knowledge.Citation)
		want    string // "" means no problem
	}{
		{"unchanged", func(c *knowledge.Citation) {}, ""},
		{"white space differs", func(c *knowledge.Citation) { c.Quote = "  " + strings.ReplaceAll(c.Quote, " ", "\n\t ") + "\n" }, ""},
		{"one character altered", func(c *knowledge.Citation) { c.Quote = strings.Replace(c.Quote, "private", "privata", 1) }, "is not in"},
		{"curly quote straightened", func(c *knowledge.Citation) { c.Quote += "”" }, "is not in"},
		{"empty quote", func(c *knowledge.Citation) { c.Quote = " " }, "is not in"},
		{"wrong paragraph", func(c *knowledge.Citation) {
			c.Paragraph--
			c.Location = fmt.Sprintf("%s ¶%d", c.SourceID, c.Paragraph)
		}, "is not in"},
		{"paragraph out of range", func(c *knowledge.Citation) { c.Paragraph = 999 }, "has no paragraph 999"},
		{"unknown source", func(c *knowledge.Citation) { c.SourceID = "nowhere" }, `unknown source "nowhere"`},
		{"wrong title", func(c *knowledge.Citation) { c.Title = "Another headline" }, "title/outlet"},
		{"wrong outlet", func(c *knowledge.Citation) { c.Outlet = "Another outlet" }, "title/outlet"},
		{"wrong location", func(c *knowledge.Citation) { c.Location = "somewhere" }, "location"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := base
			a.Citations = append([]knowledge.Citation(nil), base.Citations...)
			tt.corrupt(&a.Citations[0])
			probs := citationProblems(e.Sources(), a)
			switch {
			case tt.want == "" && len(probs) > 0:
				t.Errorf("citationProblems(%s) = %q; want none", tt.name, probs)
			case tt.want != "" && (len(probs) == 0 || !strings.Contains(strings.Join(probs, "\n"), tt.want)):
				t.Errorf("citationProblems(%s) = %q; want a problem containing %q", tt.name, probs, tt.want)
			}

			// The helper tests use must report the same thing.
			rec := &recordingTB{}
			checkAnswer(rec, e, "principle 8", a)
			if got := len(rec.errs) > 0; got != (tt.want != "") {
				t.Errorf("checkAnswer(%s) reported %q; want failure = %v", tt.name, rec.errs, tt.want != "")
			}
		})
	}
}

// TestQueryProblems checks that the query check rejects invalid UTF-8,
// control characters and mass mentions.
func TestQueryProblems(t *testing.T) {
	for _, tt := range []struct {
		query string
		bad   bool
	}{
		{"who didn't sign", false},
		{"principle 8 “curly”", false},
		{"bad \xff byte", true},
		{"bell \a", true},
		{"newline \n", true},
		{"c1 \u0085", true},
		{"@everyone brief", true},
		{"ping @HERE", true},
		{"everyone brief", false},
		{"mail me at a@b.c", false},
	} {
		if got := len(queryProblems(knowledge.Answer{Query: tt.query})) > 0; got != tt.bad {
			t.Errorf("queryProblems(%q) bad = %v; want %v", tt.query, got, tt.bad)
		}
	}
}
