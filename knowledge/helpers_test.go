package knowledge_test

import (
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/pariscall/pariscall/knowledge"
)

// load loads the embedded corpus and fact base, failing the test on error.
func load(tb testing.TB) *knowledge.Engine {
	tb.Helper()
	e, err := knowledge.LoadDefault()
	if err != nil {
		tb.Fatalf("LoadDefault() error: %v", err)
	}
	return e
}

// squash collapses white space, the only difference a quote may have from
// its source.
func squash(s string) string {
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}

// citationProblems lists every way the answer's citations fail to be
// verbatim spans of the sources they name: an unknown source, a paragraph
// out of range, a quote not in that paragraph (white space aside), or a
// title, outlet or location that is not the source's. Nil means every
// citation checks out.
func citationProblems(sources []*knowledge.Source, a knowledge.Answer) []string {
	byID := map[string]*knowledge.Source{}
	for _, s := range sources {
		byID[s.ID] = s
	}
	var probs []string
	for i, c := range a.Citations {
		src := byID[c.SourceID]
		switch {
		case src == nil:
			probs = append(probs, fmt.Sprintf("citation %d: unknown source %q", i, c.SourceID))
			continue
		case c.Paragraph < 1 || c.Paragraph > len(src.Paragraphs):
			probs = append(probs, fmt.Sprintf("citation %d: %s has no paragraph %d", i, c.SourceID, c.Paragraph))
			continue
		}
		para := src.Paragraphs[c.Paragraph-1]
		if q := squash(c.Quote); q == "" || !strings.Contains(squash(para.Text), q) {
			probs = append(probs, fmt.Sprintf("citation %d: quote %q is not in %s ¶%d %q", i, c.Quote, c.SourceID, c.Paragraph, para.Text))
		}
		if c.Title != src.Headline || c.Outlet != src.Outlet || c.Published != src.Published || c.URL != src.URL {
			probs = append(probs, fmt.Sprintf("citation %d: title/outlet/published/url %q/%q/%q/%q; source has %q/%q/%q/%q",
				i, c.Title, c.Outlet, c.Published, c.URL, src.Headline, src.Outlet, src.Published, src.URL))
		}
		if want := fmt.Sprintf("%s ¶%d", src.ID, c.Paragraph); c.Location != want {
			probs = append(probs, fmt.Sprintf("citation %d: location %q; want %q", i, c.Location, want))
		}
	}
	return probs
}

// queryProblems lists what is wrong with an answer's Query: it must be
// valid UTF-8 without control characters or mass mentions.
func queryProblems(a knowledge.Answer) []string {
	var probs []string
	if !utf8.ValidString(a.Query) {
		probs = append(probs, fmt.Sprintf("Query %q is not valid UTF-8", a.Query))
	}
	if i := strings.IndexFunc(a.Query, unicode.IsControl); i >= 0 {
		probs = append(probs, fmt.Sprintf("Query %q has a control character at byte %d", a.Query, i))
	}
	lower := strings.ToLower(a.Query)
	for _, m := range []string{"@everyone", "@here", "@channel"} {
		if strings.Contains(lower, m) {
			probs = append(probs, fmt.Sprintf("Query %q still holds %s, which would notify everyone if echoed", a.Query, m))
		}
	}
	return probs
}

// textProblems lists the answer's texts that are not valid UTF-8.
func textProblems(a knowledge.Answer) []string {
	var probs []string
	texts := append([]string{a.Title, a.Text, a.AsOf}, a.Notes...)
	for _, s := range append(texts, a.Suggestions...) {
		if !utf8.ValidString(s) {
			probs = append(probs, fmt.Sprintf("text %q is not valid UTF-8", s))
		}
	}
	return probs
}

// checkAnswer reports, for the answer to q, every citation that is not
// verbatim and any problem with its Query or texts.
func checkAnswer(tb testing.TB, e *knowledge.Engine, q string, a knowledge.Answer) {
	tb.Helper()
	probs := append(citationProblems(e.Sources(), a), queryProblems(a)...)
	for _, p := range append(probs, textProblems(a)...) {
		tb.Errorf("Answer(%q): %s", q, p)
	}
}

// answer asks e and checks the answer's citations and query.
func answer(tb testing.TB, e *knowledge.Engine, q string) knowledge.Answer {
	tb.Helper()
	a := e.Answer(q)
	checkAnswer(tb, e, q, a)
	return a
}
