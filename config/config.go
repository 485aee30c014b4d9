// Package config loads pariscall's settings from flags, PARISCALL_*
// environment variables, a YAML file and built-in defaults, in that order of
// precedence, and checks them. It is the only package that imports viper:
// everything else receives a plain Config.
package config

import "time"

// Config is pariscall's whole configuration. Load fills it; Validate checks
// it. The mapstructure tags are the dotted keys used in the YAML file, so
// "slack.bot_token" is Config.Slack.BotToken.
type Config struct {
	// HTTP configures the HTTP server shared by the adapters and health checks.
	HTTP HTTPConfig `mapstructure:"http"`
	// Log configures the process logger.
	Log LogConfig `mapstructure:"log"`
	// Knowledge configures where the answers come from.
	Knowledge KnowledgeConfig `mapstructure:"knowledge"`
	// Slack holds the Slack app's credentials and options.
	Slack SlackConfig `mapstructure:"slack"`
	// Discord holds the Discord application's credentials and options.
	Discord DiscordConfig `mapstructure:"discord"`

	// File is the configuration file that was read, or "" when none was.
	File string `mapstructure:"-"`
	// UnknownKeys lists keys found in File that pariscall does not know,
	// sorted; Validate reports each one, since they are usually typos.
	UnknownKeys []string `mapstructure:"-"`
}

// HTTPConfig configures the HTTP server.
type HTTPConfig struct {
	// Addr is the host:port to listen on, such as ":8080".
	Addr string `mapstructure:"addr"`
	// ShutdownTimeout bounds how long a graceful shutdown may take.
	ShutdownTimeout time.Duration `mapstructure:"shutdown_timeout"`
	// ReadHeaderTimeout bounds how long a client may take to send headers.
	ReadHeaderTimeout time.Duration `mapstructure:"read_header_timeout"`
	// ReadTimeout bounds how long a client may take to send a whole request.
	ReadTimeout time.Duration `mapstructure:"read_timeout"`
	// MaxBodyBytes caps the size of a request body.
	MaxBodyBytes int64 `mapstructure:"max_body_bytes"`
}

// LogConfig configures logging.
type LogConfig struct {
	// Level is one of debug, info, warn or error.
	Level string `mapstructure:"level"`
	// Format is text or json.
	Format string `mapstructure:"format"`
}

// KnowledgeConfig configures the knowledge base.
type KnowledgeConfig struct {
	// DocsDir is a directory of extra documents to index; "" means none.
	DocsDir string `mapstructure:"docs_dir"`
	// AnswerCacheBytes is how much memory each adapter may spend keeping
	// rendered answers by question, so repeated questions are sent without
	// being answered again; 0 turns the cache off.
	AnswerCacheBytes int `mapstructure:"answer_cache_bytes"`
}

// SlackConfig holds the Slack app's settings. Slack is enabled when
// BotToken is set.
type SlackConfig struct {
	// SigningSecret verifies HTTP requests from Slack (Events API mode).
	SigningSecret string `mapstructure:"signing_secret"`
	// BotToken is the xoxb- token the bot posts with.
	BotToken string `mapstructure:"bot_token"`
	// AppToken is the xapp- token for Socket Mode; when set, no public
	// HTTP endpoint is needed.
	AppToken string `mapstructure:"app_token"`
	// APIURL is the base URL of Slack's Web API, ending in "/".
	APIURL string `mapstructure:"api_url"`
	// Command is the slash command the app answers, such as "/pariscall".
	Command string `mapstructure:"command"`
}

// DiscordConfig holds the Discord application's settings. Discord is enabled
// when Token or PublicKey is set.
type DiscordConfig struct {
	// Token is the bot token used for the gateway and REST calls.
	Token string `mapstructure:"token"`
	// AppID is the application's snowflake id, needed to register commands.
	AppID string `mapstructure:"app_id"`
	// PublicKey is the application's hex Ed25519 key that verifies HTTP
	// interactions. It is not secret.
	PublicKey string `mapstructure:"public_key"`
	// GuildID, when set, registers commands in that guild only, which
	// takes effect at once; "" registers them globally.
	GuildID string `mapstructure:"guild_id"`
	// APIURL is the base URL of Discord's API.
	APIURL string `mapstructure:"api_url"`
	// ShardID is this process's gateway shard, in [0, ShardCount).
	ShardID int `mapstructure:"shard_id"`
	// ShardCount is the total number of gateway shards.
	ShardCount int `mapstructure:"shard_count"`
}

// SlackEnabled reports whether the Slack adapter should run: an adapter is
// enabled when its credentials are set, and Slack's is the bot token.
func (c Config) SlackEnabled() bool {
	return c.Slack.BotToken != ""
}

// DiscordEnabled reports whether the Discord adapter should run: it is
// enabled when a bot token (gateway) or a public key (HTTP interactions) is
// set.
func (c Config) DiscordEnabled() bool {
	return c.Discord.Token != "" || c.Discord.PublicKey != ""
}
