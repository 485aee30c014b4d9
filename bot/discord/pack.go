package discord

import (
	"github.com/bwmarrin/discordgo"
)

// packer lays rendered parts out into messages of embeds, opening a new
// embed or a new message whenever the next part would break a limit.
type packer struct {
	title, footer string
	color         int
	// budget is the characters a message's embeds may hold, after the
	// footer that finish adds to each message.
	budget int

	msgs [][]*discordgo.MessageEmbed
	used int // characters used by the current message
}

// start opens a message; the first carries the title, later ones say
// that they continue it.
func (p *packer) start() {
	title := p.title
	if len(p.msgs) > 0 {
		title = truncate(p.title, maxTitle-runeLen(continuedSuffix)) + continuedSuffix
	} else {
		title = truncate(title, maxTitle)
	}
	p.msgs = append(p.msgs, []*discordgo.MessageEmbed{p.embed(title)})
	p.used = runeLen(title)
}

func (p *packer) embed(title string) *discordgo.MessageEmbed {
	return &discordgo.MessageEmbed{Type: discordgo.EmbedTypeRich, Title: title, Color: p.color}
}

func (p *packer) current() *discordgo.MessageEmbed {
	m := p.msgs[len(p.msgs)-1]
	return m[len(m)-1]
}

// next opens a new embed in the current message if one more embed and n
// more characters fit there, else a new message.
func (p *packer) next(n int) {
	m := p.msgs[len(p.msgs)-1]
	if len(m) < maxEmbeds && p.used+n <= p.budget {
		p.msgs[len(p.msgs)-1] = append(m, p.embed(""))
		return
	}
	p.start()
}

// addDescription places one chunk of the answer text, at most
// maxDescription characters, in an embed of its own.
func (p *packer) addDescription(d string) {
	n := runeLen(d)
	if cur := p.current(); cur.Description != "" || len(cur.Fields) > 0 {
		p.next(n)
	}
	if p.used+n > p.budget {
		p.start()
	}
	p.current().Description = d
	p.used += n
}

// addFields places the fields of one citation, keeping them in one embed
// when they fit in one at all.
func (p *packer) addFields(fs []*discordgo.MessageEmbedField) {
	total := 0
	for _, f := range fs {
		total += fieldLen(f)
	}
	continuedTitle := runeLen(p.title) + runeLen(continuedSuffix)
	if !p.fits(len(fs), total) && len(fs) <= maxFields && continuedTitle+total <= p.budget {
		p.next(total)
	}
	for _, f := range fs {
		n := fieldLen(f)
		if !p.fits(1, n) {
			p.next(n)
		}
		cur := p.current()
		cur.Fields = append(cur.Fields, f)
		p.used += n
	}
}

// fits reports whether count fields of n characters fit the current embed
// and message.
func (p *packer) fits(count, n int) bool {
	return len(p.current().Fields)+count <= maxFields && p.used+n <= p.budget
}

// finish puts the footer on the last embed of each message.
func (p *packer) finish() [][]*discordgo.MessageEmbed {
	if p.footer == "" {
		return p.msgs
	}
	for _, m := range p.msgs {
		m[len(m)-1].Footer = &discordgo.MessageEmbedFooter{Text: p.footer}
	}
	return p.msgs
}

func fieldLen(f *discordgo.MessageEmbedField) int {
	return runeLen(f.Name) + runeLen(f.Value)
}
