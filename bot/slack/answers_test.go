package slack_test

import (
	"fmt"
	"strings"

	"github.com/pariscall/pariscall/knowledge"
)

// notSigned is a realistic answer: curly quotes, several citations, a note
// and an as-of date.
func notSigned() knowledge.Answer {
	return knowledge.Answer{
		Intent: knowledge.IntentNotSigned,
		Title:  "Who didn’t sign the Paris Call",
		Text:   "The United States, Russia, China, Iran, Israel and North Korea did not sign, as reported in November 2018.\nSome sources also name the UK & Australia as late signers <not holdouts>.",
		AsOf:   "November 2018",
		Notes:  []string{"Sources disagree on whether the UK signed at launch: one says “yes”, another lists it as a later signer."},
		Citations: []knowledge.Citation{
			{SourceID: "cslsmag-2018-11", Title: "Paris Call for Trust & Security in Cyberspace", Outlet: "CSL Magazine", URL: "https://example.org/paris-call?a=1&b=2", Published: "November 2018", Quote: "Notably absent from the list of signatories: the United States, Russia, China, Iran, Israel and North Korea.", Paragraph: 4, Location: "cslsmag-2018-11 ¶4"},
			{SourceID: "wired-2018-11", Title: "The US sits out “Paris Call”", Outlet: "Wired", Quote: "“It’s a start, but without the US it is dead on arrival,” said one expert.", Paragraph: 7, Location: "wired-2018-11 ¶7", Speaker: "Jane Expert, Fellow at <Think Tank>"},
			{SourceID: "reuters-2018-11", Title: "51 countries sign", Outlet: "Reuters", Quote: "The declaration was signed by 51 countries, 130 companies and 90 universities and non-profits.", Paragraph: 2, Location: "reuters-2018-11 ¶2"},
		},
		Suggestions: []string{"who signed", "did the US sign?", "principle 8"},
	}
}

// manyCitations is an answer with n citations, to exercise Slack's limits.
func manyCitations(n int) knowledge.Answer {
	a := notSigned()
	a.Intent = knowledge.IntentBrief
	a.Title = "Team briefing"
	a.Citations = nil
	for i := 1; i <= n; i++ {
		a.Citations = append(a.Citations, knowledge.Citation{
			SourceID: fmt.Sprintf("src-%d", i), Title: fmt.Sprintf("Headline %d", i), Outlet: "Outlet",
			Quote: fmt.Sprintf("Quote number %d says “something” & more.", i), Paragraph: i, Location: fmt.Sprintf("src-%d ¶%d", i, i),
		})
	}
	return a
}

// longQuote is an answer with a single quote longer than a section.
func longQuote() knowledge.Answer {
	a := notSigned()
	sentence := "This sentence is part of a very long verbatim quote & it keeps going <on>. "
	a.Citations = []knowledge.Citation{{SourceID: "long", Title: "Long read", Outlet: "Outlet",
		Quote: strings.Repeat(sentence, 100), Location: "long ¶1", Speaker: "A. Talker"}}
	return a
}
