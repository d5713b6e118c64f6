package faq

import "github.com/briefbot/briefbot/briefings/cite"

// Entry is one question with its answer.
type Entry struct {
	Question   string        `json:"question"`
	Answer     string        `json:"answer"`
	Alternates []string      `json:"alternates"`
	Sources    []cite.Source `json:"sources"`
}
