package knowledge

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search/query"
)

// searchHits is how many hits are checked against the relevance floor, and
// searchQuotes how many of those an answer quotes.
const (
	searchHits   = 10
	searchQuotes = 3
)

// searchIndex is a BM25 full-text index over every sentence of the corpus.
type searchIndex struct {
	index     bleve.Index
	analyzer  analysis.Analyzer
	sentences []indexedSentence
	// dict holds every term of the index.
	dict map[string]bool
	// near maps a term, and each string one deletion from it, to the terms
	// it comes from, for typo lookups.
	near map[string][]string
}

// indexedSentence is one indexed sentence, with its analysed terms for the
// relevance floor.
type indexedSentence struct {
	source  *Source
	para    int
	text    string
	speaker string
	terms   map[string]bool
}

// sentenceDoc is what bleve indexes for a sentence.
type sentenceDoc struct {
	Text string `json:"text"`
}

// buildIndex indexes every sentence of the sources in an in-memory scorch
// index scored with BM25. speakers are the people's quotes, so a sentence
// inside one names its speaker.
func buildIndex(sources []*Source, speakers []Citation) (*searchIndex, error) {
	m := bleve.NewIndexMapping()
	m.ScoringModel = "bm25"
	m.DefaultAnalyzer = en.AnalyzerName
	m.DefaultField = "text"
	doc := bleve.NewDocumentStaticMapping()
	field := bleve.NewTextFieldMapping()
	field.Analyzer = en.AnalyzerName
	field.Store = false
	field.IncludeInAll = false
	field.IncludeTermVectors = false
	doc.AddFieldMappingsAt("text", field)
	m.DefaultMapping = doc
	idx, err := bleve.NewUsing("", m, scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, fmt.Errorf("build search index: %w", err)
	}
	si := &searchIndex{index: idx, analyzer: m.AnalyzerNamed(en.AnalyzerName), dict: map[string]bool{}}
	batch := idx.NewBatch()
	for _, src := range sources {
		for _, p := range src.Paragraphs {
			for _, sp := range p.Sentences {
				text := strings.TrimSpace(p.Text[sp.Start:sp.End])
				id := strconv.Itoa(len(si.sentences))
				if err := batch.Index(id, sentenceDoc{Text: text}); err != nil {
					return nil, fmt.Errorf("index %s: %w", src.location(p.Number), err)
				}
				terms := si.terms(text)
				for t := range terms {
					si.dict[t] = true
				}
				si.sentences = append(si.sentences, indexedSentence{source: src, para: p.Number, text: text,
					speaker: speakerOf(src.ID, p.Number, text, speakers), terms: terms})
			}
		}
	}
	if err := idx.Batch(batch); err != nil {
		return nil, fmt.Errorf("build search index: %w", err)
	}
	si.buildNear()
	return si, nil
}

// speakerOf names who said a sentence, when it overlaps a person's quote.
func speakerOf(src string, para int, text string, speakers []Citation) string {
	norm := normalizeSpace(text)
	for _, c := range speakers {
		if c.SourceID == src && c.Paragraph == para && (strings.Contains(norm, c.Quote) || strings.Contains(c.Quote, norm)) {
			return c.Speaker
		}
	}
	return ""
}

// terms analyses text into its distinct index terms.
func (si *searchIndex) terms(text string) map[string]bool {
	out := map[string]bool{}
	for _, t := range si.analyzer.Analyze([]byte(text)) {
		out[string(t.Term)] = true
	}
	return out
}

// stem analyses one word into its index term, such as "intercept" for
// "intercepts"; false for a stop word.
func (si *searchIndex) stem(w string) (string, bool) {
	ts := si.analyzer.Analyze([]byte(w))
	if len(ts) != 1 {
		return "", false
	}
	return string(ts[0].Term), true
}

