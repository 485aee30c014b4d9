package discord_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/pariscall/pariscall/bot/bottest"

	"github.com/gorilla/websocket"
)

const (
	botID = "900000000000000001"
	appID = "800000000000000001"
)

// fakeDiscord speaks Discord's REST API and gateway on loopback, and
// records what the bot sends.
type fakeDiscord struct {
	t   *testing.T
	srv *httptest.Server
	seq atomic.Int64
	ids atomic.Int64
	// heartbeatMS is the interval HELLO announces; 0 means Discord's
	// usual 45 s. Set it before the bot connects.
	heartbeatMS int
	// silent stops heartbeat ACKs, as a zombie connection would.
	silent atomic.Bool

	mu         sync.Mutex
	calls      []restCall
	identifies []map[string]any
	resumes    int
	heartbeats int
	conn       *gatewayConn
	allConns   []*gatewayConn
}

// restCall is one REST request the bot made.
type restCall struct {
	Method, Path, Query, Auth string
	Body                      []byte
}

func (c restCall) String() string { return c.Method + " " + c.Path }

// decode unmarshals the call's body.
func (c restCall) decode(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(c.Body, v); err != nil {
		t.Fatalf("%s: decode body %s: %v", c, c.Body, err)
	}
}

// gatewayConn is one websocket connection from the bot.
type gatewayConn struct {
	ws *websocket.Conn
	mu sync.Mutex
}

func (c *gatewayConn) send(v any) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.ws.WriteJSON(v)
}

func newFakeDiscord(t *testing.T) *fakeDiscord {
	f := &fakeDiscord{t: t}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/v9/gateway", f.record(func(w http.ResponseWriter, r *http.Request) {
		writeJSONBody(w, map[string]string{"url": "ws" + strings.TrimPrefix(f.srv.URL, "http")})
	}))
	mux.HandleFunc("POST /api/v9/channels/{channel}/messages", f.record(func(w http.ResponseWriter, r *http.Request) {
		writeJSONBody(w, map[string]string{"id": f.newID(), "channel_id": r.PathValue("channel")})
	}))
	mux.HandleFunc("POST /api/v9/interactions/{id}/{token}/callback", f.record(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	}))
	mux.HandleFunc("POST /api/v9/webhooks/{app}/{token}", f.record(func(w http.ResponseWriter, r *http.Request) {
		writeJSONBody(w, map[string]string{"id": f.newID()})
	}))
	echo := f.record(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		body := f.calls[len(f.calls)-1].Body
		f.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.Write(body)
	})
	mux.HandleFunc("PUT /api/v9/applications/{app}/commands", echo)
	mux.HandleFunc("PUT /api/v9/applications/{app}/guilds/{guild}/commands", echo)
	mux.HandleFunc("GET /{$}", f.serveGateway) // discordgo dials the gateway URL plus "/"
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.close)
	return f
}

func (f *fakeDiscord) close() {
	f.mu.Lock()
	conns := f.allConns
	f.mu.Unlock()
	for _, c := range conns {
		c.ws.Close()
	}
	f.srv.Close()
}

func (f *fakeDiscord) newID() string { return fmt.Sprint(1000 + f.ids.Add(1)) }

func writeJSONBody(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(v)
}

func (f *fakeDiscord) record(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		f.mu.Lock()
		f.calls = append(f.calls, restCall{Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery, Auth: r.Header.Get("Authorization"), Body: body})
		f.mu.Unlock()
		h(w, r)
	}
}

// callsTo returns the recorded calls whose method and path start match.
func (f *fakeDiscord) callsTo(method, pathPrefix string) []restCall {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []restCall
	for _, c := range f.calls {
		if c.Method == method && strings.HasPrefix(c.Path, pathPrefix) {
			out = append(out, c)
		}
	}
	return out
}

// waitCalls waits until at least n calls match and returns them.
func (f *fakeDiscord) waitCalls(t *testing.T, n int, method, pathPrefix string) []restCall {
	t.Helper()
	var got []restCall
	bottest.WaitFor(t, fmt.Sprintf("%d× %s %s", n, method, pathPrefix), func() bool {
		got = f.callsTo(method, pathPrefix)
		return len(got) >= n
	})
	return got
}

