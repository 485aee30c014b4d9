package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode"
)

// Redact hides a secret so it can be printed: "xoxb-…abcd" keeps a known
// token prefix and the last four characters. The last four are shown only
// when at least 12 characters follow the prefix, so at least eight stay
// hidden; shorter secrets become the prefix, if any, and "…". An empty
// secret is "(unset)".
func Redact(secret string) string {
	if secret == "" {
		return "(unset)"
	}
	// Slack's prefixes say what kind of token it is, not the token.
	prefix := ""
	for _, p := range []string{"xoxb-", "xapp-", "xoxp-"} {
		if strings.HasPrefix(secret, p) {
			prefix = p
			break
		}
	}
	rest := []rune(secret[len(prefix):])
	if len(rest) < 12 {
		return prefix + "…"
	}
	return prefix + "…" + string(rest[len(rest)-4:])
}

// Effective lists every key with its value in c, in a stable order (that of
// Defaults), with secrets redacted. It is safe to print or log.
func (c Config) Effective() []Setting {
	table := keyTable()
	out := make([]Setting, 0, len(table))
	for _, k := range table {
		out = append(out, Setting{Key: k.name, Value: k.render(k.get(c))})
	}
	return out
}

// WriteCheck prints, for `pariscall config check`, which file was read,
// which adapters are enabled, every effective setting with its environment
// variable, and then problems: the error Validate returned, or nil. It
// returns the error from writing to w.
func WriteCheck(w io.Writer, c Config, problems error) error {
	var buf bytes.Buffer
	file := c.File
	if file == "" {
		file = "none (defaults and environment only)"
	}
	fmt.Fprintf(&buf, "config file: %s\n", file)
	fmt.Fprintf(&buf, "slack:       %s\n", slackMode(c))
	fmt.Fprintf(&buf, "discord:     %s\n\n", discordMode(c))

	tw := tabwriter.NewWriter(&buf, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "KEY\tVALUE\tENVIRONMENT")
	for _, s := range c.Effective() {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", s.Key, printable(s.Value), EnvVar(s.Key))
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("format settings: %w", err)
	}
	buf.WriteString("\n")
	writeProblems(&buf, problems)
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("write config check: %w", err)
	}
	return nil
}

func writeProblems(buf *bytes.Buffer, problems error) {
	var ps Problems
	switch {
	case problems == nil:
		buf.WriteString("no problems found\n")
	case errors.As(problems, &ps):
		noun := "problems"
		if len(ps) == 1 {
			noun = "problem"
		}
		fmt.Fprintf(buf, "%d %s:\n", len(ps), noun)
		for _, p := range ps {
			fmt.Fprintf(buf, "  %s\n", p)
		}
	default:
		fmt.Fprintf(buf, "problem:\n  %v\n", problems)
	}
}

func slackMode(c Config) string {
	switch {
	case !c.SlackEnabled():
		return "disabled (slack.bot_token is not set)"
	case c.Slack.AppToken != "":
		return "enabled (Socket Mode)"
	default:
		return "enabled (HTTP events)"
	}
}

func discordMode(c Config) string {
	var modes []string
	if c.Discord.Token != "" {
		modes = append(modes, "gateway")
	}
	if c.Discord.PublicKey != "" {
		modes = append(modes, "HTTP interactions")
	}
	if len(modes) == 0 {
		return "disabled (discord.token and discord.public_key are not set)"
	}
	return "enabled (" + strings.Join(modes, ", ") + ")"
}

// printable quotes values holding control characters, which would break
// the alignment or the terminal.
func printable(s string) string {
	if strings.ContainsFunc(s, unicode.IsControl) {
		return strconv.Quote(s)
	}
	return s
}
