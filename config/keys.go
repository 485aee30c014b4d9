package config

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// EnvPrefix starts the name of every environment variable Load reads.
const EnvPrefix = "PARISCALL_"

// Setting is one configuration key and its value, formatted for people.
type Setting struct {
	// Key is the dotted key, such as "http.addr".
	Key string
	// Value is the value as text; secrets are redacted where noted.
	Value string
}

// key describes one configuration key. keyTable is the single place where
// keys, their defaults and their secrecy are declared; loading, the flags,
// Effective and the example-file test all derive from it.
type key struct {
	name   string
	def    any
	secret bool
	get    func(Config) any
}

func keyTable() []key {
	return []key{
		{name: "http.addr", def: ":8080", get: func(c Config) any { return c.HTTP.Addr }},
		{name: "http.shutdown_timeout", def: 10 * time.Second, get: func(c Config) any { return c.HTTP.ShutdownTimeout }},
		{name: "http.read_header_timeout", def: 5 * time.Second, get: func(c Config) any { return c.HTTP.ReadHeaderTimeout }},
		{name: "http.read_timeout", def: 10 * time.Second, get: func(c Config) any { return c.HTTP.ReadTimeout }},
		{name: "http.max_body_bytes", def: int64(1 << 20), get: func(c Config) any { return c.HTTP.MaxBodyBytes }},
		{name: "log.level", def: "info", get: func(c Config) any { return c.Log.Level }},
		{name: "log.format", def: "text", get: func(c Config) any { return c.Log.Format }},
		{name: "knowledge.docs_dir", def: "", get: func(c Config) any { return c.Knowledge.DocsDir }},
		{name: "knowledge.answer_cache_bytes", def: 4 << 20, get: func(c Config) any { return c.Knowledge.AnswerCacheBytes }},
		{name: "slack.signing_secret", def: "", secret: true, get: func(c Config) any { return c.Slack.SigningSecret }},
		{name: "slack.bot_token", def: "", secret: true, get: func(c Config) any { return c.Slack.BotToken }},
		{name: "slack.app_token", def: "", secret: true, get: func(c Config) any { return c.Slack.AppToken }},
		{name: "slack.api_url", def: "https://slack.com/api/", get: func(c Config) any { return c.Slack.APIURL }},
		{name: "slack.command", def: "/pariscall", get: func(c Config) any { return c.Slack.Command }},
		{name: "discord.token", def: "", secret: true, get: func(c Config) any { return c.Discord.Token }},
		{name: "discord.app_id", def: "", get: func(c Config) any { return c.Discord.AppID }},
		{name: "discord.public_key", def: "", get: func(c Config) any { return c.Discord.PublicKey }},
		{name: "discord.guild_id", def: "", get: func(c Config) any { return c.Discord.GuildID }},
		{name: "discord.api_url", def: "https://discord.com", get: func(c Config) any { return c.Discord.APIURL }},
		{name: "discord.shard_id", def: 0, get: func(c Config) any { return c.Discord.ShardID }},
		{name: "discord.shard_count", def: 1, get: func(c Config) any { return c.Discord.ShardCount }},
	}
}

// lookupKey returns the table entry for name.
func lookupKey(name string) (key, bool) {
	for _, k := range keyTable() {
		if k.name == name {
			return k, true
		}
	}
	return key{}, false
}

// Defaults lists every configuration key with its built-in default, in the
// same stable order and format as Effective.
func Defaults() []Setting {
	table := keyTable()
	out := make([]Setting, 0, len(table))
	for _, k := range table {
		out = append(out, Setting{Key: k.name, Value: k.render(k.def)})
	}
	return out
}

// EnvVar returns the environment variable that sets key: "slack.bot_token"
// is PARISCALL_SLACK_BOT_TOKEN.
func EnvVar(key string) string {
	return EnvPrefix + strings.ToUpper(strings.ReplaceAll(key, ".", "_"))
}

// render formats a value of k for people, redacting it if k is secret.
func (k key) render(v any) string {
	if k.secret {
		return Redact(fmt.Sprint(v))
	}
	return formatValue(v)
}

// formatValue renders a value as it would be written in the YAML file,
// except that an empty string is shown as "" so it is visible.
func formatValue(v any) string {
	switch v := v.(type) {
	case string:
		if v == "" {
			return `""`
		}
		return v
	case time.Duration:
		return v.String()
	case int:
		return strconv.Itoa(v)
	case int64:
		return strconv.FormatInt(v, 10)
	default:
		return fmt.Sprint(v)
	}
}
