package knowledge

import (
	"fmt"
	"strconv"
	"strings"

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
	var qs []query.Query
	for _, t := range terms {
		tq := query.NewTermQuery(t)
		tq.SetField("text")
		qs = append(qs, tq)
		if typoBudget(t) > 0 {
			fq := query.NewFuzzyQuery(t)
			fq.SetField("text")
			fq.SetFuzziness(1)
			fq.SetPrefix(1)
			fq.SetBoost(0.5)
			qs = append(qs, fq)
		}
	}
	req := bleve.NewSearchRequestOptions(query.NewDisjunctionQuery(qs), searchHits, 0, false)
	res, err := si.index.Search(req)
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
