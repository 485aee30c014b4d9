package discord_test

import (
	"errors"
	"fmt"
	"net"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pariscall/pariscall/bot/bottest"

	"github.com/gorilla/websocket"

	"github.com/pariscall/pariscall/bot/discord"
	"github.com/pariscall/pariscall/knowledge"
)

// disruptions are the ways a gateway connection ends mid-stream.
func disruptions() []struct {
	name string
	do   func(c *gatewayConn) error
} {
	return []struct {
		name string
		do   func(c *gatewayConn) error
	}{
		{"socket closed", func(c *gatewayConn) error { return c.ws.NetConn().Close() }},
		{"half a frame, then closed", func(c *gatewayConn) error {
			c.mu.Lock()
			defer c.mu.Unlock()
			// A text frame announcing 1000 bytes, cut after 20.
			frame := append([]byte{0x81, 0x7e, 0x03, 0xe8}, `{"op":0,"t":"MESSAGE`...)
			if _, err := c.ws.NetConn().Write(frame); err != nil {
				return err
			}
			return c.ws.NetConn().Close()
		}},
		{"close frame 4000", func(c *gatewayConn) error {
			c.mu.Lock()
			defer c.mu.Unlock()
			msg := websocket.FormatCloseMessage(4000, "unknown error")
			if err := c.ws.WriteControl(websocket.CloseMessage, msg, time.Now().Add(time.Second)); err != nil {
				return err
			}
			return c.ws.NetConn().Close()
		}},
		{"op 7 reconnect", func(c *gatewayConn) error { return c.send(map[string]any{"op": 7, "d": nil}) }},
		{"op 9 invalid session", func(c *gatewayConn) error { return c.send(map[string]any{"op": 9, "d": false}) }},
	}
}

// mention is a guild message mentioning the bot, answered in channel
// c-<id>.
func mentionMsg(id string) map[string]any {
	return message(id, "g", "u1", false, "<@"+botID+"> who didn't sign", botID)
}

// reconnected waits until the bot has identified or resumed on a new
// connection after takeConn.
func reconnected(t *testing.T, f *fakeDiscord, a *discord.Adapter, before int) {
	t.Helper()
	bottest.WaitFor(t, "reconnected", func() bool {
		ids, res, _ := f.counts()
		return ids+res > before && f.connected() && a.Status().Ready
	})
}

// TestGatewayDropMidStream ends the connection right after a burst of
// mentions, in every way it can end. Mentions the bot read before the
// drop are answered once, none twice, and after reconnecting the bot
// answers the next mention.
func TestGatewayDropMidStream(t *testing.T) {
	t.Parallel()
	for _, d := range disruptions() {
		t.Run(d.name, func(t *testing.T) {
			t.Parallel()
			f := newFakeDiscord(t)
			a := startGateway(t, f, discord.Options{})
			var burst []string
			for i := range 10 {
				id := fmt.Sprintf("b%d", i)
				burst = append(burst, id)
				f.dispatch(t, "MESSAGE_CREATE", mentionMsg(id))
			}
			ids, res := disrupt(t, f, d.name, d.do)
			reconnected(t, f, a, ids+res)
			f.dispatch(t, "MESSAGE_CREATE", mentionMsg("after"))
			f.waitCalls(t, 1, "POST", "/api/v9/channels/c-after/messages")
			time.Sleep(50 * time.Millisecond) // a duplicate would arrive now
			answered := 0
			for _, id := range append(burst, "after") {
				n := len(f.callsTo("POST", "/api/v9/channels/c-"+id+"/messages"))
				if n > 1 {
					t.Errorf("mention %s answered %d times; want at most once", id, n)
				}
				answered += n
			}
			t.Logf("%d of %d mentions answered across the drop", answered, len(burst)+1)
		})
	}
}

// TestGatewayZombieConnection stops acknowledging heartbeats without
// closing the socket: the bot must notice, reconnect and answer.
func TestGatewayZombieConnection(t *testing.T) {
	t.Parallel()
	f := newFakeDiscord(t)
	f.heartbeatMS = 20
	a := startGateway(t, f, discord.Options{})
	ids, res, _ := f.counts()
	f.silent.Store(true)
	f.takeConn()
	bottest.WaitFor(t, "a new session after missed heartbeat ACKs", func() bool {
		i, r, _ := f.counts()
		return i+r > ids+res
	})
	f.silent.Store(false)
	reconnected(t, f, a, ids+res)
	f.dispatch(t, "MESSAGE_CREATE", mentionMsg("after-zombie"))
	f.waitCalls(t, 1, "POST", "/api/v9/channels/c-after-zombie/messages")
}

