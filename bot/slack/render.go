package slack

import (
	"strconv"
	"strings"

	"github.com/slack-go/slack"

	"github.com/pariscall/pariscall/knowledge"
)

// Slack's Block Kit limits, and the caps that keep one answer readable.
const (
	maxBlocks      = 50   // blocks in one message
	maxText        = 3000 // characters in a section or context text
	maxHeader      = 150  // characters in a header
	maxButtonValue = 2000 // characters in a button's value
	maxPages       = 5    // messages one chat.postMessage answer may span
	maxTextParts   = 8    // sections for the answer text
	maxNoteParts   = 5    // sections for notes
	maxQuoteParts  = 4    // sections for one long quote
	maxSuggestions = 5    // suggestions shown
	maxAttribution = 300  // characters of one attribution field
	postActionID   = "pariscall_post"
)

// view says where an answer is shown, which decides the chrome around it.
type view struct {
	// asked is the question as typed, shown on top when the asker cannot see
	// it (slash commands); "" shows nothing.
	asked string
	// asker names who asked, for answers re-posted to a channel.
	asker string
	// button is the question the "Post to channel" button carries; "" shows
	// no button.
	button string
}

// page is one Slack message: Block Kit blocks and the plain text Slack shows
// in notifications and to screen readers.
type page struct {
	Text   string        `json:"text"`
	Blocks []slack.Block `json:"blocks"`
}

// reply is a message sent as a slash command's HTTP response, a Socket Mode
// ack payload or through a response_url.
type reply struct {
	ResponseType string        `json:"response_type"`
	Text         string        `json:"text"`
	Blocks       []slack.Block `json:"blocks"`
}

// layout is an answer cut into blocks, before it is laid out on pages.
// Citations stay whole so a page never ends inside a quote.
type layout struct {
	title string
	text  string
	head  []slack.Block
	cites [][]slack.Block
	tail  []slack.Block
}

// newLayout renders a as blocks for v. Every piece of text is escaped.
func newLayout(a knowledge.Answer, v view) layout {
	title := strings.TrimSpace(a.Title)
	if title == "" {
		title = "Paris Call"
	}
	l := layout{title: title, text: fit(title+"\n"+a.Text, maxText)}
	if asked := askedLine(v); asked != "" {
		l.head = append(l.head, contextBlock(asked))
	}
	l.head = append(l.head, slack.NewHeaderBlock(plain(fit(title, maxHeader))))
	for _, part := range capParts(split(a.Text, maxText, escCost), maxTextParts) {
		l.head = append(l.head, sectionBlock(escape(part)))
	}
	if asOf := strings.TrimSpace(a.AsOf); asOf != "" {
		l.head = append(l.head, contextBlock(fit("As of "+asOf, maxText)))
	}
	l.head = append(l.head, noteBlocks(a.Notes)...)
	if len(a.Citations) > 0 {
		l.head = append(l.head, slack.NewDividerBlock())
	}
	for _, c := range a.Citations {
		l.cites = append(l.cites, citationBlocks(c))
	}
	if s := suggestionLine(a.Suggestions); s != "" {
		l.tail = append(l.tail, contextBlock(s))
	}
	if v.button != "" && width(v.button, func(rune) int { return 1 }) <= maxButtonValue {
		button := slack.NewButtonBlockElement(postActionID, v.button, plain("Post to channel"))
		l.tail = append(l.tail, slack.NewActionBlock("", button.WithStyle(slack.StylePrimary)))
	}
	return l
}

// askedLine repeats the question on top of the answer.
func askedLine(v view) string {
	q := strings.TrimSpace(printable(v.asked))
	if q == "" {
		return ""
	}
	who := "You asked"
	if v.asker != "" {
		who = fit(printable(v.asker), maxAttribution) + " asked"
	}
	return "*" + who + ":* " + fit(q, maxText-len(who)-maxAttribution)
}

// noteBlocks renders caveats, such as sources that disagree.
func noteBlocks(notes []string) []slack.Block {
	var parts []string
	for _, n := range notes {
		parts = append(parts, split(n, maxText-len(":warning: "), escCost)...)
	}
	var blocks []slack.Block
	for _, p := range capParts(parts, maxNoteParts) {
		blocks = append(blocks, sectionBlock(":warning: "+escape(p)))
	}
	return blocks
}

