package knowledge

import (
	"slices"
	"strings"
)

// question is a question as the engine understands it.
type question struct {
	// text is the cleaned question, as shown back to users.
	text string
	// words are the lower-cased words, typos corrected.
	words []string
	// orig are the words as the user wrote them, one for each of words.
	orig []string
	// joined is " " + words joined by spaces + " ", for phrase matching.
	joined string
}

// has reports whether the question contains the phrase, on word boundaries.
func (q *question) has(phrase string) bool {
	return strings.Contains(q.joined, " "+phrase+" ")
}

// hasAny reports whether the question contains any of the words.
func (q *question) hasAny(ws ...string) bool {
	for _, w := range ws {
		if slices.Contains(q.words, w) {
			return true
		}
	}
	return false
}

// starts reports whether the question's first word is one of ws.
func (q *question) starts(ws ...string) bool {
	return len(q.words) > 0 && slices.Contains(ws, q.words[0])
}

// lexicon holds the rules' word lists. Every word in it is known to the
// typo corrector, so a misspelt keyword finds its way back.
type lexicon struct {
	sign, negation, aux, principle, countSubjects, fillers                       []string
	help, sources, brief, saidVerbs, counting, launch, explain, reactions, rules []string
	countries, companies, nonprofits                                             []string
	// signNouns are the signing words that are not verbs; anyone are words
	// that stand for no one in particular.
	signNouns, anyone []string
}

// lists returns every word list, for the typo corrector.
func (lx *lexicon) lists() [][]string {
	return [][]string{lx.sign, lx.negation, lx.aux, lx.principle, lx.countSubjects, lx.help, lx.sources, lx.brief,
		lx.saidVerbs, lx.counting, lx.launch, lx.explain, lx.reactions, lx.rules}
}

func newLexicon() lexicon {
	return lexicon{
		sign: strings.Fields(`sign signs signed signing signatory signatories signature signatures join joined
			joining endorse endorsed ratify ratified support supported supports opt opted agree agreed adopt adopted`),
		negation: strings.Fields(`didnt not never refused refuse refusing declined decline declining wont hasnt
			havent doesnt dont isnt arent wasnt werent holdout holdouts nonsignatories nonsignatory abstained
			missing absent outside without rejected`),
		aux:       strings.Fields("did has have does do is are was were will would"),
		principle: strings.Fields("principle principles principal principals point points item items measure measures rule commitment"),
		countSubjects: strings.Fields(`countries country nations states governments companies company firms
			businesses corporations nonprofits nonprofit non profits charities ngos universities groups
			organisations organizations signatories signed sign supporters members parties`),
		fillers: strings.Fields(`the a an it pact paris call agreement accord cyber cybersecurity treaty this that
			to of in on for sign signed yet ever already`),
		help:    strings.Fields("help commands usage menu"),
		sources: strings.Fields("sources source articles references citations bibliography"),
		brief:   strings.Fields("brief briefing tldr overview summary summarize summarise rundown"),
		saidVerbs: strings.Fields(`said says say called calls call thinks think compared described warned believes
			argued thought claimed mentioned quoted wrote expects pointed`),
		counting: strings.Fields("count counts number numbers total tally"),
		launch: strings.Fields(`launched launch started created proposed initiated founded announced released
			unveiled behind introduced`),
		explain: strings.Fields("explain describe define"),
		reactions: strings.Fields(`reactions reaction react reacted experts expert critics criticism opinions
			opinion views analysts quotes responses`),
		rules:      strings.Fields("commitments rules steps goals"),
		countries:  strings.Fields("countries country nations states governments"),
		companies:  strings.Fields("companies company firms businesses corporations"),
		nonprofits: strings.Fields("nonprofits nonprofit charities ngos universities groups"),
		signNouns:  strings.Fields("signatory signatories signature signatures"),
		anyone:     strings.Fields("anyone anybody someone somebody everyone everybody they them all any some who"),
	}
}

// rule recognises one kind of question and answers it, or reports that the
// question is not of its kind.
type rule func(e *Engine, q *question) (Answer, bool)

