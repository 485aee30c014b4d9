package knowledge_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/pariscall/pariscall/knowledge"
)

// TestComplete checks the suggestions offered while typing.
func TestComplete(t *testing.T) {
	e := load(t)
	var examples []string
	for _, c := range knowledge.Commands() {
		examples = append(examples, c.Examples...)
	}
	tests := []struct {
		prefix string
		limit  int
		// want are suggestions that must be offered; first, when set, must
		// come first; every must occur in every suggestion.
		want         []string
		first, every string
		max          int
	}{
		{prefix: "", limit: 25, want: examples[:3], first: examples[0], max: 25},
		{prefix: "princ", limit: 25, want: []string{"principle 8", "principles", "principle 1: Protect individuals and infrastructure",
			"principle 9: International norms"}, first: "principle 8", every: "princ", max: 25},
		{prefix: "PRINC", limit: 25, want: []string{"principle 8"}, every: "princ", max: 25},
		{prefix: "  did   goo", limit: 25, want: []string{"did Google sign"}, first: "did Google sign", max: 25},
		{prefix: "did", limit: 3, first: "did the US sign?", every: "did", max: 3},
		{prefix: "sign", limit: 25, want: []string{"who signed", "did Russia sign?"}, every: "sign", max: 25},
		{prefix: "bischoff", limit: 25, want: []string{"what did Bischoff say", "what did Paul Bischoff say"}, every: "bischoff", max: 25},
		{prefix: "who didn’t", limit: 25, want: []string{"who didn't sign"}, first: "who didn't sign", max: 25}, // iOS apostrophe
		{prefix: "zzzz", limit: 25, max: 0},
		{prefix: "", limit: 0, max: 0},
		{prefix: "", limit: -1, max: 0},
	}
	for _, tt := range tests {
		got := e.Complete(tt.prefix, tt.limit)
		if len(got) > tt.max || tt.max > 0 && len(got) == 0 {
			t.Errorf("Complete(%q, %d) = %d suggestions %q; want 1 to %d", tt.prefix, tt.limit, len(got), got, tt.max)
		}
		for _, w := range tt.want {
			if !slices.Contains(got, w) {
				t.Errorf("Complete(%q, %d) = %q; want it to offer %q", tt.prefix, tt.limit, got, w)
			}
		}
		if tt.first != "" && len(got) > 0 && got[0] != tt.first && !strings.HasPrefix(strings.ToLower(got[0]), tt.first) {
			t.Errorf("Complete(%q, %d)[0] = %q; want %q", tt.prefix, tt.limit, got[0], tt.first)
		}
		for _, g := range got {
			if !strings.Contains(strings.ToLower(g), tt.every) {
				t.Errorf("Complete(%q, %d) offers %q; want only suggestions containing %q", tt.prefix, tt.limit, g, tt.every)
			}
		}
	}
}

// TestCompleteLimit checks that the limit holds when more suggestions
// match, as Discord allows at most 25.
func TestCompleteLimit(t *testing.T) {
	e := load(t)
	all := e.Complete("", 1000)
	if len(all) <= 25 {
		t.Fatalf("Complete(%q, 1000) = %d suggestions; want more than 25 for this test to mean anything", "", len(all))
	}
	if got := e.Complete("", 25); len(got) != 25 || !slices.Equal(got, all[:25]) {
		t.Errorf("Complete(%q, 25) = %d suggestions %q; want the first 25 of %q", "", len(got), got, all)
	}
}

// TestCompletionsAreUnderstood checks that every suggestion Complete
// offers is understood as a command, not searched.
func TestCompletionsAreUnderstood(t *testing.T) {
	e := load(t)
	for _, s := range e.Complete("", 1000) {
		if a := answer(t, e, s); a.Intent == knowledge.IntentSearch || a.Intent == knowledge.IntentNoAnswer {
			t.Errorf("Answer(%q).Intent = %q; want a command's intent for a suggestion", s, a.Intent)
		}
	}
}
