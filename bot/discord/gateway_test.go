package discord_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pariscall/pariscall/bot/bottest"

	"github.com/bwmarrin/discordgo"

	"github.com/pariscall/pariscall/bot/discord"
)

// startGateway runs an adapter against f until the test ends, and waits
// for it to be connected.
func startGateway(t *testing.T, f *fakeDiscord, opts discord.Options) *discord.Adapter {
	t.Helper()
	opts.Token = "test-token"
	opts.AppID = appID
	if opts.APIURL == "" {
		opts.APIURL = f.srv.URL
	}
	if opts.Engine == nil {
		opts.Engine = &fakeEngine{}
	}
	a, err := discord.New(opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Run = %v; want nil", err)
			}
		case <-time.After(10 * time.Second):
			t.Errorf("Run did not return after cancel")
		}
		if st := a.Status(); st.Ready {
			t.Errorf("Status after Run = %+v; want not ready", st)
		}
	})
	bottest.WaitFor(t, "gateway connected", func() bool { return a.Status().Ready && f.connected() })
	return a
}

func TestGatewayIdentifyAndRegister(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name               string
		guild              string
		shardID, shards    int
		wantPath           string
		wantShard          []any
		wantStatusContains string
	}{
		{name: "global", wantPath: "/api/v9/applications/" + appID + "/commands", wantStatusContains: "gateway connected"},
		{name: "guild and shard", guild: "42", shardID: 1, shards: 2,
			wantPath: "/api/v9/applications/" + appID + "/guilds/42/commands", wantShard: []any{1.0, 2.0}, wantStatusContains: "shard 1 of 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := newFakeDiscord(t)
			a := startGateway(t, f, discord.Options{GuildID: tt.guild, ShardID: tt.shardID, ShardCount: tt.shards})
			id := f.identify(0)
			want := float64(discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages)
			if got := id["intents"]; got != want {
				t.Errorf("IDENTIFY intents = %v; want %v (no message content)", got, want)
			}
			if got := id["token"]; got != "Bot test-token" {
				t.Errorf("IDENTIFY token = %v; want %q", got, "Bot test-token")
			}
			if got, _ := id["shard"].([]any); fmt.Sprint(got) != fmt.Sprint(tt.wantShard) {
				t.Errorf("IDENTIFY shard = %v; want %v", got, tt.wantShard)
			}
			calls := f.waitCalls(t, 1, "PUT", "/api/v9/applications/")
			if calls[0].Path != tt.wantPath {
				t.Errorf("commands registered at %s; want %s", calls[0].Path, tt.wantPath)
			}
			if calls[0].Auth != "Bot test-token" {
				t.Errorf("Authorization = %q; want %q", calls[0].Auth, "Bot test-token")
			}
			checkCommands(t, calls[0])
			if st := a.Status(); !strings.Contains(st.Detail, tt.wantStatusContains) {
				t.Errorf("Status = %+v; want detail containing %q", st, tt.wantStatusContains)
			}
			bottest.WaitFor(t, "a heartbeat", func() bool { _, _, hb := f.counts(); return hb > 0 })
		})
	}
}

// TestAPIURLWithPath reaches Discord through a proxy that serves it under
// a path prefix: every REST call, the gateway lookup included, must go
// through the proxy.
func TestAPIURLWithPath(t *testing.T) {
	t.Parallel()
	f := newFakeDiscord(t)
	proxy := httptest.NewServer(http.StripPrefix("/discord-proxy", f.srv.Config.Handler))
	t.Cleanup(proxy.Close)
	startGateway(t, f, discord.Options{APIURL: proxy.URL + "/discord-proxy/"})
	f.waitCalls(t, 1, "PUT", "/api/v9/applications/"+appID+"/commands")
	if n := len(f.callsTo("GET", "/api/v9/gateway")); n != 1 {
		t.Errorf("gateway looked up %d times through the proxy; want 1", n)
	}
}

func checkCommands(t *testing.T, c restCall) {
	t.Helper()
	var cmds []discordgo.ApplicationCommand
	c.decode(t, &cmds)
	if len(cmds) != 1 || cmds[0].Name != "pariscall" {
		t.Fatalf("registered %s; want the one command pariscall", c.Body)
	}
	cmd := cmds[0]
	if n := len([]rune(cmd.Description)); n == 0 || n > 100 {
		t.Errorf("description %q has %d characters; want 1..100", cmd.Description, n)
	}
	if len(cmd.Options) != 2 {
		t.Fatalf("options = %d; want question and ephemeral", len(cmd.Options))
	}
	q, e := cmd.Options[0], cmd.Options[1]
	if q.Name != "question" || q.Type != discordgo.ApplicationCommandOptionString || !q.Required || !q.Autocomplete {
		t.Errorf("question option = %+v; want a required string with autocomplete", q)
	}
	if e.Name != "ephemeral" || e.Type != discordgo.ApplicationCommandOptionBoolean || e.Required {
		t.Errorf("ephemeral option = %+v; want an optional boolean", e)
	}
	for _, o := range cmd.Options {
		if n := len([]rune(o.Description)); n == 0 || n > 100 {
			t.Errorf("option %s description %q has %d characters; want 1..100", o.Name, o.Description, n)
		}
	}
}

