package knowledge

// Command describes one thing the bot can be asked. The table drives the
// question parser's keywords, the help answer, Slack's usage hint and
// Discord's command registration and autocomplete.
type Command struct {
	// Name is the command word, such as "principle".
	Name string
	// Usage shows the command's arguments, such as "principle N".
	Usage string
	// Summary says in one line what the command answers.
	Summary string
	// Examples are questions that reach the command.
	Examples []string
}

// Commands returns the table of commands, in the order help lists them.
func Commands() []Command {
	return []Command{
		{Name: "brief", Usage: "brief", Summary: "A team briefing: what the pact is, who signed, who didn't, the nine principles and reactions.", Examples: []string{"brief"}},
		{Name: "signed", Usage: "who signed", Summary: "Who signed the Paris Call, with counts as reported in November 2018.", Examples: []string{"who signed", "how many countries signed"}},
		{Name: "not-signed", Usage: "who didn't sign", Summary: "Which countries did not sign.", Examples: []string{"who didn't sign", "did the US sign?"}},
		{Name: "did-sign", Usage: "did X sign", Summary: "Whether a country or company signed, as far as the sources say.", Examples: []string{"did Google sign", "did Russia sign?"}},
		{Name: "principle", Usage: "principle N", Summary: "One of the nine principles, as worded by each source.", Examples: []string{"principle 8", "hack back"}},
		{Name: "principles", Usage: "principles", Summary: "The nine principles, one line each.", Examples: []string{"principles"}},
		{Name: "what", Usage: "what is the Paris Call", Summary: "What the pact is, who launched it and where.", Examples: []string{"what is the paris call", "who launched it"}},
		{Name: "said", Usage: "what did PERSON say", Summary: "What a quoted expert said, or who said something.", Examples: []string{"what did Bischoff say", "who called it dead on arrival"}},
		{Name: "reactions", Usage: "reactions", Summary: "The sharpest reactions from the people quoted.", Examples: []string{"reactions"}},
		{Name: "sources", Usage: "sources", Summary: "The articles the answers quote.", Examples: []string{"sources"}},
		{Name: "help", Usage: "help", Summary: "This list.", Examples: []string{"help"}},
	}
}
