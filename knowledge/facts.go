package knowledge

import (
	"bytes"
	_ "embed"
	"fmt"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"
)

// defaultFacts is the curated fact base for the embedded corpus.
//
//go:embed facts.yaml
var defaultFacts string

// cite is a citation as the fact base writes it: a source id and a quote
// that must occur verbatim in that source's body.
type cite struct {
	Source string `yaml:"source"`
	Quote  string `yaml:"quote"`
}

// factBase is the structure of facts.yaml.
type factBase struct {
	Pact       pactFacts   `yaml:"pact"`
	Principles []principle `yaml:"principles"`
	Counts     []count     `yaml:"counts"`
	CountNotes []struct {
		Text string `yaml:"text"`
		Cite cite   `yaml:"cite"`
	} `yaml:"count_notes"`
	Parties []party  `yaml:"parties"`
	People  []person `yaml:"people"`
}

type pactFacts struct {
	Name       string   `yaml:"name"`
	Short      string   `yaml:"short"`
	Aliases    []string `yaml:"aliases"`
	Summary    string   `yaml:"summary"`
	LaunchedBy string   `yaml:"launched_by"`
	Venue      string   `yaml:"venue"`
	CiteWhat   []cite   `yaml:"cite_what"`
	CiteNames  []cite   `yaml:"cite_names"`
	CiteLaunch []cite   `yaml:"cite_launch"`
}

// Principle is one of the Paris Call's nine principles.
type Principle struct {
	// Number is the principle's place, 1 to 9, in the first article's list.
	Number int
	// Name is a short name, such as "No private hack-back".
	Name string
}

type principle struct {
	Number  int      `yaml:"number"`
	Name    string   `yaml:"name"`
	Topics  []string `yaml:"topics"`
	Wording cite     `yaml:"wording"`
	Item    struct {
		Number int `yaml:"number"`
		cite   `yaml:",inline"`
	} `yaml:"item"`
}

type count struct {
	Source     string `yaml:"source"`
	Countries  string `yaml:"countries"`
	Companies  string `yaml:"companies"`
	Nonprofits string `yaml:"nonprofits"`
	Cite       []cite `yaml:"cite"`
}

type party struct {
	Name    string   `yaml:"name"`
	Kind    string   `yaml:"kind"`
	Signed  string   `yaml:"signed"`
	Aliases []string `yaml:"aliases"`
	Cite    []cite   `yaml:"cite"`
}

type person struct {
	Name         string   `yaml:"name"`
	Role         string   `yaml:"role"`
	Organisation string   `yaml:"organisation"`
	Aliases      []string `yaml:"aliases"`
	OrgAliases   []string `yaml:"org_aliases"`
	Quotes       []struct {
		cite  `yaml:",inline"`
		Sharp bool `yaml:"sharp"`
	} `yaml:"quotes"`
}

// speaker names a person with their role, as a citation shows it.
func (p *person) speaker() string {
	return fmt.Sprintf("%s, %s, %s", p.Name, p.Role, p.Organisation)
}

// parseFacts decodes a fact base, rejecting unknown fields so a typo in the
// data cannot silently drop a fact.
func parseFacts(data []byte) (*factBase, error) {
	var fb factBase
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&fb); err != nil {
		return nil, fmt.Errorf("parse fact base: %w", err)
	}
	if len(fb.Principles) != 9 {
		return nil, fmt.Errorf("fact base: %d principles, want 9", len(fb.Principles))
	}
	for i, p := range fb.Principles {
		if p.Number != i+1 {
			return nil, fmt.Errorf("fact base: principle at position %d has number %d", i+1, p.Number)
		}
	}
	for _, p := range fb.Parties {
		switch p.Signed {
		case "yes", "no", "supports":
		default:
			return nil, fmt.Errorf("fact base: party %q: signed is %q, want yes, no or supports", p.Name, p.Signed)
		}
	}
	if err := fb.checkShape(); err != nil {
		return nil, fmt.Errorf("fact base: %w", err)
	}
	return &fb, nil
}

// checkShape reports every entry missing what answers rely on, so a thin
// fact base fails at load rather than making an answer panic.
func (fb *factBase) checkShape() error {
	var es errs
	need := func(ok bool, format string, args ...any) {
		if !ok {
			es.add(fmt.Errorf(format, args...))
		}
	}
	pf := fb.Pact
	need(pf.Name != "" && pf.Short != "" && pf.Summary != "" && pf.LaunchedBy != "" && pf.Venue != "",
		"pact: name, short, summary, launched_by and venue are required")
	need(len(pf.CiteWhat) > 0, "pact: cite_what is empty")
	need(len(pf.CiteNames) > 0, "pact: cite_names is empty")
	need(len(pf.CiteLaunch) > 0, "pact: cite_launch is empty")
	for _, p := range fb.Principles {
		need(p.Name != "" && p.Item.Number > 0, "principle %d: name and item number are required", p.Number)
	}
	need(len(fb.Counts) > 0, "counts is empty")
	for _, c := range fb.Counts {
		need(len(c.Cite) > 0, "counts %s: cite is empty", c.Source)
	}
	for _, p := range fb.Parties {
		need(p.Name != "" && len(p.Aliases) > 0 && len(p.Cite) > 0, "party %q: name, aliases and cite are required", p.Name)
	}
	for _, p := range fb.People {
		need(p.Name != "" && len(p.Aliases) > 0 && len(p.Quotes) > 0, "person %q: name, aliases and quotes are required", p.Name)
	}
	return es.err()
}

// verifier resolves fact-base citations against the corpus, failing on any
// quote that is not a verbatim span of its source.
type verifier struct {
	sources map[string]*Source
	// norm caches each paragraph's whitespace-normalised text.
	norm map[string][]string
}

func newVerifier(sources []*Source) *verifier {
	v := &verifier{sources: map[string]*Source{}, norm: map[string][]string{}}
	for _, s := range sources {
		v.sources[s.ID] = s
		for _, p := range s.Paragraphs {
			v.norm[s.ID] = append(v.norm[s.ID], normalizeSpace(p.Text))
		}
	}
	return v
}

// resolve turns a fact-base cite into a Citation, naming entry in the error
// when the quote is not found verbatim.
func (v *verifier) resolve(entry string, c cite, speaker string) (Citation, error) {
	src, ok := v.sources[c.Source]
	if !ok {
		return Citation{}, fmt.Errorf("fact %s: unknown source %q", entry, c.Source)
	}
	q := normalizeSpace(c.Quote)
	if q == "" {
		return Citation{}, fmt.Errorf("fact %s: empty quote from %s", entry, c.Source)
	}
	for i, text := range v.norm[c.Source] {
		if strings.Contains(text, q) {
			return newCitation(src, i+1, q, speaker), nil
		}
	}
	return Citation{}, fmt.Errorf("fact %s: quote %q does not occur verbatim in %s", entry, c.Quote, c.Source)
}

// newCitation builds a Citation of quote in paragraph para of src.
func newCitation(src *Source, para int, quote, speaker string) Citation {
	return Citation{
		SourceID:  src.ID,
		Title:     src.Headline,
		Outlet:    src.Outlet,
		URL:       src.URL,
		Published: src.Published,
		Quote:     quote,
		Paragraph: para,
		Location:  src.location(para),
		Speaker:   speaker,
	}
}

// normalizeSpace collapses every run of white space to one space and trims
// the ends: the only difference a quote may have from its source.
func normalizeSpace(s string) string {
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}
