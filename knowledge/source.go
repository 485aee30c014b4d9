package knowledge

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Source is one document of the corpus: its metadata and its article body,
// split into paragraphs. Boilerplate around the body is never kept.
type Source struct {
	// ID is the stable id citations use, such as "campus-security".
	ID string
	// Headline is the article's title.
	Headline string
	// Outlet is the publication, such as "SC Media".
	Outlet string
	// Author is the byline, when known.
	Author string
	// URL is the article's address, when known.
	URL string
	// Published is the publication month, such as "November 2018", when known.
	Published string
	// File is the name of the file the source was read from.
	File string
	// Paragraphs is the article body, in order.
	Paragraphs []Paragraph
}

// Paragraph is one paragraph or list item of a source body, with its original
// characters.
type Paragraph struct {
	// Number is the 1-based position of the paragraph in the body.
	Number int
	// Item is true for a bulleted list item.
	Item bool
	// Text is the paragraph as written, without the bullet marker.
	Text string
	// Sentences are the paragraph's sentences as byte ranges into Text.
	Sentences []Span
}

// Span is a byte range [Start, End) of a paragraph's text.
type Span struct {
	Start, End int
}

// location names a paragraph for readers, such as "sc-media ¶4".
func (s *Source) location(para int) string {
	return fmt.Sprintf("%s ¶%d", s.ID, para)
}

// meta is a source's metadata, from a .meta.yaml file beside a seed or from
// a front-matter block at the top of a user document.
type meta struct {
	ID        string `yaml:"id"`
	Title     string `yaml:"title"`
	Headline  string `yaml:"headline"`
	Outlet    string `yaml:"outlet"`
	Author    string `yaml:"author"`
	URL       string `yaml:"url"`
	Date      string `yaml:"date"`
	Published string `yaml:"published"`
	// HeadlineLine is the 1-based line holding the headline; the body starts
	// after it. Zero means the body starts at the top.
	HeadlineLine int `yaml:"headline_line"`
	// BodyEnd is the first line that is no longer article body.
	BodyEnd string `yaml:"body_end"`
}

// parseSeed builds a source from a raw capture and its metadata, keeping only
// the lines between the headline and the body_end marker.
func parseSeed(file string, raw, metaYAML []byte) (*Source, error) {
	var m meta
	dec := yaml.NewDecoder(bytes.NewReader(metaYAML))
	dec.KnownFields(true)
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("metadata of %s: %w", file, err)
	}
	if m.ID == "" || m.Headline == "" || m.Outlet == "" {
		return nil, fmt.Errorf("metadata of %s: id, headline and outlet are required", file)
	}
	if !utf8.Valid(raw) {
		return nil, fmt.Errorf("source %s: not valid UTF-8", file)
	}
	lines := strings.Split(string(raw), "\n")
	if m.HeadlineLine < 1 || m.HeadlineLine > len(lines) {
		return nil, fmt.Errorf("source %s: headline_line %d outside the file's %d lines", file, m.HeadlineLine, len(lines))
	}
	if got := strings.TrimSpace(lines[m.HeadlineLine-1]); got != m.Headline {
		return nil, fmt.Errorf("source %s: line %d is %q, metadata headline is %q", file, m.HeadlineLine, got, m.Headline)
	}
	body := lines[m.HeadlineLine:]
	end := -1
	for i, l := range body {
		if strings.TrimSpace(l) == m.BodyEnd {
			end = i
			break
		}
	}
	if m.BodyEnd == "" || end < 0 {
		return nil, fmt.Errorf("source %s: body_end %q not found", file, m.BodyEnd)
	}
	pub, err := month(m.Published)
	if err != nil {
		return nil, fmt.Errorf("metadata of %s: %w", file, err)
	}
	src := &Source{ID: m.ID, Headline: m.Headline, Outlet: m.Outlet, Author: m.Author,
		URL: m.URL, Published: pub, File: file}
	src.Paragraphs = splitParagraphs(body[:end])
	return src, nil
}

