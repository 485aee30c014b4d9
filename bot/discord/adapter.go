// Package discord answers questions about the Paris Call on Discord: to
// @mentions and DMs over the gateway, and to the /pariscall slash command
// over the gateway or an HTTP interactions endpoint. It renders a
// knowledge.Answer as embeds and never decides what is true.
package discord

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/pariscall/pariscall/bot"
	"github.com/pariscall/pariscall/knowledge"
)

// platform labels logs and metrics.
const platform = "discord"

// maxMentionsInFlight bounds the mentions and DMs being answered at once.
const maxMentionsInFlight = 64

// replyTimeout bounds the REST calls that answer one question, so that
// shutdown waits for answers in flight but never for long.
const replyTimeout = 30 * time.Second

// Options configures an Adapter. Token enables the gateway; PublicKey
// enables the HTTP interactions endpoint; at least one is required.
type Options struct {
	// Token is the bot token, with or without its "Bot " prefix.
	Token string
	// AppID is the application id; it is required with Token, to register
	// the slash command.
	AppID string
	// PublicKey is the application's Ed25519 public key, in hex, which
	// verifies the signatures on HTTP interactions.
	PublicKey string
	// GuildID, when set, registers the slash command in that server only,
	// which takes effect at once; otherwise it is registered globally.
	GuildID string
	// APIURL replaces https://discord.com for every REST call and the
	// gateway lookup, for proxies and tests.
	APIURL string
	// ShardID and ShardCount split a large installation across processes,
	// one per shard. ShardCount 0 means 1.
	ShardID, ShardCount int
	// Engine answers and completes questions. It is required.
	Engine bot.Engine
	// Observer records answers, rejected signatures and API errors.
	Observer bot.Observer
	// Logger receives the adapter's logs; nil discards them.
	Logger *slog.Logger
	// HTTPClient makes REST calls; nil means a client with a 20 s timeout.
	// It is copied, not changed.
	HTTPClient *http.Client
	// AnswerCache is how many bytes of rendered slash command replies to
	// keep, by question and visibility, so a question asked again is sent
	// without the engine and the renderer running again; 0 keeps none.
	AnswerCache int
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Adapter is the Discord chat adapter. Create it with New.
type Adapter struct {
	engine    bot.Engine
	observer  bot.Observer
	log       *slog.Logger
	now       func() time.Time
	session   *discordgo.Session
	rest      restAPI    // messages and command registration
	callbacks *callbacks // interaction responses and follow-ups
	appID     string
	guildID   string
	gateway   bool
	publicKey ed25519.PublicKey
	command   *discordgo.ApplicationCommand
	replies   *bot.Cache[reply] // slash command replies; nil when off

	mentionSlots chan struct{} // one per mention being answered

	started atomic.Bool
	closing atomic.Bool
	state   atomic.Int32 // a gatewayState
	selfID  atomic.Pointer[string]

	mu       sync.Mutex // guards drained, and inflight.Add against Wait
	drained  bool
	inflight sync.WaitGroup
}

var _ bot.Adapter = (*Adapter)(nil)

// restAPI is the part of discordgo's REST client the adapter calls.
type restAPI interface {
	ChannelMessageSendComplex(channelID string, data *discordgo.MessageSend, options ...discordgo.RequestOption) (*discordgo.Message, error)
	ApplicationCommandBulkOverwrite(appID, guildID string, cmds []*discordgo.ApplicationCommand, options ...discordgo.RequestOption) ([]*discordgo.ApplicationCommand, error)
}

var _ restAPI = (*discordgo.Session)(nil)

// New checks opts and returns an adapter ready to Mount and Run.
func New(opts Options) (*Adapter, error) {
	if err := checkOptions(&opts); err != nil {
		return nil, err
	}
	api, err := parseAPIURL(opts.APIURL)
	if err != nil {
		return nil, err
	}
	a := &Adapter{
		engine:   opts.Engine,
		observer: opts.Observer,
		log:      opts.Logger,
		now:      opts.Now,
		appID:    opts.AppID,
		guildID:  opts.GuildID,
		gateway:  opts.Token != "",
		command:  applicationCommand(knowledge.Commands()),
		replies:  bot.NewCache[reply](opts.AnswerCache),

		mentionSlots: make(chan struct{}, maxMentionsInFlight),
	}
	if opts.PublicKey != "" {
		a.publicKey, err = parsePublicKey(opts.PublicKey)
		if err != nil {
			return nil, err
		}
	}
	a.session = a.newSession(opts, api)
	a.rest = a.session
	if !a.gateway {
		a.state.Store(int32(gatewayOff))
	}
	return a, nil
}

// checkOptions fills defaults and reports the first missing or invalid
// field by its configuration name.
func checkOptions(o *Options) error {
	switch {
	case o.Engine == nil:
		return errors.New("discord: an engine is required")
	case o.Token == "" && o.PublicKey == "":
		return errors.New("discord: token or public_key is required")
	case o.Token != "" && o.AppID == "":
		return errors.New("discord: app_id is required with a token")
	}
	if o.ShardCount == 0 {
		o.ShardCount = 1
	}
	if o.ShardCount < 0 || o.ShardID < 0 || o.ShardID >= o.ShardCount {
		return fmt.Errorf("discord: shard_id %d is out of range for shard_count %d", o.ShardID, o.ShardCount)
	}
	if o.Observer == nil {
		o.Observer = bot.NopObserver{}
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	o.Logger = o.Logger.With("platform", platform)
	if o.Now == nil {
		o.Now = time.Now
	}
	return nil
}

func parseAPIURL(raw string) (*url.URL, error) {
	if raw == "" {
		raw = "https://" + discordHost
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("discord: api_url %q is not an http(s) URL", raw)
	}
	return u, nil
}

func parsePublicKey(s string) (ed25519.PublicKey, error) {
	key, err := hex.DecodeString(strings.TrimSpace(s))
	if err != nil || len(key) != ed25519.PublicKeySize {
		return nil, errors.New("discord: public_key must be 64 hex characters")
	}
	return ed25519.PublicKey(key), nil
}

// newSession configures a discordgo session: the REST client rewritten to
// api, intents without the privileged message content, the shard, and
// synchronous event handlers so that connection events arrive in order.
func (a *Adapter) newSession(opts Options, api *url.URL) *discordgo.Session {
	token := strings.TrimSpace(opts.Token)
	if token != "" && !strings.HasPrefix(token, "Bot ") {
		token = "Bot " + token
	}
	s, _ := discordgo.New(token) // New only fills in a struct; it cannot fail.
	s.Client = rewriteClient(opts.HTTPClient, api)
	a.callbacks = &callbacks{token: token, client: s.Client}
	s.Dialer = a.dialer()
	s.StateEnabled = false
	s.SyncEvents = true
	s.ShardID = opts.ShardID
	s.ShardCount = opts.ShardCount
	s.Identify.Intents = discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages
	s.AddHandler(a.onReady)
	s.AddHandler(a.onConnect)
	s.AddHandler(a.onResumed)
	s.AddHandler(a.onDisconnect)
	s.AddHandler(a.onMessageCreate)
	s.AddHandler(a.onInteractionCreate)
	return s
}

// Platform returns "discord".
func (a *Adapter) Platform() string { return platform }

// Mount registers POST /discord/interactions when a public key is set.
func (a *Adapter) Mount(mux *http.ServeMux) {
	if a.publicKey != nil {
		mux.Handle("POST /discord/interactions", a.handleInteractions())
	}
}

// Run opens the gateway when a token is set, registers the slash command,
// and keeps the connection up until ctx is done; then it closes the
// session and waits for answers in flight. Without a token it only waits
// for ctx. It fails if the gateway cannot be opened, such as for a bad
// token.
func (a *Adapter) Run(ctx context.Context) error {
	if !a.started.CompareAndSwap(false, true) {
		return errors.New("discord: Run called more than once")
	}
	defer a.drain()
	if !a.gateway {
		<-ctx.Done()
		return nil
	}
	a.state.Store(int32(gatewayConnecting))
	if err := a.session.Open(); err != nil {
		a.closing.Store(true)
		a.state.Store(int32(gatewayClosed))
		a.observer.APIError(platform, "gateway_open")
		return fmt.Errorf("discord: open gateway: %w", err)
	}
	a.registerCommands(ctx)
	<-ctx.Done()
	a.closing.Store(true)
	if err := a.session.Close(); err != nil {
		a.log.Warn("close gateway", "err", err)
	}
	return nil
}

// registerCommands overwrites the application's commands with
// /pariscall, in the configured guild or globally. A failure is logged,
// not fatal: mentions still work.
func (a *Adapter) registerCommands(ctx context.Context) {
	ctx, cancel := context.WithTimeout(ctx, replyTimeout)
	defer cancel()
	cmds := []*discordgo.ApplicationCommand{a.command}
	if _, err := a.rest.ApplicationCommandBulkOverwrite(a.appID, a.guildID, cmds, discordgo.WithContext(ctx)); err != nil {
		a.apiError("bulk_overwrite_commands", err)
		return
	}
	scope := "global"
	if a.guildID != "" {
		scope = "guild " + a.guildID
	}
	a.log.Info("registered slash command", "command", "/"+commandName, "scope", scope)
}

// spawn runs f in a goroutine that Run waits for on shutdown. Once Run is
// draining, f runs in the caller instead.
func (a *Adapter) spawn(f func(ctx context.Context)) {
	a.mu.Lock()
	if a.drained {
		a.mu.Unlock()
		a.run(f)
		return
	}
	a.inflight.Add(1)
	a.mu.Unlock()
	go func() {
		defer a.inflight.Done()
		a.run(f)
	}()
}

// run calls f with a bounded context, and turns a panic into a log line
// rather than a crash of the whole bot.
func (a *Adapter) run(f func(ctx context.Context)) {
	ctx, cancel := context.WithTimeout(context.Background(), replyTimeout)
	defer cancel()
	defer func() {
		if r := recover(); r != nil {
			a.log.Error("handler panicked", "panic", fmt.Sprint(r))
		}
	}()
	f(ctx)
}

func (a *Adapter) drain() {
	a.mu.Lock()
	a.drained = true
	a.mu.Unlock()
	a.inflight.Wait()
}

// apiError records and logs a failed REST call. The error is cleaned of
// URLs, which can hold interaction tokens.
func (a *Adapter) apiError(method string, err error) {
	a.observer.APIError(platform, method)
	a.log.Warn("discord api call failed", "method", method, "err", safeError(err))
}

// safeError describes err without the request URL that *url.Error
// carries.
func safeError(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Op + ": " + ue.Err.Error()
	}
	return err.Error()
}
