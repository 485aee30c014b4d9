package knowledge_test

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"go.yaml.in/yaml/v3"

	"github.com/pariscall/pariscall/knowledge"
)

// readFile reads a file of the package, failing the test on error.
func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// replaceOnce replaces the only occurrence of old in s, failing the test if
// there is not exactly one.
func replaceOnce(t *testing.T, s, old, new string) string {
	t.Helper()
	if n := strings.Count(s, old); n != 1 {
		t.Fatalf("%q occurs %d times; want once", old, n)
	}
	return strings.Replace(s, old, new, 1)
}

// TestEmbeddedFacts checks that the embedded fact base loads and holds the
// nine principles in the first article's order.
func TestEmbeddedFacts(t *testing.T) {
	e := load(t)
	ps := e.Principles()
	if len(ps) != 9 {
		t.Fatalf("Principles() has %d entries; want 9", len(ps))
	}
	for i, p := range ps {
		if p.Number != i+1 || p.Name != principleNames[i] {
			t.Errorf("Principles()[%d] = %+v; want {%d %s}", i, p, i+1, principleNames[i])
		}
	}
	// The file on disk is the embedded one, so the tests below alter what
	// ships.
	if _, err := knowledge.Load(knowledge.Options{Facts: []byte(readFile(t, "facts.yaml"))}); err != nil {
		t.Fatalf("Load(facts.yaml) error: %v", err)
	}
}

