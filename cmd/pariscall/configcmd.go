package main

import (
	"github.com/spf13/cobra"

	"github.com/pariscall/pariscall/config"
)

func newConfigCmd(e env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Inspect the configuration",
		Args:  noArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	check := &cobra.Command{
		Use:   "check",
		Short: "Print the effective configuration, secrets redacted, and every problem",
		Long: `Print the effective configuration (flags, PARISCALL_* environment variables,
the configuration file and defaults), with secrets redacted, followed by every
problem found. It exits 1 when there are problems.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			c, err := loadConfig(cmd, e)
			if err != nil {
				return err
			}
			problems := c.Validate()
			if err := config.WriteCheck(e.stdout, c, problems); err != nil {
				return err
			}
			if problems != nil {
				return exitError{1}
			}
			return nil
		},
	}
	addConfigFlags(check)
	cmd.AddCommand(check)
	return cmd
}
