package discord

import (
	"net/url"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/pariscall/pariscall/knowledge"
)

// Discord's embed limits, in characters.
// https://discord.com/developers/docs/resources/message#embed-object-embed-limits
const (
	maxTitle       = 256
	maxDescription = 4096
	maxFields      = 25
	maxFieldName   = 256
	maxFieldValue  = 1024
	maxMessageText = 6000 // across all embeds of one message
	maxEmbeds      = 10

	// maxFooter is well under Discord's 2048 so that a message keeps most
	// of its 6000 characters for quotes.
	maxFooter = 512
	// Bounds on the attribution line under a quote, so that a quote keeps
	// most of its field.
	maxHeadline        = 160
	maxLinkURL         = 300
	maxAttributionPart = 80
)

// Embed colours: French blue for answers backed by sources, grey for help,
// usage errors and "the sources don't say".
const (
	colorAnswered = 0x0055A4
	colorOther    = 0x99AAB5
)

const (
	defaultTitle    = "Paris Call"
	continuedSuffix = " (continued)"
	contMarker      = "…"
)

// Render turns an answer into Discord messages, each a list of embeds
// within Discord's limits. The first message carries the title and the
// answer; citations that do not fit continue in later messages. A quote
// is never cut, except that one longer than a field (1024 characters) is
// split at word boundaries with a continuation marker.
func Render(a knowledge.Answer) [][]*discordgo.MessageEmbed {
	p := packer{
		title:  escapeMarkdown(strings.TrimSpace(a.Title)),
		footer: footer(a.Citations),
		color:  colorOther,
	}
	if p.title == "" {
		p.title = defaultTitle
	}
	if a.Answered() {
		p.color = colorAnswered
	}
	p.budget = maxMessageText - runeLen(p.footer)
	p.start()
	desc := description(a)
	if desc != "" {
		for _, d := range splitWords(desc, maxDescription-1, escapeChunkStart) {
			p.addDescription(escapeChunkStart(d))
		}
	}
	for _, c := range a.Citations {
		p.addFields(citationFields(c))
	}
	return p.finish()
}

// escapeChunkStart keeps a line-start marker that a split moved to the
// start of a chunk from taking effect there.
func escapeChunkStart(s string) string {
	var b strings.Builder
	rest := escapeLineStart(&b, s)
	return b.String() + rest
}

// description is the answer text, then its date, notes and suggestions,
// all escaped.
func description(a knowledge.Answer) string {
	var parts []string
	if t := strings.TrimSpace(a.Text); t != "" {
		parts = append(parts, escapeMarkdown(t))
	}
	if a.AsOf != "" {
		parts = append(parts, "*As of "+escapeMarkdown(a.AsOf)+".*")
	}
	var notes []string
	for _, n := range a.Notes {
		if n = strings.TrimSpace(n); n != "" {
			notes = append(notes, "**Note:** "+escapeMarkdown(n))
		}
	}
	if len(notes) > 0 {
		parts = append(parts, strings.Join(notes, "\n"))
	}
	if len(a.Suggestions) > 0 {
		parts = append(parts, "Try: "+escapeMarkdown(strings.Join(a.Suggestions, " · ")))
	}
	return strings.Join(parts, "\n\n")
}

// footer names the outlets the citations come from, once each, in order.
// Footers do not render markdown, so it is not escaped.
func footer(cs []knowledge.Citation) string {
	var names []string
	seen := map[string]bool{}
	for _, c := range cs {
		name := firstNonEmpty(c.Outlet, c.Title, c.SourceID)
		if name == "" || seen[name] {
			continue
		}
		seen[name] = true
		names = append(names, name)
	}
	if len(names) == 0 {
		return ""
	}
	label := "Source: "
	if len(names) > 1 {
		label = "Sources: "
	}
	return truncate(defuseMassMentions(label+strings.Join(names, " · ")), maxFooter)
}

// citationFields renders one citation as one field, or as several when the
// quote alone is longer than a field value may be.
func citationFields(c knowledge.Citation) []*discordgo.MessageEmbedField {
	name := truncate(escapeMarkdown(firstNonEmpty(c.Speaker, c.Outlet, c.Title, "Source")), maxFieldName)
	attribution := "— " + attributionLine(c)
	whole := quoteBlock(c.Quote) + "\n" + attribution
	if runeLen(whole) <= maxFieldValue {
		return []*discordgo.MessageEmbedField{{Name: name, Value: whole}}
	}
	// Split the quote alone; the attribution goes under its last part.
	pieces := splitWords(c.Quote, maxFieldValue-runeLen(attribution)-2*runeLen(contMarker)-3, quoteBlock)
	fields := make([]*discordgo.MessageEmbedField, len(pieces))
	contName := truncate(name, maxFieldName-runeLen(continuedSuffix)) + continuedSuffix
	for i, piece := range pieces {
		text := piece
		if i > 0 {
			text = contMarker + " " + text
		}
		value := quoteBlock(text)
		if i < len(pieces)-1 {
			value += " " + contMarker
		} else {
			value += "\n" + attribution
		}
		fields[i] = &discordgo.MessageEmbedField{Name: name, Value: value}
		if i > 0 {
			fields[i].Name = contName
		}
	}
	return fields
}

// quoteBlock renders a verbatim quote as a Discord block quote, escaped so
// that it reads exactly as the source wrote it.
func quoteBlock(quote string) string {
	lines := strings.Split(escapeMarkdown(strings.TrimSpace(quote)), "\n")
	return "> " + strings.Join(lines, "\n> ")
}

// attributionLine is the headline, linked to the source when its address
// is known, then the outlet (when the field is named for a speaker), the
// month and the paragraph's location. Each part is bounded on its own so
// that no cut falls inside the link.
func attributionLine(c knowledge.Citation) string {
	headline := truncate(escapeMarkdown(firstNonEmpty(c.Title, c.SourceID)), maxHeadline)
	if u := linkURL(c.URL); u != "" && runeLen(u) <= maxLinkURL {
		headline = "[" + headline + "](" + u + ")"
	}
	parts := []string{headline}
	if c.Speaker != "" && c.Outlet != "" {
		parts = append(parts, truncate(escapeMarkdown(c.Outlet), maxAttributionPart))
	}
	for _, s := range []string{c.Published, c.Location} {
		if s = strings.TrimSpace(s); s != "" {
			parts = append(parts, truncate(escapeMarkdown(s), maxAttributionPart))
		}
	}
	return strings.Join(parts, " · ")
}

// linkURL returns raw as a masked-link target, or "" when it is not an
// absolute http(s) address. Parentheses and spaces are percent-encoded so
// they cannot end the link early.
func linkURL(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	s := u.String()
	return strings.NewReplacer("(", "%28", ")", "%29", " ", "%20").Replace(s)
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}
