// Package slack connects pariscall to Slack: the /pariscall slash command,
// @mentions in channels and direct messages, over HTTP (Events API and
// interactivity endpoints) or Socket Mode. Both transports share one set of
// handlers. It renders knowledge.Answers as Block Kit; it never decides what
// an answer says.
//
// Long answers: a reply sent with chat.postMessage continues over up to five
// messages in the same thread, each holding whole citations; if a later part
// fails, the parts already posted are deleted, so nothing is left
// half-posted. A slash command reply (and its "Post to channel" copy) is a
// single message; citations beyond Slack's 50 blocks are left out and
// counted in a closing "… N more citations" line.
package slack

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/slack-go/slack"

	"github.com/pariscall/pariscall/bot"
	"github.com/pariscall/pariscall/knowledge"
)

const (
	platform     = "slack"
	drainTimeout = 10 * time.Second // how long Run waits for answers in flight
	answerBudget = 30 * time.Second // how long one asynchronous answer may take
	maxInFlight  = 64               // asynchronous answers at once
)

// Options configures an Adapter. Engine and BotToken are required, and
// SigningSecret or AppToken (or both).
type Options struct {
	// SigningSecret verifies HTTP requests from Slack. Without it the HTTP
	// endpoints are not mounted.
	SigningSecret string
	// BotToken (xoxb-…) authorises chat.postMessage.
	BotToken string
	// AppToken (xapp-…) turns on Socket Mode.
	AppToken string
	// APIURL replaces Slack's Web API base URL, for proxies and tests.
	APIURL string
	// Command is the slash command answered, "/pariscall" when empty.
	Command string
	// Engine answers questions.
	Engine bot.Engine
	// Observer is told about answers, rejected requests and API errors.
	Observer bot.Observer
	// Logger receives the adapter's logs; nil discards them.
	Logger *slog.Logger
	// HTTPClient makes Web API and response_url calls; nil uses a client
	// with a 15-second timeout.
	HTTPClient *http.Client
	// AnswerCache is how many bytes of rendered slash command replies to
	// keep, by question, so a question asked again is sent without being
	// answered and rendered again; 0 keeps none.
	AnswerCache int
	// Now is the clock for signature timestamps and duplicate detection;
	// nil uses time.Now.
	Now func() time.Time
}

// webAPI is the part of slack-go's Web API client the adapter uses, so tests
// can replace it.
type webAPI interface {
	PostMessageContext(ctx context.Context, channelID string, options ...slack.MsgOption) (string, string, error)
	DeleteMessageContext(ctx context.Context, channel, messageTimestamp string) (string, string, error)
}

var _ webAPI = (*slack.Client)(nil)

// Adapter is the Slack chat adapter. Create it with New.
type Adapter struct {
	opts    Options
	log     *slog.Logger
	obs     bot.Observer
	client  *slack.Client // also the base of the Socket Mode client
	api     webAPI
	replays *seenSet // signatures of requests already handled
	events  *seenSet // event ids already handled
	work    *tracker
	bufs    sync.Pool // *[]byte buffers for encoding replies

	slashCache *bot.Cache[slashAnswer] // nil when Options.AnswerCache is 0

	mu     sync.Mutex
	status bot.Status
}

var _ bot.Adapter = (*Adapter)(nil)

// New checks opts and returns an Adapter. It makes no network calls.
func New(opts Options) (*Adapter, error) {
	switch {
	case opts.Engine == nil:
		return nil, errors.New("slack: Options.Engine is required")
	case opts.BotToken == "":
		return nil, errors.New("slack: Options.BotToken is required")
	case opts.SigningSecret == "" && opts.AppToken == "":
		return nil, errors.New("slack: Options.SigningSecret (HTTP) or Options.AppToken (Socket Mode) is required")
	}
	if opts.Command == "" {
		opts.Command = "/pariscall"
	}
	if opts.Observer == nil {
		opts.Observer = bot.NopObserver{}
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.HTTPClient == nil {
		opts.HTTPClient = &http.Client{Timeout: 15 * time.Second}
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	clientOpts := []slack.Option{
		slack.OptionHTTPClient(opts.HTTPClient),
		slack.OptionAppLevelToken(opts.AppToken),
		slack.OptionLog(slog.NewLogLogger(opts.Logger.Handler(), slog.LevelDebug)),
	}
	if opts.APIURL != "" {
		clientOpts = append(clientOpts, slack.OptionAPIURL(strings.TrimSuffix(opts.APIURL, "/")+"/"))
	}
	client := slack.New(opts.BotToken, clientOpts...)
	a := &Adapter{
		opts:    opts,
		log:     opts.Logger.With("platform", platform),
		obs:     opts.Observer,
		client:  client,
		api:     client,
		replays: newSeenSet(2*MaxSkew, 10000),
		events:  newSeenSet(time.Hour, 10000),
		work:    newTracker(maxInFlight),

		slashCache: bot.NewCache[slashAnswer](opts.AnswerCache),
		status:     bot.Status{Detail: "not started"},
	}
	return a, nil
}

// UsageHint is the slash command's usage hint, as manifest.yaml declares it:
// each command's usage from knowledge.Commands, in the order help lists them.
func UsageHint() string {
	var usages []string
	for _, c := range knowledge.Commands() {
		usages = append(usages, c.Usage)
	}
	return strings.Join(usages, " | ")
}

// Platform returns "slack".
func (a *Adapter) Platform() string { return platform }

// Status reports whether the adapter can answer: in HTTP mode once its
// endpoints are mounted, in Socket Mode while connected.
func (a *Adapter) Status() bot.Status {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.status
}

func (a *Adapter) setStatus(ready bool, detail string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.status = bot.Status{Ready: ready, Detail: detail}
}

// Run runs Socket Mode until ctx is done when an AppToken is set, and
// otherwise just waits for ctx. Either way it then waits, for at most ten
// seconds, for answers still being posted.
func (a *Adapter) Run(ctx context.Context) error {
	defer a.work.close(drainTimeout)
	if a.opts.AppToken == "" {
		<-ctx.Done()
		return nil
	}
	if err := a.runSocket(ctx); err != nil && ctx.Err() == nil {
		return fmt.Errorf("slack socket mode: %w", err)
	}
	return nil
}
