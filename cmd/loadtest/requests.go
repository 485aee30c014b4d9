package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// questionMix is what the load test asks, in turn: the README's examples
// across every kind of answer, from the fact base, full-text search, typo
// correction and "the sources don't say".
func questionMix() []string {
	return []string{
		"who didn't sign",
		"who signed",
		"how many countries signed",
		"did the US sign?",
		"did Google sign",
		"principle 8",
		"principles",
		"hack back",
		"what did Bischoff say",
		"who called it dead on arrival",
		"what is the paris call",
		"who launched it",
		"sources",
		"geneva convention human rights",
		"prinicple three",
		"how many firearms did TSA intercept",
	}
}

// slashRequests builds POST /slack/commands requests as Slack sends them:
// every field Slack posts, a trigger_id unique to the phase, worker and
// request (so no request is a replay), signed with secret at the time of
// sending.
func slashRequests(base, secret string, questions []string) func(context.Context, int, int) func(int) (*http.Request, error) {
	prefixes := make([][]byte, len(questions))
	for i, q := range questions {
		prefixes[i] = []byte("token=gIkuvaNzQIHg97ATvDxqgjtO&team_id=T0001&team_domain=example" +
			"&enterprise_id=E0001&enterprise_name=Globular%20Construct%20Inc&channel_id=C2147483705&channel_name=test" +
			"&user_id=U2147483697&user_name=Steve&command=%2Fpariscall&text=" + url.QueryEscape(q) +
			"&api_app_id=A123456&is_enterprise_install=false" +
			"&response_url=" + url.QueryEscape("http://127.0.0.1:1/commands/1234/5678") + "&trigger_id=")
	}
	u := base + "/slack/commands"
	return func(ctx context.Context, phase, w int) func(int) (*http.Request, error) {
		mac := hmac.New(sha256.New, []byte(secret))
		body := make([]byte, 0, 1024)
		sig := make([]byte, 0, 3+hex.EncodedLen(sha256.Size))
		return func(seq int) (*http.Request, error) {
			body = append(body[:0], prefixes[(w+seq)%len(prefixes)]...)
			body = strconv.AppendInt(body, int64(phase), 10)
			body = append(body, '.')
			body = strconv.AppendInt(body, int64(w), 10)
			body = append(body, '.')
			body = strconv.AppendInt(body, int64(seq), 10)
			ts := strconv.FormatInt(time.Now().Unix(), 10)
			mac.Reset()
			mac.Write([]byte("v0:" + ts + ":"))
			mac.Write(body)
			sig = append(sig[:0], "v0="...)
			sig = hex.AppendEncode(sig, mac.Sum(nil))
			req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, bytes.NewReader(bytes.Clone(body)))
			if err != nil {
				return nil, err
			}
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("X-Slack-Request-Timestamp", ts)
			req.Header.Set("X-Slack-Signature", string(sig))
			return req, nil
		}
	}
}

// signedBody is one pre-signed Discord interaction.
type signedBody struct {
	body      []byte
	timestamp string
	signature string
}

// interactionPool holds Discord interactions signed before a phase, so
// the client's Ed25519 signing (tens of microseconds) does not eat into
// the CPU the servers share with it. Discord's adapter keeps no replay
// cache; every body differs anyway (id and token).
type interactionPool struct {
	key       ed25519.PrivateKey
	questions []string
	size      int
	bodies    []signedBody
}

// prepare signs a fresh pool at the current time, well inside Discord's
// five-minute window for a phase of a few seconds.
func (p *interactionPool) prepare() error {
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	p.bodies = make([]signedBody, p.size)
	for i := range p.bodies {
		body, err := json.Marshal(commandInteraction(i, p.questions[i%len(p.questions)]))
		if err != nil {
			return err
		}
		sig := ed25519.Sign(p.key, append([]byte(ts), body...))
		p.bodies[i] = signedBody{body: body, timestamp: ts, signature: hex.EncodeToString(sig)}
	}
	return nil
}

// requests builds POST /discord/interactions requests from the pool.
func (p *interactionPool) requests(base string) func(context.Context, int, int) func(int) (*http.Request, error) {
	u := base + "/discord/interactions"
	return func(ctx context.Context, _, w int) func(int) (*http.Request, error) {
		return func(seq int) (*http.Request, error) {
			b := p.bodies[(w*7919+seq)%len(p.bodies)]
			req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, bytes.NewReader(b.body))
			if err != nil {
				return nil, err
			}
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("X-Signature-Timestamp", b.timestamp)
			req.Header.Set("X-Signature-Ed25519", b.signature)
			return req, nil
		}
	}
}

// commandInteraction is an APPLICATION_COMMAND interaction for /pariscall
// in a guild, as Discord posts it.
func commandInteraction(i int, question string) map[string]any {
	return map[string]any{
		"id": fmt.Sprint(1_100_000_000_000_000_000 + i), "application_id": "800000000000000001", "type": 2,
		"token":   fmt.Sprintf("aW50ZXJhY3Rpb246MTEwMDAwMDAwMDAwMDAwMDAw%08d", i),
		"version": 1, "guild_id": "700000000000000001", "channel_id": "700000000000000002", "locale": "en-US",
		"guild_locale": "en-US", "app_permissions": "562949953601536",
		"member": map[string]any{"user": map[string]any{"id": "600000000000000001", "username": "asker",
			"discriminator": "0", "global_name": "Asker"}, "roles": []string{}, "permissions": "562949953601536"},
		"data": map[string]any{"id": "900000000000000009", "name": "pariscall", "type": 1,
			"options": []map[string]any{{"name": "question", "type": 3, "value": question}}},
	}
}