// message is a MESSAGE_CREATE payload.
func message(id, guild, authorID string, isBot bool, content string, mentions ...string) map[string]any {
	var ms []map[string]any
	for _, m := range mentions {
		ms = append(ms, map[string]any{"id": m, "username": "u" + m})
	}
	m := map[string]any{
		"id": id, "channel_id": "c-" + id, "content": content, "type": 0,
		"author":   map[string]any{"id": authorID, "username": "someone", "bot": isBot},
		"mentions": ms,
	}
	if guild != "" {
		m["guild_id"] = guild
	}
	return m
}

func TestGatewayMentions(t *testing.T) {
	t.Parallel()
	f := newFakeDiscord(t)
	eng := &fakeEngine{}
	obs := &bottest.Observer{}
	var logs bottest.SyncBuffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	startGateway(t, f, discord.Options{Engine: eng, Observer: obs, Logger: logger})

	webhook := message("m6", "g", "u2", false, "<@"+botID+"> via webhook", botID)
	webhook["webhook_id"] = "w1"
	joined := message("m7", "g", "u1", false, "<@"+botID+"> joined", botID)
	joined["type"] = 7
	ignored := []map[string]any{
		webhook, // a webhook
		joined,  // a system message
		message("m1", "g", "u1", true, "<@"+botID+"> who signed", botID),  // another bot
		message("m2", "g", botID, true, "<@"+botID+"> who signed", botID), // itself
		message("m3", "g", "u1", false, "who signed, anyone?"),            // no mention
		message("m4", "", botID, true, "a DM from the bot itself"),        // own DM
		message("m5", "g", botID, false, "<@"+botID+"> echo", botID),      // itself, even unflagged
	}
	for _, m := range ignored {
		f.dispatch(t, "MESSAGE_CREATE", m)
	}
	answered := []struct {
		msg  map[string]any
		want string // question the engine should get
	}{
		{message("a1", "g", "u1", false, "<@"+botID+"> who didn't sign @everyone <@&123>", botID), "who didn't sign @everyone <@&123>"},
		{message("a2", "g", "u1", false, "hey <@!"+botID+">   principle 8", botID), "hey principle 8"},
		{message("a3", "", "u1", false, "brief"), "brief"},
	}
	for _, a := range answered {
		f.dispatch(t, "MESSAGE_CREATE", a.msg)
	}
	want := map[string]string{}
	for _, a := range answered {
		want[a.msg["id"].(string)] = a.want
	}
	checkReplies(t, f, want)
	if got := eng.asked(); len(got) != len(answered) {
		t.Errorf("engine asked %q; want %d questions", got, len(answered))
	}
	for _, a := range answered {
		if !contains(eng.asked(), a.want) {
			t.Errorf("engine never asked %q; asked %q", a.want, eng.asked())
		}
	}
	bottest.WaitFor(t, "answers observed", func() bool { n, _, _ := obs.Counts(); return n == len(answered) })
	checkLogs(t, logs.String(), "who didn't sign", len(answered))
}

// checkReplies checks that the bot posted exactly one reply to each
// message in want (message id to question), in its channel, referencing
// it, mentioning no one, and rendering sampleAnswer of the question.
func checkReplies(t *testing.T, f *fakeDiscord, want map[string]string) {
	t.Helper()
	f.waitCalls(t, len(want), "POST", "/api/v9/channels/")
	time.Sleep(50 * time.Millisecond) // let any wrong reply to an ignored message arrive
	posts := f.callsTo("POST", "/api/v9/channels/")
	if len(posts) != len(want) {
		t.Fatalf("bot posted %d messages %v; want %d", len(posts), posts, len(want))
	}
	for _, p := range posts {
		var ms discordgo.MessageSend
		p.decode(t, &ms)
		checkNoMentions(t, p.Body)
		if ms.Reference == nil {
			t.Fatalf("%s has no message_reference", p)
		}
		id := ms.Reference.MessageID
		if path := "/api/v9/channels/c-" + id + "/messages"; p.Path != path {
			t.Errorf("reply to %s posted to %s; want %s", id, p.Path, path)
		}
		q, ok := want[id]
		if !ok {
			t.Errorf("reply references %s; want one of %v", id, want)
			continue
		}
		delete(want, id)
		checkSampleEmbeds(t, ms.Embeds, q)
	}
}

