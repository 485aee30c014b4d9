package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pariscall/pariscall/bot/bottest"
)

// fakeEnv returns a getenv over vars, with HOME pointing at an empty
// directory so no real configuration file is ever read.
func fakeEnv(t *testing.T, vars map[string]string) func(string) string {
	t.Helper()
	home := t.TempDir()
	return func(k string) string {
		if k == "HOME" {
			return home
		}
		return vars[k]
	}
}

// runCmd runs one command line and returns its exit code and output.
func runCmd(t *testing.T, getenv func(string) string, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bottest.SyncBuffer
	err := execute(context.Background(), args, env{getenv: getenv, stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb})
	if err != nil {
		code = exitCode(err)
	}
	return code, out.String(), errb.String()
}

func TestAsk(t *testing.T) {
	getenv := fakeEnv(t, nil)
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"ask", "who didn't sign"}, []string{"Who didn't sign", "Russia", "China", "North Korea", "campus-security ¶2"}},
		{[]string{"ask", "principle", "8"}, []string{"No private hack-back", "hacking-back"}},
		{[]string{"ask", "how many firearms did TSA intercept"}, []string{"The sources don't say"}},
		{[]string{"ask", "<!channel> did Germany sign?"}, []string{"don't say whether Germany signed"}},
		{[]string{"brief"}, []string{"Briefing", "51 countries", "50 countries", "DOA (Dead On Arrival)"}},
	}
	for _, tt := range tests {
		code, out, errOut := runCmd(t, getenv, "", tt.args...)
		if code != 0 {
			t.Errorf("%v: exit %d; want 0 (stderr %q)", tt.args, code, errOut)
		}
		for _, w := range tt.want {
			if !strings.Contains(out, w) {
				t.Errorf("%v: output lacks %q:\n%s", tt.args, w, out)
			}
		}
	}
}

func TestAskJSON(t *testing.T) {
	code, out, _ := runCmd(t, fakeEnv(t, nil), "", "ask", "--json", "did", "the", "US", "sign?")
	if code != 0 {
		t.Fatalf("exit %d; want 0", code)
	}
	var got struct {
		Query     string `json:"query"`
		Intent    string `json:"intent"`
		Answer    string `json:"answer"`
		Citations []struct {
			Source, Title, Quote string
		} `json:"citations"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("output is not one JSON object: %v\n%s", err, out)
	}
	if got.Query != "did the US sign?" || got.Intent != "did_sign" || !strings.HasPrefix(got.Answer, "No.") {
		t.Errorf("got query %q intent %q answer %q; want the question, did_sign and an answer starting No.", got.Query, got.Intent, got.Answer)
	}
	if len(got.Citations) == 0 || got.Citations[0].Source == "" || got.Citations[0].Title == "" || got.Citations[0].Quote == "" {
		t.Errorf("citations = %+v; want source, title and quote", got.Citations)
	}
	_, out, _ = runCmd(t, fakeEnv(t, nil), "", "ask", "--json", "how many firearms did TSA intercept")
	if !strings.Contains(out, `"citations":[]`) {
		t.Errorf("no-answer JSON = %s; want an empty citations list", out)
	}
}

func TestUsageErrors(t *testing.T) {
	tests := [][]string{
		{"bogus"},
		{"ask"},
		{"ask", "   "},
		{"ask", "--nope", "x"},
		{"brief", "--format", "pdf"},
		{"brief", "extra"},
		{"serve", "extra"},
		{"config", "check", "--bad-flag"},
		{"version", "now"},
	}
	for _, args := range tests {
		code, _, errOut := runCmd(t, fakeEnv(t, nil), "", args...)
		if code != 2 {
			t.Errorf("%v: exit %d; want 2", args, code)
		}
		if !strings.Contains(errOut, "Usage:") {
			t.Errorf("%v: stderr lacks the usage:\n%s", args, errOut)
		}
	}
}

func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"ask", "--help"}, {"chat", "--help"}, {"brief", "--help"},
		{"serve", "--help"}, {"config", "check", "--help"}, {"version", "--help"}} {
		code, out, _ := runCmd(t, fakeEnv(t, nil), "", args...)
		if code != 0 || !strings.Contains(out, "Usage:") {
			t.Errorf("%v: exit %d, output %q; want 0 and a usage", args, code, out)
		}
	}
}

func TestBriefMarkdown(t *testing.T) {
	code, out, _ := runCmd(t, fakeEnv(t, nil), "", "brief", "--format", "markdown")
	if code != 0 {
		t.Fatalf("exit %d; want 0", code)
	}
	for _, w := range []string{"# Briefing: Paris Call for Trust and Security in Cyberspace\n", "_As reported in November 2018._",
		"- **Who didn't:**", "## Quotes", "“DOA (Dead On Arrival),”", "## Notes"} {
		if !strings.Contains(out, w) {
			t.Errorf("markdown brief lacks %q:\n%s", w, out)
		}
	}
}

func TestChat(t *testing.T) {
	code, out, _ := runCmd(t, fakeEnv(t, nil), "principle 8\n\nwhat did Bischoff say\nquit\nprinciple 3\n", "chat")
	if code != 0 {
		t.Fatalf("exit %d; want 0", code)
	}
	if !strings.Contains(out, "No private hack-back") || !strings.Contains(out, "What Paul Bischoff said") {
		t.Errorf("chat output lacks the answers:\n%s", out)
	}
	if strings.Contains(out, "Defend electoral processes") {
		t.Errorf("chat answered after quit:\n%s", out)
	}
}

func TestAskDocs(t *testing.T) {
	dir := t.TempDir()
	doc := "---\ntitle: Team policy on hack-back\noutlet: Internal wiki\n---\nOur security team never retaliates against attackers; zebras are our mascot.\n"
	if err := os.WriteFile(filepath.Join(dir, "policy.md"), []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	for name, run := range map[string]func() (int, string, string){
		"flag": func() (int, string, string) {
			return runCmd(t, fakeEnv(t, nil), "", "ask", "--docs", dir, "zebras mascot")
		},
		"env": func() (int, string, string) {
			return runCmd(t, fakeEnv(t, map[string]string{"PARISCALL_KNOWLEDGE_DOCS_DIR": dir}), "", "ask", "zebras mascot")
		},
	} {
		code, out, errOut := run()
		if code != 0 || !strings.Contains(out, "Internal wiki") || !strings.Contains(out, "zebras are our mascot") {
			t.Errorf("%s: exit %d, output %q, stderr %q; want a citation of the document", name, code, out, errOut)
		}
	}
	code, _, errOut := runCmd(t, fakeEnv(t, nil), "", "ask", "--docs", filepath.Join(dir, "missing"), "x")
	if code != 1 || !strings.Contains(errOut, "missing") {
		t.Errorf("missing docs dir: exit %d, stderr %q; want 1 and the path", code, errOut)
	}
}
