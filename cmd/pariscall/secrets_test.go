package main

import (
	"encoding/json"
	"log"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pariscall/pariscall/bot/bottest"
)

// TestNoSecretInLogsOrOutput holds a whole conversation with `serve` at
// log level debug, Slack (slash command, mention, button click, URL
// verification) and Discord (HTTP interaction, gateway mention), plus
// forged requests, and then looks for every configured secret in the log,
// in what the standard logger printed (discordgo and slack-go log there or
// through it), in every response, and in every message the bot posted.
func TestNoSecretInLogsOrOutput(t *testing.T) {
	var stdlog bottest.SyncBuffer
	prevOut, prevFlags := log.Writer(), log.Flags()
	log.SetOutput(&stdlog)
	t.Cleanup(func() { log.SetOutput(prevOut); log.SetFlags(prevFlags) })

	fake := newFakePlatform(t)
	key, pub := newDiscordKey(t)
	base, stop, done, logs := startServe(t, merged(fake.vars(), map[string]string{
		"PARISCALL_SLACK_BOT_TOKEN": testBotToken, "PARISCALL_SLACK_SIGNING_SECRET": testSigningSecret,
		"PARISCALL_DISCORD_TOKEN": testDiscordToken, "PARISCALL_DISCORD_APP_ID": testDiscordApp,
		"PARISCALL_DISCORD_PUBLIC_KEY": pub, "PARISCALL_LOG_LEVEL": "debug",
	}))
	waitReady(t, base)

	var responses []response
	check := func(what string, r response, wantCode int, want string) {
		t.Helper()
		responses = append(responses, r)
		if r.code != wantCode || !strings.Contains(r.body, want) {
			t.Errorf("%s: %v; want %d containing %q", what, r, wantCode, want)
		}
	}
	now := time.Now()
	form := "application/x-www-form-urlencoded"
	hook := fake.srv.URL + "/slack/hooks/1"
	check("slash command", postSlack(t, base, "/slack/commands", form, slashBody("who didn't sign", hook, "1"), testSigningSecret, now),
		http.StatusOK, "Russia")
	check("mention", postSlack(t, base, "/slack/events", "application/json", mentionEvent("Ev1", "principle 8", "1.1"), testSigningSecret, now),
		http.StatusOK, "")
	click, _ := json.Marshal(map[string]any{"type": "block_actions", "response_url": hook,
		"user":    map[string]any{"id": "U1", "name": "asker"},
		"actions": []map[string]any{{"action_id": "pariscall_post", "block_id": "b1", "value": "who signed", "type": "button", "action_ts": "1.3"}}})
	check("button", postSlack(t, base, "/slack/interactions", form, url.Values{"payload": {string(click)}}.Encode(), testSigningSecret, now),
		http.StatusOK, "")
	check("url verification", postSlack(t, base, "/slack/events", "application/json", `{"type":"url_verification","challenge":"c-123"}`, testSigningSecret, now),
		http.StatusOK, "c-123")
	check("forged slash command", postSlack(t, base, "/slack/commands", form, slashBody("x", hook, "2"), "wrong-secret", now),
		http.StatusUnauthorized, "")
	check("Discord interaction", postDiscord(t, base, key, commandInteraction("1", "did the US sign?"), now), http.StatusOK, `"type":4`)
	otherKey, _ := newDiscordKey(t)
	check("forged Discord interaction", postDiscord(t, base, otherKey, commandInteraction("2", "x"), now), http.StatusUnauthorized, "")
	fake.dispatch("MESSAGE_CREATE", discordMention("m1", "who launched it"))

	fake.waitCalls(t, 1, "/slack/api/chat.postMessage")
	fake.waitCalls(t, 1, "/slack/hooks/")
	fake.waitCalls(t, 1, "/discord/api/v9/channels/c-m1/messages")
	for _, path := range []string{"/readyz", "/metrics", "/healthz"} {
		code, body := get(t, base+path)
		responses = append(responses, response{code: code, body: body})
	}
	stop()
	if err := <-done; err != nil {
		t.Errorf("serve returned %v; want nil", err)
	}

	if !strings.Contains(logs.String(), "level=DEBUG") || !strings.Contains(logs.String(), "who launched it") {
		t.Fatalf("the log is not at debug level or lacks the conversation:\n%s", logs.String())
	}
	places := map[string]string{"serve's log": logs.String(), "the standard logger": stdlog.String()}
	for i, r := range responses {
		places["response "+strconv.Itoa(i)] = r.body + headerText(r.header)
	}
	for i, c := range fake.callsTo("/") {
		places["message "+strconv.Itoa(i)+" to "+c.Path] = content(c)
	}
	secrets := map[string]string{"slack.signing_secret": testSigningSecret, "slack.bot_token": testBotToken,
		"discord.token": testDiscordToken, "discord.token's secret part": testDiscordToken[strings.LastIndex(testDiscordToken, ".")+1:]}
	for where, text := range places {
		for name, secret := range secrets {
			if strings.Contains(text, secret) {
				t.Errorf("%s contains %s:\n%s", where, name, text)
			}
		}
	}
}

// waitReady polls /readyz until every adapter is ready.
func waitReady(t *testing.T, base string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		code, body := get(t, base+"/readyz")
		if code == http.StatusOK {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("/readyz = %d %s; want 200", code, body)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// content is what a platform call carries for people to see, without the
// credentials that authenticate it: Slack's token form field, Discord's
// Authorization header and the gateway, which only the fake reads.
func content(c call) string {
	if v, err := url.ParseQuery(string(c.Body)); err == nil && v.Has("token") {
		v.Del("token")
		return v.Encode()
	}
	return string(c.Body)
}

func headerText(h http.Header) string {
	var b strings.Builder
	_ = h.Write(&b)
	return b.String()
}
