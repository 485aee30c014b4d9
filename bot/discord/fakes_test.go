package discord_test

import (
	"fmt"
	"strings"
	"sync"

	"github.com/pariscall/pariscall/bot"
	"github.com/pariscall/pariscall/knowledge"
)

// fakeEngine is a bot.Engine whose behaviour each test sets. Without
// AnswerFunc it answers sampleAnswer and records the questions.
type fakeEngine struct {
	AnswerFunc   func(question string) knowledge.Answer
	CompleteFunc func(prefix string, limit int) []string

	mu        sync.Mutex
	questions []string
}

var _ bot.Engine = (*fakeEngine)(nil)

func (e *fakeEngine) Answer(q string) knowledge.Answer {
	if e.AnswerFunc != nil {
		return e.AnswerFunc(q)
	}
	e.mu.Lock()
	e.questions = append(e.questions, q)
	e.mu.Unlock()
	return sampleAnswer(q)
}

func (e *fakeEngine) Complete(prefix string, limit int) []string {
	if e.CompleteFunc == nil {
		// Twice what was asked, to check that the adapter still sends at
		// most Discord's 25 choices.
		return completeFrom(suggestionList(), prefix, 2*limit)
	}
	return e.CompleteFunc(prefix, limit)
}

func (e *fakeEngine) asked() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]string(nil), e.questions...)
}

// suggestionList has more entries than Discord's 25 choices.
func suggestionList() []string {
	out := []string{"who signed", "who didn't sign", "did the US sign?", "did Google sign", "brief", "principles", "reactions", "sources", "help"}
	for i := 1; i <= 9; i++ {
		out = append(out, fmt.Sprintf("principle %d", i))
	}
	for i := 1; i <= 20; i++ {
		out = append(out, fmt.Sprintf("what did expert %d say about %s", i, strings.Repeat("restraint ", 12)))
	}
	return out
}

func completeFrom(list []string, prefix string, limit int) []string {
	var out []string
	for _, s := range list {
		if strings.Contains(strings.ToLower(s), strings.ToLower(prefix)) && len(out) < limit {
			out = append(out, s)
		}
	}
	return out
}

// sampleAnswer is a realistic answer that also carries everything that
// must be escaped: markdown, curly quotes, and mass mentions echoed from
// the question.
func sampleAnswer(q string) knowledge.Answer {
	return knowledge.Answer{
		Query:  q,
		Intent: knowledge.IntentNotSigned,
		Title:  "Who didn't sign the Paris Call",
		Text:   "You asked “" + q + "”. The United States, Russia, China, Israel, Iran and North Korea did *not* sign — as reported in November 2018.",
		Citations: []knowledge.Citation{
			{
				SourceID: "verge-2018-11", Title: "The US didn’t sign a *major* cybersecurity pact", Outlet: "The Verge",
				URL: "https://www.theverge.com/2018/11/12/paris-call", Published: "November 2018",
				Quote:     "The US was notably absent from the list — along with Russia, China, Iran, Israel and North Korea.",
				Paragraph: 2, Location: "verge-2018-11 ¶2",
			},
			{
				SourceID: "cslsmag-2018-11", Title: "Paris Call: _cyber_ ~norms~ | a pact", Outlet: "CSLS Magazine",
				Published: "November 2018", Speaker: "Jane Expert, director of `cyber` studies",
				Quote:     "“It’s a *symbolic* step > nothing at all,” she said; <@&123> @everyone ||spoiler|| [link](https://evil.example) # not a header",
				Paragraph: 4, Location: "cslsmag-2018-11 ¶4",
			},
		},
		Notes: []string{"Sources disagree on the count: 51 or 57 states."},
		AsOf:  "November 2018",
	}
}

// longAnswer has enough citations to need several messages.
func longAnswer(q string, n, quoteLen int) knowledge.Answer {
	a := sampleAnswer(q)
	a.Citations = nil
	for i := range n {
		a.Citations = append(a.Citations, knowledge.Citation{
			SourceID: fmt.Sprintf("src-%d", i), Title: fmt.Sprintf("Headline number %d", i), Outlet: fmt.Sprintf("Outlet %d", i%4),
			Quote: quoteOf(i, quoteLen), Paragraph: i + 1, Location: fmt.Sprintf("src-%d ¶%d", i, i+1),
		})
	}
	return a
}

// quoteOf is a quote of about n characters, unique to i, with markdown in
// it.
func quoteOf(i, n int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Quote %d:", i)
	for w := 0; b.Len() < n; w++ {
		if w%7 == 3 {
			fmt.Fprintf(&b, " *w%d_%d*", i, w)
		} else {
			fmt.Fprintf(&b, " word%d", w)
		}
	}
	return b.String()
}

// longOrSampleEngine answers "everything" with an answer too long for one
// message, and anything else with the sample answer.
func longOrSampleEngine() *fakeEngine {
	return &fakeEngine{AnswerFunc: func(q string) knowledge.Answer {
		if q == "everything" {
			return longAnswer(q, 40, 600)
		}
		return sampleAnswer(q)
	}}
}
