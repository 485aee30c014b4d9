package discord

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/pariscall/pariscall/bot"
	"github.com/pariscall/pariscall/knowledge"
)

// gatewayState is the gateway connection as Status reports it.
type gatewayState int32

const (
	gatewayConnecting gatewayState = iota
	gatewayConnected
	gatewayReconnecting
	gatewayClosed
	gatewayOff // no token configured
)

func (s gatewayState) String() string {
	switch s {
	case gatewayConnecting:
		return "gateway connecting"
	case gatewayConnected:
		return "gateway connected"
	case gatewayReconnecting:
		return "gateway reconnecting"
	case gatewayClosed:
		return "gateway closed"
	}
	return "gateway not configured"
}

// Status reports readiness: with a token, whether the gateway is
// connected; without one, the HTTP interactions endpoint is always ready.
func (a *Adapter) Status() bot.Status {
	st := gatewayState(a.state.Load())
	detail := st.String()
	if st != gatewayOff && a.session.ShardCount > 1 {
		detail += fmt.Sprintf(" (shard %d of %d)", a.session.ShardID, a.session.ShardCount)
	}
	if a.publicKey != nil {
		detail += "; interactions endpoint mounted"
	}
	ready := st == gatewayConnected || (st == gatewayOff && a.publicKey != nil)
	return bot.Status{Ready: ready, Detail: detail}
}

// Connection events arrive synchronously (SyncEvents), in order, so the
// last one wins.

func (a *Adapter) onReady(_ *discordgo.Session, r *discordgo.Ready) {
	if r.User != nil {
		id := r.User.ID
		a.selfID.Store(&id)
	}
	a.state.Store(int32(gatewayConnected))
	a.log.Info("gateway ready", "session_shard", r.Shard)
}

func (a *Adapter) onConnect(*discordgo.Session, *discordgo.Connect) {
	a.state.Store(int32(gatewayConnected))
}

func (a *Adapter) onResumed(*discordgo.Session, *discordgo.Resumed) {
	a.state.Store(int32(gatewayConnected))
	a.log.Info("gateway resumed")
}

func (a *Adapter) onDisconnect(*discordgo.Session, *discordgo.Disconnect) {
	if a.closing.Load() {
		a.state.Store(int32(gatewayClosed))
		return
	}
	a.state.Store(int32(gatewayReconnecting))
	a.log.Warn("gateway disconnected; reconnecting")
}

// onMessageCreate answers a message that mentions the bot, or any DM. It
// runs on discordgo's read loop, so the answer is sent from a goroutine;
// with maxMentionsInFlight answers already on their way (a flood of
// mentions waiting on Discord's rate limits), it drops the message and
// counts it.
func (a *Adapter) onMessageCreate(_ *discordgo.Session, m *discordgo.MessageCreate) {
	if m == nil || m.Message == nil {
		return
	}
	q, ok := a.mentionQuestion(m.Message)
	if !ok {
		return
	}
	select {
	case a.mentionSlots <- struct{}{}:
	default:
		a.observer.Dropped(platform)
		a.log.Warn("question dropped: too many answers in flight", "via", "mention")
		return
	}
	msg := m.Message
	a.spawn(func(ctx context.Context) {
		defer func() { <-a.mentionSlots }()
		a.replyToMessage(ctx, msg, q)
	})
}

// mentionQuestion returns the question in a message addressed to the bot,
// with the bot's mention stripped. Messages from bots and webhooks,
// including the bot's own, are never answered.
func (a *Adapter) mentionQuestion(m *discordgo.Message) (string, bool) {
	self := a.self()
	if self == "" || m.Author == nil || m.Author.Bot || m.WebhookID != "" || m.Author.ID == self {
		return "", false
	}
	if m.Type != discordgo.MessageTypeDefault && m.Type != discordgo.MessageTypeReply {
		return "", false
	}
	if m.GuildID != "" && !mentions(m, self) {
		return "", false
	}
	return stripMention(m.Content, self), true
}

func (a *Adapter) self() string {
	if p := a.selfID.Load(); p != nil {
		return *p
	}
	return ""
}

func mentions(m *discordgo.Message, id string) bool {
	for _, u := range m.Mentions {
		if u != nil && u.ID == id {
			return true
		}
	}
	return strings.Contains(m.Content, "<@"+id+">") || strings.Contains(m.Content, "<@!"+id+">")
}

// stripMention removes the bot's mention, in both its forms, wherever it
// appears.
func stripMention(content, id string) string {
	content = strings.ReplaceAll(content, "<@"+id+">", " ")
	content = strings.ReplaceAll(content, "<@!"+id+">", " ")
	return strings.Join(strings.Fields(content), " ")
}

// replyToMessage posts the answer as replies to m, one message per part.
func (a *Adapter) replyToMessage(ctx context.Context, m *discordgo.Message, q string) {
	start := a.now()
	ans, msgs, ok := a.answer(q, "mention")
	for i, embeds := range msgs {
		send := &discordgo.MessageSend{
			Embeds:          embeds,
			Reference:       m.SoftReference(),
			AllowedMentions: noMentions(),
		}
		if _, err := a.rest.ChannelMessageSendComplex(m.ChannelID, send, discordgo.WithContext(ctx)); err != nil {
			a.apiError("create_message", err)
			return
		}
		if i == 0 && ok {
			a.answered("mention", ans, start)
		}
	}
}

// onInteractionCreate answers a slash command or autocomplete that came
// over the gateway, with the same replies as the HTTP endpoint.
func (a *Adapter) onInteractionCreate(_ *discordgo.Session, ic *discordgo.InteractionCreate) {
	if ic == nil || ic.Interaction == nil {
		return
	}
	i := ic.Interaction
	a.spawn(func(ctx context.Context) {
		start := a.now()
		r, err := a.replyTo(i)
		if err != nil {
			a.log.Debug("ignored interaction", "err", err)
			return
		}
		s := a.callbacks.session()
		if err := s.InteractionRespond(i, r.first, discordgo.WithContext(ctx)); err != nil {
			a.apiError("create_interaction_response", err)
			return
		}
		a.afterFirst(r, "gateway", start)
		a.followUp(ctx, s, i, r.followups)
	})
}

// noMentions allows no mentions at all: the empty (not null) parse list
// stops @everyone, roles and users in echoed text from pinging anyone,
// and replied_user false keeps replies from pinging the asker.
func noMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

// answered records and logs one answer.
func (a *Adapter) answered(via string, ans knowledge.Answer, start time.Time) {
	took := a.now().Sub(start)
	a.observer.Answered(platform, ans.Intent, took)
	a.log.Info("answered", "via", via, "intent", string(ans.Intent), "latency", took)
}
