package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"text/tabwriter"
	"time"

	"github.com/pariscall/pariscall/knowledge/knowledgetest"
)

// loadConfig is the load test's flags.
type loadConfig struct {
	bin         string
	phase       phaseConfig
	rounds      int
	endpoints   string
	startupRuns int
	docs        int
	keep        bool
	minRatio    float64
	maxP99Ratio float64
	floor       bool
	nocache     bool
	env         envFlag
}

// envFlag collects repeated -env KEY=VALUE flags.
type envFlag map[string]string

func (e envFlag) String() string { return fmt.Sprint(map[string]string(e)) }

func (e envFlag) Set(s string) error {
	k, v, ok := strings.Cut(s, "=")
	if !ok || k == "" {
		return fmt.Errorf("%q is not KEY=VALUE", s)
	}
	e[k] = v
	return nil
}

func parseLoadFlags(args []string, stderr io.Writer) (loadConfig, error) {
	c := loadConfig{env: envFlag{}}
	fs := flag.NewFlagSet("loadtest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.bin, "bin", "", "the pariscall binary `file` to test; empty builds ./cmd/pariscall with go build")
	fs.IntVar(&c.phase.conc, "c", 64, "concurrent clients, each with one request in flight")
	fs.DurationVar(&c.phase.warmup, "warmup", time.Second, "unmeasured load before each phase")
	fs.DurationVar(&c.phase.duration, "duration", 5*time.Second, "measured time per phase")
	fs.IntVar(&c.phase.maxRequests, "requests", 2_000_000, "measured requests per phase at most")
	fs.IntVar(&c.rounds, "rounds", 3, "bare/bot phase pairs per endpoint, alternating which goes first")
	fs.StringVar(&c.endpoints, "endpoints", "slack,discord", "comma-separated endpoints to load: slack, discord")
	fs.IntVar(&c.startupRuns, "startup-runs", 5, "fresh starts of pariscall serve timed to /readyz (0 skips)")
	fs.IntVar(&c.docs, "docs", 0, "generated documents added to the bot's corpus (knowledge.docs_dir)")
	fs.BoolVar(&c.keep, "keep", false, "keep the temporary directory with the servers' logs")
	fs.Float64Var(&c.minRatio, "min-ratio", 0.70, "target: bot throughput at least this fraction of bare")
	fs.Float64Var(&c.maxP99Ratio, "max-p99-ratio", 2.0, "target: bot p99 at most this multiple of bare")
	fs.BoolVar(&c.floor, "floor", true, "also load a handler that only checks the signature, the floor for any adapter")
	fs.BoolVar(&c.nocache, "nocache", true, "also load a second bot with its answer cache off, so every request is answered and rendered afresh")
	fs.Var(c.env, "env", "extra `KEY=VALUE` in the bot's environment, such as PARISCALL_LOG_LEVEL=warn or GOGC=200 (repeatable)")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	switch {
	case fs.NArg() > 0:
		return c, fmt.Errorf("unexpected arguments %q", fs.Args())
	case c.phase.conc < 1 || c.rounds < 1 || c.phase.maxRequests < 1:
		return c, errors.New("-c, -rounds and -requests must be at least 1")
	case c.phase.duration <= 0 || c.phase.warmup < 0:
		return c, errors.New("-duration must be positive and -warmup not negative")
	}
	return c, nil
}

// secrets are the credentials the bot under test is configured with,
// made fresh for each run.
type secrets struct {
	signingSecret string
	botToken      string
	discordPub    ed25519.PublicKey
	discordKey    ed25519.PrivateKey
}

func newSecrets() (secrets, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return secrets{}, err
	}
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		return secrets{}, err
	}
	return secrets{signingSecret: hex.EncodeToString(b[:16]), botToken: "xoxb-1000-2000-" + hex.EncodeToString(b[16:]),
		discordPub: pub, discordKey: priv}, nil
}

