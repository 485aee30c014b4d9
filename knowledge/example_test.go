package knowledge_test

import (
	"fmt"
	"log"

	"github.com/pariscall/pariscall/knowledge"
)

func ExampleEngine_Answer() {
	e, err := knowledge.LoadDefault()
	if err != nil {
		log.Fatal(err)
	}
	a := e.Answer("principle 8")
	fmt.Println(a.Intent)
	fmt.Println(a.Title)
	c := a.Citations[0]
	fmt.Printf("%s (%s, %s)\n", c.Quote, c.Outlet, c.Location)
	// Output:
	// principle
	// Principle 8: No private hack-back
	// Take steps to prevent non-State actors, including the private sector, from hacking-back, for their own purposes or those of other non-State actors; (Campus Security & Life Safety, campus-security ¶15)
}

func ExampleEngine_Answer_notSigned() {
	e, err := knowledge.LoadDefault()
	if err != nil {
		log.Fatal(err)
	}
	a := e.Answer("<@U123> who didn’t sign?")
	fmt.Println(a.Query)
	fmt.Println(a.Text)
	fmt.Println(a.AsOf, len(a.Citations), "citations")
	// Output:
	// who didn’t sign?
	// As reported in November 2018, these countries did not sign: the United States, Russia, China and North Korea (named only by SC Media).
	// November 2018 2 citations
}

func ExampleEngine_Complete() {
	e, err := knowledge.LoadDefault()
	if err != nil {
		log.Fatal(err)
	}
	for _, s := range e.Complete("what did", 3) {
		fmt.Println(s)
	}
	// Output:
	// what did Bischoff say
	// what did Paul Bischoff say
	// what did Nick Bilogorskiy say
}

func ExampleCommands() {
	for _, c := range knowledge.Commands()[:3] {
		fmt.Printf("%s: %s\n", c.Usage, c.Summary)
	}
	// Output:
	// brief: A team briefing: what the pact is, who signed, who didn't, the nine principles and reactions.
	// who signed: Who signed the Paris Call, with counts as reported in November 2018.
	// who didn't sign: Which countries did not sign.
}
