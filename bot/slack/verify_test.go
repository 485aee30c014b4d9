package slack_test

import (
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/pariscall/pariscall/bot/slack"
)

// Slack's documented example request.
const (
	docSecret = "8f742231b10e8888abcd99yyyzzz85a5"
	docTS     = "1531420618"
	docBody   = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c"
	docSig    = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"
)

func TestSignDocumentedVector(t *testing.T) {
	if got := slack.Sign(docSecret, docTS, []byte(docBody)); got != docSig {
		t.Errorf("Sign(documented example) = %q; want %q", got, docSig)
	}
	if got := hmacSig(docSecret, docTS, docBody); got != docSig {
		t.Errorf("test helper hmacSig(documented example) = %q; want %q", got, docSig)
	}
}

func TestVerify(t *testing.T) {
	at := time.Unix(1531420618, 0)
	header := func(sig, ts string) http.Header {
		h := http.Header{}
		if sig != "" {
			h.Set("X-Slack-Signature", sig)
		}
		if ts != "" {
			h.Set("X-Slack-Request-Timestamp", ts)
		}
		return h
	}
	tests := []struct {
		name   string
		secret string
		header http.Header
		body   string
		now    time.Time
		ok     bool
	}{
		{"documented example", docSecret, header(docSig, docTS), docBody, at, true},
		{"4m59s later", docSecret, header(docSig, docTS), docBody, at.Add(4*time.Minute + 59*time.Second), true},
		{"5m later", docSecret, header(docSig, docTS), docBody, at.Add(5 * time.Minute), true},
		{"5m1s later", docSecret, header(docSig, docTS), docBody, at.Add(5*time.Minute + time.Second), false},
		{"5m1s earlier", docSecret, header(docSig, docTS), docBody, at.Add(-5*time.Minute - time.Second), false},
		{"body changed", docSecret, header(docSig, docTS), docBody + "x", at, false},
		{"wrong secret", docSecret + "x", header(docSig, docTS), docBody, at, false},
		{"timestamp changed", docSecret, header(docSig, "1531420619"), docBody, at, false},
		{"no signature", docSecret, header("", docTS), docBody, at, false},
		{"no timestamp", docSecret, header(docSig, ""), docBody, at, false},
		{"timestamp not a number", docSecret, header(docSig, "soon"), docBody, at, false},
		{"v1 prefix", docSecret, header("v1="+docSig[3:], docTS), docBody, at, false},
		{"upper-case hex", docSecret, header("v0=A2114D57B48EAC39B9AD189DD8316235A7B4A8D21A10BD27519666489C69B503", docTS), docBody, at, false},
		{"truncated", docSecret, header(docSig[:20], docTS), docBody, at, false},
		{"no secret configured", "", header(docSig, docTS), docBody, at, false},
	}
	for _, tt := range tests {
		err := slack.Verify(tt.secret, tt.header, []byte(tt.body), tt.now)
		if (err == nil) != tt.ok {
			t.Errorf("%s: Verify() = %v; want ok=%v", tt.name, err, tt.ok)
		}
		if err != nil && errors.Unwrap(err) != nil {
			t.Errorf("%s: Verify() wraps another error %v; want a plain reason", tt.name, err)
		}
	}
}
