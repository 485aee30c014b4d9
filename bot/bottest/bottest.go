// Package bottest holds test doubles and helpers the adapters' tests share:
// a recording Observer, polling, live-heap measurement, and golden files.
package bottest

import (
	"bytes"
	"encoding/json"
	"os"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/pariscall/pariscall/bot"
	"github.com/pariscall/pariscall/knowledge"
)

// Observer records what an adapter reports. It is safe for concurrent use.
type Observer struct {
	mu        sync.Mutex
	answered  []knowledge.Intent
	rejected  int
	apiErrors []string
	dropped   int
}

var _ bot.Observer = (*Observer)(nil)

// Answered records an answered question's intent.
func (o *Observer) Answered(_ string, intent knowledge.Intent, _ time.Duration) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.answered = append(o.answered, intent)
}

// SignatureRejected counts a refused request.
func (o *Observer) SignatureRejected(string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.rejected++
}

// APIError records the API method that failed.
func (o *Observer) APIError(_, method string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.apiErrors = append(o.apiErrors, method)
}

// Dropped counts a question left unanswered.
func (o *Observer) Dropped(string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.dropped++
}

// DroppedCount returns how many questions were reported dropped.
func (o *Observer) DroppedCount() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.dropped
}

// Intents returns the intents of the answered questions, in order.
func (o *Observer) Intents() []knowledge.Intent {
	o.mu.Lock()
	defer o.mu.Unlock()
	return append([]knowledge.Intent(nil), o.answered...)
}

// Counts returns how many answers, rejected requests and API errors were
// reported.
func (o *Observer) Counts() (answered, rejected, apiErrors int) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return len(o.answered), o.rejected, len(o.apiErrors)
}

// SyncBuffer is a bytes.Buffer safe for concurrent writes, such as a
// server's log, and the test's reads.
type SyncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

// Write appends p to the buffer.
func (b *SyncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// String returns what was written so far.
func (b *SyncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// LiveHeap is the heap still reachable after two collections (the second
// empties the sync.Pools' victim caches). Keep what is measured alive
// (runtime.KeepAlive) until after the call.
func LiveHeap() uint64 {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// WaitFor polls cond every few milliseconds until it holds, failing the
// test after five seconds.
func WaitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// GoldenJSON compares v, as indented JSON without HTML escaping, with the
// golden file at path, or rewrites the file when update is set.
func GoldenJSON(t testing.TB, path string, v any, update bool) {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatalf("encode %s: %v", path, err)
	}
	Golden(t, path, buf.Bytes(), update)
}

// Golden compares got with the golden file at path, or rewrites the file
// when update is set.
func Golden(t testing.TB, path string, got []byte, update bool) {
	t.Helper()
	if update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatalf("update %s: %v", path, err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run the test with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (run with -update if the change is intended); got:\n%s", path, got)
	}
}