// rules are tried in order; the first that matches answers. Specific
// questions come before general ones, and search comes last.
func (e *Engine) rules() []rule {
	return []rule{
		(*Engine).ruleHelp,
		(*Engine).ruleSources,
		(*Engine).ruleBrief,
		(*Engine).rulePrincipleNumber,
		(*Engine).ruleWhoSaid,
		(*Engine).ruleCounts,
		(*Engine).ruleDidSign,
		(*Engine).ruleNotSigned,
		(*Engine).ruleSigned,
		(*Engine).rulePerson,
		(*Engine).ruleLaunch,
		(*Engine).ruleWhatIs,
		(*Engine).ruleReactions,
		(*Engine).rulePrinciples,
		(*Engine).ruleTopic,
	}
}

func (e *Engine) ruleHelp(q *question) (Answer, bool) {
	if q.starts(e.lex.help...) && len(q.words) <= 3 || q.has("what can you do") || q.has("how do i use") {
		return e.helpAnswer(IntentHelp, "What I can answer"), true
	}
	return Answer{}, false
}

func (e *Engine) ruleSources(q *question) (Answer, bool) {
	if q.starts(e.lex.sources...) && len(q.words) <= 3 ||
		q.has("your sources") || q.has("where does this come from") || q.has("which articles") {
		return e.sourcesAnswer(), true
	}
	return Answer{}, false
}

func (e *Engine) ruleBrief(q *question) (Answer, bool) {
	if q.hasAny(e.lex.brief...) && len(q.words) <= 6 {
		return e.briefAnswer(), true
	}
	return Answer{}, false
}

func (e *Engine) rulePrincipleNumber(q *question) (Answer, bool) {
	if !q.hasAny(e.lex.principle...) {
		return Answer{}, false
	}
	for i, w := range q.words {
		n, ok := number(w)
		// "principle VIII"; elsewhere "i" is a pronoun ("what principles i should know").
		if !ok && i > 0 && slices.Contains(e.lex.principle, q.words[i-1]) && !strings.HasSuffix(q.words[i-1], "s") {
			n, ok = romanNumeral(w)
		}
		if !ok {
			continue
		}
		// A number before a plural counts: "the nine principles" is the list.
		if i+1 < len(q.words) && strings.HasSuffix(q.words[i+1], "s") && slices.Contains(e.lex.principle, q.words[i+1]) {
			continue
		}
		if n < 1 || n > len(e.facts.principles) {
			return e.noPrincipleAnswer(numberLabel(w)), true
		}
		return e.principleAnswer(n), true
	}
	return Answer{}, false
}

func (e *Engine) ruleWhoSaid(q *question) (Answer, bool) {
	if !q.starts("who", "whom", "which") || len(q.words) < 3 {
		return Answer{}, false
	}
	i := slices.IndexFunc(q.words, func(w string) bool { return slices.Contains(e.lex.saidVerbs, w) })
	if i < 0 || i > 2 {
		return Answer{}, false
	}
	return e.whoSaidAnswer(q, q.words[i+1:])
}

func (e *Engine) ruleCounts(q *question) (Answer, bool) {
	counting := q.has("how many") || q.hasAny(e.lex.counting...)
	if !counting || !q.hasAny(e.lex.countSubjects...) {
		return Answer{}, false
	}
	return e.countsAnswer(e.lex.countFocus(q)), true
}

func (e *Engine) ruleDidSign(q *question) (Answer, bool) {
	lo, hi, ok := e.lex.signRegion(q)
	if !ok || q.hasAny(e.lex.negation...) && q.starts("who", "which", "what") {
		return Answer{}, false
	}
	region := q.words[lo:hi]
	if p := e.partyIn(region); p != nil {
		return e.didSignAnswer(p), true
	}
	// "did any countries sign" and "did anyone refuse to sign" name no one:
	// the counts and the list of non-signatories answer them.
	in := func(list []string) func(string) bool { return func(w string) bool { return slices.Contains(list, w) } }
	if slices.ContainsFunc(region, in(e.lex.countSubjects)) || slices.ContainsFunc(region, in(e.lex.negation)) {
		return Answer{}, false
	}
	var name []string
	anyone := true
	for i := lo; i < hi; i++ {
		if !slices.Contains(e.lex.fillers, q.words[i]) {
			name = append(name, displayWord(q.orig[i]))
			anyone = anyone && slices.Contains(e.lex.anyone, q.words[i])
		}
	}
	switch {
	case len(name) == 0:
		return Answer{}, false
	case anyone:
		return e.signedAnswer(), true
	}
	return e.unknownPartyAnswer(strings.Join(name, " ")), true
}

