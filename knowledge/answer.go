package knowledge

// Intent names the kind of question the engine recognised. Adapters and
// metrics use it as a label, so its values are stable and low-cardinality.
type Intent string

// The intents the engine recognises.
const (
	IntentEmpty      Intent = "empty"
	IntentTooLong    Intent = "too_long"
	IntentHelp       Intent = "help"
	IntentSources    Intent = "sources"
	IntentBrief      Intent = "brief"
	IntentWhatIs     Intent = "what_is"
	IntentLaunch     Intent = "launch"
	IntentSigned     Intent = "signed"
	IntentNotSigned  Intent = "not_signed"
	IntentDidSign    Intent = "did_sign"
	IntentCounts     Intent = "counts"
	IntentPrinciple  Intent = "principle"
	IntentPrinciples Intent = "principles"
	IntentPerson     Intent = "person"
	IntentWhoSaid    Intent = "who_said"
	IntentOrg        Intent = "organisation"
	IntentReactions  Intent = "reactions"
	IntentSearch     Intent = "search"
	IntentNoAnswer   Intent = "no_answer"
)

// Citation is one verbatim span of a source document, with enough context
// for a reader to find and check it.
type Citation struct {
	// SourceID is the stable id of the source document.
	SourceID string `json:"source"`
	// Title is the source's headline.
	Title string `json:"title"`
	// Outlet is the publication that ran the source.
	Outlet string `json:"outlet"`
	// URL is the source's address, when known.
	URL string `json:"url,omitempty"`
	// Published is the source's publication month, such as "November 2018".
	Published string `json:"published,omitempty"`
	// Quote is a verbatim span of the source body.
	Quote string `json:"quote"`
	// Paragraph is the 1-based number of the body paragraph holding Quote.
	Paragraph int `json:"paragraph"`
	// Location is a human-readable place, such as "cslsmag-2018-11 ¶4".
	Location string `json:"location"`
	// Speaker names the person whose words Quote is, with their role, when
	// the quote is a person's.
	Speaker string `json:"speaker,omitempty"`
}

// Answer is the platform-neutral reply to one question. Adapters render it;
// they never change what it says.
type Answer struct {
	// Query is the question as the user sent it, after markup was stripped.
	Query string `json:"query"`
	// Intent is what the engine understood the question to be.
	Intent Intent `json:"intent"`
	// Title is a short heading for the answer.
	Title string `json:"title"`
	// Text is the plain-text answer; it may span several lines.
	Text string `json:"answer"`
	// Citations back the answer, in the order they should be shown.
	Citations []Citation `json:"citations"`
	// Notes carry caveats, such as sources that disagree.
	Notes []string `json:"notes,omitempty"`
	// Suggestions are follow-up questions the engine can answer.
	Suggestions []string `json:"suggestions,omitempty"`
	// AsOf dates the answer's facts, such as "November 2018", when they may
	// have changed since their sources were published.
	AsOf string `json:"as_of,omitempty"`
}

// Answered reports whether the sources said something about the question,
// as opposed to help, usage errors and "the sources don't say".
func (a Answer) Answered() bool {
	switch a.Intent {
	case IntentEmpty, IntentTooLong, IntentHelp, IntentNoAnswer:
		return false
	}
	return len(a.Citations) > 0
}
