package discord_test

import (
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/pariscall/pariscall/bot/discord"
)

func TestGatewayInteractions(t *testing.T) {
	t.Parallel()
	f := newFakeDiscord(t)
	eng := longOrSampleEngine()
	startGateway(t, f, discord.Options{Engine: eng})

	f.dispatch(t, "INTERACTION_CREATE", commandInteraction("i1", "tok1", "who didn't sign", true))
	got := f.waitCalls(t, 1, "POST", "/api/v9/interactions/i1/tok1/callback")
	resp := decodeResponse(t, got[0])
	if resp.Type != discordgo.InteractionResponseChannelMessageWithSource || resp.Data.Flags != discordgo.MessageFlagsEphemeral {
		t.Errorf("response type %d flags %d; want 4 and 64", resp.Type, resp.Data.Flags)
	}
	checkSampleEmbeds(t, resp.Data.Embeds, "who didn't sign")

	f.dispatch(t, "INTERACTION_CREATE", commandInteraction("i2", "tok2", "everything", false))
	got = f.waitCalls(t, 1, "POST", "/api/v9/interactions/i2/tok2/callback")
	if resp := decodeResponse(t, got[0]); resp.Data.Flags != 0 {
		t.Errorf("flags = %d; want 0 when not ephemeral", resp.Data.Flags)
	}
	want := len(discord.Render(longAnswer("everything", 40, 600))) - 1
	follow := f.waitCalls(t, want, "POST", "/api/v9/webhooks/"+appID+"/tok2")
	for _, c := range follow {
		checkNoMentions(t, c.Body)
	}

	f.dispatch(t, "INTERACTION_CREATE", autocompleteInteraction("i3", "tok3", "princ"))
	got = f.waitCalls(t, 1, "POST", "/api/v9/interactions/i3/tok3/callback")
	checkChoices(t, decodeResponse(t, got[0]), "princ", 10)
}

func commandInteraction(id, token, question string, ephemeral bool) map[string]any {
	opts := []map[string]any{{"name": "question", "type": 3, "value": question}}
	if ephemeral {
		opts = append(opts, map[string]any{"name": "ephemeral", "type": 5, "value": true})
	}
	return map[string]any{
		"id": id, "application_id": appID, "type": 2, "token": token, "version": 1, "guild_id": "g", "channel_id": "c",
		"member": map[string]any{"user": map[string]any{"id": "u1", "username": "asker"}},
		"data":   map[string]any{"id": "cmd", "name": "pariscall", "type": 1, "options": opts},
	}
}

func autocompleteInteraction(id, token, typed string) map[string]any {
	return map[string]any{
		"id": id, "application_id": appID, "type": 4, "token": token, "version": 1,
		"data": map[string]any{"id": "cmd", "name": "pariscall", "type": 1, "options": []map[string]any{
			{"name": "question", "type": 3, "value": typed, "focused": true},
		}},
	}
}

func decodeResponse(t *testing.T, c restCall) discordgo.InteractionResponse {
	t.Helper()
	var r discordgo.InteractionResponse
	c.decode(t, &r)
	if r.Data == nil {
		t.Fatalf("%s: response %s has no data", c, c.Body)
	}
	if r.Type == discordgo.InteractionResponseChannelMessageWithSource {
		checkNoMentions(t, c.Body)
	}
	return r
}

// checkChoices checks an autocomplete result: at most 25 choices, each
// within 100 characters and containing what was typed.
func checkChoices(t *testing.T, r discordgo.InteractionResponse, typed string, want int) {
	t.Helper()
	if r.Type != discordgo.InteractionApplicationCommandAutocompleteResult {
		t.Fatalf("response type = %d; want 8", r.Type)
	}
	if len(r.Data.Choices) != want {
		t.Errorf("got %d choices; want %d", len(r.Data.Choices), want)
	}
	for _, c := range r.Data.Choices {
		v, _ := c.Value.(string)
		if len([]rune(c.Name)) > 100 || len([]rune(v)) > 100 || !strings.Contains(strings.ToLower(v), typed) {
			t.Errorf("choice %q/%q: want ≤ 100 characters containing %q", c.Name, v, typed)
		}
	}
}
