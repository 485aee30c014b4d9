package config_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/spf13/pflag"

	"github.com/pariscall/pariscall/config"
)

// env returns a fake Getenv backed by m.
func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

// writeFile writes content to dir/name, creating parents, and returns the path.
func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// flags returns a FlagSet with RegisterFlags applied and args parsed.
func flags(t *testing.T, args ...string) *pflag.FlagSet {
	t.Helper()
	fs := pflag.NewFlagSet("test", pflag.ContinueOnError)
	config.RegisterFlags(fs)
	if err := fs.Parse(args); err != nil {
		t.Fatalf("parse %q: %v", args, err)
	}
	return fs
}

const fileYAML = `
http:
  addr: "127.0.0.1:7000"
  shutdown_timeout: 3s
log:
  level: debug
  format: json
slack:
  signing_secret: from-file
discord:
  shard_count: 4
`

func TestLoadPrecedence(t *testing.T) {
	tests := []struct {
		name  string
		env   map[string]string
		file  string // YAML; "" means no file
		args  []string
		check func(c config.Config) (got, want any)
	}{
		{"default", nil, "", nil,
			func(c config.Config) (any, any) { return c.HTTP.Addr, ":8080" }},
		{"env only nested string", map[string]string{"PARISCALL_SLACK_SIGNING_SECRET": "s3cret"}, "", nil,
			func(c config.Config) (any, any) { return c.Slack.SigningSecret, "s3cret" }},
		{"env only duration", map[string]string{"PARISCALL_HTTP_READ_TIMEOUT": "1m30s"}, "", nil,
			func(c config.Config) (any, any) { return c.HTTP.ReadTimeout, 90 * time.Second }},
		{"env only int", map[string]string{"PARISCALL_DISCORD_SHARD_COUNT": "8"}, "", nil,
			func(c config.Config) (any, any) { return c.Discord.ShardCount, 8 }},
		{"env only int64", map[string]string{"PARISCALL_HTTP_MAX_BODY_BYTES": "2048"}, "", nil,
			func(c config.Config) (any, any) { return c.HTTP.MaxBodyBytes, int64(2048) }},
		{"env only zero turns a default off", map[string]string{"PARISCALL_KNOWLEDGE_ANSWER_CACHE_BYTES": "0"}, "", nil,
			func(c config.Config) (any, any) { return c.Knowledge.AnswerCacheBytes, 0 }},
		{"file string", nil, fileYAML, nil,
			func(c config.Config) (any, any) { return c.HTTP.Addr, "127.0.0.1:7000" }},
		{"file duration", nil, fileYAML, nil,
			func(c config.Config) (any, any) { return c.HTTP.ShutdownTimeout, 3 * time.Second }},
		{"file int", nil, fileYAML, nil,
			func(c config.Config) (any, any) { return c.Discord.ShardCount, 4 }},
		{"file leaves other keys at default", nil, fileYAML, nil,
			func(c config.Config) (any, any) { return c.HTTP.ReadHeaderTimeout, 5 * time.Second }},
		{"env overrides file", map[string]string{"PARISCALL_SLACK_SIGNING_SECRET": "from-env"}, fileYAML, nil,
			func(c config.Config) (any, any) { return c.Slack.SigningSecret, "from-env" }},
		{"env overrides file in same section", map[string]string{"PARISCALL_LOG_LEVEL": "warn"}, fileYAML, nil,
			func(c config.Config) (any, any) { return c.Log.Format + "/" + c.Log.Level, "json/warn" }},
		{"empty env var is unset", map[string]string{"PARISCALL_LOG_LEVEL": ""}, fileYAML, nil,
			func(c config.Config) (any, any) { return c.Log.Level, "debug" }},
		{"flag overrides env and file", map[string]string{"PARISCALL_HTTP_ADDR": ":9000"}, fileYAML, []string{"--http-addr", ":9100"},
			func(c config.Config) (any, any) { return c.HTTP.Addr, ":9100" }},
		{"flag overrides default", nil, "", []string{"--log-format=json", "--docs", "/srv/docs"},
			func(c config.Config) (any, any) { return c.Log.Format + " " + c.Knowledge.DocsDir, "json /srv/docs" }},
		{"unchanged flag does not override env", map[string]string{"PARISCALL_HTTP_ADDR": ":9000"}, "", []string{"--log-level", "warn"},
			func(c config.Config) (any, any) { return c.HTTP.Addr, ":9000" }},
		{"unchanged flag does not override file", nil, fileYAML, []string{"--http-addr", ":1"},
			func(c config.Config) (any, any) { return c.Log.Level, "debug" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			opts := config.LoadOptions{Getenv: env(tt.env), Dir: dir}
			if tt.file != "" {
				opts.File = writeFile(t, dir, "custom.yaml", tt.file)
			}
			if tt.args != nil {
				opts.Flags = flags(t, tt.args...)
			}
			c, err := config.Load(opts)
			if err != nil {
				t.Fatalf("Load() error = %v", err)
			}
			if got, want := tt.check(c); got != want {
				t.Errorf("got %v; want %v", got, want)
			}
		})
	}
}

