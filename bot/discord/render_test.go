package discord_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/pariscall/pariscall/bot/discord"
	"github.com/pariscall/pariscall/knowledge"
)

// Discord's limits, from its documentation, independent of the package's
// own constants.
const (
	limitTitle       = 256
	limitDescription = 4096
	limitFields      = 25
	limitFieldName   = 256
	limitFieldValue  = 1024
	limitFooter      = 2048
	limitMessage     = 6000
	limitEmbeds      = 10
)

func runes(s string) int { return utf8.RuneCountInString(s) }

// checkLimits fails the test for any embed or message over Discord's
// limits, or any empty field.
func checkLimits(t *testing.T, msgs [][]*discordgo.MessageEmbed) {
	t.Helper()
	if len(msgs) == 0 {
		t.Fatal("Render returned no messages")
	}
	for i, m := range msgs {
		if len(m) == 0 || len(m) > limitEmbeds {
			t.Errorf("message %d has %d embeds; want 1..%d", i, len(m), limitEmbeds)
		}
		total := 0
		for j, e := range m {
			total += runes(e.Title) + runes(e.Description)
			if e.Footer != nil {
				total += runes(e.Footer.Text)
				if runes(e.Footer.Text) > limitFooter {
					t.Errorf("message %d embed %d footer has %d characters", i, j, runes(e.Footer.Text))
				}
			}
			if runes(e.Title) > limitTitle || runes(e.Description) > limitDescription || len(e.Fields) > limitFields {
				t.Errorf("message %d embed %d: title %d, description %d, fields %d; over the limits",
					i, j, runes(e.Title), runes(e.Description), len(e.Fields))
			}
			if e.Title == "" && e.Description == "" && len(e.Fields) == 0 {
				t.Errorf("message %d embed %d is empty", i, j)
			}
			for k, f := range e.Fields {
				total += runes(f.Name) + runes(f.Value)
				if f.Name == "" || f.Value == "" || runes(f.Name) > limitFieldName || runes(f.Value) > limitFieldValue {
					t.Errorf("message %d embed %d field %d: name %d, value %d characters", i, j, k, runes(f.Name), runes(f.Value))
				}
			}
		}
		if total > limitMessage {
			t.Errorf("message %d has %d characters across its embeds; want ≤ %d", i, total, limitMessage)
		}
	}
}

// plainText undoes the escaping: backslash escapes and the zero-width
// spaces that defuse mass mentions.
func plainText(s string) string {
	s = strings.ReplaceAll(s, "\u200b", "")
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// quoteOfField returns the quote in a field value: its block-quoted
// lines, unescaped, with continuation markers removed.
func quoteOfField(value string) string {
	var lines []string
	for _, l := range strings.Split(value, "\n") {
		if !strings.HasPrefix(l, "> ") {
			break
		}
		lines = append(lines, strings.TrimPrefix(l, "> "))
	}
	q := strings.Join(lines, "\n")
	q = strings.TrimPrefix(q, "… ")
	q = strings.TrimSuffix(q, " …")
	return plainText(q)
}

// citationQuotes reassembles the quote of each citation, in order, from
// the fields of all messages; a field named "(continued)" continues the
// one before. It also returns how many fields each quote took.
func citationQuotes(msgs [][]*discordgo.MessageEmbed) (quotes []string, parts []int) {
	for _, m := range msgs {
		for _, e := range m {
			for _, f := range e.Fields {
				q := quoteOfField(f.Value)
				if strings.HasSuffix(f.Name, " (continued)") && len(quotes) > 0 {
					quotes[len(quotes)-1] += " " + q
					parts[len(parts)-1]++
					continue
				}
				quotes = append(quotes, q)
				parts = append(parts, 1)
			}
		}
	}
	return quotes, parts
}

func TestRenderLimits(t *testing.T) {
	t.Parallel()
	long := longAnswer("q", 1, 0)
	long.Citations[0].Quote = quoteOf(7, 5000)
	longText := sampleAnswer("q")
	longText.Text = strings.Repeat("The pact’s *nine* principles — ", 400)
	longTitle := sampleAnswer("q")
	longTitle.Title = strings.Repeat("Very long title ", 30)
	tests := []struct {
		name         string
		answer       knowledge.Answer
		wantMessages int
	}{
		{"sample", sampleAnswer("who didn't sign @everyone"), 1},
		{"many short citations", longAnswer("q", 60, 150), 3},
		{"many near-limit citations", longAnswer("q", 30, 850), 5},
		{"one quote longer than a field", long, 1},
		{"answer text longer than a description", longText, 3},
		{"long title", longTitle, 1},
		{"no citations", knowledge.Answer{Intent: knowledge.IntentHelp, Title: "Help", Text: "Ask me *anything*"}, 1},
		{"empty answer", knowledge.Answer{}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			msgs := discord.Render(tt.answer)
			checkLimits(t, msgs)
			if len(msgs) != tt.wantMessages {
				t.Errorf("Render gave %d messages; want %d", len(msgs), tt.wantMessages)
			}
			checkQuotes(t, tt.answer, msgs)
			if strings.Contains(tt.name, "description") {
				var text strings.Builder
				for _, m := range msgs {
					for _, e := range m {
						text.WriteString(e.Description + " ")
					}
				}
				if got, want := strings.Fields(plainText(text.String())), strings.Fields(tt.answer.Text); len(got) < len(want) || strings.Join(got[:len(want)], " ") != strings.Join(want, " ") {
					t.Errorf("split description does not reassemble the answer text")
				}
			}
		})
	}
}

