// Command loadtest measures pariscall on loopback and prints figures anyone
// can reproduce:
//
//	go run ./cmd/loadtest                 # load test and startup time
//	go run ./cmd/loadtest growth          # answer latency and memory as the corpus grows
//
// The load test builds the real binary (./cmd/pariscall, or -bin), runs
// `pariscall serve` as a child process with a generated Slack signing secret
// and Discord key pair, and drives POST /slack/commands and POST
// /discord/interactions with correctly signed requests. It drives a bare
// net/http handler that only answers 200, in a child process of its own,
// with the same client, requests, concurrency and connection reuse, and
// alternates the two. It prints throughput, p50 and p99 latency and their
// ratios, and exits 1 when a target is missed or any request failed.
//
// It only ever connects to 127.0.0.1.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	if errors.Is(err, flag.ErrHelp) {
		return
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		if errors.Is(err, errTargetsMissed) {
			os.Exit(1)
		}
		os.Exit(2)
	}
}

// errTargetsMissed reports a completed measurement that missed a target
// or saw errors.
var errTargetsMissed = errors.New("targets missed")

// run dispatches to a subcommand. "bare" and "growth-child" are the child
// processes the others start.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cmd := ""
	if len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "", "load":
		return runLoad(ctx, args, getenv, stdout, stderr)
	case "growth":
		return runGrowth(ctx, args, getenv, stdout, stderr)
	case "bare":
		return runBare(ctx, args, getenv, stderr)
	case "growth-child":
		return runGrowthChild(args, stdout)
	}
	return fmt.Errorf("unknown command %q: want load (the default) or growth", cmd)
}
