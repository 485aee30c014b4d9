package knowledge_test

import (
	"reflect"
	"strings"
	"testing"
	"unicode"

	"github.com/pariscall/pariscall/knowledge"
)

// source finds a source by id, failing the test if there is none.
func source(t *testing.T, e *knowledge.Engine, id string) *knowledge.Source {
	t.Helper()
	for _, s := range e.Sources() {
		if s.ID == id {
			return s
		}
	}
	t.Fatalf("Sources() has no %q", id)
	return nil
}

// TestSeedMetadata checks the seeds' ids, headlines and dates; the first
// capture's first line is a broken headline.
func TestSeedMetadata(t *testing.T) {
	e := load(t)
	want := []knowledge.Source{
		{ID: "campus-security", Headline: "U.S. Doesn't Sign Macron's Cybersecurity Pact", Outlet: "Campus Security & Life Safety",
			Author: "Sydny Shepard", Published: "November 2018", File: "000_e5953f6caadcfa12.txt"},
		{ID: "sc-media", Headline: "U.S. declines to sign cybersecurity pact", Outlet: "SC Media",
			Published: "November 2018", File: "002_6ad912746ad45484.txt"},
	}
	got := e.Sources()
	if len(got) != len(want) {
		t.Fatalf("Sources() has %d entries; want %d", len(got), len(want))
	}
	for i, w := range want {
		g := *got[i]
		g.Paragraphs = nil
		if !reflect.DeepEqual(g, w) {
			t.Errorf("Sources()[%d] = %+v; want %+v", i, g, w)
		}
	}
}

// TestBoilerplateNeverIndexed checks that nothing outside the article
// bodies is kept, so it can never be searched or cited.
func TestBoilerplateNeverIndexed(t *testing.T) {
	e := load(t)
	banned := []string{"TSA", "firearm", "MetLife", "Subscribe", "About the Author", "Sydny Shepard is", "Featured",
		"Webinars", "New Products", "Get daily email updates", "Luma x20"}
	for _, s := range e.Sources() {
		for _, p := range s.Paragraphs {
			for _, b := range banned {
				if strings.Contains(p.Text, b) {
					t.Errorf("%s ¶%d = %q; want no %q", s.ID, p.Number, p.Text, b)
				}
			}
		}
	}
	for _, q := range []string{"TSA firearms airport", "MetLife stadium", "Luma x20 surveillance", "gun violence report",
		"daily email updates", "Sydny Shepard Executive Editor"} {
		if a := answer(t, e, q); len(a.Citations) > 0 {
			t.Errorf("Answer(%q) cites %+v; want no citation", q, a.Citations)
		}
	}
}

// TestParagraphs checks the paragraph split: counts, bullets as items of
// their own, numbering, and the first and last paragraph of each body.
func TestParagraphs(t *testing.T) {
	e := load(t)
	tests := []struct {
		id          string
		paras       int
		items       [2]int // first and last item paragraph
		first, last string
	}{
		{"campus-security", 16, [2]int{8, 16}, "A new cyberspace pact was signed by 51 other countries",
			"Promote the widespread acceptance and implementation of international responsible behavior"},
		{"sc-media", 22, [2]int{8, 15}, "The U.S. Monday joined Russia, North Korea and China",
			"Bilogorskiy called for the international community to go further."},
	}
	for _, tt := range tests {
		s := source(t, e, tt.id)
		if len(s.Paragraphs) != tt.paras {
			t.Fatalf("%s has %d paragraphs; want %d", tt.id, len(s.Paragraphs), tt.paras)
		}
		for i, p := range s.Paragraphs {
			if p.Number != i+1 {
				t.Errorf("%s paragraph %d has Number %d", tt.id, i+1, p.Number)
			}
			if want := p.Number >= tt.items[0] && p.Number <= tt.items[1]; p.Item != want {
				t.Errorf("%s ¶%d Item = %v; want %v", tt.id, p.Number, p.Item, want)
			}
			if p.Text != strings.TrimSpace(p.Text) || strings.Contains(p.Text, "\n") || strings.HasPrefix(p.Text, "•") {
				t.Errorf("%s ¶%d = %q; want one trimmed line without its bullet", tt.id, p.Number, p.Text)
			}
		}
		if got := s.Paragraphs[0].Text; !strings.HasPrefix(got, tt.first) {
			t.Errorf("%s ¶1 = %q; want it to start %q", tt.id, got, tt.first)
		}
		if got := s.Paragraphs[len(s.Paragraphs)-1].Text; !strings.HasPrefix(got, tt.last) {
			t.Errorf("%s last paragraph = %q; want it to start %q", tt.id, got, tt.last)
		}
	}
}