// botVars configures `pariscall serve` for the load test: Slack over HTTP
// and Discord HTTP interactions, every outgoing call pointed at sink.
func botVars(s secrets, sink, docsDir string) map[string]string {
	v := map[string]string{
		"PARISCALL_SLACK_SIGNING_SECRET": s.signingSecret,
		"PARISCALL_SLACK_BOT_TOKEN":      s.botToken,
		"PARISCALL_SLACK_API_URL":        sink + "/slack/api/",
		"PARISCALL_DISCORD_PUBLIC_KEY":   hex.EncodeToString(s.discordPub),
		"PARISCALL_DISCORD_APP_ID":       "800000000000000001",
		"PARISCALL_DISCORD_API_URL":      sink + "/discord",
	}
	if docsDir != "" {
		v["PARISCALL_KNOWLEDGE_DOCS_DIR"] = docsDir
	}
	return v
}

// newSink stands in for the Slack and Discord APIs on loopback, counting
// the calls the bot makes (Discord follow-up messages, for long answers).
func newSink(calls *atomic.Int64) *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"ok":true,"id":"1","channel":"C1","ts":"1.1"}`)
	}))
}

func runLoad(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	c, err := parseLoadFlags(args, stderr)
	if err != nil {
		return err
	}
	r, err := newLoadRun(ctx, c, getenv, stdout)
	if err != nil {
		return err
	}
	defer r.close()
	failures, err := r.measure(ctx)
	if err != nil {
		return err
	}
	if c.startupRuns > 0 {
		if err := reportStartup(ctx, stdout, r.dir, r.c.bin, getenv, botVars(r.secrets, r.sink.URL, ""), c.startupRuns); err != nil {
			return err
		}
	}
	if len(failures) > 0 {
		fmt.Fprintf(stdout, "\nFAIL:\n  %s\n", strings.Join(failures, "\n  "))
		return errTargetsMissed
	}
	fmt.Fprintln(stdout, "\nPASS: every target met, no errors")
	return nil
}

// loadRun is one load test: its temporary directory, credentials, the
// stand-in platform APIs and the two servers under load.
type loadRun struct {
	c         loadConfig
	stdout    io.Writer
	dir       string
	secrets   secrets
	sink      *httptest.Server
	sinkCalls *atomic.Int64
	bot, bare *proc
	nocache   *proc // the bot with its answer cache off; nil without -nocache
}

// newLoadRun prepares the directory, the binary, fresh credentials, the
// stand-in APIs and generated documents, and starts both servers.
func newLoadRun(ctx context.Context, c loadConfig, getenv func(string) string, stdout io.Writer) (r *loadRun, err error) {
	r = &loadRun{c: c, stdout: stdout, sinkCalls: new(atomic.Int64)}
	if r.dir, err = os.MkdirTemp("", "pariscall-loadtest-"); err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			r.close()
		}
	}()
	if c.keep {
		fmt.Fprintf(stdout, "logs and documents kept in %s\n", r.dir)
	}
	if r.c.bin == "" {
		if r.c.bin, err = buildBinary(ctx, r.dir); err != nil {
			return r, err
		}
	}
	if r.secrets, err = newSecrets(); err != nil {
		return r, err
	}
	r.sink = newSink(r.sinkCalls)
	docsDir := ""
	if c.docs > 0 {
		docsDir = filepath.Join(r.dir, "docs")
		if err := knowledgetest.WriteDocs(docsDir, c.docs); err != nil {
			return r, err
		}
	}
	vars := botVars(r.secrets, r.sink.URL, docsDir)
	for k, v := range c.env {
		vars[k] = v
	}
	fmt.Fprintf(stdout, "loadtest: %s, %d CPUs, GOMAXPROCS %d; %d clients, %s warm-up + %s (≤ %d requests) per phase, %d rounds; %d generated documents\n",
		runtime.Version(), runtime.NumCPU(), runtime.GOMAXPROCS(0), c.phase.conc, c.phase.warmup, c.phase.duration,
		c.phase.maxRequests, c.rounds, c.docs)
	if r.bot, err = startBot(ctx, r.dir, r.c.bin, getenv, vars); err != nil {
		return r, err
	}
	if c.nocache {
		off := maps.Clone(vars)
		off[cacheVar] = "0"
		if r.nocache, err = startBot(ctx, r.dir, r.c.bin, getenv, off); err != nil {
			return r, err
		}
	}
	exe, err := os.Executable()
	if err != nil {
		return r, err
	}
	r.bare, err = startProc(ctx, r.dir, childEnv(r.dir, getenv, map[string]string{
		"LOADTEST_SLACK_SECRET": r.secrets.signingSecret, "LOADTEST_DISCORD_PUBLIC_KEY": hex.EncodeToString(r.secrets.discordPub),
	}), []string{exe, "bare"}, "/", "")
	if err != nil {
		return r, err
	}
	fmt.Fprintf(stdout, "bot:  %s serve at %s (ready %s after exec)\nbare: %s bare at %s\n",
		r.c.bin, r.bot.base, r.bot.ready.Round(time.Millisecond), exe, r.bare.base)
	switch v, set := vars[cacheVar]; {
	case v == "0":
		fmt.Fprintln(stdout, "bot's answer cache: off")
	default:
		size := "its default size"
		if set {
			size = v + " bytes"
		}
		fmt.Fprintf(stdout, "bot's answer cache: on, %s; the mix repeats %d questions, so after the warm-up every bot answer comes from it\n",
			size, len(questionMix()))
	}
	if r.nocache != nil {
		fmt.Fprintf(stdout, "nocache: the same bot with %s=0 at %s: every request answered and rendered afresh\n", cacheVar, r.nocache.base)
	}
	fmt.Fprintln(stdout)
	return r, nil
}

// cacheVar sizes the bot's answer cache; 0 turns it off.
const cacheVar = "PARISCALL_KNOWLEDGE_ANSWER_CACHE_BYTES"

// measure loads each endpoint, then stops the servers with SIGTERM, and
// returns the targets missed.
func (r *loadRun) measure(ctx context.Context) ([]string, error) {
	client := newClient(r.c.phase.conc)
	var failures []string
	phase := 0
	for _, ep := range strings.Split(r.c.endpoints, ",") {
		nocacheBase := ""
		if r.nocache != nil {
			nocacheBase = r.nocache.base
		}
		ts, err := endpointTargets(strings.TrimSpace(ep), r.bare.base, nocacheBase, r.bot.base, r.secrets, r.c.floor)
		if err != nil {
			return nil, err
		}
		summary, fails, err := compare(ctx, client, ts, r.c, &phase, r.stdout)
		if err != nil {
			return nil, err
		}
		fmt.Fprintln(r.stdout, summary)
		failures = append(failures, fails...)
	}
	metrics, err := fetch(client, r.bot.base+"/metrics")
	if err != nil {
		return nil, err
	}
	reportServer(r.stdout, metrics, r.sinkCalls.Load())
	bot, bare, nocache := r.bot, r.bare, r.nocache
	r.bot, r.bare, r.nocache = nil, nil, nil
	if err := bot.stop(15 * time.Second); err != nil {
		failures = append(failures, err.Error())
	} else {
		fmt.Fprintln(r.stdout, "bot: SIGTERM after load: exited 0")
	}
	if nocache != nil {
		if err := nocache.stop(15 * time.Second); err != nil {
			failures = append(failures, "nocache: "+err.Error())
		}
	}
	answered := bytes.Count(readFile(bot.logPath), []byte("msg=answered"))
	fmt.Fprintf(r.stdout, "bot: %d answers logged (one info line each)\n", answered)
	if err := bare.stop(15 * time.Second); err != nil {
		failures = append(failures, err.Error())
	}
	return failures, nil
}

// close kills servers still running and removes what the run made.
func (r *loadRun) close() {
	for _, p := range []*proc{r.bot, r.bare, r.nocache} {
		if p != nil {
			p.kill()
		}
	}
	if r.sink != nil {
		r.sink.Close()
	}
	if !r.c.keep {
		os.RemoveAll(r.dir)
	}
}

// endpointTargets returns the targets for one endpoint: bare first, then
// the signature-only floor when asked for, the bot without its answer
// cache when nocacheBase is set, the bot last. All send the same requests;
// only the check of the response differs.
func endpointTargets(ep, bareBase, nocacheBase, botBase string, s secrets, withFloor bool) ([]target, error) {
	var bare, floor, nocache, bot target
	switch ep {
	case "slack":
		const path = "POST /slack/commands"
		answer := expectBody(`{"response_type":"ephemeral"`, `"blocks":[`)
		bare = target{name: "bare    " + path, worker: slashRequests(bareBase, s.signingSecret, questionMix()), check: expectStatus}
		floor = target{name: "floor   " + path, worker: slashRequests(bareBase+"/floor", s.signingSecret, questionMix()), check: expectStatus}
		nocache = target{name: "nocache " + path, worker: slashRequests(nocacheBase, s.signingSecret, questionMix()), check: answer}
		bot = target{name: "bot     " + path, worker: slashRequests(botBase, s.signingSecret, questionMix()), check: answer}
	case "discord":
		const path = "POST /discord/interactions"
		answer := expectBody(`{"type":4,`, `"embeds":[`)
		pool := func() *interactionPool {
			return &interactionPool{key: s.discordKey, questions: questionMix(), size: 4096}
		}
		barePool, floorPool, nocachePool, botPool := pool(), pool(), pool(), pool()
		bare = target{name: "bare    " + path, prepare: barePool.prepare, worker: barePool.requests(bareBase), check: expectStatus}
		floor = target{name: "floor   " + path, prepare: floorPool.prepare, worker: floorPool.requests(bareBase + "/floor"), check: expectStatus}
		nocache = target{name: "nocache " + path, prepare: nocachePool.prepare, worker: nocachePool.requests(nocacheBase), check: answer}
		bot = target{name: "bot     " + path, prepare: botPool.prepare, worker: botPool.requests(botBase), check: answer}
	default:
		return nil, fmt.Errorf("unknown endpoint %q: want slack or discord", ep)
	}
	ts := []target{bare}
	if withFloor {
		ts = append(ts, floor)
	}
	if nocacheBase != "" {
		ts = append(ts, nocache)
	}
	return append(ts, bot), nil
}

// compare runs the targets in turn for several rounds, reversing the order
// every other round so drift favours none, and returns the summary table
// and the targets missed. The first target is the bare handler and the
// last the bot.
func compare(ctx context.Context, client *http.Client, ts []target, c loadConfig, phase *int, stdout io.Writer) (string, []string, error) {
	rs := make([][]result, len(ts))
	for round := range c.rounds {
		order := make([]int, len(ts))
		for i := range order {
			order[i] = i
		}
		if round%2 == 1 {
			slices.Reverse(order)
		}
		for _, i := range order {
			*phase++
			r, err := drive(ctx, client, ts[i], *phase, c.phase)
			if err != nil {
				return "", nil, err
			}
			fmt.Fprintf(stdout, "round %d  %-35s %8.0f req/s  p50 %-9s p99 %-9s errors %d\n", round+1, r.name,
				r.throughput(), fmtDur(r.percentile(50)), fmtDur(r.percentile(99)), r.errors)
			rs[i] = append(rs[i], r)
		}
	}
	all := make([]result, len(ts))
	for i := range rs {
		all[i] = merge(rs[i]...)
	}
	bare, bot := all[0], all[len(all)-1]
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "\nall rounds\trequests\terrors\treq/s\tp50\tp99\tmax\tvs bare: req/s\tp50\tp99")
	for _, r := range all {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.0f\t%s\t%s\t%s\t%.2f\t%.2f×\t%.2f×\n", r.name, r.requests, r.errors, r.throughput(),
			fmtDur(r.percentile(50)), fmtDur(r.percentile(99)), fmtDur(r.percentile(100)),
			r.throughput()/bare.throughput(), ratio(r.percentile(50), bare.percentile(50)), ratio(r.percentile(99), bare.percentile(99)))
	}
	tw.Flush()
	tputRatio := bot.throughput() / bare.throughput()
	p99Ratio := ratio(bot.percentile(99), bare.percentile(99))
	fmt.Fprintf(&b, "bot/bare: throughput %.2f (target ≥ %.2f), p99 %.2f× (target ≤ %.1f×)\n",
		tputRatio, c.minRatio, p99Ratio, c.maxP99Ratio)
	var fails []string
	name := strings.TrimSpace(strings.TrimPrefix(bot.name, "bot"))
	if tputRatio < c.minRatio {
		fails = append(fails, fmt.Sprintf("%s: throughput ratio %.2f < %.2f", name, tputRatio, c.minRatio))
	}
	if p99Ratio > c.maxP99Ratio {
		fails = append(fails, fmt.Sprintf("%s: p99 ratio %.2f > %.1f", name, p99Ratio, c.maxP99Ratio))
	}
	for _, r := range all {
		if r.errors > 0 {
			fails = append(fails, fmt.Sprintf("%s: %d errors, such as %q", r.name, r.errors, r.samples))
		}
	}
	return b.String(), fails, nil
}

func ratio(a, b time.Duration) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func fetch(client *http.Client, u string) (string, error) {
	resp, err := client.Get(u)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("GET %s: %d", u, resp.StatusCode)
	}
	return string(b), err
}

// reportServer prints what the bot itself counted: requests by route and
// code, and its memory after the load.
func reportServer(w io.Writer, metrics string, sinkCalls int64) {
	fmt.Fprintln(w, "bot's own /metrics after the load:")
	for _, route := range []string{"POST /slack/commands", "POST /discord/interactions"} {
		for _, code := range []string{"200", "400", "401", "413", "500"} {
			if v, ok := metricValue(metrics, "pariscall_http_requests_total", `code="`+code+`"`, `route="`+route+`"`); ok {
				fmt.Fprintf(w, "  %s %s: %.0f\n", route, code, v)
			}
		}
	}
	if v, ok := metricValue(metrics, "pariscall_signatures_rejected_total"); ok {
		fmt.Fprintf(w, "  signatures rejected: %.0f\n", v)
	}
	heap, _ := metricValue(metrics, "go_memstats_heap_inuse_bytes")
	rss, _ := metricValue(metrics, "process_resident_memory_bytes")
	gs, _ := metricValue(metrics, "go_goroutines")
	fmt.Fprintf(w, "  heap in use %s, RSS %s, %.0f goroutines; %d calls to the Slack/Discord APIs (follow-ups)\n",
		fmtBytes(heap), fmtBytes(rss), gs, sinkCalls)
}

// startBot runs `pariscall serve` with vars on a free loopback port and
// waits for /readyz.
func startBot(ctx context.Context, dir, bin string, getenv func(string) string, vars map[string]string) (*proc, error) {
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	all := map[string]string{}
	for k, v := range vars {
		all[k] = v
	}
	all["PARISCALL_HTTP_ADDR"] = addr
	return startProc(ctx, dir, childEnv(dir, getenv, all), []string{bin, "serve"}, "/readyz", "http://"+addr)
}

// reportStartup times fresh starts of `pariscall serve` from exec to
// /readyz answering 200.
func reportStartup(ctx context.Context, w io.Writer, dir, bin string, getenv func(string) string, vars map[string]string, runs int) error {
	var ready []time.Duration
	var inProcess []string
	for range runs {
		p, err := startBot(ctx, dir, bin, getenv, vars)
		if err != nil {
			return err
		}
		ready = append(ready, p.ready)
		if m := startupPattern(readFile(p.logPath)); m != "" {
			inProcess = append(inProcess, m)
		}
		if err := p.stop(15 * time.Second); err != nil {
			return err
		}
	}
	slices.Sort(ready)
	fmt.Fprintf(w, "\nstartup, default corpus, exec to /readyz 200 over %d runs: min %s, median %s, max %s (target < 100ms); serve's own startup field: %s\n",
		runs, fmtDur(ready[0]), fmtDur(ready[len(ready)/2]), fmtDur(ready[len(ready)-1]), strings.Join(inProcess, " "))
	return nil
}

// startupPattern returns the startup= field of serve's "serving" line.
func startupPattern(log []byte) string {
	i := bytes.Index(log, []byte("startup="))
	if i < 0 {
		return ""
	}
	rest := log[i+len("startup="):]
	if j := bytes.IndexAny(rest, " \n"); j >= 0 {
		rest = rest[:j]
	}
	return string(rest)
}

// fmtDur rounds a latency for people: microseconds below 10ms.
func fmtDur(d time.Duration) string {
	switch {
	case d < 10*time.Millisecond:
		return d.Round(time.Microsecond).String()
	default:
		return d.Round(100 * time.Microsecond).String()
	}
}

func fmtBytes(b float64) string {
	return fmt.Sprintf("%.1f MiB", b/(1<<20))
}
