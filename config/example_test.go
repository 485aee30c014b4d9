package config_test

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/spf13/pflag"
	"github.com/spf13/viper"

	"github.com/pariscall/pariscall/config"
)

func ExampleLoad() {
	fs := pflag.NewFlagSet("serve", pflag.ContinueOnError)
	config.RegisterFlags(fs)
	_ = fs.Parse([]string{"--log-level", "debug"})

	// main passes os.Getenv; this fake environment enables Slack in
	// Socket Mode.
	environment := map[string]string{
		"PARISCALL_SLACK_BOT_TOKEN": "xoxb-1111111111-2222222222222-AbCdEfGhIjKl",
		"PARISCALL_SLACK_APP_TOKEN": "xapp-1-A0000000000-3333333333333-0123456789ab",
		"PARISCALL_HTTP_ADDR":       "127.0.0.1:9090",
	}
	c, err := config.Load(config.LoadOptions{
		Getenv: func(k string) string { return environment[k] },
		Flags:  fs,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := c.Validate(); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.HTTP.Addr, c.Log.Level, c.SlackEnabled(), c.DiscordEnabled())
	fmt.Println(config.Redact(c.Slack.BotToken))
	// Output:
	// 127.0.0.1:9090 debug true false
	// xoxb-…IjKl
}

// examplePath is pariscall.example.yaml at the repository root.
func examplePath(t *testing.T) string {
	t.Helper()
	path, err := filepath.Abs(filepath.Join("..", "pariscall.example.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return path
}

func TestExampleFileDocumentsEveryKey(t *testing.T) {
	path := examplePath(t)
	text, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read example: %v", err)
	}
	// A bare viper holds only what the file sets, so IsSet tells whether
	// the example spells out each key.
	raw := viper.New()
	raw.SetConfigFile(path)
	if err := raw.ReadInConfig(); err != nil {
		t.Fatalf("parse example: %v", err)
	}
	for _, d := range config.Defaults() {
		if !raw.IsSet(d.Key) {
			t.Errorf("%s does not set %s", path, d.Key)
		}
		if env := config.EnvVar(d.Key); !strings.Contains(string(text), env) {
			t.Errorf("%s does not mention %s", path, env)
		}
	}
}

func TestExampleFileHoldsTheDefaults(t *testing.T) {
	path := examplePath(t)
	got, err := config.Load(config.LoadOptions{File: path, Getenv: env(nil), Dir: t.TempDir()})
	if err != nil {
		t.Fatalf("Load(%s) error = %v", path, err)
	}
	if len(got.UnknownKeys) != 0 {
		t.Errorf("Load(%s) UnknownKeys = %q; want none", path, got.UnknownKeys)
	}
	if got.File != path {
		t.Errorf("Load(%s) File = %q; want %q", path, got.File, path)
	}
	want := defaults(t)
	got.File = ""
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Load(%s) = %+v; want the defaults %+v", path, got, want)
	}
	if err := got.Validate(); err != nil {
		t.Errorf("Validate() of the example = %v; want nil", err)
	}
}
