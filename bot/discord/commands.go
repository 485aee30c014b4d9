package discord

import (
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/pariscall/pariscall/knowledge"
)

// The slash command and its options.
const (
	commandName     = "pariscall"
	optionQuestion  = "question"
	optionEphemeral = "ephemeral"

	// maxCommandText is Discord's limit on command and option descriptions.
	maxCommandText = 100
	// maxQuestion bounds what a user can type into the question option.
	maxQuestion = 300
)

// applicationCommand is /pariscall, described from the command table so
// that Discord's command picker lists what help lists.
func applicationCommand(cmds []knowledge.Command) *discordgo.ApplicationCommand {
	var usages, examples []string
	for _, c := range cmds {
		usages = append(usages, c.Usage)
		if len(c.Examples) > 0 {
			examples = append(examples, c.Examples[0])
		}
	}
	return &discordgo.ApplicationCommand{
		Type:        discordgo.ChatApplicationCommand,
		Name:        commandName,
		Description: listText("Cited quotes on the 2018 Paris Call: ", usages),
		Options: []*discordgo.ApplicationCommandOption{
			{
				Type:         discordgo.ApplicationCommandOptionString,
				Name:         optionQuestion,
				Description:  listText("Your question, such as ", examples),
				Required:     true,
				Autocomplete: true,
				MaxLength:    maxQuestion,
			},
			{
				Type:        discordgo.ApplicationCommandOptionBoolean,
				Name:        optionEphemeral,
				Description: "Show the answer only to you",
			},
		},
	}
}

// listText joins as many items after prefix as fit Discord's 100
// characters, ending with an ellipsis when some are left out.
func listText(prefix string, items []string) string {
	out := prefix
	for i, it := range items {
		sep := ", "
		if i == 0 {
			sep = ""
		}
		more := ""
		if i < len(items)-1 {
			more = ", …"
		}
		if runeLen(out+sep+it+more) > maxCommandText {
			return out + sep + "…"
		}
		out += sep + it
	}
	return out
}

// commandOptions reads the question and the ephemeral flag from a command
// interaction. Option values come from the network, so they are checked,
// never asserted.
func commandOptions(data discordgo.ApplicationCommandInteractionData) (question string, ephemeral bool) {
	for _, o := range data.Options {
		if o == nil {
			continue
		}
		switch o.Name {
		case optionQuestion:
			question, _ = o.Value.(string)
		case optionEphemeral:
			ephemeral, _ = o.Value.(bool)
		}
	}
	return strings.TrimSpace(question), ephemeral
}

// focusedText is what the user has typed into the question option so far,
// and whether that option is the one being completed.
func focusedText(data discordgo.ApplicationCommandInteractionData) (string, bool) {
	for _, o := range data.Options {
		if o != nil && o.Focused && o.Name == optionQuestion {
			s, _ := o.Value.(string)
			return s, true
		}
	}
	return "", false
}

// choices turns the engine's suggestions into at most 25 autocomplete
// choices, each within Discord's 100 characters, without duplicates.
func choices(suggestions []string) []*discordgo.ApplicationCommandOptionChoice {
	out := make([]*discordgo.ApplicationCommandOptionChoice, 0, min(len(suggestions), maxAutocomplete))
	seen := map[string]bool{}
	for _, s := range suggestions {
		s = truncateRunes(strings.TrimSpace(s), maxChoice)
		if s == "" || seen[s] {
			continue
		}
		seen[s] = true
		out = append(out, &discordgo.ApplicationCommandOptionChoice{Name: s, Value: s})
		if len(out) == maxAutocomplete {
			break
		}
	}
	return out
}

// Discord's limits on autocomplete: 25 choices of up to 100 characters.
const (
	maxAutocomplete = 25
	maxChoice       = 100
)

// truncateRunes cuts s to at most n runes, without a marker: a choice's
// value is sent back as the question, so it stays plain text.
func truncateRunes(s string, n int) string {
	if runeLen(s) <= n {
		return s
	}
	return strings.TrimSpace(s[:byteOffset(s, n)])
}
