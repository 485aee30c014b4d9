package knowledge_test

import (
	"testing"
	"unicode/utf8"

	"github.com/pariscall/pariscall/knowledge"
)

// FuzzAnswer checks that no question makes Answer panic, that the query it
// reports back is clean, and that every citation is verbatim. The seed
// corpus is in testdata/fuzz/FuzzAnswer; the table's phrasings are added
// here too.
func FuzzAnswer(f *testing.F) {
	e := load(f)
	for _, tt := range answerCases() {
		f.Add(tt.q)
	}
	f.Fuzz(func(t *testing.T, q string) {
		a := e.Answer(q)
		checkAnswer(t, e, q, a)
		if a.Intent == "" || a.Title == "" || a.Text == "" {
			t.Errorf("Answer(%q) = %+v; want an intent, a title and a text", q, a)
		}
		if n := utf8.RuneCountInString(a.Query); n > knowledge.MaxQuestionRunes {
			t.Errorf("Answer(%q).Query has %d runes; want at most %d", q, n, knowledge.MaxQuestionRunes)
		}
		switch a.Intent {
		case knowledge.IntentEmpty, knowledge.IntentTooLong, knowledge.IntentHelp, knowledge.IntentNoAnswer:
			if len(a.Citations) > 0 {
				t.Errorf("Answer(%q) is %q with %d citations; want none", q, a.Intent, len(a.Citations))
			}
		}
	})
}
