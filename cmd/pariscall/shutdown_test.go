package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/pariscall/pariscall/bot/slack"
)

// TestServeShutdownUnderLoad stops serve, as SIGTERM does, while slash
// commands and Discord interactions stream in, some of them accepted but
// still sending their body, and while answers to mentions are still being
// posted (the fake Slack takes 200ms per message). Every request the server accepted gets its
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
	// Requests the server has accepted, their handlers waiting for the
	// body, when the stop comes.
	var accepted []*acceptedRequest
	for i := range 6 {
		id := fmt.Sprintf("accepted%d", i)
		if i%2 == 0 {
			body := slashBody("principle 8", "", id)
			accepted = append(accepted, accept(t, base, "/slack/commands", slackHeaders(body, time.Now()), id, body))
		} else {
			body := commandInteraction(id, "who didn't sign")
			accepted = append(accepted, accept(t, base, "/discord/interactions", discordHeaders(key, body, time.Now()), id, string(body)))
		}
	}
	time.Sleep(100 * time.Millisecond) // load and posts are in flight
	stopped.Store(true)
	stop()
	time.Sleep(100 * time.Millisecond) // shutdown has begun
	for _, a := range accepted {
		a.finish(fail)
	}
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

// acceptedRequest is a request whose headers the server has read and
// whose handler is waiting for the body.
type acceptedRequest struct {
	id, body string
	conn     net.Conn
	r        *bufio.Reader
}

// accept sends a request's headers with Expect: 100-continue and waits for
// 100 Continue, which the server sends when the handler starts reading the
// body: from then on the request is in flight.
func accept(t *testing.T, base, path string, header http.Header, id, body string) *acceptedRequest {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	_ = conn.SetDeadline(time.Now().Add(15 * time.Second))
	header.Set("Expect", "100-continue")
	header.Set("Content-Length", strconv.Itoa(len(body)))
	var head strings.Builder
	head.WriteString("POST " + path + " HTTP/1.1\r\nHost: pariscall\r\n")
	_ = header.Write(&head)
	head.WriteString("\r\n")
	if _, err := io.WriteString(conn, head.String()); err != nil {
		t.Fatal(err)
	}
	r := bufio.NewReader(conn)
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			t.Fatalf("%s: waiting for 100 Continue: %v", id, err)
		}
		if line == "\r\n" {
			break
		}
		if !strings.HasPrefix(line, "HTTP/1.1 100") && strings.HasPrefix(line, "HTTP/") {
			t.Fatalf("%s: got %q; want 100 Continue", id, line)
		}
	}
	return &acceptedRequest{id: id, body: body, conn: conn, r: r}
}

// finish sends the body and checks the whole answer comes back.
func (a *acceptedRequest) finish(fail func(string, ...any)) {
	if _, err := io.WriteString(a.conn, a.body); err != nil {
		fail("%s: sending the body: %v", a.id, err)
		return
	}
	resp, err := http.ReadResponse(a.r, nil)
	if err != nil {
		fail("%s, accepted before the stop: %v; want its answer", a.id, err)
		return
	}
	checkAnswer(a.id, resp, fail)
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
		errors.Is(err, net.ErrClosed) || errors.Is(err, syscall.EPIPE) ||
		errors.Is(err, io.ErrUnexpectedEOF) || strings.Contains(err.Error(), "server closed idle connection")
}