// serveGateway plays Discord's side of a gateway connection: HELLO,
// IDENTIFY or RESUME, READY or RESUMED, heartbeat acks, and a second
// IDENTIFY after an invalid session.
func (f *fakeDiscord) serveGateway(w http.ResponseWriter, r *http.Request) {
	up := websocket.Upgrader{}
	ws, err := up.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	c := &gatewayConn{ws: ws}
	f.mu.Lock()
	f.allConns = append(f.allConns, c)
	f.mu.Unlock()
	defer ws.Close()
	interval := f.heartbeatMS
	if interval == 0 {
		interval = 45000
	}
	if c.send(map[string]any{"op": 10, "d": map[string]any{"heartbeat_interval": interval}}) != nil {
		return
	}
	for {
		var frame struct {
			Op int             `json:"op"`
			D  json.RawMessage `json:"d"`
		}
		if err := ws.ReadJSON(&frame); err != nil {
			return
		}
		f.onFrame(c, frame.Op, frame.D)
	}
}

func (f *fakeDiscord) onFrame(c *gatewayConn, op int, d json.RawMessage) {
	switch op {
	case 1:
		f.mu.Lock()
		f.heartbeats++
		f.mu.Unlock()
		if !f.silent.Load() {
			c.send(map[string]any{"op": 11})
		}
	case 2:
		var id map[string]any
		json.Unmarshal(d, &id)
		f.mu.Lock()
		f.identifies = append(f.identifies, id)
		f.mu.Unlock()
		f.dispatchOn(c, "READY", map[string]any{
			"v": 9, "session_id": "session-1", "shard": id["shard"],
			"user":        map[string]any{"id": botID, "username": "pariscall", "bot": true},
			"application": map[string]any{"id": appID},
		})
		f.setConn(c)
	case 6:
		f.mu.Lock()
		f.resumes++
		f.mu.Unlock()
		f.dispatchOn(c, "RESUMED", map[string]any{})
		f.setConn(c)
	}
}

func (f *fakeDiscord) setConn(c *gatewayConn) {
	f.mu.Lock()
	f.conn = c
	f.mu.Unlock()
}

func (f *fakeDiscord) dispatchOn(c *gatewayConn, event string, data any) {
	c.send(map[string]any{"op": 0, "t": event, "s": f.seq.Add(1), "d": data})
}

// dispatch sends an event on the current connection. When the client has
// just closed that connection (after one drop, discordgo may reconnect
// more than once before it settles), it waits for the next and sends it
// there.
func (f *fakeDiscord) dispatch(t *testing.T, event string, data any) {
	t.Helper()
	for attempt := 1; ; attempt++ {
		f.mu.Lock()
		c := f.conn
		f.mu.Unlock()
		if c == nil {
			t.Fatalf("dispatch %s: no gateway connection", event)
		}
		err := c.send(map[string]any{"op": 0, "t": event, "s": f.seq.Add(1), "d": data})
		if err == nil {
			return
		}
		if attempt == 10 {
			t.Fatalf("dispatch %s: %v", event, err)
		}
		bottest.WaitFor(t, "the client's next connection", func() bool {
			f.mu.Lock()
			defer f.mu.Unlock()
			return f.conn != nil && f.conn != c
		})
	}
}

// takeConn returns the current connection and forgets it, so that a
// test can wait for the bot to connect again.
func (f *fakeDiscord) takeConn() *gatewayConn {
	f.mu.Lock()
	defer f.mu.Unlock()
	c := f.conn
	f.conn = nil
	return c
}

func (f *fakeDiscord) counts() (identifies, resumes, heartbeats int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.identifies), f.resumes, f.heartbeats
}

func (f *fakeDiscord) identify(i int) map[string]any {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.identifies[i]
}

// connected reports whether a connection is ready for dispatches.
func (f *fakeDiscord) connected() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.conn != nil
}
