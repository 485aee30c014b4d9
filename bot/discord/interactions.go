package discord

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/pariscall/pariscall/knowledge"
)

const (
	// maxInteractionBody bounds an HTTP interaction's body; Discord's are
	// a few kilobytes.
	maxInteractionBody = 64 << 10
	// maxClockSkew is how old or new a signed timestamp may be, so that a
	// captured request cannot be replayed later.
	maxClockSkew = 5 * time.Minute
)

// errUnsupported marks interactions the bot does not answer, such as
// button clicks: it never sends components.
var errUnsupported = errors.New("unsupported interaction")

// reply is what the bot sends for one interaction: a first response, then
// follow-up messages for an answer too long for one message.
type reply struct {
	first     *discordgo.InteractionResponse
	firstJSON []byte // first as JSON in a cached reply; nil: encode first
	followups []*discordgo.WebhookParams
	answer    *knowledge.Answer // nil for PING, autocomplete and failures
}

// replyTo builds the reply to an interaction, the same on the gateway
// and over HTTP.
func (a *Adapter) replyTo(i *discordgo.Interaction) (reply, error) {
	switch i.Type {
	case discordgo.InteractionPing:
		return reply{first: &discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong}}, nil
	case discordgo.InteractionApplicationCommand:
		if data, ok := i.Data.(discordgo.ApplicationCommandInteractionData); ok {
			return a.commandReply(data), nil
		}
	case discordgo.InteractionApplicationCommandAutocomplete:
		if data, ok := i.Data.(discordgo.ApplicationCommandInteractionData); ok {
			return a.autocompleteReply(data), nil
		}
	}
	return reply{}, fmt.Errorf("%w: type %d", errUnsupported, i.Type)
}

// commandReply answers /pariscall at once (type 4): the engine answers in
// microseconds, well within Discord's three seconds, so there is no need
// to defer. A question answered recently, with the same visibility, is
// answered from the cache, rendered and encoded as it was the first time.
// Cached replies are shared and must not be changed.
func (a *Adapter) commandReply(data discordgo.ApplicationCommandInteractionData) reply {
	var flags discordgo.MessageFlags
	q, ephemeral := commandOptions(data)
	key := "public:" + q
	if ephemeral {
		flags = discordgo.MessageFlagsEphemeral
		key = "ephemeral:" + q
	}
	if data.Name == commandName {
		if r, ok := a.replies.Get(key); ok {
			return r
		}
	}
	var r reply
	msgs := [][]*discordgo.MessageEmbed{friendlyEmbed("I only answer /" + commandName + ".")}
	if data.Name == commandName {
		ans, rendered, ok := a.answer(q, "command")
		msgs = rendered
		if ok {
			r.answer = &ans
		}
	}
	r.first = &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Embeds: msgs[0], Flags: flags, AllowedMentions: noMentions()},
	}
	for _, m := range msgs[1:] {
		r.followups = append(r.followups, &discordgo.WebhookParams{Embeds: m, Flags: flags, AllowedMentions: noMentions()})
	}
	if r.answer != nil && a.replies != nil {
		if b, err := json.Marshal(r.first); err == nil {
			r.firstJSON = b
			// Objects and JSON, for the first message and each follow-up.
			a.replies.Put(key, r, 2*len(b)*(1+len(r.followups)))
		}
	}
	return r
}

// autocompleteReply suggests questions for what has been typed so far.
func (a *Adapter) autocompleteReply(data discordgo.ApplicationCommandInteractionData) reply {
	var cs []*discordgo.ApplicationCommandOptionChoice
	if typed, ok := focusedText(data); ok {
		cs = choices(a.complete(typed))
	}
	return reply{first: &discordgo.InteractionResponse{
		Type: discordgo.InteractionApplicationCommandAutocompleteResult,
		Data: &discordgo.InteractionResponseData{Choices: cs},
	}}
}

// afterFirst records an answered command once its first response is out.
func (a *Adapter) afterFirst(r reply, via string, start time.Time) {
	if r.answer != nil {
		a.answered(via, *r.answer, start)
	}
}

// followUp sends the rest of a long answer, in order, through the session
// that sent its first response.
func (a *Adapter) followUp(ctx context.Context, s *discordgo.Session, i *discordgo.Interaction, followups []*discordgo.WebhookParams) {
	for _, f := range followups {
		if _, err := s.FollowupMessageCreate(i, false, f, discordgo.WithContext(ctx)); err != nil {
			a.apiError("create_followup_message", err)
			return
		}
	}
}

