package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// proc is a server running as a child process, logging to a file.
type proc struct {
	cmd     *exec.Cmd
	base    string        // http://127.0.0.1:port
	logPath string        // where its stderr goes
	ready   time.Duration // from exec to /readyz (or /healthz) answering 200
	done    chan error    // the exit status, once
}

// freeAddr returns a loopback address no one listens on right now, for a
// child whose log may not say where it listens (serve logs its address
// at info, which PARISCALL_LOG_LEVEL=warn hides).
func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// startProc runs argv with exactly env, in dir, logging to a new file in
// dir, and waits until probe answers 200: the time from exec to then is
// proc.ready. The address is base when given, else read from the child's
// log.
func startProc(ctx context.Context, dir string, env, argv []string, probe, base string) (*proc, error) {
	logPath := filepath.Join(dir, fmt.Sprintf("%s-%d.log", filepath.Base(argv[0]), time.Now().UnixNano()))
	logFile, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	defer logFile.Close() // the child has its own descriptor
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env, cmd.Dir, cmd.Stdout, cmd.Stderr = env, dir, logFile, logFile
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", argv[0], err)
	}
	p := &proc{cmd: cmd, base: base, logPath: logPath, done: make(chan error, 1)}
	go func() { p.done <- cmd.Wait() }()
	addrPattern := regexp.MustCompile(`addr=(127\.0\.0\.1:\d+)`) // in a "serving" log line
	client := &http.Client{Timeout: time.Second}
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if p.base == "" {
			if m := addrPattern.FindSubmatch(readFile(logPath)); m != nil {
				p.base = "http://" + string(m[1])
			}
		}
		if p.base != "" {
			if resp, err := client.Get(p.base + probe); err == nil {
				resp.Body.Close()
				if resp.StatusCode == http.StatusOK {
					p.ready = time.Since(start)
					return p, nil
				}
			}
		}
		select {
		case err := <-p.done:
			return nil, fmt.Errorf("%s exited before it was ready (%v):\n%s", argv[0], err, tail(readFile(logPath), 2000))
		case <-ctx.Done():
			p.kill()
			return nil, ctx.Err()
		case <-time.After(200 * time.Microsecond):
		}
	}
	p.kill()
	return nil, fmt.Errorf("%s was not ready within 30s:\n%s", argv[0], tail(readFile(logPath), 2000))
}

// stop sends SIGTERM and waits for the child to exit; a non-zero exit or
// a child still running after timeout is an error.
func (p *proc) stop(timeout time.Duration) error {
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		return fmt.Errorf("signal %s: %w", p.cmd.Path, err)
	}
	select {
	case err := <-p.done:
		if err != nil {
			return fmt.Errorf("%s exited with %v after SIGTERM:\n%s", filepath.Base(p.cmd.Path), err, tail(readFile(p.logPath), 2000))
		}
		return nil
	case <-time.After(timeout):
		p.kill()
		return fmt.Errorf("%s did not exit within %s of SIGTERM", filepath.Base(p.cmd.Path), timeout)
	}
}

// kill ends the child at once, for error paths.
func (p *proc) kill() {
	_ = p.cmd.Process.Kill()
	<-p.done
}

func readFile(path string) []byte {
	b, _ := os.ReadFile(path)
	return b
}

func tail(b []byte, n int) string {
	if len(b) > n {
		b = b[len(b)-n:]
	}
	return string(b)
}

// buildBinary builds ./cmd/pariscall into dir with the go command, as the
// Dockerfile does, and returns its path.
func buildBinary(ctx context.Context, dir string) (string, error) {
	out := filepath.Join(dir, "pariscall")
	cmd := exec.CommandContext(ctx, "go", "build", "-trimpath", "-o", out, "github.com/pariscall/pariscall/cmd/pariscall")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	var errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &errb, &errb
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("go build ./cmd/pariscall (run from the module, or pass -bin): %w\n%s", err, errb.String())
	}
	return out, nil
}

// childEnv is the whole environment of a child server: PATH, a HOME and
// XDG_CONFIG_HOME with no configuration in them, GOMAXPROCS and GOGC when
// set, and vars. Nothing else leaks in, PARISCALL_* least of all.
func childEnv(dir string, getenv func(string) string, vars map[string]string) []string {
	env := []string{"PATH=" + getenv("PATH"), "HOME=" + dir, "XDG_CONFIG_HOME=" + filepath.Join(dir, "xdg")}
	for _, k := range []string{"GOMAXPROCS", "GOGC", "GOMEMLIMIT"} {
		if v := getenv(k); v != "" {
			env = append(env, k+"="+v)
		}
	}
	for k, v := range vars {
		env = append(env, k+"="+v)
	}
	return env
}

