package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/pariscall/pariscall/knowledge"
	"github.com/pariscall/pariscall/knowledge/knowledgetest"
)

// growthResult is what one growth-child measured, for one corpus size.
type growthResult struct {
	Docs          int           `json:"docs"`
	Sources       int           `json:"sources"`
	Load          time.Duration `json:"load"`
	P50           time.Duration `json:"p50"`
	P99           time.Duration `json:"p99"`
	SearchP50     time.Duration `json:"search_p50"`
	StructuredP50 time.Duration `json:"structured_p50"`
	HeapInuse     uint64        `json:"heap_inuse"` // after load and answers, then a forced GC
	RSS           uint64        `json:"rss"`        // likewise, after returning freed memory to the OS
}

func runGrowth(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("loadtest growth", flag.ContinueOnError)
	fs.SetOutput(stderr)
	sizes := fs.String("sizes", "0,1000,10000", "comma-separated numbers of generated documents")
	iterations := fs.Int("iterations", 300, "times each question of the mix is asked")
	bin := fs.String("bin", "", "the pariscall binary `file`, for startup to /readyz with each corpus; empty builds ./cmd/pariscall")
	startupRuns := fs.Int("startup-runs", 3, "fresh starts timed per size, the median reported (0 skips)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 || *iterations < 1 {
		return errors.New("usage: loadtest growth [-sizes 0,1000,10000] [-iterations N] [-bin FILE] [-startup-runs N]")
	}
	dir, err := os.MkdirTemp("", "pariscall-growth-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	if *bin == "" && *startupRuns > 0 {
		if *bin, err = buildBinary(ctx, dir); err != nil {
			return err
		}
	}
	fmt.Fprintf(stdout, "growth: %s, %d CPUs; %d questions × %d iterations per size; each size in a fresh process\n\n",
		runtime.Version(), runtime.NumCPU(), len(questionMix()), *iterations)
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "added docs\tsources\tload\tready (exec→/readyz)\tanswer p50\tp99\tsearch p50\tstructured p50\theap in use\tRSS\t")
	for _, field := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(field))
		if err != nil || n < 0 {
			return fmt.Errorf("-sizes: %q is not a number of documents", field)
		}
		row, err := growthRow(ctx, dir, exe, *bin, getenv, n, *iterations, *startupRuns)
		if err != nil {
			return err
		}
		fmt.Fprintln(tw, row)
	}
	return tw.Flush()
}

// growthRow measures one corpus size: n generated documents beside the
// seeds, answered in a fresh process and, with startupRuns, served by a
// fresh `pariscall serve`.
func growthRow(ctx context.Context, dir, exe, bin string, getenv func(string) string, n, iterations, startupRuns int) (string, error) {
	docs := ""
	if n > 0 {
		docs = filepath.Join(dir, fmt.Sprintf("docs-%d", n))
		if err := knowledgetest.WriteDocs(docs, n); err != nil {
			return "", err
		}
	}
	r, err := growthChild(ctx, exe, docs, n, iterations)
	if err != nil {
		return "", err
	}
	ready := "-"
	if startupRuns > 0 {
		d, err := medianStartup(ctx, dir, bin, getenv, docs, startupRuns)
		if err != nil {
			return "", err
		}
		ready = fmtDur(d)
	}
	return fmt.Sprintf("%d\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t", r.Docs, r.Sources, fmtDur(r.Load), ready,
		fmtDur(r.P50), fmtDur(r.P99), fmtDur(r.SearchP50), fmtDur(r.StructuredP50),
		fmtBytes(float64(r.HeapInuse)), fmtBytes(float64(r.RSS))), nil
}

// growthChild measures one corpus size in a fresh process, so memory
// figures are that corpus's alone.
func growthChild(ctx context.Context, exe, docs string, n, iterations int) (growthResult, error) {
	cmd := exec.CommandContext(ctx, exe, "growth-child", "-docs", docs, "-n", strconv.Itoa(n), "-iterations", strconv.Itoa(iterations))
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return growthResult{}, fmt.Errorf("growth-child with %d documents: %w\n%s", n, err, errb.String())
	}
	var r growthResult
	if err := json.Unmarshal(out.Bytes(), &r); err != nil {
		return growthResult{}, fmt.Errorf("growth-child output %q: %w", out.String(), err)
	}
	return r, nil
}

// medianStartup times fresh starts of `pariscall serve` with docs added.
func medianStartup(ctx context.Context, dir, bin string, getenv func(string) string, docs string, runs int) (time.Duration, error) {
	vars := map[string]string{}
	if docs != "" {
		vars["PARISCALL_KNOWLEDGE_DOCS_DIR"] = docs
	}
	var ds []time.Duration
	for range runs {
		p, err := startBot(ctx, dir, bin, getenv, vars)
		if err != nil {
			return 0, err
		}
		ds = append(ds, p.ready)
		if err := p.stop(15 * time.Second); err != nil {
			return 0, err
		}
	}
	slices.Sort(ds)
	return ds[len(ds)/2], nil
}

// runGrowthChild loads the engine with the documents in -docs, asks the
// question mix, and prints a growthResult as JSON.
func runGrowthChild(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("growth-child", flag.ContinueOnError)
	docs := fs.String("docs", "", "documents directory")
	n := fs.Int("n", 0, "number of documents, for the report")
	iterations := fs.Int("iterations", 300, "times each question is asked")
	if err := fs.Parse(args); err != nil {
		return err
	}
	start := time.Now()
	e, err := knowledge.Load(knowledge.Options{DocsDir: *docs})
	if err != nil {
		return err
	}
	r := growthResult{Docs: *n, Sources: len(e.Sources()), Load: time.Since(start)}
	qs := questionMix()
	for _, q := range qs { // warm up
		e.Answer(q)
	}
	var all, search, structured []time.Duration
	for i := range *iterations * len(qs) {
		q := qs[i%len(qs)]
		t0 := time.Now()
		e.Answer(q)
		d := time.Since(t0)
		all = append(all, d)
		switch q {
		case "geneva convention human rights":
			search = append(search, d)
		case "principle 8":
			structured = append(structured, d)
		}
	}
	r.P50, r.P99 = pct(all, 50), pct(all, 99)
	r.SearchP50, r.StructuredP50 = pct(search, 50), pct(structured, 50)
	debug.FreeOSMemory()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	r.HeapInuse = ms.HeapInuse
	r.RSS = rss()
	runtime.KeepAlive(e)
	return json.NewEncoder(stdout).Encode(r)
}

func pct(ds []time.Duration, p float64) time.Duration {
	return result{lat: slices.Sorted(slices.Values(ds))}.percentile(p)
}

// rss is this process's resident set size from /proc, or 0 off Linux.
func rss() uint64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			kb, _ := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}
