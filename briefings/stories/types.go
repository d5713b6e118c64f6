package stories

import "github.com/briefbot/briefbot/briefings/cite"

// Issue is one of the main issues the articles discuss.
type Issue struct {
	ID       string       `json:"id"`
	Name     string       `json:"name"`
	Aliases  []string     `json:"aliases"`
	Keywords []string     `json:"keywords,omitempty"`
	Summary  []cite.Cited `json:"summary"`
	// ArticleIDs lists the articles about the issue, most relevant first.
	ArticleIDs []string `json:"-"`
}

// Spec is an issue named in the config.
type Spec struct {
	Name     string
	Aliases  []string
	Keywords []string
}
