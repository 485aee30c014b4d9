// Package bot holds what the chat adapters share: the interfaces through
// which the knowledge core, the metrics and `pariscall serve` are wired to
// each platform. It imports no chat SDK; each platform package renders and
// escapes for its own limits.
package bot

import (
	"context"
	"net/http"
	"time"

	"github.com/pariscall/pariscall/knowledge"
)

// Answerer answers one question. *knowledge.Engine implements it.
type Answerer interface {
	Answer(question string) knowledge.Answer
}

// Completer suggests questions for what a user has typed so far.
// *knowledge.Engine implements it.
type Completer interface {
	Complete(prefix string, limit int) []string
}

// Engine is what an adapter needs from the knowledge core.
type Engine interface {
	Answerer
	Completer
}

var _ Engine = (*knowledge.Engine)(nil)

// Observer is told what an adapter did, for metrics. Implementations must be
// safe for concurrent use.
type Observer interface {
	// Answered records one answered question.
	Answered(platform string, intent knowledge.Intent, took time.Duration)
	// SignatureRejected records one request refused for a bad signature.
	SignatureRejected(platform string)
	// APIError records one failed call to a platform's API.
	APIError(platform, method string)
	// Dropped records one question left unanswered because the adapter was
	// shutting down or already answering as many as it allows at once.
	Dropped(platform string)
}

// NopObserver is an Observer that records nothing.
type NopObserver struct{}

var _ Observer = NopObserver{}

// Answered does nothing.
func (NopObserver) Answered(string, knowledge.Intent, time.Duration) {}

// SignatureRejected does nothing.
func (NopObserver) SignatureRejected(string) {}

// APIError does nothing.
func (NopObserver) APIError(string, string) {}

// Dropped does nothing.
func (NopObserver) Dropped(string) {}

// Status is an adapter's readiness, as /readyz reports it.
type Status struct {
	// Ready is true when the adapter can answer.
	Ready bool `json:"ready"`
	// Detail says why it is or is not ready, such as "gateway connected".
	Detail string `json:"detail"`
}

// Adapter is one chat platform plugged into `pariscall serve`.
type Adapter interface {
	// Platform names the adapter, such as "slack"; it labels metrics.
	Platform() string
	// Mount registers the adapter's HTTP endpoints, if any, on mux.
	Mount(mux *http.ServeMux)
	// Run keeps the adapter's connections (gateway, Socket Mode) up until
	// ctx is done, then closes them. Adapters with only HTTP endpoints
	// return when ctx is done.
	Run(ctx context.Context) error
	// Status reports readiness.
	Status() Status
}
