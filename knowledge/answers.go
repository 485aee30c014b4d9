package knowledge

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// dedupe drops repeated citations (same source and quote), keeping order.
func dedupe(cs []Citation) []Citation {
	seen := map[string]bool{}
	out := cs[:0:0]
	for _, c := range cs {
		k := c.SourceID + "\x00" + c.Quote
		if !seen[k] {
			seen[k] = true
			out = append(out, c)
		}
	}
	return out
}

// asOf names the publication months of the citations' sources, such as
// "November 2018", for answers whose facts may have changed since.
func asOf(cs []Citation) string {
	var months []string
	for _, c := range cs {
		if c.Published != "" && !slices.Contains(months, c.Published) {
			months = append(months, c.Published)
		}
	}
	return strings.Join(months, " and ")
}

// reported prefixes a dated statement with its date, when known.
func reported(when string) string {
	if when == "" {
		return "As reported"
	}
	return "As reported in " + when
}

// list joins names as English: "a", "a and b", "a, b and c".
func list(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// capitalize upper-cases the first letter, for names starting a sentence.
// It works on the first rune, not byte, so "élysée" becomes "Élysée".
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

func (e *Engine) helpAnswer(intent Intent, title string) Answer {
	var b strings.Builder
	b.WriteString("Ask me about the Paris Call for Trust and Security in Cyberspace. Every answer quotes its sources.\n")
	for _, c := range Commands() {
		fmt.Fprintf(&b, "• %s: %s\n", c.Usage, c.Summary)
	}
	return Answer{Intent: intent, Title: title, Text: strings.TrimSpace(b.String()),
		Suggestions: []string{"who didn't sign", "principle 8", "brief"}}
}

func (e *Engine) tooLongAnswer(n int) Answer {
	return Answer{Intent: IntentTooLong, Title: "That question is too long",
		Text:        fmt.Sprintf("Questions can be up to %d characters; that one has %d. Try a short question.", MaxQuestionRunes, n),
		Suggestions: []string{"who didn't sign", "principle 8", "help"}}
}

func (e *Engine) noAnswer() Answer {
	return Answer{Intent: IntentNoAnswer, Title: "The sources don't say",
		Text:        "The sources don't cover that. They cover who signed the Paris Call and who didn't, its nine principles, and what experts said about it.",
		Suggestions: []string{"who didn't sign", "principles", "reactions", "help"}}
}

func (e *Engine) sourcesAnswer() Answer {
	var b strings.Builder
	for _, s := range e.sources {
		fmt.Fprintf(&b, "• %s: “%s”, %s", s.ID, s.Headline, s.Outlet)
		if s.Author != "" {
			fmt.Fprintf(&b, ", by %s", s.Author)
		}
		if s.Published != "" {
			fmt.Fprintf(&b, ", %s", s.Published)
		}
		b.WriteString("\n")
	}
	return Answer{Intent: IntentSources, Title: "Sources",
		Text:        fmt.Sprintf("Answers quote %d articles, verbatim:\n%s", len(e.sources), strings.TrimSpace(b.String())),
		Suggestions: []string{"brief", "who didn't sign"}}
}

func (e *Engine) whatIsAnswer() Answer {
	p := e.facts.pact
	cites := dedupe(append(slices.Clone(p.what), p.names...))
	return Answer{Intent: IntentWhatIs, Title: p.Name, Text: p.Summary, Citations: cites,
		Notes:       []string{"One passage in SC Media calls it the “Paris Call for Peace and Security in Cyberspace”."},
		Suggestions: []string{"who launched it", "principles", "who didn't sign"}}
}

func (e *Engine) launchAnswer() Answer {
	p := e.facts.pact
	return Answer{Intent: IntentLaunch, Title: "Who launched it, and where",
		Text:        fmt.Sprintf("%s launched %s at the %s.", p.LaunchedBy, p.Short, p.Venue),
		Citations:   slices.Clone(p.launch),
		Suggestions: []string{"what is the paris call", "who didn't sign"}}
}

func (e *Engine) principlesAnswer() Answer {
	var b strings.Builder
	var cites []Citation
	for _, p := range e.facts.principles {
		fmt.Fprintf(&b, "%d. %s\n", p.Number, p.Name)
		cites = append(cites, p.wording)
	}
	return Answer{Intent: IntentPrinciples, Title: "The nine principles",
		Text:      "The Paris Call has nine principles (short names are ours; the quotes are the wording):\n" + strings.TrimSpace(b.String()),
		Citations: cites, Suggestions: []string{"principle 8", "principle 3"}}
}

// noPrincipleAnswer says there is no principle numbered as the user wrote
// it, such as "12" or "99999999999999999999".
func (e *Engine) noPrincipleAnswer(n string) Answer {
	return Answer{Intent: IntentPrinciple, Title: fmt.Sprintf("There is no principle %s", n),
		Text:        fmt.Sprintf("The Paris Call has nine principles, numbered 1 to 9; there is no principle %s.", n),
		Suggestions: []string{"principles", "principle 1", "principle 9"}}
}

func (e *Engine) principleAnswer(n int) Answer {
	if n < 1 || n > len(e.facts.principles) {
		return e.noPrincipleAnswer(fmt.Sprint(n))
	}
	p := e.facts.principles[n-1]
	text := fmt.Sprintf("Principle %d of 9: %s. %s gives its wording; %s's eight-item list has it as item %d.",
		p.Number, p.Name, p.wording.Outlet, p.item.Outlet, p.itemNumber)
	a := Answer{Intent: IntentPrinciple, Title: fmt.Sprintf("Principle %d: %s", p.Number, p.Name), Text: text,
		Citations: []Citation{p.wording, p.item}}
	for _, o := range e.facts.principles {
		if o.Number != p.Number && o.itemNumber == p.itemNumber {
			a.Notes = append(a.Notes, fmt.Sprintf("%s's list merges principles %d and %d into its item %d.",
				p.item.Outlet, min(o.Number, p.Number), max(o.Number, p.Number), p.itemNumber))
		}
	}
	if n > 1 {
		a.Suggestions = append(a.Suggestions, fmt.Sprintf("principle %d", n-1))
	}
	if n < len(e.facts.principles) {
		a.Suggestions = append(a.Suggestions, fmt.Sprintf("principle %d", n+1))
	}
	a.Suggestions = append(a.Suggestions, "principles")
	return a
}
