package knowledge

import (
	"fmt"
	"slices"
	"strings"
)

// facts is the fact base with every citation verified and resolved.
type facts struct {
	pact struct {
		pactFacts
		what, names, launch []Citation
		// matchNames are the pact's name and aliases as questions are
		// matched: lower-case words.
		matchNames []string
	}
	principles []resolvedPrinciple
	counts     []resolvedCount
	countNotes []note
	parties    []resolvedParty
	people     []resolvedPerson
}

type resolvedPrinciple struct {
	Principle
	topics     []string
	wording    Citation
	item       Citation
	itemNumber int
}

type resolvedCount struct {
	source                          *Source
	countries, companies, nonprofit string
	cites                           []Citation
}

type note struct {
	text string
	cite Citation
}

type resolvedParty struct {
	name, kind, signed string
	aliases            []string
	cites              []Citation
}

type resolvedPerson struct {
	name, role, org   string
	aliases, orgAlias []string
	quotes            []Citation
	sharp             []bool
}

// compileFacts parses the fact base and verifies every citation against the
// sources, reporting every quote that does not match.
func compileFacts(data []byte, sources []*Source) (*facts, error) {
	fb, err := parseFacts(data)
	if err != nil {
		return nil, err
	}
	v := newVerifier(sources)
	var es errs
	all := func(entry string, cs []cite, speaker string) []Citation {
		var out []Citation
		for _, c := range cs {
			r, err := v.resolve(entry, c, speaker)
			es.add(err)
			out = append(out, r)
		}
		return out
	}
	one := func(entry string, c cite) Citation { return all(entry, []cite{c}, "")[0] }

	f := &facts{}
	f.pact.pactFacts = fb.Pact
	f.pact.matchNames = phrases(append([]string{fb.Pact.Name}, fb.Pact.Aliases...))
	f.pact.what = all("pact.cite_what", fb.Pact.CiteWhat, "")
	f.pact.names = all("pact.cite_names", fb.Pact.CiteNames, "")
	f.pact.launch = all("pact.cite_launch", fb.Pact.CiteLaunch, "")
	for _, p := range fb.Principles {
		entry := fmt.Sprintf("principle %d", p.Number)
		f.principles = append(f.principles, resolvedPrinciple{
			Principle: Principle{Number: p.Number, Name: p.Name}, topics: phrases(p.Topics),
			wording: one(entry+" wording", p.Wording), item: one(entry+" item", p.Item.cite), itemNumber: p.Item.Number,
		})
	}
	for _, c := range fb.Counts {
		src := v.sources[c.Source]
		if src == nil {
			es.add(fmt.Errorf("fact counts: unknown source %q", c.Source))
			continue
		}
		f.counts = append(f.counts, resolvedCount{source: src, countries: c.Countries, companies: c.Companies,
			nonprofit: c.Nonprofits, cites: all("counts "+c.Source, c.Cite, "")})
	}
	for i, n := range fb.CountNotes {
		f.countNotes = append(f.countNotes, note{text: n.Text, cite: one(fmt.Sprintf("count_notes[%d]", i), n.Cite)})
	}
	for _, p := range fb.Parties {
		f.parties = append(f.parties, resolvedParty{name: p.Name, kind: p.Kind, signed: p.Signed,
			aliases: phrases(p.Aliases), cites: all("party "+p.Name, p.Cite, "")})
	}
	for _, p := range fb.People {
		rp := resolvedPerson{name: p.Name, role: p.Role, org: p.Organisation,
			aliases: phrases(p.Aliases), orgAlias: phrases(p.OrgAliases)}
		for _, q := range p.Quotes {
			rp.quotes = append(rp.quotes, all("person "+p.Name, []cite{q.cite}, p.speaker())...)
			rp.sharp = append(rp.sharp, q.Sharp)
		}
		f.people = append(f.people, rp)
	}
	if err := es.err(); err != nil {
		return nil, fmt.Errorf("verify fact base: %w", err)
	}
	return f, nil
}

// phrases turns names as the fact base writes them into the form questions
// are matched in, once at load: lower-case words joined by single spaces.
func phrases(names []string) []string {
	out := make([]string, 0, len(names))
	for _, n := range names {
		if p := strings.Join(words(n), " "); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// speakers lists every person's quotes, so search results inside a quote
// can name who said it.
func (f *facts) speakers() []Citation {
	var out []Citation
	for _, p := range f.people {
		out = append(out, p.quotes...)
	}
	return out
}

// keywords lists the fact base's names, aliases and topics, which the typo
// corrector aims at.
func (f *facts) keywords() []string {
	out := append([]string{f.pact.Name}, f.pact.Aliases...)
	for _, p := range f.principles {
		out = append(out, p.topics...)
		out = append(out, p.Name)
	}
	for _, p := range f.parties {
		out = append(out, p.aliases...)
	}
	for _, p := range f.people {
		out = append(out, p.aliases...)
		out = append(out, p.orgAlias...)
	}
	return out
}

// partyIn finds a named party in the words, longest alias first.
func (e *Engine) partyIn(ws []string) *resolvedParty {
	joined := " " + strings.Join(ws, " ") + " "
	var best *resolvedParty
	bestLen := 0
	for i := range e.facts.parties {
		p := &e.facts.parties[i]
		for _, a := range p.aliases {
			if n := len(a); n > bestLen && strings.Contains(joined, " "+a+" ") {
				best, bestLen = p, n
			}
		}
	}
	return best
}

// personIn finds a quoted person named in the question.
func (e *Engine) personIn(q *question) *resolvedPerson {
	for i := range e.facts.people {
		for _, a := range e.facts.people[i].aliases {
			if q.has(a) {
				return &e.facts.people[i]
			}
		}
	}
	return nil
}

// organisationIn finds the people of an organisation named in the question.
func (e *Engine) organisationIn(q *question) (string, []*resolvedPerson) {
	var org string
	var people []*resolvedPerson
	for i := range e.facts.people {
		p := &e.facts.people[i]
		for _, a := range p.orgAlias {
			if q.has(a) {
				if org == "" {
					org = p.org
				}
				people = append(people, p)
				break
			}
		}
	}
	return org, people
}

// topicIn finds the principle whose topic the question names, preferring
// the longest topic phrase; 0 means none.
func (e *Engine) topicIn(q *question) int {
	best, bestLen := 0, 0
	for _, p := range e.facts.principles {
		for _, t := range p.topics {
			if len(t) > bestLen && q.has(t) {
				best, bestLen = p.Number, len(t)
			}
		}
	}
	return best
}

// isPactSubject reports whether words only name the pact, such as "the
// paris call" or "this pact about".
func (e *Engine) isPactSubject(ws []string) bool {
	for _, w := range ws {
		if !e.pactWords[w] {
			return false
		}
	}
	return true
}

// buildPactWords collects the words that may name the pact: its names,
// aliases and the rules' filler words.
func (e *Engine) buildPactWords() {
	e.pactWords = map[string]bool{}
	names := append([]string{e.facts.pact.Name}, e.facts.pact.Aliases...)
	names = append(names, e.lex.fillers...)
	names = append(names, "about", "exactly", "all", "really", "actually", "thing", "initiative", "its", "their")
	for _, n := range names {
		for _, w := range words(n) {
			e.pactWords[w] = true
		}
	}
}

// isPactName reports whether the question is just a name of the pact.
func (e *Engine) isPactName(q *question) bool {
	return slices.Contains(e.facts.pact.matchNames, strings.TrimSpace(q.joined))
}
