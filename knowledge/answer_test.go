package knowledge_test

import (
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/pariscall/pariscall/knowledge"
)

// some, as answerCase.cites, asks for at least one citation.
const some = -1

// nov is when the sources were published.
const nov = "November 2018"

// answerCase is one phrasing and what its answer must say.
type answerCase struct {
	q      string
	intent knowledge.Intent
	// has are phrases the title or text must contain; hasNot must not.
	has, hasNot []string
	// starts is a prefix of the text.
	starts string
	// cites is the exact number of citations, or some.
	cites int
	// quotes must each occur in some citation's quote; every must occur in
	// every citation's quote (case-insensitive).
	quotes []string
	every  string
	// sources, when set, is the set of source ids cited.
	sources []string
	// speaker, when set, must occur in every citation's Speaker.
	speaker string
	// notes must each occur in some note.
	notes []string
	asOf  string
	// query, when set, is the expected Answer.Query.
	query string
}

var (
	nonSignatories = []string{"the United States", "Russia", "China", "North Korea"}
	principleNames = []string{"Protect individuals and infrastructure", "Protect the Internet", "Defend electoral processes",
		"Defend intellectual property", "Non-proliferation", "Lifecycle security", "Cyber hygiene", "No private hack-back",
		"International norms"}
	both = []string{"campus-security", "sc-media"}
)

// principle8 is what every way of asking for principle 8 must get: the
// first article's hack-back wording and SC Media's item 7.
func principle8(q string) answerCase {
	return answerCase{q: q, intent: knowledge.IntentPrinciple, has: []string{"Principle 8: No private hack-back", "item 7"}, cites: 2,
		quotes:  []string{"from hacking-back, for their own purposes", "Clamp down on online mercenary activities"},
		sources: both}
}

func notSigned(q, query string) answerCase {
	return answerCase{q: q, intent: knowledge.IntentNotSigned, has: append([]string{"named only by SC Media"}, nonSignatories...),
		cites: 2, quotes: []string{"most notable countries to not opt-in", "declining to sign"}, sources: both,
		asOf: nov, notes: []string{"not today's"}, query: query}
}

func sourcesDontSay(q, name string) answerCase {
	return answerCase{q: q, intent: knowledge.IntentDidSign, has: []string{"don't say whether " + name + " signed"}, cites: 0}
}

func search(q, every string) answerCase {
	return answerCase{q: q, intent: knowledge.IntentSearch, has: []string{"From the sources"}, cites: some, every: every}
}

func noAnswer(q string) answerCase {
	return answerCase{q: q, intent: knowledge.IntentNoAnswer, has: []string{"The sources don't cover that"}, cites: 0}
}

// TestAnswer asks every phrasing of the table and checks what the answer
// says and that every citation is verbatim.
func TestAnswer(t *testing.T) {
	e := load(t)
	cases := answerCases()
	if len(cases) < 45 {
		t.Fatalf("the table has %d phrasings; want at least 45", len(cases))
	}
	for _, tt := range cases {
		name := tt.q
		if len(name) > 40 {
			name = name[:40]
		}
		t.Run(name, func(t *testing.T) {
			checkCase(t, tt, answer(t, e, tt.q))
		})
	}
}

// checkCase reports every way a differs from what tt asks for.
func checkCase(t *testing.T, tt answerCase, a knowledge.Answer) {
	t.Helper()
	q := tt.q
	if len(q) > 40 {
		q = q[:40] + "…"
	}
	if a.Intent != tt.intent {
		t.Errorf("Answer(%q).Intent = %q; want %q", q, a.Intent, tt.intent)
	}
	body := a.Title + "\n" + a.Text
	for _, s := range tt.has {
		if !strings.Contains(body, s) {
			t.Errorf("Answer(%q) title and text = %q; want it to contain %q", q, body, s)
		}
	}
	for _, s := range tt.hasNot {
		if strings.Contains(body, s) {
			t.Errorf("Answer(%q) title and text = %q; want no %q", q, body, s)
		}
	}
	if !strings.HasPrefix(a.Text, tt.starts) {
		t.Errorf("Answer(%q).Text = %q; want it to start with %q", q, a.Text, tt.starts)
	}
	switch n := len(a.Citations); {
	case tt.cites == some && n == 0:
		t.Errorf("Answer(%q) has no citations; want some", q)
	case tt.cites != some && n != tt.cites:
		t.Errorf("Answer(%q) has %d citations; want %d", q, n, tt.cites)
	}
	checkQuotes(t, q, tt, a.Citations)
	for _, s := range tt.notes {
		if !slices.ContainsFunc(a.Notes, func(n string) bool { return strings.Contains(n, s) }) {
			t.Errorf("Answer(%q).Notes = %q; want one containing %q", q, a.Notes, s)
		}
	}
	if a.AsOf != tt.asOf {
		t.Errorf("Answer(%q).AsOf = %q; want %q", q, a.AsOf, tt.asOf)
	}
	if tt.query != "" || tt.q == "" {
		if a.Query != tt.query {
			t.Errorf("Answer(%q).Query = %q; want %q", q, a.Query, tt.query)
		}
	}
	if utf8.RuneCountInString(a.Query) > knowledge.MaxQuestionRunes {
		t.Errorf("Answer(%q).Query has %d runes; want at most %d", q, utf8.RuneCountInString(a.Query), knowledge.MaxQuestionRunes)
	}
}

