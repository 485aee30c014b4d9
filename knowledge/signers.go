package knowledge

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// changedNote warns that counts and lists are as of their sources.
func changedNote(when string) string {
	if when == "" {
		return "Supporters have joined since; these are the figures the sources reported, not today's."
	}
	return fmt.Sprintf("Supporters have joined since; these are the figures reported in %s, not today's.", when)
}

// countLine says one source's count of one kind, such as "51 countries".
func (c resolvedCount) value(focus string) string {
	switch focus {
	case "countries":
		return c.countries + " countries"
	case "companies":
		return c.companies + " companies"
	case "nonprofits":
		return c.nonprofit + " non-profits"
	}
	return fmt.Sprintf("%s countries, %s companies and %s non-profits", c.countries, c.companies, c.nonprofit)
}

// differ reports whether the sources give different figures for focus.
func (f *facts) differ(focus string) bool {
	for _, c := range f.counts[1:] {
		if c.value(focus) != f.counts[0].value(focus) {
			return true
		}
	}
	return false
}

func (e *Engine) countsAnswer(focus string) Answer {
	var lines []string
	var cites []Citation
	for _, c := range e.facts.counts {
		lines = append(lines, fmt.Sprintf("• %s: %s", c.source.Outlet, c.value(focus)))
		cites = append(cites, c.cites...)
	}
	when := asOf(cites)
	title := "How many signed"
	if focus != "" {
		title = "How many " + focus + " signed"
	}
	a := Answer{Intent: IntentCounts, Title: title, AsOf: when,
		Text: reported(when) + ", by source:\n" + strings.Join(lines, "\n")}
	if e.facts.differ(focus) {
		a.Notes = append(a.Notes, "The sources differ; each figure is cited.")
	}
	for _, n := range e.facts.countNotes {
		a.Notes = append(a.Notes, n.text)
		cites = append(cites, n.cite)
	}
	a.Citations = dedupe(cites)
	a.Notes = append(a.Notes, changedNote(when))
	a.Suggestions = []string{"who signed", "who didn't sign"}
	return a
}

// partiesWhere lists the names of parties whose signed status is status.
func (f *facts) partiesWhere(status string) ([]string, []Citation) {
	var names []string
	var cites []Citation
	for _, p := range f.parties {
		if p.signed == status {
			names = append(names, p.name)
			cites = append(cites, p.cites...)
		}
	}
	return names, cites
}

func (e *Engine) signedAnswer() Answer {
	a := e.countsAnswer("")
	named, cites := e.facts.partiesWhere("yes")
	supports, scites := e.facts.partiesWhere("supports")
	a.Intent, a.Title = IntentSigned, "Who signed the Paris Call"
	a.Text += fmt.Sprintf("\nNamed signatories: %s.", list(named))
	if len(supports) > 0 {
		a.Text += fmt.Sprintf("\nAlso said to support it: %s.", list(supports))
	}
	a.Citations = dedupe(append(append(a.Citations, cites...), scites...))
	a.Suggestions = []string{"who didn't sign", "did Google sign", "how many countries signed"}
	return a
}

// notSignedNames lists the non-signatories, marking those only some
// sources name, with the citations that say so.
func (e *Engine) notSignedNames() ([]string, []Citation) {
	_, cites := e.facts.partiesWhere("no")
	everySource := len(sourcesOf(cites))
	var all, some []string
	for _, p := range e.facts.parties {
		switch {
		case p.signed != "no":
		case len(sourcesOf(p.cites)) == everySource:
			all = append(all, p.name)
		default:
			some = append(some, fmt.Sprintf("%s (named only by %s)", p.name, list(outletsOf(p.cites))))
		}
	}
	return append(all, some...), dedupe(cites)
}

func (e *Engine) notSignedAnswer() Answer {
	names, cites := e.notSignedNames()
	when := asOf(cites)
	return Answer{Intent: IntentNotSigned, Title: "Who didn't sign", AsOf: when,
		Text:      fmt.Sprintf("%s, these countries did not sign: %s.", reported(when), list(names)),
		Citations: cites, Notes: []string{changedNote(when)},
		Suggestions: []string{"who signed", "what did Kothari say", "did Russia sign"}}
}

func (e *Engine) didSignAnswer(p *resolvedParty) Answer {
	when := asOf(p.cites)
	outlets := list(outletsOf(p.cites))
	if when != "" {
		outlets += " (" + when + ")"
	}
	var title, text string
	switch p.signed {
	case "yes":
		title = fmt.Sprintf("Yes, %s signed", p.name)
		text = fmt.Sprintf("Yes. %s names %s among the signatories.", outlets, p.name)
	case "no":
		title = fmt.Sprintf("No, %s did not sign", p.name)
		text = fmt.Sprintf("No. According to %s, %s did not sign.", outlets, p.name)
	default:
		title = fmt.Sprintf("%s supports it; the sources don't say it signed", capitalize(p.name))
		text = fmt.Sprintf("%s quotes %s as supporting the Paris Call; the sources don't say whether it signed.", outlets, p.name)
	}
	return Answer{Intent: IntentDidSign, Title: title, Text: text,
		Citations: dedupe(slices.Clone(p.cites)), AsOf: when, Notes: []string{changedNote(when)},
		Suggestions: []string{"who signed", "who didn't sign"}}
}

// unknownPartyAnswer says the sources don't say whether name signed; name
// is as the user wrote it.
func (e *Engine) unknownPartyAnswer(name string) Answer {
	yes, _ := e.facts.partiesWhere("yes")
	no, _ := e.facts.partiesWhere("no")
	return Answer{Intent: IntentDidSign, Title: fmt.Sprintf("The sources don't say whether %s signed", name),
		Text: fmt.Sprintf("The sources don't say whether %s signed. They name only these signatories: %s; and these non-signatories: %s.",
			name, list(yes), list(no)),
		Suggestions: []string{"who signed", "who didn't sign", "how many countries signed"}}
}

// displayWord shows a word of a name the user typed: as written if it has
// capitals ("NATO", "McDonalds"), else capitalised, and upper-cased if it
// is two letters or fewer, as those are mostly abbreviations ("uk", "eu").
func displayWord(w string) string {
	switch {
	case strings.ToLower(w) != w:
		return w
	case utf8.RuneCountInString(w) <= 2:
		return strings.ToUpper(w)
	}
	return capitalize(w)
}

// sourcesOf lists the distinct source ids of citations, in order.
func sourcesOf(cs []Citation) []string {
	var out []string
	for _, c := range cs {
		if !slices.Contains(out, c.SourceID) {
			out = append(out, c.SourceID)
		}
	}
	return out
}

// outletsOf lists the distinct outlets of citations, in order.
func outletsOf(cs []Citation) []string {
	var out []string
	for _, c := range cs {
		if !slices.Contains(out, c.Outlet) {
			out = append(out, c.Outlet)
		}
	}
	return out
}
