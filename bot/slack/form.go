package slack

import (
	"errors"
	"mime"
	"net/http"
	"net/url"
	"strings"

	"github.com/slack-go/slack"
)

// maxFormPairs is how many pairs url.ParseQuery reads at most by default.
const maxFormPairs = 10000

// errMalformedForm is a form body url.ParseQuery would refuse.
var errMalformedForm = errors.New("malformed form body")

// parseSlashCommand reads a slash command from its request and the body
// already read, as slack.SlashCommandParse would after r.ParseForm, but
// without reading the body again, copying it into r.Form or unescaping
// fields it never uses: the slash command is the hot path. It fills only
// Command and Text, the fields the adapter uses, and reports ssl_check=1.
// It refuses what ParseForm refuses: a malformed Content-Type, URL query
// or urlencoded body.
func parseSlashCommand(r *http.Request, body []byte) (cmd slack.SlashCommand, sslCheck bool, err error) {
	if r.URL.RawQuery != "" {
		if _, err := url.ParseQuery(r.URL.RawQuery); err != nil {
			return cmd, false, err
		}
	}
	ct := r.Header.Get("Content-Type")
	if ct == "" {
		ct = "application/octet-stream"
	}
	ct, _, err = mime.ParseMediaType(ct)
	if err != nil || ct != "application/x-www-form-urlencoded" {
		return cmd, false, err // other types leave the form empty
	}
	var found [3]bool
	var values [3]string
	err = scanForm(string(body), func(key, rawValue string) error {
		i := -1
		switch key {
		case "command":
			i = 0
		case "text":
			i = 1
		case "ssl_check":
			i = 2
		}
		if i < 0 || found[i] {
			return nil // only the first value counts, as url.Values.Get
		}
		v, err := url.QueryUnescape(rawValue)
		if err != nil {
			return err
		}
		found[i], values[i] = true, v
		return nil
	})
	if err != nil {
		return slack.SlashCommand{}, false, err
	}
	return slack.SlashCommand{Command: values[0], Text: values[1]}, values[2] == "1", nil
}

// scanForm walks the key=value pairs of an urlencoded form as
// url.ParseQuery does, calling f with each unescaped key and raw value, and
// returns the first error: a pair holding a semicolon, a malformed escape
// in a key or value, or what f returns. Like ParseQuery it reads on after
// an error.
func scanForm(query string, f func(key, rawValue string) error) error {
	if strings.Count(query, "&")+1 > maxFormPairs {
		return errors.New("number of URL query parameters exceeded limit")
	}
	var first error
	keep := func(err error) {
		if first == nil {
			first = err
		}
	}
	for query != "" {
		var pair string
		pair, query, _ = strings.Cut(query, "&")
		if strings.Contains(pair, ";") {
			keep(errors.New("invalid semicolon separator in query"))
			continue
		}
		if pair == "" {
			continue
		}
		key, value, _ := strings.Cut(pair, "=")
		if strings.ContainsAny(key, "%+") {
			k, err := url.QueryUnescape(key)
			if err != nil {
				keep(err)
				continue
			}
			key = k
		}
		if !validEscapes(value) {
			keep(errMalformedForm)
			continue
		}
		if err := f(key, value); err != nil {
			keep(err)
		}
	}
	return first
}

// validEscapes reports whether every % in s starts a two-digit hex escape,
// the only way url.QueryUnescape fails.
func validEscapes(s string) bool {
	for i := strings.IndexByte(s, '%'); i >= 0; i = strings.IndexByte(s, '%') {
		if i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) {
			return false
		}
		s = s[i+3:]
	}
	return true
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
