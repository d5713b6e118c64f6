package briefings

type answerer struct{ kb *KB }

func newAnswerer(kb *KB) *answerer { return &answerer{kb: kb} }

// Ask answers a free-text question, or declines with suggestions.
func (kb *KB) Ask(question string) Answer {
	return Answer{Question: question, Kind: KindNone, Answer: kb.opts.DefaultAnswer, Sources: []Source{}, Suggestions: []string{}}
}
