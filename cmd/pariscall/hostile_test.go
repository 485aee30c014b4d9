package main

import (
	"bufio"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

// hostileServe runs serve with Slack over HTTP and Discord interactions,
// a 200,000-byte body limit (below Slack's own 256 KiB, above Discord's
// 64 KiB), and short read timeouts.
func hostileServe(t *testing.T) (base string, key ed25519.PrivateKey) {
	t.Helper()
	fake := newFakePlatform(t)
	key, pub := newDiscordKey(t)
	base, _, _, _ = startServe(t, merged(fake.vars(), map[string]string{
		"PARISCALL_SLACK_BOT_TOKEN": testBotToken, "PARISCALL_SLACK_SIGNING_SECRET": testSigningSecret,
		"PARISCALL_DISCORD_PUBLIC_KEY": pub, "PARISCALL_DISCORD_APP_ID": testDiscordApp,
		"PARISCALL_HTTP_MAX_BODY_BYTES": "200000", "PARISCALL_HTTP_READ_HEADER_TIMEOUT": "300ms",
		"PARISCALL_HTTP_READ_TIMEOUT": "500ms",
	}))
	return base, key
}

// TestServeRefusesHostileRequests sends what an attacker or a broken proxy
// might, through the real server: each gets its status and is never
// answered.
func TestServeRefusesHostileRequests(t *testing.T) {
	base, key := hostileServe(t)
	discord := func(body []byte, ts time.Time) response { return postDiscord(t, base, key, body, ts) }
	form := "application/x-www-form-urlencoded"
	now := time.Now()
	replayed := slashBody("who signed", "", "replayed")
	forgeKey, _ := newDiscordKey(t)
	tests := []struct {
		name string
		send func() response
		want int
	}{
		{"slack body over the server's limit", func() response {
			return postSlack(t, base, "/slack/commands", form, slashBody(strings.Repeat("a", 300_000), "", "big"), testSigningSecret, now)
		}, http.StatusRequestEntityTooLarge},
		{"discord body over the adapter's limit", func() response {
			return discord(commandInteraction("big", strings.Repeat("a", 100_000)), now)
		}, http.StatusRequestEntityTooLarge},
		{"slack request signed 6 minutes ago", func() response {
			return postSlack(t, base, "/slack/commands", form, slashBody("who signed", "", "old"), testSigningSecret, now.Add(-6*time.Minute))
		}, http.StatusUnauthorized},
		{"slack request signed 6 minutes ahead", func() response {
			return postSlack(t, base, "/slack/commands", form, slashBody("who signed", "", "new"), testSigningSecret, now.Add(6*time.Minute))
		}, http.StatusUnauthorized},
		{"slack request signed with another secret", func() response {
			return postSlack(t, base, "/slack/events", "application/json", mentionEvent("Ev9", "who signed", "9.9"), "not-the-secret", now)
		}, http.StatusUnauthorized},
		{"slack request, first delivery", func() response {
			return postSlack(t, base, "/slack/commands", form, replayed, testSigningSecret, now)
		}, http.StatusOK},
		{"discord interaction signed by another key", func() response {
			return postDiscord(t, base, forgeKey, commandInteraction("f1", "who signed"), now)
		}, http.StatusUnauthorized},
		{"discord interaction signed 6 minutes ago", func() response {
			return discord(commandInteraction("f2", "who signed"), now.Add(-6*time.Minute))
		}, http.StatusUnauthorized},
		{"discord interaction, body changed after signing", func() response {
			return postDiscordAs(t, base, commandInteraction("f3", "who signed"), discordHeaders(key, commandInteraction("f3", "who didn't sign"), now))
		}, http.StatusUnauthorized},
		{"discord interaction without signature", func() response {
			return postDiscordAs(t, base, commandInteraction("f4", "x"), http.Header{"Content-Type": {"application/json"}})
		}, http.StatusUnauthorized},
	}
	for _, tt := range tests {
		if got := tt.send(); got.code != tt.want {
			t.Errorf("%s: %v; want %d", tt.name, got, tt.want)
		} else if tt.want != http.StatusOK && strings.Contains(got.body, "blocks") {
			t.Errorf("%s: refused but answered: %v", tt.name, got)
		}
	}
	if r := postSlack(t, base, "/slack/commands", form, replayed, testSigningSecret, now); r.code != http.StatusOK || r.body != "" {
		t.Errorf("replayed slack request: %v; want an empty 200, not a second answer", r)
	}
	_, metrics := get(t, base+"/metrics")
	for _, want := range []string{`pariscall_signatures_rejected_total{platform="slack"} 3`, `pariscall_signatures_rejected_total{platform="discord"} 4`} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
}

// TestServeDropsSlowClients holds connections open without finishing the
// headers, or the body: the server closes them once http.read_header_timeout
// (300ms here) or http.read_timeout (500ms) has passed, without answering
// a question.
func TestServeDropsSlowClients(t *testing.T) {
	base, _ := hostileServe(t)
	addr := strings.TrimPrefix(base, "http://")
	tests := []struct {
		name    string
		send    string
		atLeast time.Duration
	}{
		{"headers never finished", "POST /slack/commands HTTP/1.1\r\nHost: x\r\nX-Slack-Signature: v0=", 300 * time.Millisecond},
		{"body never finished", "POST /slack/commands HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n" +
			"Content-Length: 1000\r\n\r\ncommand=%2Fpariscall&text=", 500 * time.Millisecond},
	}
	for _, tt := range tests {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		if _, err := io.WriteString(conn, tt.send); err != nil {
			t.Fatal(err)
		}
		_ = conn.SetReadDeadline(time.Now().Add(5 * time.Second))
		reply, err := io.ReadAll(bufio.NewReader(conn))
		took := time.Since(start)
		conn.Close()
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			t.Errorf("%s: connection still open after 5s; want it closed after %s", tt.name, tt.atLeast)
			continue
		}
		if took < tt.atLeast-50*time.Millisecond || took > 3*time.Second {
			t.Errorf("%s: closed after %s; want about %s", tt.name, took, tt.atLeast)
		}
		if strings.Contains(string(reply), "200 OK") {
			t.Errorf("%s: got %q; want no answer", tt.name, reply)
		}
	}
}