func TestLoadFileLookup(t *testing.T) {
	tests := []struct {
		name     string
		files    map[string]string // relative to the temp dir
		env      map[string]string // "$T" is replaced by the temp dir
		dir      string            // LoadOptions.Dir, relative to the temp dir
		args     []string
		wantFile string // relative to the temp dir; "" means none
		wantAddr string
	}{
		{name: "no file at all", dir: "work", wantAddr: ":8080"},
		{name: "dir file", files: map[string]string{"work/pariscall.yaml": "http: {addr: ':1'}"},
			dir: "work", wantFile: "work/pariscall.yaml", wantAddr: ":1"},
		{name: "xdg file", files: map[string]string{"xdg/pariscall/config.yaml": "http: {addr: ':2'}"},
			env: map[string]string{"XDG_CONFIG_HOME": "$T/xdg"}, dir: "work",
			wantFile: "xdg/pariscall/config.yaml", wantAddr: ":2"},
		{name: "home fallback", files: map[string]string{"home/.config/pariscall/config.yaml": "http: {addr: ':3'}"},
			env: map[string]string{"HOME": "$T/home"}, dir: "work",
			wantFile: "home/.config/pariscall/config.yaml", wantAddr: ":3"},
		{name: "relative xdg ignored", files: map[string]string{"home/.config/pariscall/config.yaml": "http: {addr: ':3'}"},
			env: map[string]string{"XDG_CONFIG_HOME": "rel", "HOME": "$T/home"}, dir: "work",
			wantFile: "home/.config/pariscall/config.yaml", wantAddr: ":3"},
		{name: "dir file beats xdg", files: map[string]string{
			"work/pariscall.yaml": "http: {addr: ':1'}", "xdg/pariscall/config.yaml": "http: {addr: ':2'}"},
			env: map[string]string{"XDG_CONFIG_HOME": "$T/xdg"}, dir: "work",
			wantFile: "work/pariscall.yaml", wantAddr: ":1"},
		{name: "config flag beats dir file", files: map[string]string{
			"work/pariscall.yaml": "http: {addr: ':1'}", "other.yaml": "http: {addr: ':4'}"},
			dir: "work", args: []string{"--config", "$T/other.yaml"}, wantFile: "other.yaml", wantAddr: ":4"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tmp := t.TempDir()
			if err := os.MkdirAll(filepath.Join(tmp, tt.dir), 0o755); err != nil {
				t.Fatal(err)
			}
			for name, content := range tt.files {
				writeFile(t, tmp, name, content)
			}
			e := map[string]string{}
			for k, v := range tt.env {
				e[k] = strings.ReplaceAll(v, "$T", tmp)
			}
			opts := config.LoadOptions{Getenv: env(e), Dir: filepath.Join(tmp, tt.dir)}
			if tt.args != nil {
				args := slices.Clone(tt.args)
				for i := range args {
					args[i] = strings.ReplaceAll(args[i], "$T", tmp)
				}
				opts.Flags = flags(t, args...)
			}
			c, err := config.Load(opts)
			if err != nil {
				t.Fatalf("Load() error = %v", err)
			}
			wantFile := ""
			if tt.wantFile != "" {
				wantFile = filepath.Join(tmp, tt.wantFile)
			}
			if c.File != wantFile {
				t.Errorf("File = %q; want %q", c.File, wantFile)
			}
			if c.HTTP.Addr != tt.wantAddr {
				t.Errorf("HTTP.Addr = %q; want %q", c.HTTP.Addr, tt.wantAddr)
			}
		})
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name     string
		file     string // content; "" means the file does not exist
		env      map[string]string
		wantText []string
		notExist bool
	}{
		{name: "explicit missing file", wantText: []string{"missing.yaml"}, notExist: true},
		{name: "unparsable file", file: "http: [unclosed", wantText: []string{"missing.yaml", "parse"}},
		{name: "duration without unit in file", file: "http:\n  read_timeout: 10\n", wantText: []string{"read_timeout", "unit"}},
		{name: "bad duration in env", env: map[string]string{"PARISCALL_HTTP_READ_TIMEOUT": "soon"}, file: "{}",
			wantText: []string{"read_timeout", "unit"}},
		{name: "bad int in env", env: map[string]string{"PARISCALL_DISCORD_SHARD_ID": "two"}, file: "{}",
			wantText: []string{"shard_id"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "missing.yaml")
			if tt.file != "" {
				writeFile(t, dir, "missing.yaml", tt.file)
			}
			_, err := config.Load(config.LoadOptions{File: path, Getenv: env(tt.env), Dir: dir})
			if err == nil {
				t.Fatal("Load() error = nil; want an error")
			}
			for _, want := range tt.wantText {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("Load() error = %q; want it to contain %q", err, want)
				}
			}
			if got := errors.Is(err, fs.ErrNotExist); got != tt.notExist {
				t.Errorf("errors.Is(err, fs.ErrNotExist) = %v; want %v", got, tt.notExist)
			}
		})
	}
}

func TestLoadUnknownKeys(t *testing.T) {
	dir := t.TempDir()
	path := writeFile(t, dir, "pariscall.yaml", "slack:\n  bot_tokn: x\nhttp:\n  addr: ':1'\ncolour: blue\n")
	c, err := config.Load(config.LoadOptions{File: path, Getenv: env(nil), Dir: dir})
	if err != nil {
		t.Fatalf("Load() error = %v", err)
	}
	want := []string{"colour", "slack.bot_tokn"}
	if !slices.Equal(c.UnknownKeys, want) {
		t.Errorf("UnknownKeys = %q; want %q", c.UnknownKeys, want)
	}
	var ps config.Problems
	if err := c.Validate(); !errors.As(err, &ps) {
		t.Fatalf("Validate() = %v; want Problems", err)
	}
	got := map[string]string{}
	for _, p := range ps {
		got[p.Key] = p.Message
	}
	if msg := got["slack.bot_tokn"]; !strings.Contains(msg, "did you mean slack.bot_token") || !strings.Contains(msg, path) {
		t.Errorf("problem for slack.bot_tokn = %q; want the file name and a suggestion", msg)
	}
	if _, ok := got["colour"]; !ok {
		t.Errorf("Validate() problems = %v; want one for colour", ps)
	}
}