// runBare is the "bare" child: an HTTP server with the same timeouts as
// `pariscall serve` and a handler that only answers 200. Under /floor/ it
// instead checks the request's signature first, as the bot must, with the
// secret and public key in LOADTEST_SLACK_SECRET and
// LOADTEST_DISCORD_PUBLIC_KEY, and answers 200 with no body: the floor no
// adapter can go below. It logs its address like serve does and stops on
// SIGTERM.
func runBare(ctx context.Context, args []string, getenv func(string) string, stderr io.Writer) error {
	if len(args) > 0 {
		return fmt.Errorf("bare takes no arguments")
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))
	floor, err := newFloor(getenv("LOADTEST_SLACK_SECRET"), getenv("LOADTEST_DISCORD_PUBLIC_KEY"))
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if strings.HasPrefix(r.URL.Path, "/floor/") {
				floor.ServeHTTP(w, r)
				return
			}
			w.WriteHeader(http.StatusOK)
		}),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      20 * time.Second,
		IdleTimeout:       2 * time.Minute,
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	log.Info("serving", "addr", ln.Addr().String())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case <-ctx.Done():
	case err := <-errc:
		return err
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// floor checks signatures and nothing else.
type floor struct {
	slackSecret []byte
	discordKey  ed25519.PublicKey
}

func newFloor(slackSecret, discordKey string) (*floor, error) {
	key, err := hex.DecodeString(discordKey)
	if err != nil || (discordKey != "" && len(key) != ed25519.PublicKeySize) {
		return nil, errors.New("LOADTEST_DISCORD_PUBLIC_KEY is not an Ed25519 public key in hex")
	}
	return &floor{slackSecret: []byte(slackSecret), discordKey: key}, nil
}

// ServeHTTP reads the body and answers 200 if its signature is good and
// recent, 401 otherwise.
func (f *floor) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 256<<10))
	if err != nil {
		http.Error(w, "cannot read body", http.StatusBadRequest)
		return
	}
	ok := false
	switch r.URL.Path {
	case "/floor/slack/commands":
		ts := r.Header.Get("X-Slack-Request-Timestamp")
		mac := hmac.New(sha256.New, f.slackSecret)
		mac.Write([]byte("v0:" + ts + ":"))
		mac.Write(body)
		want := "v0=" + hex.EncodeToString(mac.Sum(nil))
		ok = recent(ts) && len(f.slackSecret) > 0 && hmac.Equal([]byte(want), []byte(r.Header.Get("X-Slack-Signature")))
	case "/floor/discord/interactions":
		ts := r.Header.Get("X-Signature-Timestamp")
		sig, err := hex.DecodeString(r.Header.Get("X-Signature-Ed25519"))
		ok = err == nil && recent(ts) && len(f.discordKey) == ed25519.PublicKeySize &&
			len(sig) == ed25519.SignatureSize && ed25519.Verify(f.discordKey, append([]byte(ts), body...), sig)
	}
	if !ok {
		http.Error(w, "invalid signature", http.StatusUnauthorized)
		return
	}
	w.WriteHeader(http.StatusOK)
}

// recent reports whether a Unix timestamp is within five minutes of now.
func recent(ts string) bool {
	secs, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return false
	}
	skew := time.Since(time.Unix(secs, 0))
	return skew < 5*time.Minute && skew > -5*time.Minute
}

// metricValue returns the value of the first sample of name in a
// Prometheus text exposition whose labels contain every string in labels.
func metricValue(exposition, name string, labels ...string) (float64, bool) {
	for _, line := range strings.Split(exposition, "\n") {
		rest, ok := strings.CutPrefix(line, name)
		if !ok || (rest != "" && rest[0] != ' ' && rest[0] != '{') {
			continue
		}
		match := true
		for _, l := range labels {
			match = match && strings.Contains(rest, l)
		}
		if !match {
			continue
		}
		var v float64
		fields := strings.Fields(rest)
		if _, err := fmt.Sscan(fields[len(fields)-1], &v); err == nil {
			return v, true
		}
	}
	return 0, false
}
