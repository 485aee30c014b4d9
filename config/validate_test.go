package config_test

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pariscall/pariscall/config"
)

const (
	botToken  = "xoxb-1111111111-2222222222222-AbCdEfGhIjKlMnOpQrStUvWx"
	appToken  = "xapp-1-A0000000000-3333333333333-0123456789abcdef0123456789abcdef"
	publicKey = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
)

// defaults loads the built-in defaults, with no file and no environment.
func defaults(t *testing.T) config.Config {
	t.Helper()
	c, err := config.Load(config.LoadOptions{Getenv: env(nil), Dir: t.TempDir()})
	if err != nil {
		t.Fatalf("Load() error = %v", err)
	}
	return c
}

func TestValidateAccepts(t *testing.T) {
	tests := []struct {
		name   string
		modify func(c *config.Config)
	}{
		{"defaults", func(c *config.Config) {}},
		{"slack http mode", func(c *config.Config) { c.Slack.BotToken, c.Slack.SigningSecret = botToken, "abc123" }},
		{"slack socket mode", func(c *config.Config) { c.Slack.BotToken, c.Slack.AppToken = botToken, appToken }},
		{"discord gateway", func(c *config.Config) { c.Discord.Token, c.Discord.AppID = "tok", "123456789012345678" }},
		{"discord http with guild", func(c *config.Config) {
			c.Discord.PublicKey, c.Discord.AppID, c.Discord.GuildID = publicKey, "1", "2"
		}},
		{"last shard", func(c *config.Config) { c.Discord.ShardID, c.Discord.ShardCount = 3, 4 }},
		{"ipv6 addr", func(c *config.Config) { c.HTTP.Addr = "[::1]:0" }},
		{"docs dir exists", func(c *config.Config) { c.Knowledge.DocsDir = t.TempDir() }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := defaults(t)
			tt.modify(&c)
			if err := c.Validate(); err != nil {
				t.Errorf("Validate() = %v; want nil", err)
			}
		})
	}
}

func TestValidateProblems(t *testing.T) {
	file := writeFile(t, t.TempDir(), "file.txt", "not a dir")
	tests := []struct {
		name    string
		modify  func(c *config.Config)
		wantKey string
		wantMsg string // a fragment of the message that says how to fix it
	}{
		{"bot token prefix", func(c *config.Config) { c.Slack.BotToken, c.Slack.SigningSecret = "xoxp-user-token-000000", "s" }, "slack.bot_token", "xoxb-"},
		{"app token prefix", func(c *config.Config) { c.Slack.BotToken, c.Slack.AppToken = botToken, "xoxb-wrong" }, "slack.app_token", "xapp-"},
		{"slack without receiver", func(c *config.Config) { c.Slack.BotToken = botToken }, "slack.signing_secret", "PARISCALL_SLACK_APP_TOKEN"},
		{"slack secret without bot token", func(c *config.Config) { c.Slack.SigningSecret = "s" }, "slack.bot_token", "PARISCALL_SLACK_BOT_TOKEN"},
		{"slack app token without bot token", func(c *config.Config) { c.Slack.AppToken = appToken }, "slack.bot_token", "PARISCALL_SLACK_BOT_TOKEN"},
		{"slack api url relative", func(c *config.Config) { c.Slack.APIURL = "/api/" }, "slack.api_url", "absolute"},
		{"slack api url scheme", func(c *config.Config) { c.Slack.APIURL = "ftp://slack.com/api/" }, "slack.api_url", "http"},
		{"slack api url slash", func(c *config.Config) { c.Slack.APIURL = "https://slack.com/api" }, "slack.api_url", `end with "/"`},
		{"slack command slash", func(c *config.Config) { c.Slack.Command = "pariscall" }, "slack.command", `"/"`},
		{"slack command bare slash", func(c *config.Config) { c.Slack.Command = "/" }, "slack.command", `"/"`},
		{"slack command space", func(c *config.Config) { c.Slack.Command = "/paris call" }, "slack.command", "spaces"},
		{"discord public key length", func(c *config.Config) { c.Discord.PublicKey, c.Discord.AppID = "abcd", "1" }, "discord.public_key", "64 hex"},
		{"discord public key hex", func(c *config.Config) {
			c.Discord.PublicKey, c.Discord.AppID = strings.Repeat("zz", 32), "1"
		}, "discord.public_key", "64 hex"},
		{"discord token without app id", func(c *config.Config) { c.Discord.Token = "tok" }, "discord.app_id", "PARISCALL_DISCORD_APP_ID"},
		{"discord public key without app id", func(c *config.Config) { c.Discord.PublicKey = publicKey }, "discord.app_id", "PARISCALL_DISCORD_APP_ID"},
		{"discord app id not numeric", func(c *config.Config) { c.Discord.Token, c.Discord.AppID = "tok", "my-app" }, "discord.app_id", "numeric"},
		{"discord guild id not numeric", func(c *config.Config) { c.Discord.GuildID = "12ab" }, "discord.guild_id", "numeric"},
		{"discord guild id overflows", func(c *config.Config) { c.Discord.GuildID = "99999999999999999999999" }, "discord.guild_id", "numeric"},
		{"discord api url", func(c *config.Config) { c.Discord.APIURL = "discord.com" }, "discord.api_url", "absolute"},
		{"shard count zero", func(c *config.Config) { c.Discord.ShardCount = 0 }, "discord.shard_count", "at least 1"},
		{"shard id too big", func(c *config.Config) { c.Discord.ShardID, c.Discord.ShardCount = 2, 2 }, "discord.shard_id", "from 0 to 1"},
		{"shard id negative", func(c *config.Config) { c.Discord.ShardID = -1 }, "discord.shard_id", "from 0 to 0"},
		{"addr without port", func(c *config.Config) { c.HTTP.Addr = "localhost" }, "http.addr", "host:port"},
		{"addr named port", func(c *config.Config) { c.HTTP.Addr = ":http" }, "http.addr", "0 to 65535"},
		{"addr port too big", func(c *config.Config) { c.HTTP.Addr = ":65536" }, "http.addr", "0 to 65535"},
		{"addr empty", func(c *config.Config) { c.HTTP.Addr = "" }, "http.addr", "host:port"},
		{"log level", func(c *config.Config) { c.Log.Level = "verbose" }, "log.level", "debug, info, warn, error"},
		{"log format", func(c *config.Config) { c.Log.Format = "xml" }, "log.format", "text, json"},
		{"shutdown timeout", func(c *config.Config) { c.HTTP.ShutdownTimeout = 0 }, "http.shutdown_timeout", "positive"},
		{"read header timeout", func(c *config.Config) { c.HTTP.ReadHeaderTimeout = -1 }, "http.read_header_timeout", "positive"},
		{"read timeout", func(c *config.Config) { c.HTTP.ReadTimeout = 0 }, "http.read_timeout", "positive"},
		{"max body bytes", func(c *config.Config) { c.HTTP.MaxBodyBytes = 0 }, "http.max_body_bytes", "positive"},
		{"answer cache negative", func(c *config.Config) { c.Knowledge.AnswerCacheBytes = -1 }, "knowledge.answer_cache_bytes", "from 0 (no cache)"},
		{"answer cache too big", func(c *config.Config) { c.Knowledge.AnswerCacheBytes = 1<<30 + 1 }, "knowledge.answer_cache_bytes", "from 0 (no cache)"},
		{"docs dir missing", func(c *config.Config) { c.Knowledge.DocsDir = filepath.Join(t.TempDir(), "nope") }, "knowledge.docs_dir", "existing directory"},
		{"docs dir is a file", func(c *config.Config) { c.Knowledge.DocsDir = file }, "knowledge.docs_dir", "not a directory"},
		{"unknown key", func(c *config.Config) { c.File, c.UnknownKeys = "x.yaml", []string{"log.levle"} }, "log.levle", "did you mean log.level"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := defaults(t)
			tt.modify(&c)
			var ps config.Problems
			if err := c.Validate(); !errors.As(err, &ps) {
				t.Fatalf("Validate() = %v; want Problems", err)
			}
			if len(ps) != 1 {
				t.Fatalf("Validate() = %d problems %v; want 1", len(ps), ps)
			}
			if ps[0].Key != tt.wantKey {
				t.Errorf("problem key = %q; want %q", ps[0].Key, tt.wantKey)
			}
			if !strings.Contains(ps[0].Message, tt.wantMsg) {
				t.Errorf("problem message = %q; want it to contain %q", ps[0].Message, tt.wantMsg)
			}
		})
	}
}

