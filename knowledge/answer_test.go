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

func answerCases() []answerCase {
	tooLong := strings.Repeat("who didn't sign? ", 600) // about 10 KB
	return []answerCase{
		// Who didn't sign, however it is written.
		notSigned("who didn't sign", ""),
		notSigned("WHO DIDNT SIGN", ""),
		notSigned("who didn’t sign", "who didn’t sign"),
		notSigned("Who didn't sign the Paris Call?", ""),
		notSigned("which countries refused to sign", ""),
		notSigned("<@U123> who didn't sign", "who didn't sign"),
		notSigned("  who\tdidn't\n sign  ", "who didn't sign"),

		// Did X sign?
		{q: "did the US sign?", intent: knowledge.IntentDidSign, starts: "No", has: []string{"the United States did not sign"}, cites: 2,
			sources: both, asOf: nov},
		{q: "did the U.S. sign the paris call", intent: knowledge.IntentDidSign, starts: "No", has: []string{"United States"}, cites: 2, asOf: nov},
		{q: "did russia sign?", intent: knowledge.IntentDidSign, starts: "No", has: []string{"Russia did not sign"}, cites: 2, asOf: nov},
		{q: "<@!123456> did china sign", intent: knowledge.IntentDidSign, starts: "No", has: []string{"China did not sign"}, cites: 2,
			query: "did china sign", asOf: nov},
		{q: "is china a signatory", intent: knowledge.IntentDidSign, starts: "No", has: []string{"China did not sign"}, cites: 2, asOf: nov},
		{q: "did north korea sign", intent: knowledge.IntentDidSign, starts: "No", has: []string{"SC Media", "North Korea did not sign"},
			hasNot: []string{"Campus Security"}, cites: 1, sources: []string{"sc-media"}, quotes: []string{"North Korea"}, asOf: nov},
		{q: "did Google sign", intent: knowledge.IntentDidSign, starts: "Yes", has: []string{"Google among the signatories"}, cites: 1,
			quotes: []string{"Google, Microsoft, IBM and Facebook"}, asOf: nov},
		{q: "did meta sign", intent: knowledge.IntentDidSign, starts: "Yes", has: []string{"Facebook"}, cites: 1, asOf: nov},
		{q: "has microsoft signed", intent: knowledge.IntentDidSign, starts: "Yes", has: []string{"Microsoft"}, cites: 1, asOf: nov},
		{q: "did the world economic forum sign", intent: knowledge.IntentDidSign,
			has: []string{"supports", "don't say whether it signed"}, cites: 1, quotes: []string{"support the Paris Call"}, asOf: nov},
		notSigned("did anyone refuse to sign", ""),
		{q: "did anyone sign", intent: knowledge.IntentSigned, has: []string{"Google, Microsoft, IBM and Facebook"}, cites: some, asOf: nov},
		{q: "list of signatories", intent: knowledge.IntentSigned, has: []string{"51 countries"}, cites: some, asOf: nov},
		{q: "Russia signed?", intent: knowledge.IntentDidSign, starts: "No", cites: 2, asOf: nov},
		sourcesDontSay("Germany signed?", "Germany"),
		sourcesDontSay("did Germany sign", "Germany"),
		sourcesDontSay("did france sign?", "France"),
		sourcesDontSay("did Apple sign", "Apple"),
		sourcesDontSay("did the European Union sign", "European Union"),
		sourcesDontSay("did Switzerland sign", "Switzerland"),
		sourcesDontSay("did élysée sign", "Élysée"),
		sourcesDontSay("did the uk sign", "UK"),
		sourcesDontSay("did NATO sign?", "NATO"),
		sourcesDontSay("did the eu sign", "EU"),
		sourcesDontSay("did McDonald's sign", "McDonalds"),

		// The principles, by number, by typo and by topic.
		principle8("principle 8"),
		principle8("principal eight"),
		principle8("prinicple eight"),
		principle8("Principle #8"),
		principle8("the eighth principle"),
		principle8("what is principle 8"),
		principle8("hack back"),
		principle8("hack-back"),
		principle8("mercenaries"),
		{q: "principle 12", intent: knowledge.IntentPrinciple, has: []string{"nine principles", "no principle 12"}, cites: 0},
		{q: "principle 0", intent: knowledge.IntentPrinciple, has: []string{"nine principles", "no principle 0"}, cites: 0},
		{q: "principle twelve", intent: knowledge.IntentPrinciple, has: []string{"no principle 12"}, cites: 0},
		{q: "principle 99999999999999999999", intent: knowledge.IntentPrinciple,
			has: []string{"no principle 99999999999999999999"}, cites: 0},
		{q: "principle 0000000000000000000000000000000042", intent: knowledge.IntentPrinciple, has: []string{"no principle 42."}, cites: 0},
		principle8("principle 0000000008"),
		{q: "<!channel> principle 3", intent: knowledge.IntentPrinciple, has: []string{"Principle 3: Defend electoral processes"}, cites: 2,
			quotes: []string{"undermining electoral processes"}, query: "principle 3"},
		{q: "principle three", intent: knowledge.IntentPrinciple, has: []string{"Principle 3: Defend electoral processes"}, cites: 2},
		{q: "elections", intent: knowledge.IntentPrinciple, has: []string{"Principle 3: Defend electoral processes"}, cites: 2},
		{q: "intellectual property", intent: knowledge.IntentPrinciple, has: []string{"Principle 4: Defend intellectual property"}, cites: 2,
			quotes: []string{"theft of intellectual property"}},
		{q: "supply chain", intent: knowledge.IntentPrinciple, has: []string{"Principle 6: Lifecycle security"}, cites: 2,
			quotes: []string{"lifecycle and supply chain"}, notes: []string{"merges principles 6 and 7"}},
		{q: "cyber hygiene", intent: knowledge.IntentPrinciple, has: []string{"Principle 7: Cyber hygiene", "item 6"}, cites: 2,
			quotes: []string{"advanced cyber hygiene"}, notes: []string{"merges principles 6 and 7"}},
		{q: "principles", intent: knowledge.IntentPrinciples, has: principleNames, cites: 9, sources: []string{"campus-security"}},
		{q: "what are the principles", intent: knowledge.IntentPrinciples, has: principleNames, cites: 9},
		{q: "what are the nine principles", intent: knowledge.IntentPrinciples, has: principleNames, cites: 9},
		{q: "list the 9 principles", intent: knowledge.IntentPrinciples, has: principleNames, cites: 9},

		// Counts, with the sources' disagreement and their date.
		{q: "how many countries signed", intent: knowledge.IntentCounts, has: []string{"51 countries", "50 countries"},
			hasNot: []string{"companies"}, cites: some, quotes: []string{"51 countries", "50 countries"},
			notes: []string{"The sources differ", "not today's"}, asOf: nov, sources: both},
		{q: "how many companies signed", intent: knowledge.IntentCounts, has: []string{"224 companies", "more than 150 companies"},
			cites: some, quotes: []string{"224 companies", "more than 150 tech companies"}, notes: []string{"The sources differ"},
			asOf: nov},
		{q: "how many non-profits signed", intent: knowledge.IntentCounts, has: []string{"92 non-profits", "90 non-profits"}, cites: some,
			notes: []string{"The sources differ"}, asOf: nov},
		{q: "who signed", intent: knowledge.IntentSigned, has: []string{"51 countries", "50 countries", "Google, Microsoft, IBM and Facebook"},
			cites: some, asOf: nov, notes: []string{"The sources differ"}},

		// People and who said what.
		{q: "who called it dead on arrival", intent: knowledge.IntentWhoSaid, has: []string{"Mounir Hahad"}, cites: 1,
			quotes: []string{"DOA (Dead On Arrival)"}, speaker: "Mounir Hahad"},
		{q: "who said DOA", intent: knowledge.IntentWhoSaid, has: []string{"Mounir Hahad"}, cites: 1, speaker: "Mounir Hahad"},
		{q: "who said conflict drives innovation", intent: knowledge.IntentWhoSaid, has: []string{"Colin Bastable"}, cites: 1,
			quotes: []string{"conflict drives innovation"}, speaker: "Colin Bastable"},
		{q: "who said the pact is mostly symbolic", intent: knowledge.IntentWhoSaid, has: []string{"Paul Bischoff"}, cites: 1,
			quotes: []string{"mostly symbolic"}},
		{q: "what did Bischoff say", intent: knowledge.IntentPerson, has: []string{"Paul Bischoff", "privacy advocate"}, cites: 3,
			quotes: []string{"mostly symbolic", "Paris Climate accord"}, speaker: "Paul Bischoff", sources: []string{"campus-security"}},
		{q: "what did bishoff say", intent: knowledge.IntentPerson, has: []string{"Paul Bischoff"}, cites: 3, speaker: "Paul Bischoff"},
		{q: "Kothari", intent: knowledge.IntentPerson, has: []string{"Pravin Kothari", "CipherCloud"}, cites: 4,
			quotes: []string{"these principals"}, speaker: "Pravin Kothari"},
		{q: "what did juniper say", intent: knowledge.IntentOrg, has: []string{"Juniper Networks", "Nick Bilogorskiy", "Mounir Hahad"},
			cites: 7, quotes: []string{"Digital Geneva Convention", "Dead On Arrival"}, sources: []string{"sc-media"}},
		{q: "what did the world economic forum say", intent: knowledge.IntentOrg, has: []string{"Troels Oerting"}, cites: 1,
			speaker: "Troels Oerting"},
		{q: "what did oerting say", intent: knowledge.IntentPerson, has: []string{"Troels Oerting", "is quoted once, in SC Media"},
			cites: 1, speaker: "Troels Oerting"},
		{q: "who is hahad", intent: knowledge.IntentPerson, has: []string{"is quoted 3 times"}, cites: 3, speaker: "Mounir Hahad"},
		{q: "reactions", intent: knowledge.IntentReactions, has: []string{"6 experts"}, cites: 5,
			quotes: []string{"Dead On Arrival", "mostly symbolic", "short on practical results"}},

		// The pact itself.
		{q: "what is the paris call", intent: knowledge.IntentWhatIs, has: []string{"Paris Call for Trust and Security in Cyberspace", "Macron"},
			cites: some, quotes: []string{"Geneva Conventions"}, notes: []string{"Paris Call for Peace and Security in Cyberspace"}},
		{q: "tell me about the paris call", intent: knowledge.IntentWhatIs, has: []string{"Paris Peace Forum"}, cites: some},
		{q: "What is the Paris Call for Trust and Security in Cyberspace?", intent: knowledge.IntentWhatIs,
			has: []string{"Paris Peace Forum"}, cites: some},
		{q: "what's this pact about?", intent: knowledge.IntentWhatIs, has: []string{"Paris Peace Forum"}, cites: some},
		{q: "what is cyber hygiene", intent: knowledge.IntentPrinciple, has: []string{"Principle 7: Cyber hygiene"}, cites: 2},
		principle8("what is hack back"),
		search("what is espionage", "espionage"),
		noAnswer("what is the TSA"),
		{q: "who launched it", intent: knowledge.IntentLaunch, has: []string{"French President Emmanuel Macron", "Paris Peace Forum"},
			cites: 3, quotes: []string{"French President Emmanuel Macron", "Paris Peace Forum"}},
		{q: "where was it launched", intent: knowledge.IntentLaunch, has: []string{"Paris Peace Forum"}, cites: 3},

		// Commands.
		{q: "sources", intent: knowledge.IntentSources,
			has: []string{"campus-security", "Campus Security & Life Safety", "Sydny Shepard", "sc-media", "SC Media", nov}, cites: 0},
		{q: "brief", intent: knowledge.IntentBrief,
			has: append([]string{"51 countries", "50 countries", "224 companies", "more than 150 companies", "North Korea",
				"Google, Microsoft, IBM and Facebook", "Emmanuel Macron"}, principleNames...),
			cites: some, quotes: []string{"Dead On Arrival", "51 countries", "declining to sign"}, sources: both,
			notes: []string{"The sources differ", "not today's"}, asOf: nov},
		{q: "@everyone brief", intent: knowledge.IntentBrief, has: []string{"Briefing"}, cites: some, query: "everyone brief", asOf: nov},
		{q: "@@everyoneeveryone brief", intent: knowledge.IntentBrief, cites: some, query: "everyoneeveryone brief", asOf: nov},
		{q: "@@@Here <#C1|@channel> brief", intent: knowledge.IntentBrief, cites: some, query: "Here channel brief", asOf: nov},
		{q: "summary", intent: knowledge.IntentBrief, has: []string{"Briefing"}, cites: some, asOf: nov},
		{q: "help", intent: knowledge.IntentHelp, has: []string{"who didn't sign", "principle N", "what did PERSON say", "brief", "sources"},
			cites: 0},
		{q: "how do I use this?", intent: knowledge.IntentHelp, has: []string{"principle N"}, cites: 0},
		{q: "what can you do", intent: knowledge.IntentHelp, has: []string{"principle N"}, cites: 0},
		{q: "", intent: knowledge.IntentEmpty, has: []string{"principle N"}, cites: 0, query: ""},
		{q: " \t\n<@U123> ", intent: knowledge.IntentEmpty, cites: 0, query: ""},
		{q: tooLong, intent: knowledge.IntentTooLong, has: []string{"up to 500 characters"}, cites: 0},

		// Everything else is searched, and only quoted when it matches.
		search("geneva convention", "geneva"),
		search("espionage", "espionage"),
		search("nuclear weapons", "nuclear weapons"),
		search("what about china", "china"),
		search("Paris climate accord", "climate"),
		search("espionnage", "espionage"),       // a typo
		search("nucleer weapons", "weapons"),    // likewise
		search("human rigths online", "rights"), // likewise
		noAnswer("how many firearms did TSA intercept"),
		noAnswer("MetLife stadium surveillance"),
		noAnswer("subscribe to the newsletter"),
		noAnswer("asdf qwer zxcv"),
	}
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
