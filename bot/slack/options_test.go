package slack_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/pariscall/pariscall/bot/slack"
)

func TestNewChecksOptions(t *testing.T) {
	engine := scriptedEngine(notSigned())
	tests := []struct {
		name    string
		opts    slack.Options
		wantErr string // a field the error must name; "" for success
	}{
		{"http", slack.Options{SigningSecret: "s", BotToken: "xoxb-1", Engine: engine}, ""},
		{"socket mode", slack.Options{AppToken: "xapp-1", BotToken: "xoxb-1", Engine: engine}, ""},
		{"no engine", slack.Options{SigningSecret: "s", BotToken: "xoxb-1"}, "Engine"},
		{"no bot token", slack.Options{SigningSecret: "s", Engine: engine}, "BotToken"},
		{"no way in", slack.Options{BotToken: "xoxb-1", Engine: engine}, "SigningSecret"},
	}
	for _, tt := range tests {
		a, err := slack.New(tt.opts)
		switch {
		case tt.wantErr == "" && err != nil:
			t.Errorf("%s: New() = %v; want no error", tt.name, err)
		case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
			t.Errorf("%s: New() = %v; want an error naming %s", tt.name, err, tt.wantErr)
		case tt.wantErr == "" && a.Status().Ready:
			t.Errorf("%s: Status() before Mount or Run = %+v; want not ready", tt.name, a.Status())
		}
	}
}

func TestSocketModeOnlyMountsNothing(t *testing.T) {
	a, err := slack.New(slack.Options{AppToken: "xapp-1", BotToken: "xoxb-1", Engine: scriptedEngine(notSigned())})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	a.Mount(mux)
	w := httptest.NewRecorder()
	mux.ServeHTTP(w, httptest.NewRequest(http.MethodPost, "/slack/commands", nil))
	if w.Code != http.StatusNotFound {
		t.Errorf("POST /slack/commands without a signing secret = %d; want 404", w.Code)
	}
}