// parseDocument builds a source from a user document: an optional
// front-matter block between "---" lines, then the body.
func parseDocument(id, file string, raw []byte) (*Source, error) {
	if !utf8.Valid(raw) {
		return nil, fmt.Errorf("document %s: not valid UTF-8", file)
	}
	text := strings.ReplaceAll(string(raw), "\r\n", "\n")
	var m meta
	if rest, ok := strings.CutPrefix(text, "---\n"); ok {
		// The leading newline lets an empty block ("---\n---\n") close.
		front, body, found := strings.Cut("\n"+rest, "\n---\n")
		if !found {
			return nil, fmt.Errorf("document %s: front matter has no closing ---", file)
		}
		dec := yaml.NewDecoder(strings.NewReader(front))
		dec.KnownFields(true)
		// A block with no fields decodes as io.EOF: no metadata.
		if err := dec.Decode(&m); err != nil && !errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("document %s: front matter: %w", file, err)
		}
		text = body
	}
	lines := strings.Split(text, "\n")
	if m.Title == "" {
		m.Title, lines = markdownTitle(lines)
	}
	if m.Title == "" {
		m.Title = file
	}
	if m.Outlet == "" {
		m.Outlet = "your documents"
	}
	pub, err := month(m.Date)
	if err != nil {
		return nil, fmt.Errorf("document %s: %w", file, err)
	}
	src := &Source{ID: id, Headline: m.Title, Outlet: m.Outlet, Author: m.Author,
		URL: m.URL, Published: pub, File: file}
	src.Paragraphs = splitParagraphs(lines)
	if len(src.Paragraphs) == 0 {
		return nil, fmt.Errorf("document %s: no text", file)
	}
	return src, nil
}

// markdownTitle takes a leading "# Title" line as the document's title.
func markdownTitle(lines []string) (string, []string) {
	for i, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if t, ok := strings.CutPrefix(l, "# "); ok {
			return strings.TrimSpace(t), lines[i+1:]
		}
		break
	}
	return "", lines
}

// month turns "2018-11" or "2018-11-13" into "November 2018"; empty stays
// empty.
func month(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	for _, layout := range []string{"2006-01", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format("January 2006"), nil
		}
	}
	return "", fmt.Errorf("date %q: want YYYY-MM or YYYY-MM-DD", s)
}

// splitParagraphs groups lines into paragraphs: blank lines separate them,
// and every bulleted line is a paragraph of its own.
func splitParagraphs(lines []string) []Paragraph {
	var paras []Paragraph
	var cur []string
	flush := func(item bool) {
		if len(cur) == 0 {
			return
		}
		text := strings.TrimRightFunc(strings.Join(cur, " "), unicode.IsSpace)
		paras = append(paras, Paragraph{Number: len(paras) + 1, Item: item, Text: text, Sentences: splitSentences(text)})
		cur = nil
	}
	for _, l := range lines {
		t := strings.TrimSpace(l)
		if t == "" {
			flush(false)
			continue
		}
		if rest, ok := cutBullet(t); ok {
			flush(false)
			cur = []string{rest}
			flush(true)
			continue
		}
		cur = append(cur, t)
	}
	flush(false)
	return paras
}

// cutBullet removes a list marker ("•", "-", "*") from the start of a line.
func cutBullet(line string) (string, bool) {
	for _, b := range []string{"• ", "- ", "* "} {
		if rest, ok := strings.CutPrefix(line, b); ok {
			return strings.TrimSpace(rest), true
		}
	}
	return line, false
}

// splitSentences finds sentence boundaries: a period, question or
// exclamation mark, optionally followed by closing quotes or brackets, then
// whitespace and an upper-case letter or an opening quote.
func splitSentences(text string) []Span {
	var spans []Span
	start := 0
	for i, r := range text {
		if r != '.' && r != '?' && r != '!' {
			continue
		}
		end := i + 1
		for end < len(text) {
			c, n := utf8.DecodeRuneInString(text[end:])
			if !strings.ContainsRune("\"'”’)]", c) {
				break
			}
			end += n
		}
		if !sentenceStartsAt(text, end) || endsWithAbbreviation(text[start:i+1]) {
			continue
		}
		spans = append(spans, Span{start, end})
		start = end + len(text[end:]) - len(strings.TrimLeftFunc(text[end:], unicode.IsSpace))
	}
	if start < len(text) {
		spans = append(spans, Span{start, len(text)})
	}
	return spans
}

// sentenceStartsAt reports whether whitespace and then a sentence start
// follow position i.
func sentenceStartsAt(text string, i int) bool {
	rest := strings.TrimLeftFunc(text[i:], unicode.IsSpace)
	if len(rest) == len(text[i:]) || rest == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(rest)
	return unicode.IsUpper(r) || strings.ContainsRune("\"“‘[", r)
}

// endsWithAbbreviation reports whether s ends with an abbreviation whose
// period does not end a sentence.
func endsWithAbbreviation(s string) bool {
	for _, a := range [...]string{"U.S.", "U.K.", "Mr.", "Mrs.", "Ms.", "Dr.", "St.", "e.g.", "i.e.", "vs.", "Inc.", "Co."} {
		if strings.HasSuffix(s, a) && (len(s) == len(a) || !isWordByte(s[len(s)-len(a)-1])) {
			return true
		}
	}
	return false
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
}
