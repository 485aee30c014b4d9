package main

import (
	"bufio"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pariscall/pariscall/bot/bottest"
)

const (
	testSigningSecret = "test-signing-secret-0123456789abcdef"
	testBotToken      = "xoxb-000000-111111-testtokenvalue"
)

// startServe runs `pariscall serve` on 127.0.0.1:0 with vars as its whole
// environment and returns its base URL once /healthz answers, a cancel
// function standing in for SIGTERM, the channel run's error arrives on, and
// the log.
func startServe(t *testing.T, vars map[string]string) (base string, stop context.CancelFunc, done <-chan error, logs *bottest.SyncBuffer) {
	t.Helper()
	all := map[string]string{"PARISCALL_HTTP_ADDR": "127.0.0.1:0"}
	for k, v := range vars {
		all[k] = v
	}
	ctx, cancel := context.WithCancel(context.Background())
	logs = &bottest.SyncBuffer{}
	errc := make(chan error, 1)
	stopped := make(chan struct{})
	getenv := fakeEnv(t, all)
	go func() {
		defer close(stopped)
		errc <- execute(ctx, []string{"serve"}, env{getenv: getenv, stdin: strings.NewReader(""), stdout: io.Discard, stderr: logs})
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-stopped:
		case <-time.After(15 * time.Second):
			t.Error("serve did not stop")
		}
	})
	addr := regexp.MustCompile(`addr=(127\.0\.0\.1:\d+)`)
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if m := addr.FindStringSubmatch(logs.String()); m != nil {
			base = "http://" + m[1]
			if resp, err := http.Get(base + "/healthz"); err == nil {
				resp.Body.Close()
				if resp.StatusCode == http.StatusOK {
					return base, cancel, errc, logs
				}
			}
		}
		select {
		case err := <-errc:
			t.Fatalf("serve exited early: %v\n%s", err, logs.String())
		case <-time.After(10 * time.Millisecond):
		}
	}
	t.Fatalf("serve never became healthy:\n%s", logs.String())
	return "", nil, nil, nil
}

func get(t *testing.T, u string) (int, string) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestServeWithoutAdapters(t *testing.T) {
	base, stop, done, logs := startServe(t, nil)
	code, body := get(t, base+"/readyz")
	var ready readiness
	if err := json.Unmarshal([]byte(body), &ready); err != nil || code != http.StatusOK || !ready.Ready || ready.Corpus.Sources != 2 {
		t.Errorf("/readyz = %d %s; want 200, ready, 2 sources", code, body)
	}
	if !strings.Contains(logs.String(), "no chat adapter enabled") {
		t.Errorf("log does not say only the HTTP endpoints are up:\n%s", logs.String())
	}
	get(t, base+"/no-such-page")
	code, body = get(t, base+"/metrics")
	for _, w := range []string{`pariscall_http_requests_total{code="200",route="GET /readyz"} 1`,
		`pariscall_http_requests_total{code="404",route="unmatched"} 1`, "go_goroutines"} {
		if code != http.StatusOK || !strings.Contains(body, w) {
			t.Errorf("/metrics lacks %q (status %d)", w, code)
		}
	}
	stop()
	if err := <-done; err != nil {
		t.Errorf("serve returned %v after cancellation; want nil (exit 0)", err)
	}
	if !strings.Contains(logs.String(), "stopped cleanly") {
		t.Errorf("log lacks the clean stop:\n%s", logs.String())
	}
}

func TestServeInvalidConfig(t *testing.T) {
	code, _, errOut := runCmd(t, fakeEnv(t, map[string]string{"PARISCALL_SLACK_BOT_TOKEN": "not-a-token"}), "", "serve")
	if code != 1 || !strings.Contains(errOut, "slack.bot_token") || strings.Contains(errOut, "not-a-token") {
		t.Errorf("exit %d, stderr %q; want 1, naming the key, not the secret", code, errOut)
	}
}

// slashHeaders returns the headers of a slash command request signed now.
func slashHeaders(body string) string {
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	mac := hmac.New(sha256.New, []byte(testSigningSecret))
	fmt.Fprintf(mac, "v0:%s:%s", ts, body)
	return "POST /slack/commands HTTP/1.1\r\nHost: pariscall\r\n" +
		"Content-Type: application/x-www-form-urlencoded\r\n" +
		fmt.Sprintf("Content-Length: %d\r\n", len(body)) +
		"Expect: 100-continue\r\n" +
		"X-Slack-Request-Timestamp: " + ts + "\r\n" +
		"X-Slack-Signature: v0=" + hex.EncodeToString(mac.Sum(nil)) + "\r\n\r\n"
}

// TestServeDrainsInFlight cancels the server (as SIGTERM does) while a
// signed slash command is still sending its body, and checks the request
// is answered and serve exits cleanly, with no secret in the debug log.
func TestServeDrainsInFlight(t *testing.T) {
	base, stop, done, logs := startServe(t, map[string]string{
		"PARISCALL_SLACK_BOT_TOKEN": testBotToken, "PARISCALL_SLACK_SIGNING_SECRET": testSigningSecret,
		"PARISCALL_SLACK_API_URL": "http://127.0.0.1:1/api/", "PARISCALL_LOG_LEVEL": "debug",
	})
	form := url.Values{"command": {"/pariscall"}, "text": {"principle 8"}, "user_id": {"U1"}, "channel_id": {"C1"},
		"team_id": {"T1"}, "response_url": {"http://127.0.0.1:1/response"}, "trigger_id": {"1.2.3"}}
	body := form.Encode()
	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if err := conn.SetDeadline(time.Now().Add(10 * time.Second)); err != nil {
		t.Fatal(err)
	}
	if _, err := io.WriteString(conn, slashHeaders(body)); err != nil {
		t.Fatal(err)
	}
	// "100 Continue" comes when the handler starts reading the body: from
	// then on the request is in flight.
	br := bufio.NewReader(conn)
	line, err := br.ReadString('\n')
	if err != nil || !strings.Contains(line, "100 Continue") {
		t.Fatalf("got %q, %v; want 100 Continue", line, err)
	}
	if _, err := br.ReadString('\n'); err != nil {
		t.Fatal(err)
	}
	stop()
	time.Sleep(100 * time.Millisecond) // shutdown has begun; the request is still in flight
	if _, err := io.WriteString(conn, body); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatalf("in-flight request: %v; want a response", err)
	}
	answer, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(answer), "hack") {
		t.Errorf("in-flight request: %d %q; want 200 with the answer", resp.StatusCode, answer)
	}
	if err := <-done; err != nil {
		t.Errorf("serve returned %v; want nil", err)
	}
	for _, secret := range []string{testSigningSecret, testBotToken} {
		if strings.Contains(logs.String(), secret) {
			t.Errorf("log contains a secret:\n%s", logs.String())
		}
	}
}
