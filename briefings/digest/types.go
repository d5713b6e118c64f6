package digest

import (
	"time"

	"github.com/briefbot/briefbot/briefings/cite"
)

// Digest is a briefing of what is new since a point in time. It is
// platform-neutral; chat adapters render it.
type Digest struct {
	Since time.Time `json:"since"`
	Until time.Time `json:"until"`
	// Empty is true when nothing new arrived; a schedule may skip it.
	Empty    bool      `json:"empty"`
	Lead     string    `json:"lead"`
	Issues   []Issue   `json:"issues"`
	Articles []Article `json:"articles"`
}

// Issue is what the new articles add to one issue.
type Issue struct {
	IssueID string       `json:"issue_id"`
	Name    string       `json:"name"`
	Points  []cite.Cited `json:"points"`
}

// Article is one new article with a one-line summary.
type Article struct {
	cite.Source
	Published time.Time `json:"published,omitzero"`
	Summary   string    `json:"summary"`
}

// Options select what a digest covers.
type Options struct {
	Since, Until time.Time
	// FirstSeen tells when an article first arrived; nil means its
	// Published time (articles with neither count as new).
	FirstSeen func(id string) (time.Time, bool)
	// IssueIDs limits the digest to these issues; empty means all.
	IssueIDs []string
	// MaxItems caps the new articles listed (0: a default).
	MaxItems int
	// MaxChars is the length budget of the whole digest text (0: a default).
	MaxChars int
}
