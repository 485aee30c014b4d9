package knowledge

import (
	"fmt"
	"strings"
)

// Complete suggests up to limit questions for what the user has typed so
// far: those starting with it first, then those containing it. An empty
// prefix gets the commands' examples.
func (e *Engine) Complete(prefix string, limit int) []string {
	typed := foldCompletion(prefix)
	var starts, contains []string
	for _, s := range e.suggestions {
		l := foldCompletion(s)
		switch {
		case strings.HasPrefix(l, typed):
			starts = append(starts, s)
		case strings.Contains(l, typed):
			contains = append(contains, s)
		}
	}
	out := append(starts, contains...)
	if len(out) > limit {
		out = out[:max(limit, 0)]
	}
	return out
}

// foldCompletion is the form typed text and suggestions are compared in:
// lower case, single spaces, and curly apostrophes straight, as phones
// type "didn’t" for "didn't".
func foldCompletion(s string) string {
	return strings.ToLower(strings.ReplaceAll(strings.ReplaceAll(normalizeSpace(s), "’", "'"), "‘", "'"))
}

// buildCompletions lists every question the engine suggests, examples
// first.
func (e *Engine) buildCompletions() []string {
	var out []string
	seen := map[string]bool{}
	add := func(s string) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	for _, c := range Commands() {
		for _, ex := range c.Examples {
			add(ex)
		}
	}
	for _, p := range e.facts.principles {
		add(fmt.Sprintf("principle %d: %s", p.Number, p.Name))
	}
	for _, p := range e.facts.parties {
		add(fmt.Sprintf("did %s sign", p.name))
	}
	for _, p := range e.facts.people {
		add(fmt.Sprintf("what did %s say", p.name))
	}
	return out
}
