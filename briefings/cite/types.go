package cite

// Source is an article an answer or a sentence is drawn from.
type Source struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	URL   string `json:"url"`
}

// Cited is a sentence with the articles that say it.
type Cited struct {
	Text    string   `json:"text"`
	Sources []Source `json:"sources"`
}

// Answer is the reply to one question, in the shape of the contract's
// `briefbot ask -json` output. Answered is false exactly when Kind is "none".
// The answer package makes it; it lives here, with the other cited types,
// so that evaluation can read answers without depending on the answerer.
type Answer struct {
	Question    string   `json:"question"`
	Answered    bool     `json:"answered"`
	Kind        string   `json:"kind"`
	Title       string   `json:"title"`
	Answer      string   `json:"answer"`
	Confidence  float64  `json:"confidence"`
	Sources     []Source `json:"sources"`
	Suggestions []string `json:"suggestions"`
}
