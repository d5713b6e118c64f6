package answer

import "github.com/briefbot/briefbot/briefings/cite"

// Answer is the reply to one question (see cite.Answer, which eval reads
// too).
type Answer = cite.Answer

// Answer kinds.
const (
	KindFAQ     = "faq"
	KindIssue   = "issue"
	KindPassage = "passage"
	KindNone    = "none"
)
