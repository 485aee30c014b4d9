package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/pariscall/pariscall/bot/cli"
	"github.com/pariscall/pariscall/config"
	"github.com/pariscall/pariscall/knowledge"
)

// loadEngine loads the knowledge core with the configured documents.
func loadEngine(cmd *cobra.Command, e env) (*knowledge.Engine, error) {
	c, err := loadConfig(cmd, e)
	if err != nil {
		return nil, err
	}
	eng, err := knowledge.Load(knowledge.Options{DocsDir: c.Knowledge.DocsDir})
	if err != nil {
		return nil, fmt.Errorf("load knowledge: %w", err)
	}
	return eng, nil
}

func newAskCmd(e env) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "ask QUESTION...",
		Short: "Answer one question with cited quotes",
		Long: `Answer one question with verbatim, cited quotes from the sources. It exits 0
whenever it answered, including "the sources don't say".`,
		Example: `  pariscall ask "who didn't sign"
  pariscall ask principle 8
  pariscall ask --json did Google sign
  pariscall ask --docs ./notes "what does our policy say"`,
		Args: func(_ *cobra.Command, args []string) error {
			if strings.TrimSpace(strings.Join(args, "")) == "" {
				return usageError{errors.New("ask needs a question")}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			eng, err := loadEngine(cmd, e)
			if err != nil {
				return err
			}
			a := eng.Answer(strings.Join(args, " "))
			if asJSON {
				return cli.WriteJSON(e.stdout, a)
			}
			return cli.WriteText(e.stdout, a)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the answer as one JSON object")
	addConfigFlags(cmd, config.ConfigFlag, "docs")
	return cmd
}

func newBriefCmd(e env) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:     "brief",
		Short:   "Print a cited team briefing on the Paris Call",
		Example: "  pariscall brief\n  pariscall brief --format markdown > paris-call.md",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			write, ok := map[string]func(*cobra.Command, knowledge.Answer) error{
				"text":     func(_ *cobra.Command, a knowledge.Answer) error { return cli.WriteText(e.stdout, a) },
				"markdown": func(_ *cobra.Command, a knowledge.Answer) error { return cli.WriteMarkdown(e.stdout, a) },
				"json":     func(_ *cobra.Command, a knowledge.Answer) error { return cli.WriteJSON(e.stdout, a) },
			}[format]
			if !ok {
				return usageError{fmt.Errorf("--format %q: want text, markdown or json", format)}
			}
			eng, err := loadEngine(cmd, e)
			if err != nil {
				return err
			}
			return write(cmd, eng.Answer("brief"))
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "output format: text, markdown or json")
	addConfigFlags(cmd, config.ConfigFlag, "docs")
	return cmd
}

func newChatCmd(e env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "chat",
		Short: "Ask questions interactively (a REPL)",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			eng, err := loadEngine(cmd, e)
			if err != nil {
				return err
			}
			return cli.Chat(cmd.Context(), e.stdin, e.stdout, eng)
		},
	}
	addConfigFlags(cmd, config.ConfigFlag, "docs")
	return cmd
}
