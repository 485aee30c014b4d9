package config

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/spf13/pflag"
	"github.com/spf13/viper"
)

// ConfigFlag is the name of the flag that names the configuration file.
const ConfigFlag = "config"

// LoadOptions says where Load looks for settings.
type LoadOptions struct {
	// File is the configuration file to read. When it is set, it must exist
	// and parse. When it is "", Load uses the --config flag from Flags, then
	// <Dir>/pariscall.yaml, then $XDG_CONFIG_HOME/pariscall/config.yaml
	// (default $HOME/.config/pariscall/config.yaml), whichever exists
	// first; having no file at all is fine.
	File string
	// Getenv reads the environment; main passes os.Getenv. Nil means an
	// empty environment. Load never reads the process environment itself.
	Getenv func(string) string
	// Flags, when not nil, holds the flags RegisterFlags added. Flags the
	// user set override every other source; flags left alone do not.
	Flags *pflag.FlagSet
	// Dir is the directory searched for pariscall.yaml; "" means ".".
	Dir string
}

// flagSpec binds one command-line flag to one configuration key.
type flagSpec struct {
	name  string
	key   string
	usage string
}

func flagTable() []flagSpec {
	return []flagSpec{
		{name: "http-addr", key: "http.addr", usage: "host:port the HTTP server listens on"},
		{name: "log-level", key: "log.level", usage: "log level: debug, info, warn or error"},
		{name: "log-format", key: "log.format", usage: "log format: text or json"},
		{name: "docs", key: "knowledge.docs_dir", usage: "directory of extra documents to index"},
	}
}

// RegisterFlags adds the flags that Load understands to fs: --config,
// --http-addr, --log-level, --log-format and --docs. Their defaults are
// shown for help only; an unset flag never overrides the environment or the
// file.
func RegisterFlags(fs *pflag.FlagSet) {
	fs.String(ConfigFlag, "", "configuration file (default ./pariscall.yaml, then $XDG_CONFIG_HOME/pariscall/config.yaml)")
	for _, f := range flagTable() {
		k, _ := lookupKey(f.key)
		def, _ := k.def.(string)
		fs.String(f.name, def, f.usage+" ("+EnvVar(f.key)+")")
	}
}

// Load reads the configuration. Precedence, highest first: flags the user
// set, PARISCALL_* environment variables read through opts.Getenv, the YAML
// file, and the defaults. It fails when the file cannot be read or parsed
// or a value has the wrong type; it does not check the values: call
// Validate for that.
func Load(opts LoadOptions) (Config, error) {
	getenv := opts.Getenv
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	v := viper.New()
	for _, k := range keyTable() {
		v.SetDefault(k.name, k.def)
	}
	path, err := findFile(opts, getenv)
	if err != nil {
		return Config{}, err
	}
	var unknown []string
	if path != "" {
		if err := readFile(v, path); err != nil {
			return Config{}, err
		}
		unknown = unknownKeys(v)
	}
	// Environment values go into the file layer, above what the file said,
	// so that flags, which viper ranks above that layer, still win.
	if err := v.MergeConfigMap(envLayer(getenv)); err != nil {
		return Config{}, fmt.Errorf("merge environment: %w", err)
	}
	if err := bindFlags(v, opts.Flags); err != nil {
		return Config{}, err
	}
	var c Config
	if err := v.Unmarshal(&c, viper.DecodeHook(durationHook)); err != nil {
		return Config{}, fmt.Errorf("decode configuration: %w", err)
	}
	c.File = path
	c.UnknownKeys = unknown
	return c, nil
}

// findFile returns the configuration file to read, or "" for none.
func findFile(opts LoadOptions, getenv func(string) string) (string, error) {
	if opts.File != "" {
		return opts.File, nil
	}
	if opts.Flags != nil {
		if f := opts.Flags.Lookup(ConfigFlag); f != nil && f.Value.String() != "" {
			return f.Value.String(), nil
		}
	}
	dir := opts.Dir
	if dir == "" {
		dir = "."
	}
	candidates := []string{filepath.Join(dir, "pariscall.yaml")}
	if base := xdgConfigHome(getenv); base != "" {
		candidates = append(candidates, filepath.Join(base, "pariscall", "config.yaml"))
	}
	for _, p := range candidates {
		_, err := os.Stat(p)
		if err == nil {
			return p, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", fmt.Errorf("look for config file %q: %w", p, err)
		}
	}
	return "", nil
}

// xdgConfigHome returns $XDG_CONFIG_HOME, or $HOME/.config when it is unset
// or relative (the XDG spec says to ignore relative paths), or "".
func xdgConfigHome(getenv func(string) string) string {
	if x := getenv("XDG_CONFIG_HOME"); x != "" && filepath.IsAbs(x) {
		return x
	}
	if home := getenv("HOME"); home != "" {
		return filepath.Join(home, ".config")
	}
	return ""
}

// readFile reads the YAML file at path into v's file layer.
func readFile(v *viper.Viper, path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("read config file %q: %w", path, err)
	}
	v.SetConfigType("yaml")
	if err := v.ReadConfig(bytes.NewReader(data)); err != nil {
		return fmt.Errorf("parse config file %q: %w", path, err)
	}
	return nil
}

// unknownKeys lists, sorted, the keys v holds that are not in keyTable.
// Called right after the file is read, so they all come from the file.
func unknownKeys(v *viper.Viper) []string {
	var out []string
	for _, k := range v.AllKeys() {
		if _, ok := lookupKey(k); !ok {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

// envLayer returns the known keys set in the environment, as a nested map
// ready for MergeConfigMap. Empty variables count as unset.
func envLayer(getenv func(string) string) map[string]any {
	out := map[string]any{}
	for _, k := range keyTable() {
		val := getenv(EnvVar(k.name))
		if val == "" {
			continue
		}
		section, leaf, _ := strings.Cut(k.name, ".")
		m, ok := out[section].(map[string]any)
		if !ok {
			m = map[string]any{}
			out[section] = m
		}
		m[leaf] = val
	}
	return out
}

// bindFlags binds each flag of flagTable present in fs to its key.
func bindFlags(v *viper.Viper, fs *pflag.FlagSet) error {
	if fs == nil {
		return nil
	}
	for _, f := range flagTable() {
		pf := fs.Lookup(f.name)
		if pf == nil {
			continue
		}
		if err := v.BindPFlag(f.key, pf); err != nil {
			return fmt.Errorf("bind flag --%s: %w", f.name, err)
		}
	}
	return nil
}

// durationHook decodes durations written as text ("10s") and refuses bare
// numbers, which weak typing would otherwise read as nanoseconds.
func durationHook(from, to reflect.Type, data any) (any, error) {
	durationType := reflect.TypeFor[time.Duration]()
	if to != durationType || from == durationType {
		return data, nil
	}
	switch from.Kind() {
	case reflect.String:
		d, err := time.ParseDuration(strings.TrimSpace(reflect.ValueOf(data).String()))
		if err != nil {
			return nil, fmt.Errorf("%w; write a duration with a unit, such as 10s or 1m30s", err)
		}
		return d, nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		return nil, fmt.Errorf("duration %v has no unit; write it with one, such as %vs", data, data)
	}
	return data, nil
}
