package knowledge

import (
	"strings"
	"testing"
)

// These tests cover helpers whose mistakes the public API would only show
// indirectly.

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		max  int
		want int
	}{
		{"principle", "principle", 2, 0},
		{"prinicple", "principle", 2, 1}, // adjacent transposition
		{"principal", "principle", 2, 2},
		{"bishoff", "bischoff", 1, 1},
		{"european", "absent", 1, 2}, // gives up: max+1
		{"european", "absent", 2, 3},
		{"", "abc", 3, 3},
		{"abc", "", 1, 2},
		{"héllo", "hello", 1, 1}, // runes, not bytes
	}
	for _, tt := range tests {
		if got := editDistance(tt.a, tt.b, tt.max); got != tt.want {
			t.Errorf("editDistance(%q, %q, %d) = %d; want %d", tt.a, tt.b, tt.max, got, tt.want)
		}
	}
}

func TestCorrect(t *testing.T) {
	e, err := LoadDefault()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ w, want string }{
		{"prinicple", "principle"},
		{"principal", "principal"},
		{"eight", "8"},
		{"eighth", "8"},
		{"bishoff", "bischoff"},
		{"kotahri", "kothari"},
		{"signd", "signed"},
		{"signe", "signs"},         // an inflection of a keyword
		{"electing", "election"},   // likewise
		{"intercept", "intercept"}, // "intercepts" is in the corpus
		{"use", "use"},             // stems to "us", the US
		{"using", "using"},         // likewise
		{"european", "european"},
		{"firearms", "firearms"},
		{"netherlands", "netherlands"},
		{"us", "us"},
		{"12", "12"},
	}
	for _, tt := range tests {
		if got := e.correct(tt.w); got != tt.want {
			t.Errorf("correct(%q) = %q; want %q", tt.w, got, tt.want)
		}
	}
}

func TestStripMarkup(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<@U123> who didn't sign", "  who didn't sign"},
		{"<!channel> principle 3", "  principle 3"},
		{"<@!123456> did china sign", "  did china sign"},
		{"see <https://example.com|the article> now", "see  the article  now"},
		{"see <https://example.com>", "see  https://example.com "},
		{"<#C1|general> <:emoji:1><t:1:R>", " general    "},
		{"<https://x|>", "  "},
		{"a <|b> c", "a <|b> c"},
		{"a <b |c> d", "a <b |c> d"},
		{"a < b > c", "a < b > c"},
		{"<<<<>>>>", "<<<<>>>>"},
		{"<<@U1>>", "< >"},
		{"<@", "<@"},
		{"x>y<z", "x>y<z"},
		{"<a\tb>", "<a\tb>"},
	}
	for _, tt := range tests {
		if got := stripMarkup(tt.in); got != tt.want {
			t.Errorf("stripMarkup(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestWords(t *testing.T) {
	tests := []struct {
		in          string
		words, toks string
	}{
		{"Who didn’t sign?", "who didnt sign", "Who didnt sign"},
		{"the 8TH principle", "the 8 principle", "the 8 principle"},
		{"1st 2nd 3rd 4th 5x", "1 2 3 4 5x", "1 2 3 4 5x"},
		{"McDonald's, NATO & the EU", "mcdonalds nato the eu", "McDonalds NATO the EU"},
		{"Élysée", "élysée", "Élysée"},
		{"th st", "th st", "th st"},
	}
	for _, tt := range tests {
		if got := strings.Join(words(tt.in), " "); got != tt.words {
			t.Errorf("words(%q) = %q; want %q", tt.in, got, tt.words)
		}
		if got := strings.Join(tokens(tt.in), " "); got != tt.toks {
			t.Errorf("tokens(%q) = %q; want %q", tt.in, got, tt.toks)
		}
	}
}

func TestCapitalize(t *testing.T) {
	for in, want := range map[string]string{"": "", "élysée": "Élysée", "uk": "Uk", "the Forum": "The Forum", "\xff": "\uFFFD"} {
		if got := capitalize(in); got != want {
			t.Errorf("capitalize(%q) = %q; want %q", in, got, want)
		}
	}
}
