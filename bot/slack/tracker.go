package slack

import (
	"context"
	"sync"
	"time"
)

// tracker runs asynchronous answers, at most limit at once, so Run can wait
// for them before the process exits.
type tracker struct {
	ctx    context.Context
	cancel context.CancelFunc
	slots  chan struct{}

	mu     sync.Mutex
	closed bool
	wg     sync.WaitGroup
}

func newTracker(limit int) *tracker {
	ctx, cancel := context.WithCancel(context.Background())
	return &tracker{ctx: ctx, cancel: cancel, slots: make(chan struct{}, limit)}
}

// goAnswer runs f in a goroutine with a context that ends after budget or at
// shutdown. It reports false, and does not run f, when the tracker is closed
// or full; recover is f's caller's job.
func (t *tracker) goAnswer(budget time.Duration, f func(ctx context.Context)) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.closed {
		return false
	}
	select {
	case t.slots <- struct{}{}:
	default:
		return false
	}
	t.wg.Add(1)
	go func() {
		defer t.wg.Done()
		defer func() { <-t.slots }()
		ctx, cancel := context.WithTimeout(t.ctx, budget)
		defer cancel()
		f(ctx)
	}()
	return true
}

// close stops new work, waits up to timeout for work in flight, then cancels
// what is left.
func (t *tracker) close(timeout time.Duration) {
	t.mu.Lock()
	t.closed = true
	t.mu.Unlock()
	done := make(chan struct{})
	go func() {
		t.wg.Wait()
		close(done)
	}()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case <-done:
	case <-timer.C:
	}
	t.cancel()
}
