package main

import (
	"bytes"
	"context"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"testing"
)

// TestMain lets the test binary stand in for the loadtest binary as the
// "bare" child the load test starts with os.Executable.
func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == "bare" {
		ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
		err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
		stop()
		if err != nil {
			os.Exit(2)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestLoadSmoke runs the whole load test briefly, with targets no run can
// miss: it builds and starts the real binary, loads every endpoint
// against every server, reads the bot's metrics, stops it with SIGTERM and
// times a start. It checks the harness, not the figures.
func TestLoadSmoke(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs pariscall serve")
	}
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"-duration", "200ms", "-warmup", "50ms", "-rounds", "1", "-c", "4",
		"-startup-runs", "1", "-min-ratio", "0", "-max-p99-ratio", "1e9"}, os.Getenv, &out, &errOut)
	if err != nil {
		t.Fatalf("load test: %v\nstdout:\n%s\nstderr:\n%s", err, &out, &errOut)
	}
	report := out.String()
	for _, want := range []string{
		"bot's answer cache: on, its default size",
		"bare    POST /slack/commands", "floor   POST /slack/commands", "nocache POST /slack/commands", "bot     POST /slack/commands",
		"bare    POST /discord/interactions", "nocache POST /discord/interactions", "bot     POST /discord/interactions",
		"bot: SIGTERM after load: exited 0",
		"startup, default corpus, exec to /readyz 200 over 1 runs",
		"PASS: every target met, no errors",
	} {
		if !strings.Contains(report, want) {
			t.Errorf("report lacks %q:\n%s", want, report)
		}
	}
}
