package slack

import (
	"context"
	"strings"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"github.com/pariscall/pariscall/knowledge"
)

// incoming is a question asked in a channel or a direct message, to be
// answered with chat.postMessage.
type incoming struct {
	channel string
	thread  string // "" replies outside any thread
	text    string
	via     string // "app_mention" or "direct_message", for logs
}

// ask answers question, and records that it did.
func (a *Adapter) ask(question, via string) knowledge.Answer {
	question = strings.TrimSpace(question)
	if question == "" {
		question = "help"
	}
	start := time.Now()
	ans := a.opts.Engine.Answer(question)
	a.answered(via, question, ans.Intent, time.Since(start))
	return ans
}

// answered records one answered question in the metrics and the log.
func (a *Adapter) answered(via, question string, intent knowledge.Intent, took time.Duration) {
	a.obs.Answered(platform, intent, took)
	a.log.Info("answered", "via", via, "intent", string(intent), "latency", took)
	a.log.Debug("question", "via", via, "text", question)
}

// slashAnswer is a slash command's reply, and the same reply as JSON when
// it is kept in the cache.
type slashAnswer struct {
	reply  reply
	body   []byte // nil: encode reply when sending it
	intent knowledge.Intent
}

// slashReply answers a slash command with an ephemeral message that repeats
// the question, since the asker cannot see what they typed, and offers to
// post the answer to the channel. A question answered recently is sent
// again from the cache, rendered and encoded as it was the first time.
func (a *Adapter) slashReply(cmd slack.SlashCommand) slashAnswer {
	if cmd.Command != a.opts.Command {
		text := "This app only answers " + escape(a.opts.Command) + "."
		return slashAnswer{reply: reply{ResponseType: slack.ResponseTypeEphemeral, Text: text, Blocks: []slack.Block{sectionBlock(text)}}}
	}
	q := strings.TrimSpace(unescape(cmd.Text))
	start := time.Now()
	if s, ok := a.slashCache.Get(q); ok {
		a.answered("slash_command", q, s.intent, time.Since(start))
		return s
	}
	ans := a.ask(q, "slash_command")
	v := view{asked: q}
	if ans.Answered() {
		v.button = q
	}
	p := newLayout(ans, v).pages(1)[0]
	s := slashAnswer{reply: reply{ResponseType: slack.ResponseTypeEphemeral, Text: p.Text, Blocks: p.Blocks}, intent: ans.Intent}
	if a.slashCache != nil {
		if b, ok := appendReply(nil, s.reply); ok {
			s.body = b
			a.slashCache.Put(q, s, 2*len(b)) // the blocks take about as much as their JSON
		}
	}
	return s
}

// onEvent answers an app_mention or a direct message asynchronously. It
// ignores everything else, bots (itself included), edits, and deliveries of
// an event it has already seen.
func (a *Adapter) onEvent(ev slackevents.EventsAPIEvent) {
	cb, ok := ev.Data.(*slackevents.EventsAPICallbackEvent)
	if !ok {
		if ev.Type == slackevents.AppRateLimited {
			a.log.Warn("slack is rate limiting event delivery to this app")
		}
		return
	}
	in, ok := incomingFrom(ev.InnerEvent.Data, botUserID(cb))
	if !ok {
		return
	}
	key := cb.EventID
	if key == "" {
		key = in.channel + "/" + in.thread + "/" + in.text
	}
	if !a.events.add(key, a.opts.Now()) {
		a.log.Debug("duplicate event ignored", "event_id", cb.EventID)
		return
	}
	a.async(in.via, func(ctx context.Context) { a.answerIn(ctx, in) })
}

// async runs f in the background, tracked so shutdown can wait for it.
func (a *Adapter) async(via string, f func(ctx context.Context)) {
	ok := a.work.goAnswer(answerBudget, func(ctx context.Context) {
		defer func() {
			if r := recover(); r != nil {
				a.log.Error("answer panicked", "via", via, "panic", r)
			}
		}()
		f(ctx)
	})
	if !ok {
		a.obs.Dropped(platform)
		a.log.Warn("question dropped: shutting down or too busy", "via", via)
	}
}

// answerIn answers a question where it was asked.
func (a *Adapter) answerIn(ctx context.Context, in incoming) {
	ans := a.ask(in.text, in.via)
	_ = a.postPages(ctx, in.channel, in.thread, newLayout(ans, view{}).pages(maxPages))
}

// onInteraction handles a click on "Post to channel": it answers the
// question the button carries again and posts it in_channel through the
// interaction's response_url.
func (a *Adapter) onInteraction(cb slack.InteractionCallback) {
	if cb.Type != slack.InteractionTypeBlockActions || cb.ResponseURL == "" {
		return
	}
	for _, act := range cb.ActionCallback.BlockActions {
		if act == nil || act.ActionID != postActionID || strings.TrimSpace(act.Value) == "" {
			continue
		}
		q, who, url := clip(act.Value, maxButtonValue), cb.User.Name, cb.ResponseURL
		a.async("post_to_channel", func(ctx context.Context) {
			ans := a.ask(q, "post_to_channel")
			p := newLayout(ans, view{asked: q, asker: who}).pages(1)[0]
			_ = a.respond(ctx, url, reply{ResponseType: slack.ResponseTypeInChannel, Text: p.Text, Blocks: p.Blocks})
		})
		return
	}
}

// incomingFrom picks the question out of an Events API inner event, or
// reports false for events the bot must not answer.
func incomingFrom(inner any, botUser string) (incoming, bool) {
	switch e := inner.(type) {
	case *slackevents.AppMentionEvent:
		if e.BotID != "" || e.Edited != nil || e.User == "" || e.User == botUser || e.Channel == "" {
			return incoming{}, false
		}
		thread := e.ThreadTimeStamp
		if thread == "" {
			thread = e.TimeStamp
		}
		return incoming{channel: e.Channel, thread: thread, text: question(e.Text, botUser), via: "app_mention"}, true
	case *slackevents.MessageEvent:
		if e.ChannelType != "im" || e.SubType != "" || e.BotID != "" || e.User == "" || e.User == botUser ||
			e.Channel == "" || (e.Message != nil && (e.Message.Edited != nil || e.Message.BotID != "")) {
			return incoming{}, false
		}
		return incoming{channel: e.Channel, thread: e.ThreadTimeStamp, text: question(e.Text, botUser), via: "direct_message"}, true
	}
	return incoming{}, false
}

// botUserID is the bot's own user id, from the event's authorizations.
func botUserID(cb *slackevents.EventsAPICallbackEvent) string {
	for _, auth := range cb.Authorizations {
		if auth.IsBot {
			return auth.UserID
		}
	}
	return ""
}

// question turns message text into a question: it drops mentions of the
// bot (just the leading one when the bot's id is unknown) and undoes
// Slack's escaping.
func question(text, botUser string) string {
	t := strings.TrimSpace(text)
	for strings.HasPrefix(t, "<@") {
		end := strings.IndexByte(t, '>')
		if end < 0 {
			break
		}
		id, _, _ := strings.Cut(t[2:end], "|")
		if botUser != "" && id != botUser {
			break
		}
		t = strings.TrimSpace(t[end+1:])
		if botUser == "" {
			break
		}
	}
	if botUser != "" && strings.Contains(t, "<@"+botUser+">") {
		t = strings.Join(strings.Fields(strings.ReplaceAll(t, "<@"+botUser+">", "")), " ")
	}
	return strings.TrimSpace(unescape(t))
}
