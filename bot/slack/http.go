package slack

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
)

// maxBody caps a request body; Slack's payloads are a few kilobytes.
const maxBody = 256 << 10

// Mount registers POST /slack/commands, /slack/events and /slack/interactions
// on mux. Without a signing secret nothing is mounted, since no request could
// be verified.
func (a *Adapter) Mount(mux *http.ServeMux) {
	if a.opts.SigningSecret == "" {
		return
	}
	mux.Handle("POST /slack/commands", a.verified(a.serveCommand))
	mux.Handle("POST /slack/events", a.verified(a.serveEvents))
	mux.Handle("POST /slack/interactions", a.verified(a.serveInteraction))
	if a.opts.AppToken == "" {
		a.setStatus(true, "http endpoints mounted")
	}
}

// verified reads a request's body, at most maxBody bytes, and passes it on
// only if Slack signed it within the last five minutes and it is not a
// replay of a request already handled. Others get 401 (413 when too large)
// and are never answered.
func (a *Adapter) verified(next func(w http.ResponseWriter, r *http.Request, body []byte)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
		if err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
				return
			}
			http.Error(w, "cannot read request body", http.StatusBadRequest)
			return
		}
		if err := Verify(a.opts.SigningSecret, r.Header, body, a.opts.Now()); err != nil {
			a.obs.SignatureRejected(platform)
			a.log.Warn("request rejected", "path", r.URL.Path, "reason", err.Error())
			http.Error(w, "invalid signature", http.StatusUnauthorized)
			return
		}
		if !a.replays.add(r.Header.Get("X-Slack-Signature"), a.opts.Now()) {
			a.log.Warn("replayed request ignored", "path", r.URL.Path)
			w.WriteHeader(http.StatusOK)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		next(w, r, body)
	})
}

// serveCommand answers a slash command in the HTTP response itself.
func (a *Adapter) serveCommand(w http.ResponseWriter, r *http.Request, body []byte) {
	cmd, sslCheck, err := parseSlashCommand(r, body)
	if err != nil {
		http.Error(w, "malformed slash command", http.StatusBadRequest)
		return
	}
	if sslCheck {
		w.WriteHeader(http.StatusOK) // Slack checking the certificate, not a question
		return
	}
	s := a.slashReply(cmd)
	if s.body == nil {
		a.writeReply(w, s.reply)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(s.body)
}

// serveEvents acknowledges an Events API request at once and answers it in
// the background; url_verification gets its challenge back.
func (a *Adapter) serveEvents(w http.ResponseWriter, r *http.Request, body []byte) {
	ev, err := slackevents.ParseEvent(body, slackevents.OptionNoVerifyToken())
	if err != nil {
		// Slack sends event types the adapter has no use for; acknowledge them
		// so Slack does not retry, but refuse what is not JSON at all.
		if !json.Valid(body) {
			http.Error(w, "malformed event", http.StatusBadRequest)
			return
		}
		w.WriteHeader(http.StatusOK)
		return
	}
	if v, ok := ev.Data.(*slackevents.EventsAPIURLVerificationEvent); ok && ev.Type == slackevents.URLVerification {
		writeJSON(w, map[string]string{"challenge": v.Challenge})
		return
	}
	if retry := r.Header.Get("X-Slack-Retry-Num"); retry != "" {
		a.log.Debug("event retried by slack", "retry", retry, "reason", r.Header.Get("X-Slack-Retry-Reason"))
	}
	w.WriteHeader(http.StatusOK)
	a.onEvent(ev)
}

// serveInteraction acknowledges a button click at once and acts on it in
// the background.
func (a *Adapter) serveInteraction(w http.ResponseWriter, r *http.Request, _ []byte) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, "malformed interaction", http.StatusBadRequest)
		return
	}
	var cb slack.InteractionCallback
	payload := r.PostForm.Get("payload")
	if err := json.NewDecoder(strings.NewReader(payload)).Decode(&cb); err != nil {
		http.Error(w, "malformed interaction", http.StatusBadRequest)
		return
	}
	w.WriteHeader(http.StatusOK)
	a.onInteraction(cb)
}

// writeJSON sends v as a 200 JSON response.
func writeJSON(w http.ResponseWriter, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(body)
}
