package config_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/pariscall/pariscall/config"
)

func TestRedact(t *testing.T) {
	tests := []struct {
		secret, want string
	}{
		{"", "(unset)"},
		{"short", "…"},
		{"elevenchars", "…"},
		{"twelve-chars", "…hars"},
		{"0123456789abcdef0123456789abcdef", "…cdef"},
		{botToken, "xoxb-…UvWx"},
		{appToken, "xapp-…cdef"},
		{"xoxp-0123456789-0123456789-abcd", "xoxp-…abcd"},
		{"xoxb-short", "xoxb-…"},
		{"xoxb-12345678901", "xoxb-…"}, // 11 characters after the prefix
		{"xoxs-not-a-known-prefix", "…efix"},
		{"ééééééééééééé", "…éééé"},
	}
	for _, tt := range tests {
		if got := config.Redact(tt.secret); got != tt.want {
			t.Errorf("Redact(%q) = %q; want %q", tt.secret, got, tt.want)
		}
	}
}

func TestRedactHidesMiddle(t *testing.T) {
	secrets := []string{botToken, appToken, "0123456789abcdef0123456789abcdef", "twelve-chars", "xoxb-short"}
	for _, s := range secrets {
		got := config.Redact(s)
		body := strings.TrimPrefix(strings.TrimPrefix(s, "xoxb-"), "xapp-")
		// Any five consecutive characters of the body would reveal more
		// than the last four.
		for i := 0; i+5 <= len(body); i++ {
			if frag := body[i : i+5]; strings.Contains(got, frag) {
				t.Errorf("Redact(%q) = %q; reveals %q", s, got, frag)
			}
		}
	}
}

func secretConfig(t *testing.T) config.Config {
	t.Helper()
	c := defaults(t)
	c.Slack.BotToken = botToken
	c.Slack.AppToken = appToken
	c.Slack.SigningSecret = "8f742231b10e8888abcd99yyyzzz85a5"
	c.Discord.Token = "MTA0NTM0NjU2Nzg5MDEyMzQ1Ng.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB"
	c.Discord.PublicKey = publicKey
	c.Discord.AppID = "1045346567890123456"
	return c
}

func TestEffectiveRedactsSecrets(t *testing.T) {
	c := secretConfig(t)
	secrets := []string{c.Slack.BotToken, c.Slack.AppToken, c.Slack.SigningSecret, c.Discord.Token}
	var all strings.Builder
	for _, s := range c.Effective() {
		all.WriteString(s.Key + "=" + s.Value + "\n")
	}
	for _, secret := range secrets {
		middle := secret[len(secret)/2-4 : len(secret)/2+4]
		if strings.Contains(all.String(), middle) {
			t.Errorf("Effective() contains %q from secret %q:\n%s", middle, secret, all.String())
		}
	}
	got := map[string]string{}
	for _, s := range c.Effective() {
		got[s.Key] = s.Value
	}
	wants := map[string]string{
		"slack.bot_token":       "xoxb-…UvWx",
		"slack.signing_secret":  "…85a5",
		"discord.public_key":    publicKey,
		"http.shutdown_timeout": "10s",
		"http.max_body_bytes":   "1048576",
		"knowledge.docs_dir":    `""`,
		"discord.shard_count":   "1",
	}
	for k, want := range wants {
		if got[k] != want {
			t.Errorf("Effective()[%s] = %q; want %q", k, got[k], want)
		}
	}
}

func TestEffectiveListsEveryKeyInOrder(t *testing.T) {
	eff := defaults(t).Effective()
	defs := config.Defaults()
	if len(eff) != len(defs) {
		t.Fatalf("len(Effective()) = %d; want %d", len(eff), len(defs))
	}
	for i := range defs {
		// Loaded with nothing set, every effective value is the default.
		if eff[i] != defs[i] {
			t.Errorf("Effective()[%d] = %v; want %v", i, eff[i], defs[i])
		}
	}
}

func TestWriteCheck(t *testing.T) {
	c := secretConfig(t)
	c.Log.Level = "loud"
	tests := []struct {
		name     string
		problems error
		want     []string
	}{
		{"no problems", nil, []string{"no problems found"}},
		{"problems", c.Validate(), []string{"1 problem:\n  log.level: \"loud\" is not a log level"}},
		{"other error", errors.New("boom"), []string{"problem:\n  boom"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := config.WriteCheck(&buf, c, tt.problems); err != nil {
				t.Fatalf("WriteCheck() error = %v", err)
			}
			out := buf.String()
			want := append([]string{
				"config file: none",
				"slack:       enabled (Socket Mode)",
				"discord:     enabled (gateway, HTTP interactions)",
				"slack.bot_token               xoxb-…UvWx",
				"PARISCALL_SLACK_BOT_TOKEN\n",
			}, tt.want...)
			for _, w := range want {
				if !strings.Contains(out, w) {
					t.Errorf("WriteCheck() output lacks %q:\n%s", w, out)
				}
			}
			if strings.Contains(out, c.Slack.BotToken) || strings.Contains(out, c.Discord.Token) {
				t.Errorf("WriteCheck() output contains a secret:\n%s", out)
			}
		})
	}
}
