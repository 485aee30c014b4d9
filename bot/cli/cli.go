// Package cli is the terminal front end: it renders answers as text,
// Markdown or JSON, and runs an interactive session over a reader and a
// writer, so the whole bot runs locally with no chat platform.
package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/pariscall/pariscall/bot"
	"github.com/pariscall/pariscall/knowledge"
)

// WriteText writes an answer for a terminal: title, answer, numbered
// quotes with their sources, notes and suggestions.
func WriteText(w io.Writer, a knowledge.Answer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n%s\n\n%s\n", a.Title, strings.Repeat("=", min(len([]rune(a.Title)), 72)), a.Text)
	if len(a.Citations) > 0 {
		b.WriteString("\nQuotes:\n")
	}
	for i, c := range a.Citations {
		fmt.Fprintf(&b, "[%d] “%s”\n    %s\n", i+1, c.Quote, attribution(c))
	}
	for _, n := range a.Notes {
		fmt.Fprintf(&b, "\nNote: %s\n", n)
	}
	if len(a.Suggestions) > 0 {
		fmt.Fprintf(&b, "\nTry: %s\n", strings.Join(a.Suggestions, " · "))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// attribution names who said a quote and where it was published.
func attribution(c knowledge.Citation) string {
	var parts []string
	if c.Speaker != "" {
		parts = append(parts, c.Speaker)
	}
	parts = append(parts, fmt.Sprintf("%s, “%s”", c.Outlet, c.Title))
	if c.Published != "" {
		parts = append(parts, c.Published)
	}
	parts = append(parts, c.Location)
	return "— " + strings.Join(parts, " · ")
}

// WriteMarkdown writes an answer as a Markdown document a team can paste
// into its notes: the answer, then every quote as a block quote with its
// source, then notes.
func WriteMarkdown(w io.Writer, a knowledge.Answer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", a.Title)
	if a.AsOf != "" {
		fmt.Fprintf(&b, "_As reported in %s._\n\n", a.AsOf)
	}
	for _, line := range strings.Split(a.Text, "\n") {
		if head, rest, ok := strings.Cut(line, ": "); ok && !strings.ContainsAny(head, ".,") && len(head) < 40 {
			fmt.Fprintf(&b, "- **%s:** %s\n", head, rest)
			continue
		}
		fmt.Fprintf(&b, "%s\n", line)
	}
	if len(a.Citations) > 0 {
		b.WriteString("\n## Quotes\n")
	}
	for i, c := range a.Citations {
		fmt.Fprintf(&b, "\n> [%d] “%s”\n>\n> %s\n", i+1, c.Quote, attribution(c))
	}
	if len(a.Notes) > 0 {
		b.WriteString("\n## Notes\n\n")
		for _, n := range a.Notes {
			fmt.Fprintf(&b, "- %s\n", n)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteJSON writes an answer as one JSON object on one line.
func WriteJSON(w io.Writer, a knowledge.Answer) error {
	if a.Citations == nil {
		a.Citations = []knowledge.Citation{}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(a)
}

// Chat answers each line read from r until r ends, ctx is done, or the
// user types "quit" or "exit".
func Chat(ctx context.Context, r io.Reader, w io.Writer, ans bot.Answerer) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	if _, err := fmt.Fprint(w, "Ask about the Paris Call (\"help\" for commands, \"quit\" to leave).\n> "); err != nil {
		return err
	}
	for sc.Scan() {
		if ctx.Err() != nil {
			return nil
		}
		line := strings.TrimSpace(sc.Text())
		switch strings.ToLower(line) {
		case "quit", "exit", ":q":
			return nil
		case "":
			fmt.Fprint(w, "> ")
			continue
		}
		if err := WriteText(w, ans.Answer(line)); err != nil {
			return err
		}
		if _, err := fmt.Fprint(w, "\n> "); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read question: %w", err)
	}
	_, err := fmt.Fprintln(w)
	return err
}
