package knowledge

// Engine answers questions from a verified fact base and a full-text index
// over the corpus. It is safe for concurrent use once loaded.
type Engine struct {
}

// Answer answers one question. It never fails: questions it cannot answer
// get an Answer that says so.
func (e *Engine) Answer(question string) Answer {
	return Answer{Query: question, Intent: IntentNoAnswer, Title: "Not yet", Text: "under construction"}
}

// Complete suggests up to limit questions that start with, or contain, what
// the user has typed so far.
func (e *Engine) Complete(prefix string, limit int) []string {
	return nil
}

// LoadDefault loads the embedded corpus and fact base.
func LoadDefault() (*Engine, error) {
	return &Engine{}, nil
}