func TestValidateAllProblemsAtOnce(t *testing.T) {
	c := defaults(t)
	c.HTTP.Addr = "nope"
	c.Log.Level = "loud"
	c.Slack.BotToken = "wrong-token-0123456789"
	c.Discord.ShardCount = 0
	err := c.Validate()
	var ps config.Problems
	if !errors.As(err, &ps) {
		t.Fatalf("Validate() = %v; want Problems", err)
	}
	wantKeys := []string{"http.addr", "log.level", "slack.bot_token", "slack.signing_secret", "discord.shard_count"}
	var gotKeys []string
	for _, p := range ps {
		gotKeys = append(gotKeys, p.Key)
	}
	if strings.Join(gotKeys, " ") != strings.Join(wantKeys, " ") {
		t.Errorf("problem keys = %q; want %q", gotKeys, wantKeys)
	}
	if got, want := err.Error(), "invalid configuration (5 problems): http.addr: "; !strings.HasPrefix(got, want) {
		t.Errorf("Error() = %q; want prefix %q", got, want)
	}
	if strings.Contains(err.Error(), "0123456789") {
		t.Errorf("Error() = %q; want the bad token redacted", err)
	}
}

func TestEnabled(t *testing.T) {
	tests := []struct {
		name                   string
		modify                 func(c *config.Config)
		wantSlack, wantDiscord bool
	}{
		{"nothing", func(c *config.Config) {}, false, false},
		{"slack bot token", func(c *config.Config) { c.Slack.BotToken = botToken }, true, false},
		{"slack secret only", func(c *config.Config) { c.Slack.SigningSecret = "s" }, false, false},
		{"discord token", func(c *config.Config) { c.Discord.Token = "t" }, false, true},
		{"discord public key", func(c *config.Config) { c.Discord.PublicKey = publicKey }, false, true},
		{"discord app id only", func(c *config.Config) { c.Discord.AppID = "1" }, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var c config.Config
			tt.modify(&c)
			if got := c.SlackEnabled(); got != tt.wantSlack {
				t.Errorf("SlackEnabled() = %v; want %v", got, tt.wantSlack)
			}
			if got := c.DiscordEnabled(); got != tt.wantDiscord {
				t.Errorf("DiscordEnabled() = %v; want %v", got, tt.wantDiscord)
			}
		})
	}
}