// checkLogs checks that each answer is logged at info with its platform,
// intent and latency, that question text appears only at debug, and that
// the token never appears.
func checkLogs(t *testing.T, logs, question string, answers int) {
	t.Helper()
	if strings.Contains(logs, "test-token") {
		t.Errorf("logs contain the token:\n%s", logs)
	}
	n := 0
	for _, line := range strings.Split(logs, "\n") {
		if strings.Contains(line, "msg=answered") {
			n++
			for _, want := range []string{"level=INFO", "platform=discord", "intent=not_signed", "latency="} {
				if !strings.Contains(line, want) {
					t.Errorf("answer log %q lacks %q", line, want)
				}
			}
		}
		if strings.Contains(line, question) && !strings.Contains(line, "level=DEBUG") {
			t.Errorf("question text logged above debug: %q", line)
		}
	}
	if n != answers {
		t.Errorf("logged %d answers; want %d", n, answers)
	}
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// checkNoMentions asserts that a payload allows no mentions: parse is an
// empty list, not null or absent.
func checkNoMentions(t *testing.T, body []byte) {
	t.Helper()
	var p struct {
		AllowedMentions *struct {
			Parse       *[]string `json:"parse"`
			RepliedUser bool      `json:"replied_user"`
		} `json:"allowed_mentions"`
		Data *struct {
			AllowedMentions *struct {
				Parse *[]string `json:"parse"`
			} `json:"allowed_mentions"`
		} `json:"data"`
	}
	if err := json.Unmarshal(body, &p); err != nil {
		t.Fatalf("decode %s: %v", body, err)
	}
	parse := (*[]string)(nil)
	switch {
	case p.AllowedMentions != nil:
		parse = p.AllowedMentions.Parse
	case p.Data != nil && p.Data.AllowedMentions != nil:
		parse = p.Data.AllowedMentions.Parse
	}
	if parse == nil || len(*parse) != 0 {
		t.Errorf("allowed_mentions.parse in %s; want []", body)
	}
}

// checkSampleEmbeds checks the rendering of sampleAnswer(q).
func checkSampleEmbeds(t *testing.T, embeds []*discordgo.MessageEmbed, q string) {
	t.Helper()
	if len(embeds) != 1 {
		t.Fatalf("got %d embeds; want 1", len(embeds))
	}
	e := embeds[0]
	if e.Title != "Who didn't sign the Paris Call" {
		t.Errorf("title = %q", e.Title)
	}
	if !strings.Contains(plainText(e.Description), q) {
		t.Errorf("description %q does not echo %q", e.Description, q)
	}
	if len(e.Fields) != 2 {
		t.Fatalf("got %d fields; want 2", len(e.Fields))
	}
	for i, c := range sampleAnswer(q).Citations {
		if got := quoteOfField(e.Fields[i].Value); got != c.Quote {
			t.Errorf("field %d quote = %q; want %q", i, got, c.Quote)
		}
	}
	unescapedMention := regexp.MustCompile(`(^|[^\\])<@`)
	for _, s := range []string{e.Title, e.Description, e.Fields[0].Value, e.Fields[1].Value} {
		if strings.Contains(s, "@everyone") || unescapedMention.MatchString(s) {
			t.Errorf("embed text %q can mention", s)
		}
	}
}

func TestGatewayReconnects(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name                       string
		disrupt                    func(c *gatewayConn) error
		wantIdentifies, wantResume int
	}{
		{"socket dropped", func(c *gatewayConn) error { return c.ws.NetConn().Close() }, 1, 1},
		{"op 7 reconnect", func(c *gatewayConn) error { return c.send(map[string]any{"op": 7, "d": nil}) }, 1, 1},
		{"op 9 invalid session", func(c *gatewayConn) error { return c.send(map[string]any{"op": 9, "d": false}) }, 2, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := newFakeDiscord(t)
			a := startGateway(t, f, discord.Options{})
			if err := tt.disrupt(f.takeConn()); err != nil {
				t.Fatalf("disrupt: %v", err)
			}
			bottest.WaitFor(t, "reconnected", func() bool {
				ids, res, _ := f.counts()
				// At least: on a loaded machine discordgo may reconnect twice.
				return ids >= tt.wantIdentifies && res >= tt.wantResume && f.connected() && a.Status().Ready
			})
			f.dispatch(t, "MESSAGE_CREATE", message("after", "g", "u1", false, "<@"+botID+"> brief", botID))
			f.waitCalls(t, 1, "POST", "/api/v9/channels/c-after/messages")
		})
	}
}
