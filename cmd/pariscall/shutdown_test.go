package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/pariscall/pariscall/bot/slack"
)

// TestServeShutdownUnderLoad stops serve, as SIGTERM does, while slash
// commands and Discord interactions stream in, some of them half sent,
// and while answers to mentions are still being posted (the fake Slack
// takes 200ms per message). Every request the server accepted gets its
// whole answer, every acknowledged mention is posted exactly once and
// nothing is deleted, requests after the stop are refused at the
// connection, and serve returns nil.
func TestServeShutdownUnderLoad(t *testing.T) {
	fake := newFakePlatform(t)
	fake.postDelay = 200 * time.Millisecond
	key, pub := newDiscordKey(t)
	base, stop, done, logs := startServe(t, merged(fake.vars(), map[string]string{
		"PARISCALL_SLACK_BOT_TOKEN": testBotToken, "PARISCALL_SLACK_SIGNING_SECRET": testSigningSecret,
		"PARISCALL_DISCORD_PUBLIC_KEY": pub, "PARISCALL_DISCORD_APP_ID": testDiscordApp,
	}))
	var stopped atomic.Bool
	var failures []string
	var mu sync.Mutex
	fail := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		if len(failures) < 10 {
			failures = append(failures, fmt.Sprintf(format, args...))
		}
	}

	// Background load: slash commands and interactions until the server
	// refuses connections.
	var load sync.WaitGroup
	var answered atomic.Int64
	for w := range 8 {
		load.Go(func() {
			for i := 0; ; i++ {
				id := fmt.Sprintf("w%d-%d", w, i)
				var req *http.Request
				if i%2 == 0 {
					body := slashBody("who didn't sign", "", id)
					req, _ = http.NewRequest(http.MethodPost, base+"/slack/commands", strings.NewReader(body))
					ts := time.Now()
					req.Header = slackHeaders(body, ts)
				} else {
					body := commandInteraction(id, "principle 8")
					req, _ = http.NewRequest(http.MethodPost, base+"/discord/interactions", bytes.NewReader(body))
					req.Header = discordHeaders(key, body, time.Now())
				}
				before := stopped.Load()
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					if !before && !stopped.Load() {
						fail("%s before the stop: %v", id, err)
					}
					if !refused(err) {
						fail("%s: %v; want the connection refused or closed unanswered", id, err)
					}
					return
				}
				checkAnswer(id, resp, fail)
				answered.Add(1)
			}
		})
	}

	// Mentions whose answers are still being posted at the stop.
	const mentions = 30
	for i := range mentions {
		if r := postSlack(t, base, "/slack/events", "application/json",
			mentionEvent(fmt.Sprintf("Ev%d", i), "who signed", fmt.Sprintf("2.%d", i)), testSigningSecret, time.Now()); r.code != http.StatusOK {
			t.Fatalf("mention %d: %v; want 200", i, r)
		}
	}
	// Requests half sent when the stop comes.
	type halfSent struct {
		id   string
		req  *http.Request
		pw   *io.PipeWriter
		rest string
	}
	var halves []halfSent
	for i := range 6 {
		id := fmt.Sprintf("half%d", i)
		var body string
		var header http.Header
		path := "/slack/commands"
		if i%2 == 0 {
			body = slashBody("principle 8", "", id)
			header = slackHeaders(body, time.Now())
		} else {
			body = string(commandInteraction(id, "who didn't sign"))
			header = discordHeaders(key, []byte(body), time.Now())
			path = "/discord/interactions"
		}
		pr, pw := io.Pipe()
		req, _ := http.NewRequest(http.MethodPost, base+path, pr)
		req.Header, req.ContentLength = header, int64(len(body))
		halves = append(halves, halfSent{id: id, req: req, pw: pw, rest: body[len(body)/2:]})
		go func() { _, _ = io.WriteString(pw, body[:len(body)/2]) }()
	}
	var halfDone sync.WaitGroup
	for _, h := range halves {
		halfDone.Go(func() {
			resp, err := http.DefaultClient.Do(h.req)
			if err != nil {
				fail("%s, accepted before the stop: %v; want its answer", h.id, err)
				return
			}
			checkAnswer(h.id, resp, fail)
		})
	}
	time.Sleep(100 * time.Millisecond) // load and posts are in flight
	stopped.Store(true)
	stop()
	time.Sleep(100 * time.Millisecond) // shutdown has begun
	for _, h := range halves {
		if _, err := io.WriteString(h.pw, h.rest); err != nil {
			t.Errorf("%s: finishing the body: %v", h.id, err)
		}
		h.pw.Close()
	}
	halfDone.Wait()
	load.Wait()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve returned %v; want nil (exit 0)", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not return")
	}
	for _, f := range failures {
		t.Error(f)
	}

	posts := map[string]int{}
	for _, c := range fake.callsTo("/slack/api/chat.postMessage") {
		form, _ := url.ParseQuery(string(c.Body))
		posts[form.Get("thread_ts")]++
	}
	for i := range mentions {
		if n := posts[fmt.Sprintf("2.%d", i)]; n != 1 {
			t.Errorf("mention %d answered %d times; want exactly once", i, n)
		}
	}
	if d := fake.callsTo("/slack/api/chat.delete"); len(d) > 0 {
		t.Errorf("%d messages deleted; want none half-posted", len(d))
	}
	if !strings.Contains(logs.String(), "stopped cleanly") {
		t.Errorf("log lacks the clean stop:\n%s", logs.String())
	}
	t.Logf("%d requests answered under load before the stop", answered.Load())
}

// slackHeaders are the headers Slack sends with body, signed at ts.
func slackHeaders(body string, ts time.Time) http.Header {
	req, _ := http.NewRequest(http.MethodPost, "http://x", nil)
	stamp := fmt.Sprint(ts.Unix())
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Slack-Request-Timestamp", stamp)
	req.Header.Set("X-Slack-Signature", slack.Sign(testSigningSecret, stamp, []byte(body)))
	return req.Header
}

// checkAnswer reads a response and reports anything but a whole answer.
func checkAnswer(id string, resp *http.Response, fail func(string, ...any)) {
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		fail("%s: %d %q (%v); want 200 with an answer", id, resp.StatusCode, b, err)
		return
	}
	var v struct {
		Blocks []json.RawMessage `json:"blocks"`
		Type   int               `json:"type"`
		Data   *struct {
			Embeds []json.RawMessage `json:"embeds"`
		} `json:"data"`
	}
	if err := json.Unmarshal(b, &v); err != nil || (len(v.Blocks) == 0 && (v.Type != 4 || v.Data == nil || len(v.Data.Embeds) == 0)) {
		fail("%s: %q (%v); want a whole Slack or Discord answer", id, b, err)
	}
}

// refused reports whether err means the request was never accepted: the
// connection was refused, or closed before any response.
func refused(err error) bool {
	return errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) || errors.Is(err, io.EOF) ||
		errors.Is(err, io.ErrUnexpectedEOF) || strings.Contains(err.Error(), "server closed idle connection")
}
