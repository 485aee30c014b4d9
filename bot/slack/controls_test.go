package slack_test

import (
	"encoding/json"
	"net/http"
	"testing"
)

// TestEchoedQuestionHasNoControlCharacters checks that the "You asked"
// line, which repeats the question as typed, replaces control characters
// (NUL, escape sequences, bells, tabs, carriage returns) with spaces.
func TestEchoedQuestionHasNoControlCharacters(t *testing.T) {
	tests := []struct {
		typed, want string
	}{
		{"who\x00 signed", "*You asked:* who  signed"},
		{"\x1b[31mprinciple 8\x07", "*You asked:* [31mprinciple 8"},
		{"a\tb\r\nc\u0085d", "*You asked:* a b \nc d"},
		{"plain & <simple>", "*You asked:* plain &amp; &lt;simple&gt;"},
	}
	for i, tt := range tests {
		h := newHarness(t, scriptedEngine(notSigned()))
		w := h.serve(h.request("/slack/commands", "application/x-www-form-urlencoded", slashForm(tt.typed, "")+"&n="+string(rune('a'+i))))
		if w.Code != http.StatusOK {
			t.Fatalf("/pariscall %q = %d; want 200", tt.typed, w.Code)
		}
		var got slashResponse
		if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
			t.Fatalf("/pariscall %q: %v", tt.typed, err)
		}
		if first := texts(got.Blocks)[0]; first != tt.want {
			t.Errorf("/pariscall %q: first line %q; want %q", tt.typed, first, tt.want)
		}
	}
}
