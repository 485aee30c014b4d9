package slack_test

import (
	"os"
	"slices"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/pariscall/pariscall/bot/slack"
)

// manifest holds the parts of manifest.yaml the adapter depends on.
type manifest struct {
	Features struct {
		SlashCommands []struct {
			Command   string `yaml:"command"`
			UsageHint string `yaml:"usage_hint"`
		} `yaml:"slash_commands"`
	} `yaml:"features"`
	OAuth struct {
		Scopes struct {
			Bot []string `yaml:"bot"`
		} `yaml:"scopes"`
	} `yaml:"oauth_config"`
	Settings struct {
		Events struct {
			BotEvents []string `yaml:"bot_events"`
		} `yaml:"event_subscriptions"`
		Interactivity struct {
			Enabled bool `yaml:"is_enabled"`
		} `yaml:"interactivity"`
		SocketMode bool `yaml:"socket_mode_enabled"`
	} `yaml:"settings"`
}

func TestManifest(t *testing.T) {
	raw, err := os.ReadFile("manifest.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var m manifest
	if err := yaml.Unmarshal(raw, &m); err != nil {
		t.Fatalf("manifest.yaml: %v", err)
	}
	if len(m.Features.SlashCommands) != 1 || m.Features.SlashCommands[0].Command != "/pariscall" {
		t.Fatalf("slash commands = %+v; want just /pariscall", m.Features.SlashCommands)
	}
	if got, want := m.Features.SlashCommands[0].UsageHint, slack.UsageHint(); got != want {
		t.Errorf("usage_hint = %q; want %q (from knowledge.Commands)", got, want)
	}
	wantScopes := []string{"app_mentions:read", "chat:write", "commands", "im:history", "im:write"}
	if got := slices.Sorted(slices.Values(m.OAuth.Scopes.Bot)); !slices.Equal(got, wantScopes) {
		t.Errorf("bot scopes = %v; want %v", got, wantScopes)
	}
	if got := slices.Sorted(slices.Values(m.Settings.Events.BotEvents)); !slices.Equal(got, []string{"app_mention", "message.im"}) {
		t.Errorf("bot events = %v; want app_mention and message.im", got)
	}
	if !m.Settings.Interactivity.Enabled || !m.Settings.SocketMode {
		t.Errorf("interactivity %v, socket mode %v; want both on by default", m.Settings.Interactivity.Enabled, m.Settings.SocketMode)
	}
}
