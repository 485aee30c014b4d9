package knowledge

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// cleanQuery turns raw chat text into the question as shown back to users:
// valid UTF-8, no control characters, mentions and link markup reduced to
// their labels, @everyone and @here neutralised, white space collapsed.
func cleanQuery(raw string) string {
	s := strings.ToValidUTF8(raw, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '\u200b' || r == '\ufeff' {
			return ' '
		}
		return r
	}, s)
	s = stripMarkup(s)
	s = neutralizeMentions(s)
	return normalizeSpace(s)
}

// neutralizeMentions drops every "@" that starts @everyone, @here or
// @channel, in any case. Replacing "@everyone" with "everyone" once is not
// enough: "@@everyone" would become "@everyone".
func neutralizeMentions(s string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '@')
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		j := i
		for j < len(s) && s[j] == '@' {
			j++
		}
		b.WriteString(s[:i])
		if !startsMassMention(s[j:]) {
			b.WriteString(s[i:j])
		}
		s = s[j:]
	}
}

// startsMassMention reports whether s starts with a word that, after "@",
// notifies a whole channel or server.
func startsMassMention(s string) bool {
	for _, w := range [...]string{"everyone", "here", "channel"} {
		if len(s) >= len(w) && strings.EqualFold(s[:len(w)], w) {
			return true
		}
	}
	return false
}

// stripMarkup removes chat markup in angle brackets: Slack's <@U123>,
// <!channel>, <#C1|name> and <https://x|label> (kept as their label or
// address), and Discord's <@123>, <@!1>, <@&1>, <#1>, <:emoji:1>, <t:1:R>.
// A "<" that opens no such markup is kept. Markup is the text between a
// ">" and the last "<" before it; finding the ">" first keeps this linear
// in the length of s, however many "<" it holds.
func stripMarkup(s string) string {
	var b strings.Builder
	for {
		j := strings.IndexByte(s, '>')
		if j < 0 {
			b.WriteString(s)
			return b.String()
		}
		i := strings.LastIndexByte(s[:j], '<')
		inner := ""
		if i >= 0 {
			inner = s[i+1 : j]
		}
		// Only a label, after "|", may hold spaces ("<https://x|the article>").
		target, _, _ := strings.Cut(inner, "|")
		if i < 0 || target == "" || strings.ContainsAny(target, " \t") {
			b.WriteString(s[:j+1])
			s = s[j+1:]
			continue
		}
		b.WriteString(s[:i])
		b.WriteString(markupLabel(inner))
		s = s[j+1:]
	}
}

// markupLabel is what a piece of markup shows as plain text.
func markupLabel(inner string) string {
	if _, label, ok := strings.Cut(inner, "|"); ok {
		return " " + label + " "
	}
	for _, scheme := range [...]string{"http://", "https://", "mailto:"} {
		if strings.HasPrefix(inner, scheme) {
			return " " + inner + " "
		}
	}
	return " "
}

// numberWord maps spelled numbers and ordinals to digits.
func numberWord(w string) (int, bool) {
	words := [...]string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
		"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"}
	ordinals := [...]string{"zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
		"eleventh", "twelfth"}
	for i, x := range words {
		if w == x {
			return i, true
		}
	}
	for i, x := range ordinals {
		if w == x {
			return i, true
		}
	}
	return 0, false
}

// romanNumeral reads i to xii, in lower case, as a number.
func romanNumeral(w string) (int, bool) {
	numerals := [...]string{"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"}
	if i := slices.Index(numerals[:], w); i >= 0 {
		return i + 1, true
	}
	return 0, false
}

// words splits text into lower-case words for understanding: apostrophes
// (straight or curly) are dropped so "didn't" is "didnt", every other
// non-letter, non-digit separates words, and "8th" becomes "8".
func words(s string) []string {
	return tokens(strings.ToLower(s))
}

// tokens splits text into words as words does, keeping their case, so a
// name can be shown back as the user wrote it.
func tokens(s string) []string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case '\'', '’', '‘', '`', '´':
			return -1
		}
		return r
	}, s)
	fields := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	for i, f := range fields {
		if n := len(f) - 2; n > 0 && isDigits(f[:n]) {
			switch strings.ToLower(f[n:]) {
			case "st", "nd", "rd", "th":
				fields[i] = f[:n]
			}
		}
	}
	return fields
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// number reads a word as a number, from digits or a number word. Numbers
// of more than six digits all read as 1,000,000: none is a principle.
func number(w string) (int, bool) {
	if isDigits(w) {
		w = numberLabel(w)
		if len(w) > 6 {
			return 1_000_000, true
		}
		n, err := strconv.Atoi(w)
		return n, err == nil
	}
	return numberWord(w)
}

// numberLabel shows a number as the user wrote it, without leading zeros
// and cut short if it is very long.
func numberLabel(w string) string {
	if n, ok := numberWord(w); ok {
		return strconv.Itoa(n)
	}
	w = strings.TrimLeft(w, "0")
	if w == "" {
		return "0"
	}
	return truncateRunes(w, 24)
}

// editDistance is the optimal string alignment distance between a and b
// (insertions, deletions, substitutions and adjacent transpositions),
// giving up early once it exceeds max. It is called for every keyword and
// candidate term, so short words are handled without allocating.
func editDistance(a, b string, max int) int {
	if d := utf8.RuneCountInString(a) - utf8.RuneCountInString(b); d > max || -d > max {
		return max + 1
	}
	var abuf, bbuf [32]rune
	ra, rb := appendRunes(abuf[:0], a), appendRunes(bbuf[:0], b)
	n := len(rb) + 1
	var rowBuf [3 * 33]int
	var rows []int
	if 3*n <= len(rowBuf) {
		rows = rowBuf[:3*n]
	} else {
		rows = make([]int, 3*n)
	}
	prev2, prev, cur := rows[:n], rows[n:2*n], rows[2*n:]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			best = min(best, cur[j])
		}
		if best > max {
			return max + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// appendRunes appends the runes of s to dst.
func appendRunes(dst []rune, s string) []rune {
	for _, r := range s {
		dst = append(dst, r)
	}
	return dst
}

// typoBudget is how many edits a word of this length may carry and still
// be recognised: none for short words, where a single edit makes another
// word.
func typoBudget(w string) int {
	switch n := utf8.RuneCountInString(w); {
	case n >= 8:
		return 2
	case n >= 5:
		return 1
	}
	return 0
}