// checkQuotes checks that every quote appears, in order, verbatim in one
// field, or for a quote too long for one field, split only between words.
func checkQuotes(t *testing.T, a knowledge.Answer, msgs [][]*discordgo.MessageEmbed) {
	t.Helper()
	quotes, parts := citationQuotes(msgs)
	if len(quotes) != len(a.Citations) {
		t.Fatalf("rendered %d quotes; want %d", len(quotes), len(a.Citations))
	}
	for i, c := range a.Citations {
		if parts[i] == 1 {
			if quotes[i] != c.Quote {
				t.Errorf("quote %d = %q; want %q", i, quotes[i], c.Quote)
			}
			continue
		}
		if runes(c.Quote) < limitFieldValue/2 {
			t.Errorf("quote %d (%d characters) was split into %d fields", i, runes(c.Quote), parts[i])
		}
		if got, want := strings.Join(strings.Fields(quotes[i]), " "), strings.Join(strings.Fields(c.Quote), " "); got != want {
			t.Errorf("split quote %d reassembles to %q; want %q", i, got, want)
		}
	}
}

func TestRenderContent(t *testing.T) {
	t.Parallel()
	a := sampleAnswer("who didn't sign @everyone")
	msgs := discord.Render(a)
	e := msgs[0][0]
	checks := []struct {
		what, got, want string
	}{
		{"field 0 name (outlet)", e.Fields[0].Name, "The Verge"},
		{"field 1 name (speaker)", e.Fields[1].Name, "Jane Expert, director of \\`cyber\\` studies"},
		{"footer", e.Footer.Text, "Sources: The Verge · CSLS Magazine"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q; want %q", c.what, c.got, c.want)
		}
	}
	wantParts := []string{
		"[The US didn’t sign a \\*major\\* cybersecurity pact](https://www.theverge.com/2018/11/12/paris-call)",
		"verge-2018-11 ¶2",
	}
	for _, w := range wantParts {
		if !strings.Contains(e.Fields[0].Value, w) {
			t.Errorf("field 0 value %q lacks %q", e.Fields[0].Value, w)
		}
	}
	if !strings.Contains(e.Description, "*As of November 2018.*") || !strings.Contains(e.Description, "**Note:** Sources disagree") {
		t.Errorf("description %q lacks the date or the note", e.Description)
	}
	if e.Color == 0 || e.Type != discordgo.EmbedTypeRich {
		t.Errorf("colour %#x type %q; want a colour and rich", e.Color, e.Type)
	}
	if none := discord.Render(knowledge.Answer{Intent: knowledge.IntentNoAnswer, Title: "No"}); none[0][0].Color == e.Color {
		t.Errorf("unanswered colour %#x; want different from answered", none[0][0].Color)
	}
}
