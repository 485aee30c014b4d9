package knowledge

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"unicode/utf8"
)

// MaxQuestionRunes is the longest question the engine reads. Longer text is
// answered with a request to shorten it rather than searched.
const MaxQuestionRunes = 500

// Options configures Load. The zero value loads the embedded corpus and
// fact base.
type Options struct {
	// DocsDir, when set, is a directory whose .md and .txt files are added
	// to the corpus and searched like the seeds.
	DocsDir string
	// Facts replaces the embedded fact base (YAML), for tests.
	Facts []byte
	// Corpus replaces the embedded seeds: a file system holding
	// corpus/*.txt with corpus/*.meta.yaml beside each, for tests.
	Corpus fs.FS
}

// Engine answers questions from a verified fact base and a full-text index
// over the corpus. It is safe for concurrent use once loaded.
type Engine struct {
	sources []*Source
	bySrc   map[string]*Source
	facts   *facts
	index   *searchIndex
	lex     lexicon
	// vocab holds every word the corpus or the rules know, so only unknown
	// words are corrected as typos.
	vocab map[string]bool
	// keywords are the words typos are corrected towards.
	keywords []string
	// stemKeywords maps a stem to the shortest keyword with that stem, so
	// an inflection of a keyword ("electing") finds its way to it.
	stemKeywords map[string]string
	// pactWords are the words that may name the pact, for "what is X".
	pactWords map[string]bool
	// suggestions are the questions Complete offers.
	suggestions []string
}

// LoadDefault loads the embedded corpus and fact base.
func LoadDefault() (*Engine, error) {
	return Load(Options{})
}

// Load reads the corpus, verifies every fact-base citation against it and
// builds the search index.
func Load(opts Options) (*Engine, error) {
	corpus := opts.Corpus
	if corpus == nil {
		corpus = seeds
	}
	sources, err := loadSeeds(corpus)
	if err != nil {
		return nil, fmt.Errorf("load corpus: %w", err)
	}
	if opts.DocsDir != "" {
		docs, err := loadDocs(opts.DocsDir)
		if err != nil {
			return nil, err
		}
		sources = append(sources, docs...)
	}
	e := &Engine{sources: sources, bySrc: map[string]*Source{}, lex: newLexicon()}
	for _, s := range sources {
		if e.bySrc[s.ID] != nil {
			return nil, fmt.Errorf("load corpus: two sources with id %q", s.ID)
		}
		e.bySrc[s.ID] = s
	}
	data := opts.Facts
	if data == nil {
		data = []byte(defaultFacts)
	}
	if e.facts, err = compileFacts(data, sources); err != nil {
		return nil, err
	}
	if e.index, err = buildIndex(sources, e.facts.speakers()); err != nil {
		return nil, err
	}
	e.buildVocabulary()
	e.buildPactWords()
	e.suggestions = e.buildCompletions()
	return e, nil
}

// Sources returns the corpus, seeds first.
func (e *Engine) Sources() []*Source {
	return slices.Clone(e.sources)
}

// Principles returns the nine principles in order.
func (e *Engine) Principles() []Principle {
	out := make([]Principle, len(e.facts.principles))
	for i, p := range e.facts.principles {
		out[i] = p.Principle
	}
	return out
}

// Answer answers one question. It never fails: questions it cannot answer
// get an Answer that says so.
func (e *Engine) Answer(raw string) Answer {
	q, a, ok := e.understand(raw)
	if !ok {
		return a
	}
	for _, r := range e.rules() {
		if a, ok := r(e, q); ok {
			a.Query = q.text
			return a
		}
	}
	a = e.searchAnswer(q)
	a.Query = q.text
	return a
}

// understand cleans and reads a question, or answers at once when there is
// nothing to read or too much.
func (e *Engine) understand(raw string) (*question, Answer, bool) {
	text := cleanQuery(raw)
	if n := utf8.RuneCountInString(text); n > MaxQuestionRunes {
		a := e.tooLongAnswer(n)
		a.Query = truncateRunes(text, 80)
		return nil, a, false
	}
	ws := words(text)
	if len(ws) == 0 {
		a := e.helpAnswer(IntentEmpty, "Ask me about the Paris Call")
		a.Query = text
		return nil, a, false
	}
	orig := tokens(text)
	if len(orig) != len(ws) {
		// Lower-casing split a word differently (rare Unicode); show the
		// lower-case words instead.
		orig = slices.Clone(ws)
	}
	for i, w := range ws {
		ws[i] = e.correct(w)
	}
	return &question{text: text, words: ws, orig: orig, joined: " " + strings.Join(ws, " ") + " "}, Answer{}, true
}

// correct maps a word the engine does not know to the closest keyword
// within the word's typo budget ("prinicple" to "principle"), and spelled
// numbers to digits.
func (e *Engine) correct(w string) string {
	if n, ok := numberWord(w); ok {
		return fmt.Sprint(n)
	}
	budget := typoBudget(w)
	if e.vocab[w] || isDigits(w) || budget == 0 {
		return w
	}
	// An inflection of a keyword is that keyword; an inflection of a word
	// of the corpus ("intercept" for "intercepts") is no typo.
	if s, ok := e.index.stem(w); ok {
		if k, ok := e.stemKeywords[s]; ok {
			return k
		}
		if e.index.dict[s] {
			return w
		}
	}
	best, bestD := w, budget+1
	for _, k := range e.keywords {
		// editDistance reports max+1 when it gives up, which can still beat
		// bestD when k's own budget is smaller than w's: check against it.
		b := min(budget, typoBudget(k))
		if d := editDistance(w, k, b); d <= b && d < bestD {
			best, bestD = k, d
		}
	}
	return best
}

// buildVocabulary collects the words of the corpus and of the rules.
func (e *Engine) buildVocabulary() {
	e.vocab = map[string]bool{}
	for _, s := range e.sources {
		for _, p := range s.Paragraphs {
			for _, w := range words(p.Text) {
				e.vocab[w] = true
			}
		}
	}
	kw := map[string]bool{}
	for _, list := range append(e.lex.lists(), e.facts.keywords()) {
		for _, phrase := range list {
			for _, w := range words(phrase) {
				kw[w] = true
			}
		}
	}
	for _, c := range Commands() {
		for _, w := range words(c.Name + " " + c.Usage) {
			kw[w] = true
		}
	}
	e.stemKeywords = map[string]string{}
	for w := range kw {
		e.vocab[w] = true
		if typoBudget(w) > 0 {
			e.keywords = append(e.keywords, w)
		}
		if s, ok := e.index.stem(w); ok && typoBudget(w) > 0 {
			if k, ok := e.stemKeywords[s]; !ok || len(w) < len(k) || len(w) == len(k) && w < k {
				e.stemKeywords[s] = w
			}
		}
	}
	slices.Sort(e.keywords)
}

// errs collects load errors so every bad citation is reported at once.
type errs []error

func (es *errs) add(err error) {
	if err != nil {
		*es = append(*es, err)
	}
}

func (es errs) err() error { return errors.Join(es...) }

// truncateRunes shortens s to at most n runes, marking the cut with "…".
func truncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
