package discord_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/bwmarrin/discordgo"
)

// FuzzInteractionHTTP sends correctly signed but arbitrary bodies to the
// interactions endpoint: it must answer 200 with a valid response, or
// 400/413, and never panic. Seeds are in testdata/fuzz/FuzzInteractionHTTP.
func FuzzInteractionHTTP(f *testing.F) {
	b := newHTTPBot(f, &fakeEngine{AnswerFunc: sampleAnswer}, "http://127.0.0.1:1")
	f.Add([]byte(`{"id":"1","type":1,"token":"t"}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		w := b.do(signed(b.key, fixedClock(), body))
		switch w.Code {
		case http.StatusBadRequest, http.StatusRequestEntityTooLarge:
			return
		case http.StatusOK:
		default:
			t.Fatalf("status %d for %q", w.Code, body)
		}
		var r discordgo.InteractionResponse
		if err := json.Unmarshal(w.Body.Bytes(), &r); err != nil {
			t.Fatalf("response %q is not JSON: %v", w.Body, err)
		}
		switch r.Type {
		case discordgo.InteractionResponsePong,
			discordgo.InteractionResponseChannelMessageWithSource,
			discordgo.InteractionApplicationCommandAutocompleteResult:
		default:
			t.Fatalf("response type %d for %q", r.Type, body)
		}
		if r.Data != nil && len(r.Data.Choices) > 25 {
			t.Fatalf("%d choices", len(r.Data.Choices))
		}
	})
}
