package discord

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/pariscall/pariscall/bot/bottest"
)

// TestCallbackSessionsRotate checks that a fresh session takes over every
// callbackUses interactions.
func TestCallbackSessionsRotate(t *testing.T) {
	c := &callbacks{token: "Bot x", client: http.DefaultClient}
	seen := map[*discordgo.Session]int{}
	for range 3 * callbackUses {
		seen[c.session()]++
	}
	if len(seen) != 3 {
		t.Fatalf("%d sessions for %d interactions; want 3", len(seen), 3*callbackUses)
	}
	for s, n := range seen {
		if n != callbackUses || s.Token != "Bot x" || s.Client != http.DefaultClient {
			t.Errorf("a session answered %d interactions with token %q; want %d, the token and the client", n, s.Token, callbackUses)
		}
	}
}

// TestCallbackMemoryStaysFlat answers many interactions through real
// discordgo sessions against a fake Discord: live memory must not grow
// with the number of interactions, as it does with a single session
// (about 450 bytes per interaction token, 4.5 MB here).
func TestCallbackMemoryStaysFlat(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	api, err := url.Parse(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	c := &callbacks{token: "Bot x", client: rewriteClient(nil, api)}
	token := strings.Repeat("t", 200) // Discord's interaction tokens are about this long
	respond := func(n int) {
		for i := range n {
			in := &discordgo.Interaction{ID: strconv.Itoa(i), Token: token + strconv.Itoa(i)}
			resp := &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource,
				Data: &discordgo.InteractionResponseData{Content: "answer"}}
			if err := c.session().InteractionRespond(in, resp); err != nil {
				t.Fatalf("InteractionRespond: %v", err)
			}
		}
	}
	respond(callbackUses) // connections, pools and one full session
	before := bottest.LiveHeap()
	respond(10 * callbackUses)
	grown := int64(bottest.LiveHeap()) - int64(before)
	runtime.KeepAlive(c) // else the sessions, buckets and all, could be collected before measuring
	if grown > 2<<20 {
		t.Errorf("live heap grew by %d bytes over %d interactions; want it flat (under 2 MiB)", grown, 10*callbackUses)
	}
	t.Logf("live heap grew by %d bytes over %d interactions", grown, 10*callbackUses)
}
