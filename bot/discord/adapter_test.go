package discord_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/pariscall/pariscall/bot/bottest"
	"github.com/pariscall/pariscall/bot/discord"
)

func TestNewChecksOptions(t *testing.T) {
	t.Parallel()
	eng := &fakeEngine{}
	key := strings.Repeat("ab", 32)
	tests := []struct {
		name    string
		opts    discord.Options
		wantErr string // "" for success
	}{
		{"gateway", discord.Options{Token: "t", AppID: "1", Engine: eng}, ""},
		{"http only", discord.Options{PublicKey: key, Engine: eng}, ""},
		{"no engine", discord.Options{Token: "t", AppID: "1"}, "engine"},
		{"nothing configured", discord.Options{Engine: eng}, "token or public_key"},
		{"token without app id", discord.Options{Token: "t", Engine: eng}, "app_id"},
		{"short public key", discord.Options{PublicKey: "abcd", Engine: eng}, "public_key"},
		{"public key not hex", discord.Options{PublicKey: strings.Repeat("zz", 32), Engine: eng}, "public_key"},
		{"shard out of range", discord.Options{Token: "t", AppID: "1", ShardID: 2, ShardCount: 2, Engine: eng}, "shard_id"},
		{"negative shard", discord.Options{Token: "t", AppID: "1", ShardID: -1, Engine: eng}, "shard_id"},
		{"bad api url", discord.Options{Token: "t", AppID: "1", APIURL: "discord.local", Engine: eng}, "api_url"},
	}
	for _, tt := range tests {
		_, err := discord.New(tt.opts)
		switch {
		case tt.wantErr == "" && err != nil:
			t.Errorf("%s: New = %v; want no error", tt.name, err)
		case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
			t.Errorf("%s: New = %v; want an error naming %q", tt.name, err, tt.wantErr)
		}
	}
}

func TestStatusWithoutGateway(t *testing.T) {
	t.Parallel()
	a, err := discord.New(discord.Options{PublicKey: strings.Repeat("ab", 32), Engine: &fakeEngine{}})
	if err != nil {
		t.Fatal(err)
	}
	if got := a.Platform(); got != "discord" {
		t.Errorf("Platform() = %q; want discord", got)
	}
	st := a.Status()
	if !st.Ready || !strings.Contains(st.Detail, "gateway not configured") {
		t.Errorf("Status() = %+v; want ready, gateway not configured", st)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if err := a.Run(ctx); err != nil {
		t.Errorf("Run without a token = %v; want nil when ctx ends", err)
	}
}

func TestRunFailsWhenGatewayUnreachable(t *testing.T) {
	t.Parallel()
	obs := &bottest.Observer{}
	a, err := discord.New(discord.Options{Token: "t", AppID: appID, APIURL: "http://127.0.0.1:1", Engine: &fakeEngine{}, Observer: obs})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Run(context.Background()); err == nil || strings.Contains(err.Error(), "Bot t") {
		t.Errorf("Run = %v; want an error that does not show the token", err)
	}
	if st := a.Status(); st.Ready {
		t.Errorf("Status() = %+v; want not ready", st)
	}
	if _, _, n := obs.Counts(); n != 1 {
		t.Errorf("APIError called %d times; want 1", n)
	}
}
