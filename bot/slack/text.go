package slack

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// escaper turns the three characters Slack treats as markup into entities, so
// user text such as "<!channel>" or "<@U123>" is shown and never pings.
var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// unescaper undoes Slack's own escaping of message text before a question
// reaches the engine.
var unescaper = strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">")

// escape makes s safe to show in any Slack text object.
func escape(s string) string { return escaper.Replace(s) }

// unescape turns Slack's entities back into the characters the user typed.
func unescape(s string) string { return unescaper.Replace(s) }

// printable replaces control characters other than newlines with spaces.
// Text the user typed is echoed back as typed, but a NUL, an escape
// sequence or a bell has no business in a Slack message.
func printable(s string) string {
	isControl := func(r rune) bool { return r != '\n' && unicode.IsControl(r) }
	if strings.IndexFunc(s, isControl) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isControl(r) {
			return ' '
		}
		return r
	}, s)
}

// escCost is how many characters r takes once escaped, counted the way
// Slack's limits count: in UTF-16 code units, which is never fewer than
// runes.
func escCost(r rune) int {
	switch {
	case r == '&':
		return len("&amp;")
	case r == '<' || r == '>':
		return len("&lt;")
	case r >= 0x10000:
		return 2
	}
	return 1
}

// quoteCost is escCost for text shown as a Block Kit quote, where each new
// line starts again with "> ".
func quoteCost(r rune) int {
	if r == '\n' {
		return len("\n> ")
	}
	return escCost(r)
}

// width is the escaped length of s as Slack counts it.
func width(s string, cost func(rune) int) int {
	n := 0
	for _, r := range s {
		n += cost(r)
	}
	return n
}

// fit escapes s and, when it is longer than limit, cuts it at a rune boundary
// and ends it with "…". It never cuts inside an entity.
func fit(s string, limit int) string {
	if width(s, escCost) <= limit {
		return escape(s)
	}
	n := 0
	for i, r := range s {
		if n+escCost(r)+1 > limit {
			return escape(strings.TrimRight(s[:i], " ")) + "…"
		}
		n += escCost(r)
	}
	return escape(s)
}

// clip cuts raw text to at most limit UTF-16 units, at a rune boundary.
func clip(s string, limit int) string {
	n := 0
	for i, r := range s {
		u := 1
		if r >= 0x10000 {
			u = 2
		}
		if n+u > limit {
			return s[:i]
		}
		n += u
	}
	return s
}

// split cuts raw text into pieces whose rendered width, measured with cost, is
// at most limit. It prefers to cut after a paragraph, then a line, then a
// sentence, then a word, and cuts inside a word only when one is longer than
// limit. Pieces are trimmed of surrounding spaces and never empty.
func split(raw string, limit int, cost func(rune) int) []string {
	raw = strings.TrimSpace(raw)
	if raw != "" && len(raw)*len("&amp;") <= limit {
		return []string{raw} // no rune costs more than five bytes' worth
	}
	var pieces []string
	for raw != "" {
		end, w := 0, 0
		for end < len(raw) {
			r, size := utf8.DecodeRuneInString(raw[end:])
			if w+cost(r) > limit {
				break
			}
			w += cost(r)
			end += size
		}
		if end == 0 {
			_, end = utf8.DecodeRuneInString(raw)
		} else if end < len(raw) {
			end = cutPoint(raw[:end])
		}
		if piece := strings.TrimSpace(raw[:end]); piece != "" {
			pieces = append(pieces, piece)
		}
		raw = strings.TrimSpace(raw[end:])
	}
	return pieces
}

// cutPoint finds where to end a piece that must fit in s: after the last
// paragraph, line, sentence or word break past its first third (so pieces
// are not needlessly short), or at its end.
func cutPoint(s string) int {
	third := len(s) / 3
	for _, sep := range []string{"\n\n", "\n", ". ", "? ", "! ", ".” ", "; ", " "} {
		if i := strings.LastIndex(s, sep); i > third {
			return i + len(sep)
		}
	}
	if i := strings.LastIndex(s, " "); i > 0 {
		return i + 1
	}
	return len(s)
}
