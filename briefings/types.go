package briefings

import "time"

// Source is an article an answer or a sentence is drawn from.
type Source struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	URL   string `json:"url"`
}

// FAQEntry is one question with its answer.
type FAQEntry struct {
	Question   string   `json:"question"`
	Answer     string   `json:"answer"`
	Alternates []string `json:"alternates"`
	Sources    []Source `json:"sources"`
}

// Cited is a sentence with the articles that say it.
type Cited struct {
	Text    string   `json:"text"`
	Sources []Source `json:"sources"`
}

// Issue is one of the main issues the articles discuss.
type Issue struct {
	ID       string   `json:"id"`
	Name     string   `json:"name"`
	Aliases  []string `json:"aliases"`
	Keywords []string `json:"keywords,omitempty"`
	Summary  []Cited  `json:"summary"`
	// ArticleIDs lists the articles about the issue, most relevant first.
	ArticleIDs []string `json:"-"`
}

// Answer kinds.
const (
	KindFAQ     = "faq"
	KindIssue   = "issue"
	KindPassage = "passage"
	KindNone    = "none"
)

// Answer is the reply to one question, in the shape of the contract's
// `briefbot ask -json` output. Answered is false exactly when Kind is KindNone.
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

// Digest is a briefing of what is new since a point in time. It is
// platform-neutral; chat adapters render it.
type Digest struct {
	Since time.Time `json:"since"`
	Until time.Time `json:"until"`
	// Empty is true when nothing new arrived; a schedule may skip it.
	Empty    bool            `json:"empty"`
	Lead     string          `json:"lead"`
	Issues   []DigestIssue   `json:"issues"`
	Articles []DigestArticle `json:"articles"`
}

// DigestIssue is what the new articles add to one issue.
type DigestIssue struct {
	IssueID string  `json:"issue_id"`
	Name    string  `json:"name"`
	Points  []Cited `json:"points"`
}

// DigestArticle is one new article with a one-line summary.
type DigestArticle struct {
	Source
	Published time.Time `json:"published,omitzero"`
	Summary   string    `json:"summary"`
}
