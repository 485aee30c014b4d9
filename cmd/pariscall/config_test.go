package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestConfigCheck(t *testing.T) {
	const botToken = "xoxb-1111-2222-abcdefghijklmnop"
	const secret = "8f742231b10e8888abcd99yyyzzz85a5"
	dir := t.TempDir()
	file := filepath.Join(dir, "pariscall.yaml")
	if err := os.WriteFile(file, []byte("http:\n  addr: 127.0.0.1:9000\nlog:\n  level: debug\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		vars     map[string]string
		args     []string
		wantCode int
		want     []string
		never    []string
	}{
		{name: "defaults", wantCode: 0, want: []string{"http.addr                     :8080", "no problems found"}},
		{name: "env only", vars: map[string]string{"PARISCALL_SLACK_BOT_TOKEN": botToken, "PARISCALL_SLACK_SIGNING_SECRET": secret},
			wantCode: 0, want: []string{"xoxb-…mnop", "slack:       enabled"}, never: []string{botToken, secret}},
		{name: "file", args: []string{"--config", file}, want: []string{"127.0.0.1:9000", "debug", file}},
		{name: "flag over env and file", vars: map[string]string{"PARISCALL_HTTP_ADDR": "127.0.0.1:7000"},
			args: []string{"--config", file, "--http-addr", "127.0.0.1:6000"}, want: []string{"127.0.0.1:6000"}, never: []string{"7000", "9000"}},
		{name: "env over file", vars: map[string]string{"PARISCALL_HTTP_ADDR": "127.0.0.1:7000"},
			args: []string{"--config", file}, want: []string{"127.0.0.1:7000"}, never: []string{"9000"}},
		{name: "problems", vars: map[string]string{"PARISCALL_SLACK_BOT_TOKEN": "xoxp-user-token-123456789", "PARISCALL_SLACK_APP_TOKEN": "nope-123456789012345",
			"PARISCALL_DISCORD_SHARD_ID": "4", "PARISCALL_DISCORD_SHARD_COUNT": "2", "PARISCALL_HTTP_ADDR": "localhost"},
			wantCode: 1, want: []string{"slack.bot_token", "xoxb-", "slack.app_token", "xapp-", "discord.shard_id", "http.addr"},
			never: []string{"xoxp-user-token-123456789", "nope-123456789012345"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCmd(t, fakeEnv(t, tt.vars), "", append([]string{"config", "check"}, tt.args...)...)
			if code != tt.wantCode {
				t.Errorf("exit %d; want %d (stderr %q)", code, tt.wantCode, errOut)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			for _, n := range tt.never {
				if strings.Contains(out+errOut, n) {
					t.Errorf("output contains %q:\n%s", n, out)
				}
			}
		})
	}
}

func TestConfigCheckMissingFile(t *testing.T) {
	code, _, errOut := runCmd(t, fakeEnv(t, nil), "", "config", "check", "--config", "/nonexistent/pariscall.yaml")
	if code != 1 || !strings.Contains(errOut, "/nonexistent/pariscall.yaml") {
		t.Errorf("exit %d, stderr %q; want 1 naming the file", code, errOut)
	}
}
