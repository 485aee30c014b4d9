package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/pariscall/pariscall/config"
	"github.com/pariscall/pariscall/knowledge"
)

func newServeCmd(e env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Run the HTTP server and the enabled chat adapters",
		Long: `Run one HTTP server on http.addr with /healthz, /readyz and /metrics, plus the
endpoints of every enabled adapter (/slack/..., /discord/...), and keep gateway
and Socket Mode connections up. An adapter is enabled when its credentials are
set; with none, only the HTTP endpoints run. SIGINT or SIGTERM stops accepting
requests, lets in-flight ones finish (http.shutdown_timeout) and exits 0.`,
		Example: "  PARISCALL_SLACK_BOT_TOKEN=xoxb-… PARISCALL_SLACK_SIGNING_SECRET=… pariscall serve\n  pariscall serve --http-addr 127.0.0.1:8080 --log-format json",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			c, err := loadConfig(cmd, e)
			if err != nil {
				return err
			}
			if err := c.Validate(); err != nil {
				return fmt.Errorf("invalid configuration (see `pariscall config check`):\n%w", err)
			}
			return serve(cmd.Context(), c, newLogger(c.Log, e.stderr))
		},
	}
	addConfigFlags(cmd)
	return cmd
}

// newLogger builds the service's structured logger.
func newLogger(c config.LogConfig, w io.Writer) *slog.Logger {
	var level slog.Level
	if err := level.UnmarshalText([]byte(c.Level)); err != nil {
		level = slog.LevelInfo
	}
	opts := &slog.HandlerOptions{Level: level}
	if c.Format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// serve runs the server until ctx is done, then shuts down gracefully:
// stop accepting, finish in-flight requests, then close the adapters'
// connections, all within http.shutdown_timeout.
func serve(ctx context.Context, c config.Config, log *slog.Logger) error {
	start := time.Now()
	eng, err := knowledge.Load(knowledge.Options{DocsDir: c.Knowledge.DocsDir})
	if err != nil {
		return fmt.Errorf("load knowledge: %w", err)
	}
	m := newMetrics()
	adapters, err := newAdapters(c, eng, m, log)
	if err != nil {
		return err
	}
	if len(adapters) == 0 {
		log.Info("no chat adapter enabled (no Slack or Discord credentials): serving only /healthz, /readyz and /metrics")
	}
	srv := &http.Server{
		Handler:           routes(eng, adapters, m, c.HTTP.MaxBodyBytes),
		ReadHeaderTimeout: c.HTTP.ReadHeaderTimeout,
		ReadTimeout:       c.HTTP.ReadTimeout,
		WriteTimeout:      c.HTTP.ReadTimeout + 10*time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	ln, err := net.Listen("tcp", c.HTTP.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", c.HTTP.Addr, err)
	}
	log.Info("serving", "addr", ln.Addr().String(), "sources", len(eng.Sources()),
		"adapters", len(adapters), "startup", time.Since(start).Round(time.Microsecond))

	// Adapters outlive ctx until the HTTP server has drained, so answers to
	// requests already accepted can still be posted.
	adapterCtx, stopAdapters := context.WithCancel(context.WithoutCancel(ctx))
	defer stopAdapters()
	failed := make(chan error, 1+len(adapters))
	go func() { failed <- srv.Serve(ln) }()
	var wg sync.WaitGroup
	for _, a := range adapters {
		wg.Go(func() {
			if err := a.Run(adapterCtx); err != nil && adapterCtx.Err() == nil {
				failed <- fmt.Errorf("%s adapter: %w", a.Platform(), err)
			}
		})
	}
	var runErr error
	select {
	case <-ctx.Done():
		log.Info("shutting down", "timeout", c.HTTP.ShutdownTimeout)
	case runErr = <-failed:
		log.Error("stopping after a failure", "err", runErr)
	}
	return errors.Join(runErr, shutdown(srv, stopAdapters, &wg, c.HTTP.ShutdownTimeout, log))
}

// shutdown drains the HTTP server, then stops the adapters and waits for
// them, giving up after timeout.
func shutdown(srv *http.Server, stopAdapters context.CancelFunc, wg *sync.WaitGroup, timeout time.Duration, log *slog.Logger) error {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	err := srv.Shutdown(ctx)
	if err != nil {
		err = fmt.Errorf("drain HTTP server: %w", err)
	}
	stopAdapters()
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-ctx.Done():
		err = errors.Join(err, errors.New("adapters did not stop within the shutdown timeout"))
	}
	if err == nil {
		log.Info("stopped cleanly")
	}
	return err
}
