package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// target is one endpoint under load: how each worker builds its requests,
// and what a good response looks like.
type target struct {
	name string
	// prepare runs before each phase, outside the measurement, such as to
	// sign a fresh pool of requests. It may be nil.
	prepare func() error
	// worker returns worker w's request builder for one phase.
	worker func(ctx context.Context, phase, w int) func(seq int) (*http.Request, error)
	// check reports what is wrong with a response, or nil.
	check func(status int, body []byte) error
}

// phaseConfig bounds one phase: warm-up first, then a measurement that
// ends after duration or maxRequests requests, whichever comes first.
type phaseConfig struct {
	conc        int
	warmup      time.Duration
	duration    time.Duration
	maxRequests int
}

// result is what one or more phases against a target measured.
type result struct {
	name     string
	requests int
	errors   int
	samples  []string // the first few errors
	elapsed  time.Duration
	lat      []time.Duration // sorted
}

// throughput is requests per second.
func (r result) throughput() float64 {
	if r.elapsed <= 0 {
		return 0
	}
	return float64(r.requests) / r.elapsed.Seconds()
}

// percentile returns the latency below which p percent of requests
// finished (nearest rank).
func (r result) percentile(p float64) time.Duration {
	if len(r.lat) == 0 {
		return 0
	}
	rank := int(float64(len(r.lat))*p/100+0.999999) - 1
	return r.lat[min(max(rank, 0), len(r.lat)-1)]
}

// merge pools phases of the same target.
func merge(rs ...result) result {
	if len(rs) == 0 {
		return result{}
	}
	out := result{name: rs[0].name}
	for _, r := range rs {
		out.requests += r.requests
		out.errors += r.errors
		out.elapsed += r.elapsed
		out.lat = append(out.lat, r.lat...)
		if len(out.samples) < 5 {
			out.samples = append(out.samples, r.samples...)
		}
	}
	slices.Sort(out.lat)
	return out
}

// workerStats is what one worker saw during the measurement.
type workerStats struct {
	lat     []time.Duration
	errors  int
	samples []string
}

// phaseRun is the state the workers of one phase share.
type phaseRun struct {
	pc        phaseConfig
	stop      atomic.Bool // set when the phase is over
	measuring atomic.Bool // set after the warm-up
	issued    atomic.Int64
}

// drive runs conc workers against t, each sending one request at a time
// over client, and measures the requests that start and finish inside the
// measurement window.
func drive(ctx context.Context, client *http.Client, t target, phase int, pc phaseConfig) (result, error) {
	if t.prepare != nil {
		if err := t.prepare(); err != nil {
			return result{}, fmt.Errorf("%s: %w", t.name, err)
		}
	}
	p := &phaseRun{pc: pc}
	stats := make([]workerStats, pc.conc)
	var wg sync.WaitGroup
	for w := range pc.conc {
		wg.Go(func() { p.work(client, t, t.worker(ctx, phase, w), &stats[w]) })
	}
	p.wait(ctx, pc.warmup)
	p.measuring.Store(true)
	start := time.Now()
	p.wait(ctx, pc.duration)
	p.stop.Store(true)
	elapsed := time.Since(start)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return result{}, err
	}
	r := result{name: t.name, elapsed: elapsed}
	for _, st := range stats {
		r.requests += len(st.lat) + st.errors
		r.errors += st.errors
		r.lat = append(r.lat, st.lat...)
		if len(r.samples) < 5 {
			r.samples = append(r.samples, st.samples...)
		}
	}
	slices.Sort(r.lat)
	return r, nil
}

// work is one worker: it sends requests one after the other until the
// phase is over, and records those sent during the measurement.
func (p *phaseRun) work(client *http.Client, t target, next func(int) (*http.Request, error), st *workerStats) {
	st.lat = make([]time.Duration, 0, 1<<14)
	var buf bytes.Buffer
	for seq := 0; !p.stop.Load(); seq++ {
		measured := p.measuring.Load()
		if measured && p.issued.Add(1) > int64(p.pc.maxRequests) {
			p.stop.Store(true)
			return
		}
		req, err := next(seq)
		if err != nil {
			st.fail(err)
			p.stop.Store(true)
			return
		}
		t0 := time.Now()
		status, err := send(client, req, &buf)
		lat := time.Since(t0)
		if err == nil {
			err = t.check(status, buf.Bytes())
		}
		switch {
		case !measured || p.stop.Load():
		case err != nil:
			st.fail(err)
		default:
			st.lat = append(st.lat, lat)
		}
	}
}

// wait returns after d, when the phase is stopped early (by the request
// count), or when ctx is done.
func (p *phaseRun) wait(ctx context.Context, d time.Duration) {
	timer := time.NewTimer(d)
	defer timer.Stop()
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for !p.stop.Load() {
		select {
		case <-timer.C:
			return
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

func (st *workerStats) fail(err error) {
	st.errors++
	if len(st.samples) < 3 {
		st.samples = append(st.samples, err.Error())
	}
}

// send makes one request and reads the whole response into buf, so the
// connection is reused.
func send(client *http.Client, req *http.Request, buf *bytes.Buffer) (int, error) {
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	buf.Reset()
	_, err = buf.ReadFrom(resp.Body)
	resp.Body.Close()
	return resp.StatusCode, err
}

// newClient is the one client every phase uses: keep-alive connections,
// at most one per worker, no compression.
func newClient(conc int) *http.Client {
	return &http.Client{
		Timeout: 10 * time.Second,
		Transport: &http.Transport{
			MaxIdleConns:        4 * conc,
			MaxIdleConnsPerHost: conc,
			MaxConnsPerHost:     conc,
			IdleConnTimeout:     time.Minute,
			DisableCompression:  true,
			ForceAttemptHTTP2:   false,
		},
	}
}

// expectStatus checks only the status code, for the bare handler.
func expectStatus(status int, _ []byte) error {
	if status != http.StatusOK {
		return fmt.Errorf("status %d", status)
	}
	return nil
}

// expectBody checks for 200 and a body starting with prefix and holding
// marker: a real answer, not an empty acknowledgement.
func expectBody(prefix, marker string) func(int, []byte) error {
	return func(status int, body []byte) error {
		if status != http.StatusOK {
			return fmt.Errorf("status %d: %.200s", status, body)
		}
		if !bytes.HasPrefix(body, []byte(prefix)) || !bytes.Contains(body, []byte(marker)) {
			return fmt.Errorf("unexpected body %.200q", body)
		}
		return nil
	}
}