// hostileQuestions are questions that try to ping, link, inject markup or
// break rendering.
func hostileQuestions() []struct{ name, q string } {
	return []struct{ name, q string }{
		{"10 KB question", strings.Repeat("who signed the paris call? ", 400)},
		{"10 KB of markup", strings.Repeat("<!channel>&<@U1>", 640)},
		{"invalid UTF-8", "who \xff\xfe signed \xc3\x28 the \xed\xa0\x80 call"},
		{"control characters", "who\x00 signed\x1b[31m the\u202e call\x07\r\n\tprinciple 8"},
		{"mass mentions", "@everyone @here <!channel> <!here> <!everyone> did @everyone sign"},
		{"role and user mentions", "<@&123456789> <@U0BOT> <@!900000000000000001> <#C123> did <@&1> sign"},
		{"link markup", "<https://evil.example|click here> [click](https://evil.example) did <https://evil.example|Acme> sign"},
		{"markdown", "did **Acme** ||spoiler|| `code` ~~x~~ _y_ > quote # header sign"},
		{"entities", "did &lt;!channel&gt; &amp;lt; sign"},
	}
}

// slackMarkup finds what Slack would turn into a ping or a link: <!...>,
// <@...>, <#...>, or a link to anything but the sources.
var slackMarkup = regexp.MustCompile(`<[!@#]|<https?://evil`)

