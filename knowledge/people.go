package knowledge

import (
	"fmt"
	"slices"
	"strings"
)

func (p *resolvedPerson) describe() string {
	return fmt.Sprintf("%s (%s, %s)", p.name, p.role, p.org)
}

func (e *Engine) personAnswer(p *resolvedPerson) Answer {
	return Answer{Intent: IntentPerson, Title: "What " + p.name + " said",
		Text:      fmt.Sprintf("%s is quoted %s, in %s.", p.describe(), times(len(p.quotes)), list(outletsOf(p.quotes))),
		Citations: slices.Clone(p.quotes), Suggestions: []string{"reactions", "who called it dead on arrival"}}
}

// times says how often: "once", "twice", "3 times".
func times(n int) string {
	switch n {
	case 1:
		return "once"
	case 2:
		return "twice"
	}
	return fmt.Sprintf("%d times", n)
}

func (e *Engine) organisationAnswer(org string, people []*resolvedPerson) Answer {
	var names []string
	var cites []Citation
	for _, p := range people {
		names = append(names, p.describe())
		cites = append(cites, p.quotes...)
	}
	return Answer{Intent: IntentOrg, Title: "What people from " + org + " said",
		Text:      fmt.Sprintf("The sources quote %s.", list(names)),
		Citations: cites, Suggestions: []string{"reactions"}}
}

func (e *Engine) reactionsAnswer() Answer {
	var cites []Citation
	for _, p := range e.facts.people {
		for i, q := range p.quotes {
			if p.sharp[i] {
				cites = append(cites, q)
			}
		}
	}
	return Answer{Intent: IntentReactions, Title: "Reactions",
		Text:      fmt.Sprintf("The sharpest reactions of the %d experts the sources quote:", len(e.facts.people)),
		Citations: cites, Suggestions: []string{"what did Bischoff say", "what did Kothari say"}}
}

// whoSaidAnswer finds the person's quote that best matches what the user
// remembers, requiring more than half of its words; without one, it falls
// back to search.
func (e *Engine) whoSaidAnswer(q *question, said []string) (Answer, bool) {
	var want []string
	for _, w := range said {
		if !slices.Contains(e.lex.fillers, w) && !slices.Contains(e.lex.aux, w) && len(w) > 1 {
			want = append(want, w)
		}
	}
	if len(want) == 0 {
		return Answer{}, false
	}
	var best *resolvedPerson
	var bestQuote Citation
	bestN := 0
	for i := range e.facts.people {
		p := &e.facts.people[i]
		for _, c := range p.quotes {
			if n := matchedWords(want, words(c.Quote)); n > bestN {
				best, bestQuote, bestN = p, c, n
			}
		}
	}
	if bestN <= len(want)/2 {
		return e.searchAnswer(q), true
	}
	return Answer{Intent: IntentWhoSaid, Title: "That was " + best.name,
		Text:      fmt.Sprintf("%s said it, as quoted by %s.", best.describe(), bestQuote.Outlet),
		Citations: []Citation{bestQuote}, Suggestions: []string{"what did " + best.aliases[0] + " say", "reactions"}}, true
}

// matchedWords counts the wanted words found in have, allowing a shared
// stem ("arrive", "arrival") or a typo.
func matchedWords(want, have []string) int {
	n := 0
	for _, w := range want {
		if slices.ContainsFunc(have, func(h string) bool { return sameWord(w, h) }) {
			n++
		}
	}
	return n
}

// sameWord compares words loosely: equal, a shared prefix of five letters,
// or within the typo budget.
func sameWord(a, b string) bool {
	if a == b {
		return true
	}
	if len(a) >= 5 && len(b) >= 5 && a[:5] == b[:5] {
		return true
	}
	budget := min(typoBudget(a), typoBudget(b))
	return budget > 0 && editDistance(a, b, budget) <= budget
}

// reportedIn dates the brief's counts, " (reported November 2018)", or
// says nothing when the sources are undated.
func reportedIn(when string) string {
	if when == "" {
		return ""
	}
	return " (reported " + when + ")"
}

func (e *Engine) briefAnswer() Answer {
	what, reactions := e.whatIsAnswer(), e.reactionsAnswer()
	named, _ := e.facts.partiesWhere("yes")
	notSigned, notCites := e.notSignedNames()
	var counts, principles []string
	cites := []Citation{what.Citations[0], e.facts.pact.launch[0]}
	for _, c := range e.facts.counts {
		counts = append(counts, fmt.Sprintf("%s per %s", c.value(""), c.source.Outlet))
		cites = append(cites, c.cites...)
	}
	when := asOf(cites)
	for _, p := range e.facts.principles {
		principles = append(principles, fmt.Sprintf("%d %s", p.Number, p.Name))
	}
	lines := []string{
		"What: " + what.Text,
		fmt.Sprintf("Who signed%s: %s. Named signatories: %s.", reportedIn(when), strings.Join(counts, "; "), list(named)),
		"Who didn't: " + list(notSigned) + ".",
		"The nine principles: " + strings.Join(principles, "; ") + ".",
		"Reactions: the sharpest, one per expert, are quoted below.",
	}
	cites = append(cites, notCites...)
	cites = append(cites, e.facts.pact.names[0])
	cites = append(cites, reactions.Citations...)
	return Answer{Intent: IntentBrief, Title: "Briefing: " + e.facts.pact.Name, Text: strings.Join(lines, "\n"),
		Citations: dedupe(cites), AsOf: when,
		Notes:       []string{"The sources differ on the counts; each figure is cited.", changedNote(when)},
		Suggestions: []string{"principle 8", "what did Hahad say", "sources"}}
}
