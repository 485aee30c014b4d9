package slack

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/slack-go/slack"

	"github.com/pariscall/pariscall/knowledge"
)

// checkEncoding compares appendReply with json.Marshal, byte for byte,
// and expects appendReply to know every shape the renderer makes.
func checkEncoding(t *testing.T, what string, r reply) {
	t.Helper()
	want, err := json.Marshal(r)
	if err != nil {
		t.Fatalf("%s: json.Marshal: %v", what, err)
	}
	got, ok := appendReply(nil, r)
	if !ok {
		t.Fatalf("%s: appendReply does not know a block the renderer made", what)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s: appendReply =\n%s\njson.Marshal =\n%s", what, got, want)
	}
}

// replies renders a as a slash reply and as every page of a posted answer.
func replies(a knowledge.Answer, asked string) []reply {
	p := newLayout(a, view{asked: asked, button: asked}).pages(1)[0]
	out := []reply{{ResponseType: slack.ResponseTypeEphemeral, Text: p.Text, Blocks: p.Blocks}}
	for _, p := range newLayout(a, view{asked: asked, asker: "road<runner>"}).pages(maxPages) {
		out = append(out, reply{ResponseType: slack.ResponseTypeInChannel, Text: p.Text, Blocks: p.Blocks})
	}
	return out
}

func TestAppendReplyMatchesJSONMarshal(t *testing.T) {
	e, err := knowledge.LoadDefault()
	if err != nil {
		t.Fatal(err)
	}
	questions := []string{"who didn't sign", "who signed", "brief", "principle 8", "principles", "what did Bischoff say",
		"sources", "help", "how many firearms did TSA intercept", "geneva convention human rights", "",
		"<!channel> \"quoted\" \\ back\\slash & <b> \u2028\u2029 \x00\x1f\x7f \xff🙂"}
	for _, q := range questions {
		for i, r := range replies(e.Answer(q), q) {
			checkEncoding(t, q+" #"+string(rune('0'+i)), r)
		}
	}
	checkEncoding(t, "no blocks", reply{ResponseType: "ephemeral", Text: "x"})
	if _, ok := appendReply(nil, reply{Blocks: []slack.Block{slack.NewImageBlock("https://x", "alt", "", nil)}}); ok {
		t.Error("appendReply encoded an image block; want it to leave unknown shapes to json.Marshal")
	}
	withID := slack.NewSectionBlock(plain("x"), nil, nil, slack.SectionBlockOptionBlockID("b1"))
	if _, ok := appendReply(nil, reply{Blocks: []slack.Block{withID}}); ok {
		t.Error("appendReply encoded a block_id; want it to leave unknown shapes to json.Marshal")
	}
}

// FuzzAppendReply renders answers made of arbitrary text and compares the
// hand-written encoding with json.Marshal.
func FuzzAppendReply(f *testing.F) {
	f.Add("Who didn’t sign", "<!here> & \"quotes\" \\", "> quote\nline", "Speaker <x>", "https://example.org/a?b=1&c=2")
	f.Add("\x00\x1f\u2028", "\xff\xfe", strings.Repeat("long ", 700), "", "")
	f.Fuzz(func(t *testing.T, title, text, quote, speaker, url string) {
		a := knowledge.Answer{Title: title, Text: text, AsOf: speaker, Notes: []string{quote},
			Suggestions: []string{title, quote},
			Citations: []knowledge.Citation{{SourceID: "s", Title: title, Outlet: speaker, URL: url, Quote: quote,
				Speaker: speaker, Location: "s ¶1", Published: text}}}
		for _, r := range replies(a, text) {
			checkEncoding(t, "fuzzed answer", r)
		}
	})
}