// queryTerms analyses a question into distinct terms, in order.
func (si *searchIndex) queryTerms(text string) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range si.analyzer.Analyze([]byte(text)) {
		if s := string(t.Term); !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// search returns up to searchQuotes sentences, at most one per paragraph,
// that match more than half of the question's terms (a typo counts).
func (si *searchIndex) search(text string) ([]*indexedSentence, error) {
	terms := si.queryTerms(text)
	if len(terms) == 0 {
		return nil, nil
	}
	var groups []query.Query
	for _, t := range terms {
		if g := si.termQuery(t); g != nil {
			groups = append(groups, g)
		}
	}
	// The relevance floor is part of the query, so the top hits are the
	// best of the sentences that pass it, however many sentences match
	// only a word or two.
	need := len(terms)/2 + 1
	if len(groups) < need {
		return nil, nil
	}
	q := query.NewDisjunctionQuery(groups)
	q.SetMin(float64(need))
	res, err := si.index.Search(bleve.NewSearchRequestOptions(q, searchHits, 0, false))
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", text, err)
	}
	var out []*indexedSentence
	seenPara := map[string]bool{}
	for _, h := range res.Hits {
		i, err := strconv.Atoi(h.ID)
		if err != nil || i < 0 || i >= len(si.sentences) {
			return nil, fmt.Errorf("search %q: bad hit id %q", text, h.ID)
		}
		s := &si.sentences[i]
		key := s.source.location(s.para)
		if seenPara[key] || !covers(terms, s.terms) {
			continue
		}
		seenPara[key] = true
		if out = append(out, s); len(out) == searchQuotes {
			break
		}
	}
	return out, nil
}

// termQuery matches one query term: the term itself when the index holds
// it, else the index terms one edit away, at half weight, as typos. It is
// nil when nothing can match.
func (si *searchIndex) termQuery(t string) query.Query {
	terms, boost := []string{t}, 1.0
	if !si.dict[t] {
		terms, boost = si.nearTerms(t), 0.5
	}
	var qs []query.Query
	for _, term := range terms {
		tq := query.NewTermQuery(term)
		tq.SetField("text")
		tq.SetBoost(boost)
		qs = append(qs, tq)
	}
	switch len(qs) {
	case 0:
		return nil
	case 1:
		return qs[0]
	}
	return query.NewDisjunctionQuery(qs)
}

// nearTerms lists the index terms one edit from t that share its first
// letter, for a t long enough to carry a typo. Terms one edit apart share
// a deletion variant, so the near index finds them without a scan.
func (si *searchIndex) nearTerms(t string) []string {
	if typoBudget(t) == 0 {
		return nil
	}
	first, _ := utf8.DecodeRuneInString(t)
	var out []string
	for _, v := range append(deletions(t), t) {
		for _, c := range si.near[v] {
			r, _ := utf8.DecodeRuneInString(c)
			if r == first && c != t && !slices.Contains(out, c) && editDistance(t, c, 1) <= 1 {
				out = append(out, c)
			}
		}
	}
	slices.Sort(out)
	return out
}

// buildNear indexes every term long enough to be a typo's target under
// itself and each of its deletion variants.
func (si *searchIndex) buildNear() {
	si.near = map[string][]string{}
	for t := range si.dict {
		if utf8.RuneCountInString(t) < 4 {
			continue
		}
		si.near[t] = append(si.near[t], t)
		for _, v := range deletions(t) {
			if l := si.near[v]; len(l) == 0 || l[len(l)-1] != t {
				si.near[v] = append(l, t)
			}
		}
	}
}

// deletions lists the strings made by deleting one rune of t.
func deletions(t string) []string {
	rs := []rune(t)
	out := make([]string, 0, len(rs))
	for i := range rs {
		out = append(out, string(rs[:i])+string(rs[i+1:]))
	}
	return out
}

// covers is the relevance floor: more than half of the question's terms
// occur in the sentence, exactly or within one edit for longer terms.
func covers(want []string, have map[string]bool) bool {
	n := 0
	for _, w := range want {
		if have[w] {
			n++
			continue
		}
		if typoBudget(w) == 0 {
			continue
		}
		for h := range have {
			if editDistance(w, h, 1) <= 1 {
				n++
				break
			}
		}
	}
	return n > len(want)/2
}

func (e *Engine) searchAnswer(q *question) Answer {
	hits, err := e.index.search(q.text)
	if err != nil || len(hits) == 0 {
		return e.noAnswer()
	}
	var cites []Citation
	for _, h := range hits {
		cites = append(cites, newCitation(h.source, h.para, h.text, h.speaker))
	}
	return Answer{Intent: IntentSearch, Title: "From the sources",
		Text:        fmt.Sprintf("The closest passages in the sources (%d):", len(cites)),
		Citations:   cites,
		Suggestions: []string{"brief", "help"}}
}
