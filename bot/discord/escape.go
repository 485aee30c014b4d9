package discord

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// isSpecial reports whether Discord's markdown gives c a meaning anywhere
// in a line: emphasis, strike, code, spoilers, masked links and the <...>
// forms of mentions, channels, emoji and timestamps. Discord renders a
// backslash before any ASCII punctuation as the bare character, so
// escaping them keeps a quote as written.
func isSpecial(c byte) bool {
	switch c {
	case '\\', '*', '_', '~', '`', '|', '[', ']', '<':
		return true
	}
	return false
}

// zeroWidthSpace splits "@everyone" and "@here" so that echoed text reads
// the same but can never be parsed as a mass mention.
const zeroWidthSpace = "\u200b"

// escapeMarkdown returns s with Discord markdown and mention syntax
// neutralised, so that it renders as written and pings no one.
func escapeMarkdown(s string) string {
	s = defuseMassMentions(s)
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	for i, line := range strings.Split(s, "\n") {
		if i > 0 {
			b.WriteByte('\n')
		}
		escapeLine(&b, line)
	}
	return b.String()
}

// defuseMassMentions breaks @everyone and @here with a zero-width space.
func defuseMassMentions(s string) string {
	if !strings.Contains(s, "@") {
		return s
	}
	s = strings.ReplaceAll(s, "@everyone", "@"+zeroWidthSpace+"everyone")
	return strings.ReplaceAll(s, "@here", "@"+zeroWidthSpace+"here")
}

// escapeLine escapes one line: first the markers that only count at the
// start of a line (lists, quotes, headers), then special characters
// everywhere except inside bare URLs, which Discord links before it reads
// escapes.
func escapeLine(b *strings.Builder, line string) {
	body := strings.TrimLeftFunc(line, unicode.IsSpace)
	b.WriteString(line[:len(line)-len(body)])
	body = escapeLineStart(b, body)
	for {
		i := strings.Index(body, "http")
		if i < 0 {
			escapeText(b, body)
			return
		}
		if (i == 0 || body[i-1] == ' ' || body[i-1] == '\t') && isURL(body[i:]) {
			escapeText(b, body[:i])
			end := len(body)
			if j := strings.IndexFunc(body[i:], unicode.IsSpace); j >= 0 {
				end = i + j
			}
			b.WriteString(body[i:end])
			body = body[end:]
			continue
		}
		escapeText(b, body[:i+len("http")])
		body = body[i+len("http"):]
	}
}

// escapeLineStart writes the escape that a marker only meaningful at the
// start of a line needs (block quote "> ", header "# ", subtext "-# ",
// list "- ", "+ ", "1. ") and returns the rest of the line.
func escapeLineStart(b *strings.Builder, line string) string {
	if line != "" && strings.IndexByte("-+>#", line[0]) >= 0 {
		b.WriteByte('\\')
		return line
	}
	digits := 0
	for digits < len(line) && line[digits] >= '0' && line[digits] <= '9' {
		digits++
	}
	if digits > 0 && digits < len(line) && (line[digits] == '.' || line[digits] == ')') {
		b.WriteString(line[:digits])
		b.WriteByte('\\')
		return line[digits:]
	}
	return line
}

// escapeText puts a backslash before each special character, copying
// the runs between them whole. Multi-byte UTF-8 never contains ASCII
// bytes, so a byte scan is safe.
func escapeText(b *strings.Builder, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		if isSpecial(s[i]) {
			b.WriteString(s[last:i])
			b.WriteByte('\\')
			last = i
		}
	}
	b.WriteString(s[last:])
}

func isURL(word string) bool {
	return strings.HasPrefix(word, "https://") || strings.HasPrefix(word, "http://")
}

// runeLen is the length Discord counts toward its limits.
func runeLen(s string) int {
	return utf8.RuneCountInString(s)
}

// truncate shortens s to at most limit runes, preferring a word boundary
// and marking the cut with an ellipsis. It never leaves a dangling escape.
func truncate(s string, limit int) string {
	if runeLen(s) <= limit {
		return s
	}
	if limit < 1 {
		return ""
	}
	cut := s[:byteOffset(s, limit-1)]
	if i := strings.LastIndexFunc(cut, unicode.IsSpace); i > len(cut)/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, "\\ \t\n") + "…"
}

// byteOffset returns the byte index of the n-th rune of s, or len(s).
func byteOffset(s string, n int) int {
	for i := range s {
		if n == 0 {
			return i
		}
		n--
	}
	return len(s)
}

// tokens splits s into words, each keeping the whitespace that follows
// it, so that concatenating a run of tokens restores the text exactly.
func tokens(s string) []string {
	var out []string
	start, seenWord, prevSpace := 0, false, false
	for i, r := range s {
		space := unicode.IsSpace(r)
		if !space && prevSpace && seenWord {
			out = append(out, s[start:i])
			start = i
		}
		seenWord = seenWord || !space
		prevSpace = space
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

// splitWords cuts s into pieces at word boundaries such that format of
// each piece is at most limit runes. A single word too long on its own is
// cut between runes. format is applied to each piece before measuring, so
// escaping and prefixes are counted.
func splitWords(s string, limit int, format func(string) string) []string {
	if runeLen(format(s)) <= limit {
		return []string{s}
	}
	words := tokens(s)
	var out []string
	for len(words) > 0 {
		fits := func(k int) bool {
			return runeLen(format(strings.TrimRightFunc(strings.Join(words[:k], ""), unicode.IsSpace))) <= limit
		}
		// Largest k with fits(k), by binary search: fits is monotonic.
		lo, hi := 0, len(words)
		for lo < hi {
			mid := (lo + hi + 1) / 2
			if fits(mid) {
				lo = mid
			} else {
				hi = mid - 1
			}
		}
		if lo == 0 {
			head, tail := splitRunes(words[0], limit, format)
			out = append(out, head)
			words[0] = tail
			continue
		}
		out = append(out, strings.TrimRightFunc(strings.Join(words[:lo], ""), unicode.IsSpace))
		words = words[lo:]
	}
	return out
}

// splitRunes cuts the longest prefix of word whose formatted length fits
// limit, taking at least one rune so that splitting always progresses.
func splitRunes(word string, limit int, format func(string) string) (head, tail string) {
	n := 1
	for n < runeLen(word) && runeLen(format(word[:byteOffset(word, n+1)])) <= limit {
		n++
	}
	i := byteOffset(word, n)
	return word[:i], word[i:]
}
