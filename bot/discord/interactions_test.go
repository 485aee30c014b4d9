package discord_test

import (
	"bytes"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pariscall/pariscall/bot/bottest"

	"github.com/bwmarrin/discordgo"

	"github.com/pariscall/pariscall/bot/discord"
)

// fixedClock() is the clock of HTTP tests; signed timestamps are near it.
func fixedClock() time.Time { return time.Unix(1_700_000_000, 0) }

// httpBot is an adapter with only the HTTP interactions endpoint, and the
// key that signs its requests.
type httpBot struct {
	adapter *discord.Adapter
	mux     *http.ServeMux
	key     ed25519.PrivateKey
	obs     *bottest.Observer
}

func newHTTPBot(t testing.TB, eng *fakeEngine, apiURL string) httpBot {
	t.Helper()
	return newCachedHTTPBot(t, eng, apiURL, 0)
}

// newCachedHTTPBot is newHTTPBot with an answer cache of budget bytes.
func newCachedHTTPBot(t testing.TB, eng *fakeEngine, apiURL string, budget int) httpBot {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	obs := &bottest.Observer{}
	a, err := discord.New(discord.Options{
		PublicKey: hex.EncodeToString(pub), Engine: eng, Observer: obs, APIURL: apiURL,
		Now: fixedClock, AnswerCache: budget,
	})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	mux := http.NewServeMux()
	a.Mount(mux)
	return httpBot{adapter: a, mux: mux, key: priv, obs: obs}
}

// signed builds a request signed with key at time ts.
func signed(key ed25519.PrivateKey, ts time.Time, body []byte) *http.Request {
	r := httptest.NewRequest("POST", "/discord/interactions", bytes.NewReader(body))
	stamp := strconv.FormatInt(ts.Unix(), 10)
	r.Header.Set("X-Signature-Timestamp", stamp)
	r.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(key, append([]byte(stamp), body...))))
	return r
}

func (b httpBot) do(r *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	b.mux.ServeHTTP(w, r)
	return w
}

