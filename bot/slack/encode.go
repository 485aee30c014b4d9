package slack

import (
	"net/http"
	"unicode/utf8"

	"github.com/slack-go/slack"
)

// The slash command's reply is encoded by hand: json.Marshal walks
// slack-go's block types by reflection and marshals context and action
// elements twice (through their MarshalJSON), which was about a tenth of
// the server's time per slash command under load. appendReply writes the
// same bytes for the block shapes the renderer makes, and says when it
// meets any other shape, so writeReply can fall back to json.Marshal.

// writeReply sends r as a 200 JSON response, encoded into a buffer from
// a.bufs.
func (a *Adapter) writeReply(w http.ResponseWriter, r reply) {
	p, _ := a.bufs.Get().(*[]byte)
	if p == nil {
		p = new([]byte)
	}
	defer a.bufs.Put(p)
	b, ok := appendReply((*p)[:0], r)
	if !ok {
		writeJSON(w, r)
		return
	}
	if cap(b) <= 64<<10 { // keep ordinary buffers, not a rare giant
		*p = b
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(b)
}

// appendReply appends r as JSON, byte for byte as json.Marshal writes it,
// and reports false if a block has a shape it does not know.
func appendReply(b []byte, r reply) ([]byte, bool) {
	b = append(b, `{"response_type":`...)
	b = appendString(b, r.ResponseType)
	b = append(b, `,"text":`...)
	b = appendString(b, r.Text)
	b = append(b, `,"blocks":`...)
	if r.Blocks == nil {
		return append(b, "null}"...), true
	}
	b = append(b, '[')
	for i, block := range r.Blocks {
		if i > 0 {
			b = append(b, ',')
		}
		var ok bool
		if b, ok = appendBlock(b, block); !ok {
			return b, false
		}
	}
	return append(b, "]}"...), true
}

// appendBlock appends one block, or reports false for a shape it does
// not know.
func appendBlock(b []byte, block slack.Block) ([]byte, bool) {
	switch bl := block.(type) {
	case *slack.HeaderBlock:
		if bl == nil || bl.BlockID != "" || bl.Level != 0 {
			return b, false
		}
		return appendTextBlock(b, string(bl.Type), bl.Text), true
	case *slack.SectionBlock:
		if bl == nil || bl.BlockID != "" || bl.Fields != nil || bl.Accessory != nil || bl.Expand {
			return b, false
		}
		return appendTextBlock(b, string(bl.Type), bl.Text), true
	case *slack.ContextBlock:
		if bl == nil || bl.BlockID != "" {
			return b, false
		}
		return appendContext(b, bl)
	case *slack.DividerBlock:
		if bl == nil || bl.BlockID != "" {
			return b, false
		}
		b = append(b, `{"type":`...)
		b = appendString(b, string(bl.Type))
		return append(b, '}'), true
	case *slack.ActionBlock:
		if bl == nil || bl.BlockID != "" || bl.Elements == nil || bl.Elements.ElementSet == nil {
			return b, false
		}
		return appendActions(b, bl)
	}
	return b, false
}

// appendTextBlock appends a header or section: a type and an optional
// text object.
func appendTextBlock(b []byte, typ string, text *slack.TextBlockObject) []byte {
	b = append(b, `{"type":`...)
	b = appendString(b, typ)
	if text != nil {
		b = append(b, `,"text":`...)
		b = appendText(b, text)
	}
	return append(b, '}')
}

// appendContext appends a context block whose elements are all text.
func appendContext(b []byte, bl *slack.ContextBlock) ([]byte, bool) {
	b = append(b, `{"type":`...)
	b = appendString(b, string(bl.Type))
	b = append(b, `,"elements":`...)
	if bl.ContextElements.Elements == nil {
		return append(b, "null}"...), true
	}
	b = append(b, '[')
	for i, e := range bl.ContextElements.Elements {
		t, ok := e.(*slack.TextBlockObject)
		if !ok || t == nil {
			return b, false
		}
		if i > 0 {
			b = append(b, ',')
		}
		b = appendText(b, t)
	}
	return append(b, "]}"...), true
}

// appendActions appends an actions block whose elements are all buttons.
func appendActions(b []byte, bl *slack.ActionBlock) ([]byte, bool) {
	b = append(b, `{"type":`...)
	b = appendString(b, string(bl.Type))
	b = append(b, `,"elements":[`...)
	for i, e := range bl.Elements.ElementSet {
		if i > 0 {
			b = append(b, ',')
		}
		var ok bool
		if b, ok = appendButton(b, e); !ok {
			return b, false
		}
	}
	return append(b, "]}"...), true
}

// appendButton appends a button with a text, action id, value and style,
// the only kind the renderer makes.
func appendButton(b []byte, e slack.BlockElement) ([]byte, bool) {
	bt, ok := e.(*slack.ButtonBlockElement)
	if !ok || bt == nil || bt.URL != "" || bt.Confirm != nil || bt.AccessibilityLabel != "" ||
		bt.AgentPrompt != "" || bt.AgentPromptDisplay != "" || bt.VisibleToUserIDs != nil {
		return b, false
	}
	b = append(b, '{')
	if bt.Type != "" {
		b = append(b, `"type":`...)
		b = appendString(b, string(bt.Type))
		b = append(b, ',')
	}
	b = append(b, `"text":`...)
	if bt.Text == nil {
		b = append(b, "null"...)
	} else {
		b = appendText(b, bt.Text)
	}
	for _, f := range []struct{ name, value string }{
		{`,"action_id":`, bt.ActionID}, {`,"value":`, bt.Value}, {`,"style":`, string(bt.Style)},
	} {
		if f.value != "" {
			b = append(b, f.name...)
			b = appendString(b, f.value)
		}
	}
	return append(b, '}'), true
}

func appendText(b []byte, t *slack.TextBlockObject) []byte {
	b = append(b, `{"type":`...)
	b = appendString(b, t.Type)
	b = append(b, `,"text":`...)
	b = appendString(b, t.Text)
	if t.Emoji != nil {
		if *t.Emoji {
			b = append(b, `,"emoji":true`...)
		} else {
			b = append(b, `,"emoji":false`...)
		}
	}
	if t.Verbatim {
		b = append(b, `,"verbatim":true`...)
	}
	return append(b, '}')
}

// appendString appends s as a JSON string the way encoding/json does with
// HTML escaping on: <, > and & as \u003c, \u003e and \u0026, control
// characters escaped, invalid UTF-8 as \ufffd, and U+2028 and U+2029
// escaped.
func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
