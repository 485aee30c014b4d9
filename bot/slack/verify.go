package slack

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"strconv"
	"time"
)

// MaxSkew is how far a request's X-Slack-Request-Timestamp may be from now
// before Verify refuses it, as Slack recommends.
const MaxSkew = 5 * time.Minute

// Reasons Verify refuses a request. They are for logs and tests; Slack only
// ever sees 401.
var (
	errNoSignature = errors.New("missing X-Slack-Signature or X-Slack-Request-Timestamp")
	errBadTime     = errors.New("malformed X-Slack-Request-Timestamp")
	errStale       = errors.New("X-Slack-Request-Timestamp too far from now")
	errBadSig      = errors.New("X-Slack-Signature does not match")
)

// Sign returns the X-Slack-Signature Slack sends with body at timestamp ts
// (Unix seconds, as in X-Slack-Request-Timestamp): "v0=" and the hex
// HMAC-SHA256 of "v0:" + ts + ":" + body keyed with the signing secret.
func Sign(secret, ts string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte("v0:" + ts + ":"))
	mac.Write(body)
	return "v0=" + hex.EncodeToString(mac.Sum(nil))
}

// Verify reports whether header carries a valid signature of body made with
// secret, at a timestamp within MaxSkew of now. It returns nil when it does;
// the comparison takes constant time.
func Verify(secret string, header http.Header, body []byte, now time.Time) error {
	sig, ts := header.Get("X-Slack-Signature"), header.Get("X-Slack-Request-Timestamp")
	if sig == "" || ts == "" || secret == "" {
		return errNoSignature
	}
	secs, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return errBadTime
	}
	if skew := now.Sub(time.Unix(secs, 0)); skew > MaxSkew || skew < -MaxSkew {
		return errStale
	}
	if !hmac.Equal([]byte(sig), []byte(Sign(secret, ts, body))) {
		return errBadSig
	}
	return nil
}