func mustJSON(t testing.TB, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestInteractionSignatures(t *testing.T) {
	t.Parallel()
	b := newHTTPBot(t, &fakeEngine{}, "http://127.0.0.1:1")
	_, otherKey, _ := ed25519.GenerateKey(nil)
	ping := []byte(`{"id":"1","application_id":"` + appID + `","type":1,"token":"t","version":1}`)
	tests := []struct {
		name string
		req  func() *http.Request
		want int
	}{
		{"good", func() *http.Request { return signed(b.key, fixedClock(), ping) }, http.StatusOK},
		{"other key", func() *http.Request { return signed(otherKey, fixedClock(), ping) }, http.StatusUnauthorized},
		{"missing headers", func() *http.Request {
			return httptest.NewRequest("POST", "/discord/interactions", bytes.NewReader(ping))
		}, http.StatusUnauthorized},
		{"tampered body", func() *http.Request {
			r := signed(b.key, fixedClock(), ping)
			r.Body = httptestBody(bytes.Replace(ping, []byte(`"type":1`), []byte(`"type":2`), 1))
			return r
		}, http.StatusUnauthorized},
		{"signature not hex", func() *http.Request {
			r := signed(b.key, fixedClock(), ping)
			r.Header.Set("X-Signature-Ed25519", "zz"+r.Header.Get("X-Signature-Ed25519")[2:])
			return r
		}, http.StatusUnauthorized},
		{"stale timestamp", func() *http.Request { return signed(b.key, fixedClock().Add(-time.Hour), ping) }, http.StatusUnauthorized},
		{"body too large", func() *http.Request {
			return signed(b.key, fixedClock(), append(ping, bytes.Repeat([]byte(" "), 1<<20)...))
		}, http.StatusRequestEntityTooLarge},
		{"malformed JSON", func() *http.Request { return signed(b.key, fixedClock(), []byte(`{"type":`)) }, http.StatusBadRequest},
		{"button click", func() *http.Request {
			return signed(b.key, fixedClock(), []byte(`{"id":"1","type":3,"token":"t","data":{"custom_id":"x","component_type":2}}`))
		}, http.StatusBadRequest},
		{"wrong method", func() *http.Request { return httptest.NewRequest("GET", "/discord/interactions", nil) }, http.StatusMethodNotAllowed},
	}
	wantRejected := 0
	for _, tt := range tests {
		w := b.do(tt.req())
		if w.Code != tt.want {
			t.Errorf("%s: status = %d; want %d (body %q)", tt.name, w.Code, tt.want, w.Body)
		}
		if tt.want == http.StatusUnauthorized {
			wantRejected++
		}
	}
	if _, rejected, _ := b.obs.Counts(); rejected != wantRejected {
		t.Errorf("SignatureRejected called %d times; want %d", rejected, wantRejected)
	}
	w := b.do(signed(b.key, fixedClock(), ping))
	if got := strings.TrimSpace(w.Body.String()); got != `{"type":1}` {
		t.Errorf("PING answered %s; want {\"type\":1}", got)
	}
}

func httptestBody(b []byte) *readCloser { return &readCloser{bytes.NewReader(b)} }

type readCloser struct{ *bytes.Reader }

func (readCloser) Close() error { return nil }

func TestInteractionCommandHTTP(t *testing.T) {
	t.Parallel()
	f := newFakeDiscord(t)
	eng := longOrSampleEngine()
	b := newHTTPBot(t, eng, f.srv.URL)

	w := b.do(signed(b.key, fixedClock(), mustJSON(t, commandInteraction("h1", "htok1", "who didn't sign", true))))
	if w.Code != http.StatusOK || w.Header().Get("Content-Type") != "application/json" {
		t.Fatalf("command: status %d, content type %q; want 200 JSON", w.Code, w.Header().Get("Content-Type"))
	}
	resp := decodeResponse(t, restCall{Method: "HTTP", Path: "response", Body: w.Body.Bytes()})
	if resp.Type != discordgo.InteractionResponseChannelMessageWithSource || resp.Data.Flags != discordgo.MessageFlagsEphemeral {
		t.Errorf("response type %d flags %d; want 4 and 64", resp.Type, resp.Data.Flags)
	}
	checkSampleEmbeds(t, resp.Data.Embeds, "who didn't sign")

	w = b.do(signed(b.key, fixedClock(), mustJSON(t, commandInteraction("h2", "htok2", "everything", false))))
	if w.Code != http.StatusOK {
		t.Fatalf("long command: status %d", w.Code)
	}
	want := len(discord.Render(longAnswer("everything", 40, 600))) - 1
	for _, c := range f.waitCalls(t, want, "POST", "/api/v9/webhooks/"+appID+"/htok2") {
		checkNoMentions(t, c.Body)
		if c.Auth != "" {
			t.Errorf("follow-up sent Authorization %q without a token; want none", c.Auth)
		}
	}
	bottest.WaitFor(t, "two answers observed", func() bool { n, _, _ := b.obs.Counts(); return n == 2 })

	tests := []struct {
		typed string
		want  int
	}{
		{"princ", 10},
		{"", 25}, // more suggestions than Discord allows
		{"zzz", 0},
	}
	for _, tt := range tests {
		w = b.do(signed(b.key, fixedClock(), mustJSON(t, autocompleteInteraction("h3", "htok3", tt.typed))))
		checkChoices(t, decodeResponse(t, restCall{Method: "HTTP", Path: "autocomplete", Body: w.Body.Bytes()}), tt.typed, tt.want)
	}
}

func TestNotMountedWithoutPublicKey(t *testing.T) {
	t.Parallel()
	a, err := discord.New(discord.Options{Token: "t", AppID: appID, Engine: &fakeEngine{}})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	a.Mount(mux)
	w := httptest.NewRecorder()
	mux.ServeHTTP(w, httptest.NewRequest("POST", "/discord/interactions", nil))
	if w.Code != http.StatusNotFound {
		t.Errorf("POST /discord/interactions without a public key = %d; want 404", w.Code)
	}
}
