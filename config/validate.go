package config

import (
	"encoding/hex"
	"fmt"
	"net"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Problem is one thing wrong with a Config: the key at fault and a message
// that says how to fix it.
type Problem struct {
	// Key is the dotted key, such as "slack.bot_token".
	Key string
	// Message says what is wrong and how to fix it. It never contains a
	// secret in full.
	Message string
}

// String returns "key: message".
func (p Problem) String() string {
	return p.Key + ": " + p.Message
}

// Problems is every problem Validate found. It is an error.
type Problems []Problem

// Error lists every problem on one line.
func (ps Problems) Error() string {
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = p.String()
	}
	noun := "problems"
	if len(ps) == 1 {
		noun = "problem"
	}
	return fmt.Sprintf("invalid configuration (%d %s): %s", len(ps), noun, strings.Join(parts, "; "))
}

// problemList collects problems as Validate goes.
type problemList struct {
	ps Problems
}

func (l *problemList) add(key, format string, args ...any) {
	l.ps = append(l.ps, Problem{Key: key, Message: fmt.Sprintf(format, args...)})
}

// Validate checks every value and returns all problems at once as
// Problems, or nil when there are none. It also reports keys in the file
// that pariscall does not know.
func (c Config) Validate() error {
	var l problemList
	c.validateUnknown(&l)
	c.validateHTTP(&l)
	c.validateLog(&l)
	c.validateKnowledge(&l)
	c.validateSlack(&l)
	c.validateDiscord(&l)
	if len(l.ps) == 0 {
		return nil
	}
	return l.ps
}

func (c Config) validateUnknown(l *problemList) {
	for _, k := range c.UnknownKeys {
		msg := fmt.Sprintf("unknown key in %s; remove it or fix its spelling", c.File)
		if s := suggest(k); s != "" {
			msg += fmt.Sprintf(" (did you mean %s?)", s)
		}
		l.add(k, "%s", msg)
	}
}

func (c Config) validateHTTP(l *problemList) {
	if err := checkAddr(c.HTTP.Addr); err != nil {
		l.add("http.addr", "%q is not a valid listen address (%v); use host:port such as \":8080\" or \"127.0.0.1:8080\"", c.HTTP.Addr, err)
	}
	durations := []struct {
		key string
		d   time.Duration
	}{
		{"http.shutdown_timeout", c.HTTP.ShutdownTimeout},
		{"http.read_header_timeout", c.HTTP.ReadHeaderTimeout},
		{"http.read_timeout", c.HTTP.ReadTimeout},
	}
	for _, d := range durations {
		if d.d <= 0 {
			l.add(d.key, "must be a positive duration, such as 10s; got %v", d.d)
		}
	}
	if c.HTTP.MaxBodyBytes <= 0 {
		l.add("http.max_body_bytes", "must be a positive number of bytes, such as 1048576; got %d", c.HTTP.MaxBodyBytes)
	}
}

// checkAddr accepts host:port with a numeric port in 0..65535.
func checkAddr(addr string) error {
	_, port, err := net.SplitHostPort(addr)
	if err != nil {
		return err
	}
	n, err := strconv.Atoi(port)
	if err != nil || n < 0 || n > 65535 {
		return fmt.Errorf("port %q is not a number from 0 to 65535", port)
	}
	return nil
}

func (c Config) validateLog(l *problemList) {
	if levels := []string{"debug", "info", "warn", "error"}; !slices.Contains(levels, c.Log.Level) {
		l.add("log.level", "%q is not a log level; use one of %s", c.Log.Level, strings.Join(levels, ", "))
	}
	if formats := []string{"text", "json"}; !slices.Contains(formats, c.Log.Format) {
		l.add("log.format", "%q is not a log format; use one of %s", c.Log.Format, strings.Join(formats, ", "))
	}
}

// maxAnswerCache bounds knowledge.answer_cache_bytes at 1 GiB, far above
// what a few hundred rendered answers take.
const maxAnswerCache = 1 << 30