// TestOriginalCharacters checks that extraction keeps the sources' own
// characters, typos and curly quotes included, so quotes stay verbatim.
func TestOriginalCharacters(t *testing.T) {
	e := load(t)
	tests := []struct {
		id   string
		para int
		want string
	}{
		{"sc-media", 6, "confirmed that thecountries who signed"},
		{"sc-media", 16, "they support all of these principals,”"},
		{"sc-media", 3, "“I appreciate the Paris initiative"},
		{"sc-media", 13, "everybody’s “cyber hygiene”;"},
		{"sc-media", 17, "three-cornered fight – globalists"},
		{"sc-media", 20, "offensive activity…important"},
		{"campus-security", 3, `without the "heavy hitters" such as`},
		{"campus-security", 6, "the world's largest"},
	}
	for _, tt := range tests {
		if got := source(t, e, tt.id).Paragraphs[tt.para-1].Text; !strings.Contains(got, tt.want) {
			t.Errorf("%s ¶%d = %q; want it to contain %q", tt.id, tt.para, got, tt.want)
		}
	}
}

// TestSentences checks the sentence split: every sentence is a trimmed,
// non-empty span of its paragraph, in order, and abbreviations such as
// "U.S." do not end a sentence.
func TestSentences(t *testing.T) {
	e := load(t)
	for _, s := range e.Sources() {
		for _, p := range s.Paragraphs {
			checkSentences(t, s.ID, p)
		}
	}
	tests := []struct {
		id    string
		para  int
		want  []string
		exact bool
	}{
		{"sc-media", 1, []string{"The U.S. Monday joined Russia, North Korea and China in declining to sign a cybersecurity pact supported by 50 countries and aimed at fighting both cyberwarfare and cybercrime."}, true},
		{"sc-media", 3, []string{
			"“I appreciate the Paris initiative, however, it falls short of being the Digital Geneva Convention,” said Nick Bilogorskiy, cybersecurity strategist at Juniper Networks.",
			"“It is symbolic, but it draws attention to the problem of the systemic harm to individuals and critical infrastructure as a result of malicious cyber activities in peacetime.”"}, true},
		{"campus-security", 4, []string{
			`"To be clear," Paul Bischoff, privacy advocate at Comparitech.com said, "countries who signed the pact did not agree to any specific rules, goals or penalties.`,
			"Instead, they agreed to figure all that out together at a later date.",
			`The pact is mostly symbolic."`}, true},
		{"campus-security", 6, []string{`"The U.S. is home to the world's largest`}, false},
	}
	for _, tt := range tests {
		p := source(t, e, tt.id).Paragraphs[tt.para-1]
		var got []string
		for _, sp := range p.Sentences {
			got = append(got, p.Text[sp.Start:sp.End])
		}
		if tt.exact && strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
			t.Errorf("%s ¶%d sentences = %q; want %q", tt.id, tt.para, got, tt.want)
		}
		if !tt.exact && (len(got) == 0 || !strings.HasPrefix(got[0], tt.want[0])) {
			t.Errorf("%s ¶%d sentences = %q; want the first to start %q", tt.id, tt.para, got, tt.want[0])
		}
	}
}

// checkSentences checks that p's sentences tile its text: in order,
// non-overlapping, trimmed, non-empty, separated only by white space.
func checkSentences(t *testing.T, id string, p knowledge.Paragraph) {
	t.Helper()
	if len(p.Sentences) == 0 {
		t.Errorf("%s ¶%d has no sentences", id, p.Number)
		return
	}
	prev := 0
	for i, sp := range p.Sentences {
		if sp.Start < prev || sp.End <= sp.Start || sp.End > len(p.Text) {
			t.Errorf("%s ¶%d sentence %d span %v is out of order or range (text has %d bytes)", id, p.Number, i, sp, len(p.Text))
			return
		}
		if gap := p.Text[prev:sp.Start]; strings.TrimFunc(gap, unicode.IsSpace) != "" {
			t.Errorf("%s ¶%d sentence %d skips %q", id, p.Number, i, gap)
		}
		if s := p.Text[sp.Start:sp.End]; s != strings.TrimSpace(s) {
			t.Errorf("%s ¶%d sentence %d = %q; want it trimmed", id, p.Number, i, s)
		}
		prev = sp.End
	}
	if prev != len(p.Text) {
		t.Errorf("%s ¶%d sentences end at %d; text has %d bytes", id, p.Number, prev, len(p.Text))
	}
}