// citationBlocks renders one citation: its quote, split only if it is longer
// than a section, then a context line saying who said it and where.
func citationBlocks(c knowledge.Citation) []slack.Block {
	const more = " …"
	parts := capParts(split(c.Quote, maxText-len("> ")-2*len(more), quoteCost), maxQuoteParts)
	var blocks []slack.Block
	for i, p := range parts {
		if i > 0 {
			p = "…" + " " + p
		}
		if i < len(parts)-1 {
			p += more
		}
		blocks = append(blocks, sectionBlock("> "+strings.ReplaceAll(escape(p), "\n", "\n> ")))
	}
	return append(blocks, contextBlock(attribution(c)))
}

// attribution names a citation's speaker, outlet, headline and place.
func attribution(c knowledge.Citation) string {
	var fields []string
	if c.Speaker != "" {
		fields = append(fields, "*"+fit(c.Speaker, maxAttribution)+"*")
	}
	source := "“" + fit(c.Title, maxAttribution) + "”"
	if u := linkURL(c.URL); u != "" {
		source = "<" + u + "|" + fit(c.Title, maxAttribution) + ">"
	}
	if c.Outlet != "" {
		source = "_" + fit(c.Outlet, maxAttribution) + "_, " + source
	}
	fields = append(fields, source)
	for _, f := range []string{c.Published, c.Location} {
		if f != "" {
			fields = append(fields, fit(f, maxAttribution))
		}
	}
	return strings.Join(fields, " · ")
}

// linkURL returns u made safe for Slack's <url|label> markup, or "" when it is
// not a web address.
func linkURL(u string) string {
	if !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") {
		return ""
	}
	if len(u) > maxAttribution*2 {
		return ""
	}
	return strings.ReplaceAll(escape(u), "|", "%7C")
}

// suggestionLine offers follow-up questions.
func suggestionLine(suggestions []string) string {
	var quoted []string
	for _, s := range suggestions {
		s = strings.TrimSpace(strings.ReplaceAll(s, "`", "'"))
		if s != "" && len(quoted) < maxSuggestions {
			quoted = append(quoted, "`"+fit(s, maxAttribution)+"`")
		}
	}
	if len(quoted) == 0 {
		return ""
	}
	return "Try: " + strings.Join(quoted, " · ")
}

// capParts keeps at most n parts, marking the cut with a last "…" part.
func capParts(parts []string, n int) []string {
	if len(parts) <= n {
		return parts
	}
	return append(parts[:n-1:n-1], "…")
}

// pages lays the answer out on at most limit messages of at most maxBlocks
// blocks, keeping each citation on one page. Citations that do not fit are
// counted in a closing "… N more citations" line.
func (l layout) pages(limit int) []page {
	var done [][]slack.Block
	cur := append([]slack.Block(nil), l.head...)
	room := func() int {
		if len(done)+1 == limit {
			return maxBlocks - len(l.tail) - 1
		}
		return maxBlocks
	}
	for i, c := range l.cites {
		if len(cur)+len(c) > room() {
			if len(done)+1 == limit {
				cur = append(cur, contextBlock(moreLine(len(l.cites)-i, limit == 1)))
				break
			}
			done = append(done, cur)
			cur = []slack.Block{contextBlock("_" + fit(l.title, maxHeader) + " (continued)_")}
		}
		cur = append(cur, c...)
	}
	if len(cur)+len(l.tail) > maxBlocks {
		done = append(done, cur)
		cur = []slack.Block{contextBlock("_" + fit(l.title, maxHeader) + " (continued)_")}
	}
	done = append(done, append(cur, l.tail...))
	out := make([]page, len(done))
	for i, blocks := range done {
		out[i] = page{Text: l.text, Blocks: blocks}
		if i > 0 {
			out[i].Text = fit(l.title+" (continued)", maxText)
		}
	}
	return out
}

// moreLine says how many citations a message left out; in a single-message
// reply it says where to find them all.
func moreLine(n int, single bool) string {
	noun := "citations"
	if n == 1 {
		noun = "citation"
	}
	line := "_… " + strconv.Itoa(n) + " more " + noun + " not shown."
	if single {
		line += " Mention me or send me a direct message to see them all."
	}
	return line + "_"
}

// plain is a plain_text object; Slack still parses &, < and > in it, so text
// given to it must already be escaped.
func plain(escaped string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.PlainTextType, escaped, true, false)
}

// sectionBlock is a section holding escaped mrkdwn. Verbatim stops Slack from
// turning bare names and addresses into links or mentions.
func sectionBlock(escaped string) slack.Block {
	return slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, escaped, false, true), nil, nil)
}

// contextBlock is a context line holding escaped mrkdwn.
func contextBlock(escaped string) slack.Block {
	return slack.NewContextBlock("", slack.NewTextBlockObject(slack.MarkdownType, escaped, false, true))
}