func (c Config) validateKnowledge(l *problemList) {
	if n := c.Knowledge.AnswerCacheBytes; n < 0 || n > maxAnswerCache {
		l.add("knowledge.answer_cache_bytes", "must be from 0 (no cache) to %d bytes, such as 4194304; got %d", maxAnswerCache, n)
	}
	dir := c.Knowledge.DocsDir
	if dir == "" {
		return
	}
	info, err := os.Stat(dir)
	switch {
	case err != nil:
		l.add("knowledge.docs_dir", "cannot use it (%v); point it at an existing directory or leave it empty", err)
	case !info.IsDir():
		l.add("knowledge.docs_dir", "%q is not a directory; point it at a directory of documents or leave it empty", dir)
	}
}

func (c Config) validateSlack(l *problemList) {
	s := c.Slack
	if s.BotToken != "" && !strings.HasPrefix(s.BotToken, "xoxb-") {
		l.add("slack.bot_token", "got %s, which is not a bot token; use the Bot User OAuth Token starting with xoxb- (OAuth & Permissions page)", Redact(s.BotToken))
	}
	if s.AppToken != "" && !strings.HasPrefix(s.AppToken, "xapp-") {
		l.add("slack.app_token", "got %s, which is not an app-level token; use a token starting with xapp- with the connections:write scope (Basic Information page)", Redact(s.AppToken))
	}
	switch {
	case c.SlackEnabled() && s.SigningSecret == "" && s.AppToken == "":
		l.add("slack.signing_secret", "Slack is enabled but can receive nothing; set %s for HTTP events or %s for Socket Mode",
			EnvVar("slack.signing_secret"), EnvVar("slack.app_token"))
	case !c.SlackEnabled() && (s.SigningSecret != "" || s.AppToken != ""):
		l.add("slack.bot_token", "Slack credentials are set but the bot token is missing, so Slack stays disabled; set %s (xoxb-...) or remove the other Slack credentials",
			EnvVar("slack.bot_token"))
	}
	if err := checkURL(s.APIURL); err != nil {
		l.add("slack.api_url", "%v; use an absolute http(s) URL such as https://slack.com/api/", err)
	} else if !strings.HasSuffix(s.APIURL, "/") {
		l.add("slack.api_url", "%q must end with \"/\" because method names are appended to it", s.APIURL)
	}
	if len(s.Command) < 2 || s.Command[0] != '/' || strings.ContainsAny(s.Command, " \t\n") {
		l.add("slack.command", "%q is not a slash command; use a name starting with \"/\" and without spaces, such as /pariscall", s.Command)
	}
}

func (c Config) validateDiscord(l *problemList) {
	d := c.Discord
	if d.PublicKey != "" {
		if b, err := hex.DecodeString(d.PublicKey); err != nil || len(b) != 32 {
			l.add("discord.public_key", "must be the 64 hex characters of the application's Ed25519 public key (General Information page); got %d characters", len(d.PublicKey))
		}
	}
	if c.DiscordEnabled() && d.AppID == "" {
		l.add("discord.app_id", "Discord is enabled but the application id is missing, so commands cannot be registered; set %s", EnvVar("discord.app_id"))
	}
	for _, s := range []struct{ key, val string }{{"discord.app_id", d.AppID}, {"discord.guild_id", d.GuildID}} {
		if s.val != "" && !isSnowflake(s.val) {
			l.add(s.key, "%q is not a Discord id; copy the numeric id (Developer Mode > Copy ID)", s.val)
		}
	}
	if err := checkURL(d.APIURL); err != nil {
		l.add("discord.api_url", "%v; use an absolute http(s) URL such as https://discord.com", err)
	}
	if d.ShardCount < 1 {
		l.add("discord.shard_count", "must be at least 1; got %d", d.ShardCount)
	} else if d.ShardID < 0 || d.ShardID >= d.ShardCount {
		l.add("discord.shard_id", "must be from 0 to %d (discord.shard_count - 1); got %d", d.ShardCount-1, d.ShardID)
	}
}

// checkURL accepts absolute http and https URLs with a host.
func checkURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("%q is not a URL", raw)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%q is not an absolute http(s) URL", raw)
	}
	return nil
}

// isSnowflake reports whether s is a Discord id: a decimal uint64.
func isSnowflake(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	_, err := strconv.ParseUint(s, 10, 64)
	return err == nil
}

// suggest returns the known key closest to an unknown one, or "" when none
// is close enough to be a likely typo.
func suggest(unknown string) string {
	best, bestDist := "", 4
	for _, k := range keyTable() {
		if d := editDistance(unknown, k.name); d < bestDist {
			best, bestDist = k.name, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
