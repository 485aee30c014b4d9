package slack

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/slack-go/slack"
)

// viaSDK parses a slash command the way the SDK does, for comparison.
func viaSDK(target, contentType, body string) (cmd slack.SlashCommand, sslCheck, ok bool) {
	r := httptest.NewRequest(http.MethodPost, target, strings.NewReader(body))
	if contentType != "-" {
		r.Header.Set("Content-Type", contentType)
	}
	cmd, err := slack.SlashCommandParse(r)
	return cmd, r.PostForm.Get("ssl_check") == "1", err == nil
}

func viaAdapter(target, contentType, body string) (cmd slack.SlashCommand, sslCheck, ok bool) {
	r := httptest.NewRequest(http.MethodPost, target, strings.NewReader(body))
	if contentType != "-" {
		r.Header.Set("Content-Type", contentType)
	}
	cmd, sslCheck, err := parseSlashCommand(r, []byte(body))
	return cmd, sslCheck, err == nil
}

// checkSameAsSDK compares parseSlashCommand with slack.SlashCommandParse
// on one request: the same verdict, command, text and ssl_check.
func checkSameAsSDK(t *testing.T, target, contentType, body string) {
	t.Helper()
	want, wantSSL, wantOK := viaSDK(target, contentType, body)
	got, gotSSL, gotOK := viaAdapter(target, contentType, body)
	if gotOK != wantOK || (wantOK && (got.Command != want.Command || got.Text != want.Text || gotSSL != wantSSL)) {
		t.Errorf("parseSlashCommand(%q, %q, %q) = %q %q ssl %v ok %v; SlashCommandParse says %q %q ssl %v ok %v",
			target, contentType, body, got.Command, got.Text, gotSSL, gotOK, want.Command, want.Text, wantSSL, wantOK)
	}
}

const form = "application/x-www-form-urlencoded"

func TestParseSlashCommandMatchesSDK(t *testing.T) {
	tests := []struct{ target, contentType, body string }{
		{"/slack/commands", form, "command=%2Fpariscall&text=who+didn%27t+sign&user_id=U1"},
		{"/slack/commands", form, "text=a&text=b&command=/x&command=/y"},
		{"/slack/commands", form, "comm%61nd=%2Fpariscall&t%65xt=principle%208"},
		{"/slack/commands", form, "command=%2Fpariscall&text=%zz"},
		{"/slack/commands", form, "command=%2Fpariscall&text=ok&junk=%4"},
		{"/slack/commands", form, "command=%2Fpariscall&te%xxt=ok"},
		{"/slack/commands", form, "command=%2Fpariscall;text=x"},
		{"/slack/commands", form, "command=/p&&&text=&=x&text"},
		{"/slack/commands", form, "ssl_check=1&token=abc"},
		{"/slack/commands", form, "ssl_check=%31"},
		{"/slack/commands", form, "text=%F0%9F%99%82+%3C%21channel%3E+%26amp%3B"},
		{"/slack/commands", form, ""},
		{"/slack/commands", form + "; charset=utf-8", "command=/p&text=x"},
		{"/slack/commands", "Application/X-WWW-Form-URLEncoded", "command=/p&text=x"},
		{"/slack/commands", "application/json", `{"command":"/p"}`},
		{"/slack/commands", "-", "command=/p&text=x"},
		{"/slack/commands", "multipart/form-data; boundary=x", "command=/p"},
		{"/slack/commands", "text/plain; charset", "command=/p"},
		{"/slack/commands", "bogus type", "command=/p"},
		{"/slack/commands?text=fromquery", form, "command=/p"},
		{"/slack/commands?%zz", form, "command=/p&text=x"},
		{"/slack/commands?a;b", form, "command=/p&text=x"},
		{"/slack/commands", form, strings.Repeat("a=1&", 9999) + "command=/p"},
		{"/slack/commands", form, strings.Repeat("a=1&", 10000) + "command=/p"},
	}
	for _, tt := range tests {
		checkSameAsSDK(t, tt.target, tt.contentType, tt.body)
	}
}

// FuzzParseSlashCommand checks that the adapter's own form parsing agrees
// with the SDK's on any body, content type and query.
func FuzzParseSlashCommand(f *testing.F) {
	f.Add("", form, "command=%2Fpariscall&text=who+didn%27t+sign&ssl_check=1")
	f.Add("a=%zz", form+"; charset=utf-8", "text=%F0%9F%99%82;x&command=/p")
	f.Add("", "text/plain", "command=/p")
	f.Fuzz(func(t *testing.T, query, contentType, body string) {
		if strings.ContainsAny(query, "# \t\r\n") || strings.ContainsAny(contentType, "\r\n") {
			return // not a request line or header a client can send
		}
		target := "/slack/commands"
		if query != "" {
			target += "?" + query
		}
		if _, err := http.NewRequest(http.MethodPost, "http://x"+target, nil); err != nil {
			return
		}
		checkSameAsSDK(t, target, contentType, body)
	})
}
