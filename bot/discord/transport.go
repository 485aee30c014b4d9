package discord

import (
	"context"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// discordHost is where discordgo sends every REST call, the gateway lookup
// (GET /api/v9/gateway) included.
const discordHost = "discord.com"

// rewriteClient returns a copy of base (or of a default client) whose
// transport sends discord.com requests to api instead. This leaves
// discordgo's package-level endpoint variables alone.
func rewriteClient(base *http.Client, api *url.URL) *http.Client {
	c := &http.Client{Timeout: 20 * time.Second}
	if base != nil {
		copied := *base
		c = &copied
	}
	next := c.Transport
	if next == nil {
		next = http.DefaultTransport
	}
	c.Transport = &rewriteTransport{next: next, api: api}
	return c
}

// rewriteTransport points requests for discord.com at another base URL,
// keeping their path and query.
type rewriteTransport struct {
	next http.RoundTripper
	api  *url.URL
}

// RoundTrip rewrites the scheme, host and path prefix of requests to
// discord.com, then sends them on.
func (t *rewriteTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.URL.Host != discordHost || (t.api.Host == discordHost && t.api.Scheme == "https" && t.api.Path == "") {
		return t.next.RoundTrip(req)
	}
	r := req.Clone(req.Context())
	prefix := strings.TrimSuffix(t.api.Path, "/")
	r.URL.Scheme = t.api.Scheme
	r.URL.Host = t.api.Host
	r.URL.Path = prefix + req.URL.Path
	if req.URL.RawPath != "" {
		r.URL.RawPath = strings.TrimSuffix(t.api.EscapedPath(), "/") + req.URL.RawPath
	}
	r.Host = ""
	return t.next.RoundTrip(r)
}

// dialer builds the gateway's websocket dialer. Once Run is closing, it
// refuses to dial with discordgo.ErrWSAlreadyOpen: that is the one error
// that ends discordgo's reconnect loop, which would otherwise retry a
// dropped connection forever after shutdown.
func (a *Adapter) dialer() *websocket.Dialer {
	return &websocket.Dialer{
		Proxy:            http.ProxyFromEnvironment,
		HandshakeTimeout: 30 * time.Second,
		NetDialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			if a.closing.Load() {
				return nil, discordgo.ErrWSAlreadyOpen
			}
			var d net.Dialer
			return d.DialContext(ctx, network, addr)
		},
	}
}