// TestFactsVerified checks that loading fails, naming the entry and the
// quote, whenever a fact-base citation is not verbatim.
func TestFactsVerified(t *testing.T) {
	facts := readFile(t, "facts.yaml")
	tests := []struct {
		name     string
		old, new string
		want     []string
	}{
		{"one character altered", `"DOA (Dead On Arrival),"`, `"DOA (Dead on Arrival),"`,
			[]string{"person Mounir Hahad", `"DOA (Dead on Arrival),"`, "does not occur verbatim in sc-media"}},
		{"curly apostrophe straightened", `"That’s why the Forum has chosen to support the Paris Call."`,
			`"That's why the Forum has chosen to support the Paris Call."`,
			[]string{"party the World Economic Forum", "That's why the Forum"}},
		{"typo corrected", `thecountries`, `the countries`, nil}, // not quoted: still loads
		{"principle wording altered", `"Support efforts to strengthen an advanced cyber hygiene for all actors;"`,
			`"Support efforts to strengthen advanced cyber hygiene for all actors;"`,
			[]string{"principle 7 wording", "strengthen advanced cyber hygiene"}},
		{"quote from the wrong source", "  - name: Google\n    kind: company\n    signed: \"yes\"\n    aliases: [google, alphabet]\n    cite:\n      - source: sc-media",
			"  - name: Google\n    kind: company\n    signed: \"yes\"\n    aliases: [google, alphabet]\n    cite:\n      - source: campus-security",
			[]string{"party Google", "does not occur verbatim in campus-security"}},
		{"unknown source", "  - name: IBM\n    kind: company\n    signed: \"yes\"\n    aliases: [ibm]\n    cite:\n      - source: sc-media",
			"  - name: IBM\n    kind: company\n    signed: \"yes\"\n    aliases: [ibm]\n    cite:\n      - source: nowhere",
			[]string{"party IBM", `unknown source "nowhere"`}},
		{"quote spans two paragraphs", `"DOA (Dead On Arrival),"`,
			`"non-profit and advocacy groups. The United States, Russia and China are the most notable countries to not opt-in to the newly arranged pact by French President Emmanuel Macron. The United States has not signed"`,
			[]string{"person Mounir Hahad", "The United States has not signed", "does not occur verbatim"}},
		{"empty quote", `"DOA (Dead On Arrival),"`, `"  "`, []string{"person Mounir Hahad", "empty quote"}},
		{"unknown field", "    role: privacy advocate\n", "    role: privacy advocate\n    rol: typo\n", []string{"rol"}},
		{"eight principles", "  - number: 9\n", "  - number: 10\n", []string{"principle at position 9 has number 10"}},
		{"bad signed value", `signed: supports`, `signed: maybe`, []string{"the World Economic Forum", `"maybe"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := knowledge.Load(knowledge.Options{Facts: []byte(replaceOnce(t, facts, tt.old, tt.new))})
			if tt.want == nil {
				if err != nil {
					t.Fatalf("Load(%s) error: %v; want none", tt.name, err)
				}
				return
			}
			wantLoadError(t, tt.name, err, tt.want)
		})
	}
}

// TestFactsReportEveryBadQuote checks that one load reports every bad
// quote, not just the first.
func TestFactsReportEveryBadQuote(t *testing.T) {
	facts := readFile(t, "facts.yaml")
	facts = replaceOnce(t, facts, `"DOA (Dead On Arrival),"`, `"DOA (Dead on Arrival),"`)
	facts = replaceOnce(t, facts, `"Work together to strengthen the relevant international standards."`,
		`"Work together to strengthen the relevant international norms."`)
	_, err := knowledge.Load(knowledge.Options{Facts: []byte(facts)})
	if err == nil {
		t.Fatal("Load(two bad quotes) succeeded; want an error")
	}
	for _, w := range []string{"Dead on Arrival", "principle 9 item", "international norms"} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("Load(two bad quotes) error = %q; want it to mention %q", err, w)
		}
	}
}

// seedFS copies the embedded seeds into a MapFS, with edit applied to the
// metadata of the first.
func seedFS(t *testing.T, edit func(meta string) string) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	entries, err := os.ReadDir("corpus")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b := readFile(t, "corpus/"+e.Name())
		if e.Name() == "000_e5953f6caadcfa12.meta.yaml" {
			b = edit(b)
		}
		fsys["corpus/"+e.Name()] = &fstest.MapFile{Data: []byte(b)}
	}
	return fsys
}

// TestCorpusOption checks Options.Corpus: a copy of the seeds loads, and
// metadata that does not fit its capture is an error naming the file.
func TestCorpusOption(t *testing.T) {
	tests := []struct {
		name string
		edit func(string) string
		want []string
	}{
		{"unchanged", func(m string) string { return m }, nil},
		{"headline line mismatch", func(m string) string { return replaceOnce(t, m, "headline_line: 3", "headline_line: 1") },
			[]string{"000_e5953f6caadcfa12.txt", "line 1", `"U.S. Doesn"`}},
		{"headline line past the end", func(m string) string { return replaceOnce(t, m, "headline_line: 3", "headline_line: 999") },
			[]string{"000_e5953f6caadcfa12.txt", "headline_line 999"}},
		{"missing body_end marker", func(m string) string {
			return replaceOnce(t, m, `body_end: "About the Author"`, `body_end: "About the Editor"`)
		}, []string{"000_e5953f6caadcfa12.txt", `body_end "About the Editor" not found`}},
		{"no body_end", func(m string) string { return replaceOnce(t, m, `body_end: "About the Author"`, "") },
			[]string{"000_e5953f6caadcfa12.txt", "body_end"}},
		{"bad date", func(m string) string { return replaceOnce(t, m, `published: "2018-11"`, `published: "Nov 2018"`) },
			[]string{"000_e5953f6caadcfa12.txt", "Nov 2018"}},
		{"unknown field", func(m string) string { return m + "\nauthr: x\n" }, []string{"000_e5953f6caadcfa12.txt", "authr"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := knowledge.Load(knowledge.Options{Corpus: seedFS(t, tt.edit)})
			if tt.want == nil {
				if err != nil {
					t.Fatalf("Load(%s) error: %v", tt.name, err)
				}
				if n := len(e.Sources()); n != 2 {
					t.Errorf("Load(%s) has %d sources; want 2", tt.name, n)
				}
				return
			}
			wantLoadError(t, tt.name, err, tt.want)
		})
	}
}

// TestCorpusOptionMissingMetadata checks that a capture without metadata
// is an error.
func TestCorpusOptionMissingMetadata(t *testing.T) {
	fsys := seedFS(t, func(m string) string { return m })
	delete(fsys, "corpus/002_6ad912746ad45484.meta.yaml")
	_, err := knowledge.Load(knowledge.Options{Corpus: fsys})
	if err == nil || !strings.Contains(err.Error(), "002_6ad912746ad45484") {
		t.Errorf("Load(no metadata) error = %v; want one naming 002_6ad912746ad45484", err)
	}
}

// editFacts decodes facts.yaml, lets edit change it and encodes it again.
func editFacts(t *testing.T, edit func(fb map[string]any)) []byte {
	t.Helper()
	var fb map[string]any
	if err := yaml.Unmarshal([]byte(readFile(t, "facts.yaml")), &fb); err != nil {
		t.Fatal(err)
	}
	edit(fb)
	out, err := yaml.Marshal(fb)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// entry returns the i-th entry of a list in the fact base.
func entry(fb map[string]any, list string, i int) map[string]any {
	return fb[list].([]any)[i].(map[string]any)
}

// TestFactsShape checks that a fact base missing what answers rely on is
// rejected at load, naming what is missing, rather than making an answer
// panic later.
func TestFactsShape(t *testing.T) {
	tests := []struct {
		name string
		edit func(fb map[string]any)
		want []string
	}{
		{"unchanged", func(fb map[string]any) {}, nil},
		{"no counts", func(fb map[string]any) { fb["counts"] = []any{} }, []string{"counts"}},
		{"count without citation", func(fb map[string]any) { entry(fb, "counts", 1)["cite"] = []any{} }, []string{"counts", "sc-media"}},
		{"no cite_what", func(fb map[string]any) { fb["pact"].(map[string]any)["cite_what"] = []any{} }, []string{"pact", "cite_what"}},
		{"no cite_names", func(fb map[string]any) { delete(fb["pact"].(map[string]any), "cite_names") }, []string{"pact", "cite_names"}},
		{"no cite_launch", func(fb map[string]any) { fb["pact"].(map[string]any)["cite_launch"] = nil }, []string{"pact", "cite_launch"}},
		{"no pact name", func(fb map[string]any) { fb["pact"].(map[string]any)["name"] = "" }, []string{"pact", "name"}},
		{"person without aliases", func(fb map[string]any) { entry(fb, "people", 3)["aliases"] = []any{} }, []string{"Mounir Hahad", "aliases"}},
		{"person without quotes", func(fb map[string]any) { entry(fb, "people", 0)["quotes"] = []any{} }, []string{"Paul Bischoff", "quotes"}},
		{"party without aliases", func(fb map[string]any) { delete(entry(fb, "parties", 4), "aliases") }, []string{"Google", "aliases"}},
		{"party without citation", func(fb map[string]any) { entry(fb, "parties", 1)["cite"] = []any{} }, []string{"Russia", "cite"}},
		{"principle without name", func(fb map[string]any) { entry(fb, "principles", 2)["name"] = "" }, []string{"principle 3", "name"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := knowledge.Load(knowledge.Options{Facts: editFacts(t, tt.edit)})
			if tt.want == nil {
				if err != nil {
					t.Fatalf("Load(%s) error: %v", tt.name, err)
				}
				for _, c := range answerCases() {
					answer(t, e, c.q)
				}
				return
			}
			if err == nil {
				// Show what the missing fact would have done.
				for _, c := range answerCases() {
					func() {
						defer func() {
							if r := recover(); r != nil {
								t.Errorf("Answer(%q) panicked: %v", c.q, r)
							}
						}()
						e.Answer(c.q)
					}()
				}
				t.Fatalf("Load(%s) succeeded; want an error mentioning %q", tt.name, tt.want)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("Load(%s) error = %q; want it to mention %q", tt.name, err, w)
				}
			}
		})
	}
}

// TestUndatedSources checks that answers about signatories still read well
// when no source has a publication date.
func TestUndatedSources(t *testing.T) {
	undate := func(m string) string { return replaceOnce(t, m, `published: "2018-11"`, "") }
	fsys := seedFS(t, undate)
	second := fsys["corpus/002_6ad912746ad45484.meta.yaml"]
	second.Data = []byte(undate(string(second.Data)))
	e, err := knowledge.Load(knowledge.Options{Corpus: fsys})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"who didn't sign", "did the US sign?", "how many countries signed", "brief"} {
		a := answer(t, e, q)
		if a.AsOf != "" {
			t.Errorf("Answer(%q).AsOf = %q with undated sources; want none", q, a.AsOf)
		}
		for _, s := range append([]string{a.Title, a.Text}, a.Notes...) {
			if strings.Contains(s, " in ,") || strings.Contains(s, "()") || strings.Contains(s, "reported ,") || strings.Contains(s, "reported )") {
				t.Errorf("Answer(%q) with undated sources says %q", q, s)
			}
		}
	}
}

// wantLoadError fails the test unless err mentions every string of want.
func wantLoadError(t *testing.T, name string, err error, want []string) {
	t.Helper()
	if err == nil {
		t.Fatalf("Load(%s) succeeded; want an error mentioning %q", name, want)
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("Load(%s) error = %q; want it to mention %q", name, err, w)
		}
	}
}
