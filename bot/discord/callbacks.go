package discord

import (
	"net/http"
	"sync"

	"github.com/bwmarrin/discordgo"
)

// callbackUses is how many interactions one callback session answers
// before a fresh one takes over.
const callbackUses = 1024

// callbacks hands out the discordgo session that sends interaction
// responses and follow-up messages. discordgo keeps a rate-limit bucket per
// URL for the life of a session, and these URLs carry each interaction's
// own token, so one long-lived session would grow by about 450 bytes with
// every interaction, for as long as the process runs. After callbackUses
// interactions a fresh session, with the same token and HTTP client, takes
// over, and the old one is collected once its calls finish. The buckets
// lost with it belong to interactions already answered.
type callbacks struct {
	token  string
	client *http.Client

	mu   sync.Mutex
	cur  *discordgo.Session
	uses int
}

// session returns the session for one interaction's response and
// follow-ups.
func (c *callbacks) session() *discordgo.Session {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cur == nil || c.uses >= callbackUses {
		s, _ := discordgo.New(c.token) // New only fills in a struct; it cannot fail.
		s.Client = c.client
		s.StateEnabled = false
		c.cur, c.uses = s, 0
	}
	c.uses++
	return c.cur
}
