package slack_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pariscall/pariscall/bot/bottest"

	goslack "github.com/slack-go/slack"

	"github.com/pariscall/pariscall/bot/slack"
)

// fakeWebAPI is the adapter's narrow Web API interface made of function
// fields.
type fakeWebAPI struct {
	PostMessageFunc   func(ctx context.Context, channel string, opts ...goslack.MsgOption) (string, string, error)
	DeleteMessageFunc func(ctx context.Context, channel, ts string) (string, string, error)
}

var _ slack.WebAPI = (*fakeWebAPI)(nil)

func (f *fakeWebAPI) PostMessageContext(ctx context.Context, channel string, opts ...goslack.MsgOption) (string, string, error) {
	return f.PostMessageFunc(ctx, channel, opts...)
}

func (f *fakeWebAPI) DeleteMessageContext(ctx context.Context, channel, ts string) (string, string, error) {
	return f.DeleteMessageFunc(ctx, channel, ts)
}

func TestRateLimitRetries(t *testing.T) {
	tests := []struct {
		name      string
		errs      []error
		wantCalls int32
		wantErrs  int
	}{
		{"429 then success", []error{&goslack.RateLimitedError{RetryAfter: time.Millisecond}}, 2, 0},
		{"Retry-After too long gives up at once", []error{&goslack.RateLimitedError{RetryAfter: 2 * time.Minute}}, 1, 1},
		{"invalid_auth is not retried", []error{goslack.SlackErrorResponse{Err: "invalid_auth"}}, 1, 1},
	}
	for _, tt := range tests {
		var calls atomic.Int32
		h := newHarness(t, scriptedEngine(notSigned()))
		h.adapter.SetWebAPI(&fakeWebAPI{PostMessageFunc: func(context.Context, string, ...goslack.MsgOption) (string, string, error) {
			n := calls.Add(1)
			if int(n) <= len(tt.errs) {
				return "", "", tt.errs[n-1]
			}
			return "C1", "1.1", nil
		}})
		h.sendEvent(t, eventBody("Ev1", mention("<@UBOT> who signed", "1.1", "")), "")
		bottest.WaitFor(t, tt.name, func() bool {
			_, _, e := h.obs.Counts()
			return calls.Load() == tt.wantCalls && (e > 0 || tt.wantErrs == 0)
		})
		settle()
		if _, _, e := h.obs.Counts(); calls.Load() != tt.wantCalls || e != tt.wantErrs {
			t.Errorf("%s: %d calls, %d API errors; want %d and %d", tt.name, calls.Load(), e, tt.wantCalls, tt.wantErrs)
		}
	}
}

func TestRunWaitsForAnswersInFlight(t *testing.T) {
	h := newHarness(t, scriptedEngine(notSigned()))
	release := make(chan struct{})
	var posted atomic.Bool
	h.adapter.SetWebAPI(&fakeWebAPI{PostMessageFunc: func(context.Context, string, ...goslack.MsgOption) (string, string, error) {
		<-release
		posted.Store(true)
		return "C1", "1.1", nil
	}})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- h.adapter.Run(ctx) }()
	h.sendEvent(t, eventBody("Ev1", mention("<@UBOT> who signed", "1.1", "")), "")
	cancel()
	select {
	case <-done:
		t.Fatal("Run returned while an answer was still being posted")
	case <-time.After(50 * time.Millisecond):
	}
	close(release)
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return once the answer was posted")
	}
	if !posted.Load() {
		t.Error("the answer in flight was not posted")
	}
	h.sendEvent(t, eventBody("Ev2", mention("<@UBOT> who signed", "1.2", "")), "") // after shutdown: dropped, no panic
}
