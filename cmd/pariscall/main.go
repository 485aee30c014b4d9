// Command pariscall answers questions about the Paris Call for Trust and
// Security in Cyberspace with verbatim, cited quotes: in the terminal, and
// on Slack and Discord when served.
package main

import (
	"context"
	"os"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Getenv, os.Stdout, os.Stderr); err != nil {
		os.Exit(exitCode(err))
	}
}