// checkQuotes checks the quotes, sources and speakers of the citations.
func checkQuotes(t *testing.T, q string, tt answerCase, cs []knowledge.Citation) {
	t.Helper()
	for _, s := range tt.quotes {
		if !slices.ContainsFunc(cs, func(c knowledge.Citation) bool { return strings.Contains(c.Quote, s) }) {
			t.Errorf("Answer(%q) quotes none containing %q", q, s)
		}
	}
	var ids []string
	for _, c := range cs {
		if tt.every != "" && !strings.Contains(strings.ToLower(c.Quote), tt.every) {
			t.Errorf("Answer(%q) quotes %q; want every quote to contain %q", q, c.Quote, tt.every)
		}
		if !strings.Contains(c.Speaker, tt.speaker) {
			t.Errorf("Answer(%q) quotes %q by %q; want the speaker to be %q", q, c.Quote, c.Speaker, tt.speaker)
		}
		if !slices.Contains(ids, c.SourceID) {
			ids = append(ids, c.SourceID)
		}
	}
	slices.Sort(ids)
	if tt.sources != nil && !slices.Equal(ids, tt.sources) {
		t.Errorf("Answer(%q) cites sources %q; want %q", q, ids, tt.sources)
	}
}

// TestAnswered checks which answers count as answered.
func TestAnswered(t *testing.T) {
	e := load(t)
	for q, want := range map[string]bool{
		"who didn't sign": true, "did Germany sign": false, "help": false, "": false,
		"how many firearms did TSA intercept": false, "espionage": true,
	} {
		if got := e.Answer(q).Answered(); got != want {
			t.Errorf("Answer(%q).Answered() = %v; want %v", q, got, want)
		}
	}
}

// TestCommandExamples checks that every example the command table shows
// is understood, not searched or left unanswered.
func TestCommandExamples(t *testing.T) {
	e := load(t)
	for _, c := range knowledge.Commands() {
		if c.Name == "" || c.Usage == "" || c.Summary == "" || len(c.Examples) == 0 {
			t.Errorf("Commands() entry %+v: want name, usage, summary and examples", c)
		}
		for _, ex := range c.Examples {
			a := answer(t, e, ex)
			if a.Intent == knowledge.IntentSearch || a.Intent == knowledge.IntentNoAnswer {
				t.Errorf("Answer(%q).Intent = %q; want a command's intent", ex, a.Intent)
			}
		}
	}
}

// TestAnswerSuggestions checks that every suggestion an answer makes is
// itself understood.
func TestAnswerSuggestions(t *testing.T) {
	e := load(t)
	seen := map[string]bool{}
	for _, tt := range answerCases() {
		for _, s := range e.Answer(tt.q).Suggestions {
			if seen[s] {
				continue
			}
			seen[s] = true
			if a := answer(t, e, s); a.Intent == knowledge.IntentSearch || a.Intent == knowledge.IntentNoAnswer {
				t.Errorf("suggestion %q (from %q) gets intent %q; want a command's intent", s, tt.q, a.Intent)
			}
		}
	}
}

// TestAnswerConcurrent asks from many goroutines at once; run with -race.
func TestAnswerConcurrent(t *testing.T) {
	e := load(t)
	cases := answerCases()
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range cases {
				tt := cases[(i+g)%len(cases)]
				if a := e.Answer(tt.q); a.Intent != tt.intent {
					t.Errorf("Answer(%q).Intent = %q; want %q", tt.q, a.Intent, tt.intent)
				}
			}
		})
	}
	wg.Wait()
}

// TestHugeInputIsQuick checks that cleaning a question takes time linear in
// its length, as chat messages and command lines can be large: 2 MB of
// unclosed markup once took minutes.
func TestHugeInputIsQuick(t *testing.T) {
	e := load(t)
	for _, q := range []string{strings.Repeat("<", 2<<20), strings.Repeat("<", 2<<20) + ">", strings.Repeat("@@everyone ", 200_000)} {
		start := time.Now()
		a := answer(t, e, q)
		if took := time.Since(start); took > 5*time.Second {
			t.Errorf("Answer(%d bytes of %q) took %v; want well under 5s", len(q), q[:1], took)
		}
		if a.Intent != knowledge.IntentTooLong {
			t.Errorf("Answer(%d bytes of %q).Intent = %q; want %q", len(q), q[:1], a.Intent, knowledge.IntentTooLong)
		}
	}
}