// signRegion finds the words naming who a "did X sign?" question is about,
// as the range [lo, hi) of the question's words: those between a leading
// auxiliary and the signing verb ("did the US sign"), or before it in a
// short question ("Google signed?").
func (lx *lexicon) signRegion(q *question) (lo, hi int, ok bool) {
	i := slices.IndexFunc(q.words, func(w string) bool { return slices.Contains(lx.sign, w) })
	if i < 1 {
		return 0, 0, false
	}
	switch {
	case q.starts(lx.aux...):
		return 1, i, i > 1
	case len(q.words) <= 4 && !slices.ContainsFunc(q.words[:i], isQuestionWord) &&
		!slices.Contains(lx.signNouns, q.words[i]):
		// "Google signed?", but not "list of signatories" or "so who signed".
		return 0, i, true
	}
	return 0, 0, false
}

func (e *Engine) ruleNotSigned(q *question) (Answer, bool) {
	signing := q.hasAny(e.lex.sign...) || q.hasAny("signatories", "nonsignatories")
	if q.hasAny(e.lex.negation...) && (signing || q.starts("who", "which")) || q.has("non signatories") {
		return e.notSignedAnswer(), true
	}
	return Answer{}, false
}

// isQuestionWord reports whether w asks a question, as "who" does.
func isQuestionWord(w string) bool {
	switch w {
	case "who", "whom", "which", "what", "how", "when", "where", "why":
		return true
	}
	return false
}

func (e *Engine) ruleSigned(q *question) (Answer, bool) {
	if q.hasAny("signatories", "signatory", "supporters", "backers") ||
		q.hasAny("who", "which") && q.hasAny(e.lex.sign...) {
		return e.signedAnswer(), true
	}
	return Answer{}, false
}

func (e *Engine) rulePerson(q *question) (Answer, bool) {
	if p := e.personIn(q); p != nil {
		return e.personAnswer(p), true
	}
	if org, people := e.organisationIn(q); len(people) > 0 {
		return e.organisationAnswer(org, people), true
	}
	return Answer{}, false
}

func (e *Engine) ruleLaunch(q *question) (Answer, bool) {
	launch := q.hasAny(e.lex.launch...)
	if launch && q.starts("who", "where", "which", "what", "when") || q.hasAny("macron", "forum") && len(q.words) <= 6 {
		return e.launchAnswer(), true
	}
	return Answer{}, false
}

// ruleWhatIs answers "what is X" only when X is the pact: "what is cyber
// hygiene" is a topic and "what is the TSA" is not covered at all.
func (e *Engine) ruleWhatIs(q *question) (Answer, bool) {
	if subject, ok := e.lex.askedAbout(q); ok && e.isPactSubject(subject) || e.isPactName(q) {
		return e.whatIsAnswer(), true
	}
	return Answer{}, false
}

// askedAbout finds the words a "what is X", "tell me about X" or "explain
// X" question asks about.
func (lx *lexicon) askedAbout(q *question) ([]string, bool) {
	if q.starts(lx.explain...) {
		return q.words[1:], true
	}
	for _, p := range [][]string{{"what", "is"}, {"whats"}, {"what", "was"}, {"tell", "me", "about"}} {
		for i := 0; i+len(p) <= len(q.words); i++ {
			if slices.Equal(q.words[i:i+len(p)], p) {
				return q.words[i+len(p):], true
			}
		}
	}
	return nil, false
}

func (e *Engine) ruleReactions(q *question) (Answer, bool) {
	if q.hasAny(e.lex.reactions...) {
		return e.reactionsAnswer(), true
	}
	return Answer{}, false
}

func (e *Engine) rulePrinciples(q *question) (Answer, bool) {
	if q.hasAny(e.lex.principle...) || q.hasAny(e.lex.rules...) ||
		q.has("what does it say") || q.has("what does the pact say") {
		return e.principlesAnswer(), true
	}
	return Answer{}, false
}

func (e *Engine) ruleTopic(q *question) (Answer, bool) {
	if n := e.topicIn(q); n > 0 {
		return e.principleAnswer(n), true
	}
	return Answer{}, false
}

// countFocus says which count a question asks about, or "" for all.
func (lx *lexicon) countFocus(q *question) string {
	switch {
	case q.hasAny(lx.countries...):
		return "countries"
	case q.hasAny(lx.companies...):
		return "companies"
	case q.hasAny(lx.nonprofits...) || q.has("non profits"):
		return "nonprofits"
	}
	return ""
}
