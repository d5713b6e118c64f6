package briefings

// buildIssues discovers issues and merges the configured ones.
func buildIssues(kb *KB) []Issue { return nil }

// FindIssue matches query fuzzily against issue names and aliases. On no
// match it returns ok false and up to 3 suggestions.
func (kb *KB) FindIssue(query string) (issue Issue, suggestions []string, ok bool) {
	return Issue{}, nil, false
}
