package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"syscall"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/pariscall/pariscall/config"
)

// env is what every command may use from the outside world; run fills it
// in, tests fill it with fakes.
type env struct {
	getenv func(string) string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

// usageError is a mistake in how the command was called; it exits 2.
type usageError struct{ err error }

func (u usageError) Error() string { return u.err.Error() }
func (u usageError) Unwrap() error { return u.err }

// exitError carries an exit code for an error already reported to the user.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

// exitCode maps run's error to the process exit status.
func exitCode(err error) int {
	var ue usageError
	var ee exitError
	switch {
	case errors.As(err, &ue):
		return 2
	case errors.As(err, &ee):
		return ee.code
	}
	return 1
}

// run is the whole program: it parses args, runs the command until it ends
// or SIGINT/SIGTERM arrives, and reports errors on stderr.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	return execute(ctx, args, env{getenv: getenv, stdin: os.Stdin, stdout: stdout, stderr: stderr})
}

// execute runs one command line with the given environment.
func execute(ctx context.Context, args []string, e env) error {
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	root := newRootCmd(e)
	root.SetArgs(args)
	cmd, err := root.ExecuteContextC(ctx)
	var ee exitError
	switch {
	case err == nil, errors.As(err, &ee):
	case errors.As(err, new(usageError)):
		fmt.Fprintf(e.stderr, "Error: %v\n\n%s", err, cmd.UsageString())
	default:
		fmt.Fprintf(e.stderr, "Error: %v\n", err)
	}
	return err
}

// newRootCmd builds the command tree.
func newRootCmd(e env) *cobra.Command {
	root := &cobra.Command{
		Use:   "pariscall",
		Short: "Cited answers about the Paris Call for Trust and Security in Cyberspace",
		Long: `pariscall answers questions about the 2018 Paris Call for Trust and Security in
Cyberspace with verbatim quotes from its sources, in the terminal, on Slack and
on Discord.`,
		Example:       `  pariscall ask "who didn't sign"` + "\n  pariscall brief --format markdown\n  pariscall serve",
		SilenceErrors: true,
		SilenceUsage:  true,
		Args:          noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return cmd.Help()
		},
	}
	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	root.SetIn(e.stdin)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.CompletionOptions.DisableDefaultCmd = true
	root.AddCommand(newAskCmd(e), newBriefCmd(e), newChatCmd(e), newServeCmd(e), newConfigCmd(e), newVersionCmd(e))
	return root
}

// noArgs rejects arguments, such as an unknown subcommand, as a usage error.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		if cmd.HasSubCommands() {
			return usageError{fmt.Errorf("unknown command %q for %q", args[0], cmd.CommandPath())}
		}
		return usageError{fmt.Errorf("%q takes no arguments", cmd.CommandPath())}
	}
	return nil
}

// addConfigFlags gives cmd the configuration flags it understands, by name,
// or all of them when no name is given.
func addConfigFlags(cmd *cobra.Command, names ...string) {
	all := pflag.NewFlagSet(cmd.Name(), pflag.ContinueOnError)
	config.RegisterFlags(all)
	all.VisitAll(func(f *pflag.Flag) {
		if len(names) == 0 || slices.Contains(names, f.Name) {
			cmd.Flags().AddFlag(f)
		}
	})
}

// loadConfig reads the configuration with the command's flags.
func loadConfig(cmd *cobra.Command, e env) (config.Config, error) {
	c, err := config.Load(config.LoadOptions{Getenv: e.getenv, Flags: cmd.Flags()})
	if err != nil {
		return config.Config{}, fmt.Errorf("load configuration: %w", err)
	}
	return c, nil
}
