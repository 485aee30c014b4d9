package slack

import (
	"context"
	"log/slog"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"
)

// runSocket keeps a Socket Mode connection up until ctx is done, handling
// what arrives on it with the same code as the HTTP endpoints. Socket Mode
// needs no signature check: the connection itself is authenticated by the
// app token.
func (a *Adapter) runSocket(ctx context.Context) error {
	sm := socketmode.New(a.client, socketmode.OptionLog(slog.NewLogLogger(a.log.Handler(), slog.LevelDebug)))
	a.setStatus(false, "socket mode connecting")
	errc := make(chan error, 1)
	go func() { errc <- sm.RunContext(ctx) }()
	for {
		select {
		case err := <-errc:
			a.setStatus(false, "socket mode stopped")
			return err
		case <-ctx.Done():
			a.setStatus(false, "socket mode stopped")
			select {
			case <-errc:
			case <-time.After(5 * time.Second):
				a.log.Warn("socket mode client did not stop in time")
			}
			return nil
		case evt := <-sm.Events:
			a.onSocketEvent(sm, evt)
		}
	}
}

// onSocketEvent handles one Socket Mode event: connection changes update
// Status; requests are acknowledged, slash commands with their answer.
func (a *Adapter) onSocketEvent(sm *socketmode.Client, evt socketmode.Event) {
	switch evt.Type {
	case socketmode.EventTypeConnecting:
		a.setStatus(false, "socket mode connecting")
	case socketmode.EventTypeConnected:
		a.setStatus(true, "socket mode connected")
		a.log.Info("socket mode connected")
	case socketmode.EventTypeDisconnect:
		a.setStatus(false, "socket mode reconnecting")
	case socketmode.EventTypeConnectionError:
		a.setStatus(false, "socket mode connection error")
		a.log.Warn("socket mode connection error")
	case socketmode.EventTypeInvalidAuth:
		a.setStatus(false, "socket mode: app token refused")
		a.log.Error("socket mode: app token refused")
	case socketmode.EventTypeEventsAPI:
		a.ack(sm, evt.Request, nil)
		if ev, ok := evt.Data.(slackevents.EventsAPIEvent); ok {
			a.onEvent(ev)
		}
	case socketmode.EventTypeInteractive:
		a.ack(sm, evt.Request, nil)
		if cb, ok := evt.Data.(slack.InteractionCallback); ok {
			a.onInteraction(cb)
		}
	case socketmode.EventTypeSlashCommand:
		if cmd, ok := evt.Data.(slack.SlashCommand); ok {
			a.socketSlash(sm, evt.Request, cmd)
		}
	}
}

// socketSlash answers a slash command in its ack. Slack drops acks of 20 KB
// or more, so a larger answer is acknowledged empty and sent through the
// command's response_url instead.
func (a *Adapter) socketSlash(sm *socketmode.Client, req *socketmode.Request, cmd slack.SlashCommand) {
	r := a.slashReply(cmd).reply
	if req == nil {
		return
	}
	if err := sm.Ack(*req, r); err == nil {
		return
	}
	a.ack(sm, req, nil)
	url := cmd.ResponseURL
	a.async("slash_command", func(ctx context.Context) { _ = a.respond(ctx, url, r) })
}

// ack acknowledges a Socket Mode request, so Slack does not retry it.
func (a *Adapter) ack(sm *socketmode.Client, req *socketmode.Request, payload any) {
	if req == nil {
		return
	}
	if err := sm.Ack(*req, payload); err != nil {
		a.log.Error("socket mode ack failed", "envelope_id", req.EnvelopeID)
	}
}
