package discord

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/bwmarrin/discordgo"
)

// FuzzDecodeInteraction checks decodeInteraction against discordgo's own
// decoding: whenever discordgo decodes a body, decodeInteraction does too,
// with the same id, application id, type, token and data.
func FuzzDecodeInteraction(f *testing.F) {
	for _, s := range []string{
		`{"id":"1","application_id":"2","type":1,"token":"t","version":1}`,
		`{"id":"1","application_id":"2","type":2,"token":"t","guild_id":"g","member":{"user":{"id":"u","username":"n"}},` +
			`"data":{"id":"c","name":"pariscall","type":1,"options":[{"name":"question","type":3,"value":"who didn't sign"},{"name":"ephemeral","type":5,"value":true}]}}`,
		`{"id":"1","type":4,"token":"t","data":{"name":"pariscall","options":[{"name":"question","type":3,"value":"prin","focused":true}]}}`,
		`{"id":"1","type":3,"token":"t","data":{"custom_id":"x","component_type":2}}`,
		`{"id":"1","type":2,"token":"t","data":null}`,
		`{"id":"1","type":2,"token":"t"}`,
		`{"type":2,"data":{"options":[{"name":"question","value":5}]}}`,
		`{"type":`,
		`[]`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		var want discordgo.Interaction
		if json.Unmarshal(body, &want) != nil {
			return // discordgo refuses it; decodeInteraction may read what it needs
		}
		got, err := decodeInteraction(body)
		if err != nil {
			t.Fatalf("discordgo decodes %q but decodeInteraction fails: %v", body, err)
		}
		if got.ID != want.ID || got.AppID != want.AppID || got.Type != want.Type || got.Token != want.Token {
			t.Fatalf("%q: decoded id %q app %q type %d token %q; discordgo %q %q %d %q",
				body, got.ID, got.AppID, got.Type, got.Token, want.ID, want.AppID, want.Type, want.Token)
		}
		if want.Type == discordgo.InteractionApplicationCommand || want.Type == discordgo.InteractionApplicationCommandAutocomplete {
			if !reflect.DeepEqual(got.Data, want.Data) {
				t.Fatalf("%q: data %#v; discordgo %#v", body, got.Data, want.Data)
			}
		}
	})
}