// answer asks the engine and renders its answer. If the engine panics,
// the user gets a friendly apology and ok is false.
func (a *Adapter) answer(q, via string) (ans knowledge.Answer, msgs [][]*discordgo.MessageEmbed, ok bool) {
	a.log.Debug("question", "via", via, "text", q)
	defer func() {
		if r := recover(); r != nil {
			a.log.Error("engine panicked", "via", via, "panic", fmt.Sprint(r))
			ans, msgs, ok = knowledge.Answer{}, [][]*discordgo.MessageEmbed{friendlyEmbed(sorry)}, false
		}
	}()
	ans = a.engine.Answer(q)
	return ans, Render(ans), true
}

// complete asks the engine for suggestions; a panic suggests nothing.
func (a *Adapter) complete(typed string) (out []string) {
	defer func() {
		if r := recover(); r != nil {
			a.log.Error("engine panicked completing", "panic", fmt.Sprint(r))
			out = nil
		}
	}()
	return a.engine.Complete(typed, maxAutocomplete)
}

const sorry = "Sorry, something went wrong while looking that up. Please try again in a moment."

func friendlyEmbed(text string) []*discordgo.MessageEmbed {
	return []*discordgo.MessageEmbed{{Type: discordgo.EmbedTypeRich, Title: defaultTitle, Description: text, Color: colorOther}}
}

// handleInteractions serves Discord's HTTP interactions: it checks the
// Ed25519 signature, answers PING with PONG, and commands and autocomplete
// as on the gateway. Follow-up messages go out after the response.
func (a *Adapter) handleInteractions() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := a.now()
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxInteractionBody))
		if err != nil {
			var tooLarge *http.MaxBytesError
			if errors.As(err, &tooLarge) {
				http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
				return
			}
			http.Error(w, "cannot read request body", http.StatusBadRequest)
			return
		}
		if !a.verify(r.Header, body) {
			a.observer.SignatureRejected(platform)
			http.Error(w, "invalid request signature", http.StatusUnauthorized)
			return
		}
		i, err := decodeInteraction(body)
		if err != nil {
			http.Error(w, "malformed interaction", http.StatusBadRequest)
			return
		}
		rep, err := a.replyTo(i)
		if err != nil {
			http.Error(w, "unsupported interaction type", http.StatusBadRequest)
			return
		}
		out := rep.firstJSON
		if out == nil {
			if out, err = json.Marshal(rep.first); err != nil {
				http.Error(w, "cannot encode response", http.StatusInternalServerError)
				return
			}
		}
		if !writeFirst(w, out) {
			return
		}
		a.afterFirst(rep, "http", start)
		if len(rep.followups) > 0 {
			s := a.callbacks.session()
			a.spawn(func(ctx context.Context) { a.followUp(ctx, s, i, rep.followups) })
		}
	})
}

// decodeInteraction reads the fields of an HTTP interaction the adapter
// uses: what replyTo reads, and what follow-up messages are addressed
// with. Discord sends much more (the member, the channel, permissions);
// decoding all of it into a discordgo.Interaction costs several times as
// much. Data is decoded as discordgo does, for the types the bot answers.
func decodeInteraction(body []byte) (*discordgo.Interaction, error) {
	var in struct {
		ID    string                    `json:"id"`
		AppID string                    `json:"application_id"`
		Type  discordgo.InteractionType `json:"type"`
		Token string                    `json:"token"`
		Data  json.RawMessage           `json:"data"`
	}
	if err := json.Unmarshal(body, &in); err != nil {
		return nil, err
	}
	i := &discordgo.Interaction{ID: in.ID, AppID: in.AppID, Type: in.Type, Token: in.Token}
	switch in.Type {
	case discordgo.InteractionApplicationCommand, discordgo.InteractionApplicationCommandAutocomplete:
		var data discordgo.ApplicationCommandInteractionData
		if err := json.Unmarshal(in.Data, &data); err != nil {
			return nil, err
		}
		i.Data = data
	}
	return i, nil
}

// writeFirst writes the first response, b, and flushes it, so that
// Discord has it before any follow-up message can arrive.
func writeFirst(w http.ResponseWriter, b []byte) bool {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	if _, err := w.Write(b); err != nil {
		return false
	}
	_ = http.NewResponseController(w).Flush()
	return true
}

// verify checks the X-Signature-Ed25519 signature over the
// X-Signature-Timestamp header and the body, and that the timestamp is
// recent.
func (a *Adapter) verify(h http.Header, body []byte) bool {
	sig, err := hex.DecodeString(h.Get("X-Signature-Ed25519"))
	if err != nil || len(sig) != ed25519.SignatureSize {
		return false
	}
	ts := h.Get("X-Signature-Timestamp")
	secs, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return false
	}
	if skew := a.now().Sub(time.Unix(secs, 0)); skew > maxClockSkew || skew < -maxClockSkew {
		return false
	}
	var msg bytes.Buffer
	msg.Grow(len(ts) + len(body))
	msg.WriteString(ts)
	msg.Write(body)
	return ed25519.Verify(a.publicKey, msg.Bytes(), sig)
}