// TestServeRendersHostileQuestionsInert asks hostile questions over both
// platforms and checks what Slack and Discord would render: on Slack every
// <, > and & the user typed arrives escaped, on Discord no mention is
// allowed, mass mentions are broken and markup is escaped. Every reply is
// valid JSON with valid UTF-8 and no control characters.
func TestServeRendersHostileQuestionsInert(t *testing.T) {
	base, key := hostileServe(t)
	now := time.Now()
	for i, hq := range hostileQuestions() {
		r := postSlack(t, base, "/slack/commands", "application/x-www-form-urlencoded",
			slashBody(hq.q, "", "h"+strconv.Itoa(i)), testSigningSecret, now)
		if r.code != http.StatusOK {
			t.Errorf("slack %s: %v; want 200", hq.name, r)
			continue
		}
		var reply struct {
			Text   string           `json:"text"`
			Blocks []map[string]any `json:"blocks"`
		}
		if err := json.Unmarshal([]byte(r.body), &reply); err != nil || len(reply.Blocks) == 0 || len(reply.Blocks) > 50 {
			t.Errorf("slack %s: reply %v is not Block Kit JSON with 1-50 blocks (%v)", hq.name, r, err)
			continue
		}
		for _, s := range append(blockTexts(reply.Blocks), reply.Text) {
			checkRenderable(t, "slack "+hq.name, s, 3000)
			if slackMarkup.MatchString(s) {
				t.Errorf("slack %s: %q holds live markup; want it escaped as &lt;", hq.name, s)
			}
		}

		r = postDiscord(t, base, key, commandInteraction("h"+strconv.Itoa(i), hq.q), now)
		if r.code != http.StatusOK {
			t.Errorf("discord %s: %v; want 200", hq.name, r)
			continue
		}
		var resp struct {
			Type int `json:"type"`
			Data struct {
				Embeds []struct {
					Title, Description string
					Fields             []struct{ Name, Value string }
					Footer             *struct{ Text string }
				}
				AllowedMentions *struct {
					Parse *[]string `json:"parse"`
				} `json:"allowed_mentions"`
			}
		}
		if err := json.Unmarshal([]byte(r.body), &resp); err != nil || resp.Type != 4 || len(resp.Data.Embeds) == 0 {
			t.Errorf("discord %s: %v is not a type 4 reply with embeds (%v)", hq.name, r, err)
			continue
		}
		if am := resp.Data.AllowedMentions; am == nil || am.Parse == nil || len(*am.Parse) != 0 {
			t.Errorf("discord %s: allowed_mentions in %s; want parse []", hq.name, r.body)
		}
		for _, e := range resp.Data.Embeds {
			texts := []string{e.Title, e.Description}
			for _, f := range e.Fields {
				texts = append(texts, f.Name, f.Value)
			}
			if e.Footer != nil {
				texts = append(texts, e.Footer.Text)
			}
			for _, s := range texts {
				checkRenderable(t, "discord "+hq.name, s, 4096)
				if strings.Contains(s, "@everyone") || strings.Contains(s, "@here") || discordMarkup.MatchString(s) {
					t.Errorf("discord %s: %q can ping or link; want it escaped", hq.name, s)
				}
			}
		}
	}
}

// discordMarkup finds an unescaped mention, channel or masked link.
var discordMarkup = regexp.MustCompile(`(^|[^\\])(<[@#]|\]\(https?://evil)`)

// blockTexts returns every "text" string in Block Kit blocks.
func blockTexts(v any) []string {
	var out []string
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if s, ok := x.(string); ok && k == "text" {
				out = append(out, s)
			} else {
				out = append(out, blockTexts(x)...)
			}
		}
	case []map[string]any:
		for _, x := range v {
			out = append(out, blockTexts(x)...)
		}
	case []any:
		for _, x := range v {
			out = append(out, blockTexts(x)...)
		}
	}
	return out
}

// checkRenderable checks that s is valid UTF-8, has no control
// characters but newlines, and is at most limit runes.
func checkRenderable(t *testing.T, what, s string, limit int) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Errorf("%s: %q is not valid UTF-8", what, s)
	}
	if i := strings.IndexFunc(s, func(r rune) bool { return unicode.IsControl(r) && r != '\n' }); i >= 0 {
		t.Errorf("%s: %q has a control character at %d", what, s, i)
	}
	if n := utf8.RuneCountInString(s); n > limit {
		t.Errorf("%s: %d runes; want at most %d", what, n, limit)
	}
}