// disrupt applies do to the current gateway connection and returns the
// IDENTIFY and RESUME counts from before. When that connection is already
// gone (a slow machine made the client give up on it first), it waits for
// the client's next connection and disrupts that one instead.
func disrupt(t *testing.T, f *fakeDiscord, name string, do func(*gatewayConn) error) (ids, res int) {
	t.Helper()
	for attempt := 1; ; attempt++ {
		bottest.WaitFor(t, "a gateway connection", func() bool {
			f.mu.Lock()
			defer f.mu.Unlock()
			return f.conn != nil
		})
		ids, res, _ = f.counts()
		err := do(f.takeConn())
		if err == nil {
			return ids, res
		}
		if !errors.Is(err, net.ErrClosed) || attempt == 3 {
			t.Fatalf("%s: disrupt: %v", name, err)
		}
	}
}

// TestGatewayRepeatedDropsLeakNothing disrupts one connection in every way
// in turn, answering a mention after each, and then checks that the
// goroutines of the dropped connections (readers, heartbeats) are gone.
// It does not run in parallel, so the goroutine count is its own.
func TestGatewayRepeatedDropsLeakNothing(t *testing.T) {
	f := newFakeDiscord(t)
	a := startGateway(t, f, discord.Options{})
	f.dispatch(t, "MESSAGE_CREATE", mentionMsg("first"))
	f.waitCalls(t, 1, "POST", "/api/v9/channels/c-first/messages")
	base := runtime.NumGoroutine()
	for i, d := range disruptions() {
		ids, res := disrupt(t, f, d.name, d.do)
		reconnected(t, f, a, ids+res)
		id := fmt.Sprintf("r%d", i)
		f.dispatch(t, "MESSAGE_CREATE", mentionMsg(id))
		f.waitCalls(t, 1, "POST", "/api/v9/channels/c-"+id+"/messages")
	}
	bottest.WaitFor(t, "goroutines back to the baseline", func() bool { return runtime.NumGoroutine() <= base+2 })
	if st := a.Status(); !st.Ready {
		t.Errorf("Status = %+v after the drops; want ready", st)
	}
}

// TestGatewayMentionFlood sends 100 mentions while every answer is stuck
// (as when Discord's rate limits hold replies back): 64 are taken on, the
// rest are dropped and counted, the 64 are answered once unstuck, and the
// next mention is answered as usual.
func TestGatewayMentionFlood(t *testing.T) {
	t.Parallel()
	f := newFakeDiscord(t)
	stuck := make(chan struct{})
	unstick := sync.OnceFunc(func() { close(stuck) })
	var entered atomic.Int32
	eng := &fakeEngine{AnswerFunc: func(q string) knowledge.Answer {
		entered.Add(1)
		<-stuck
		return sampleAnswer(q)
	}}
	obs := &bottest.Observer{}
	startGateway(t, f, discord.Options{Engine: eng, Observer: obs})
	t.Cleanup(unstick)          // before the adapter's cleanup waits for its answers
	const sent, limit = 100, 64 // limit: the adapter's mentions in flight
	for i := range sent {
		f.dispatch(t, "MESSAGE_CREATE", message(fmt.Sprintf("flood%d", i), "g", "u1", false, "<@"+botID+"> who signed", botID))
	}
	bottest.WaitFor(t, "64 mentions taken on and 36 dropped", func() bool {
		return entered.Load() == limit && obs.DroppedCount() == sent-limit
	})
	unstick()
	f.waitCalls(t, limit, "POST", "/api/v9/channels/")
	f.dispatch(t, "MESSAGE_CREATE", message("after", "g", "u1", false, "<@"+botID+"> principle 8", botID))
	f.waitCalls(t, limit+1, "POST", "/api/v9/channels/")
	time.Sleep(50 * time.Millisecond) // a stray extra reply would show by now
	if n := len(f.callsTo("POST", "/api/v9/channels/")); n != limit+1 || obs.DroppedCount() != sent-limit {
		t.Errorf("%d replies and %d dropped; want %d replies and %d dropped", n, obs.DroppedCount(), limit+1, sent-limit)
	}
}
