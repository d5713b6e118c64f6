package slack

import (
	"strings"
)

// mentionUnits renders the users a message is addressed to as one line
// of "<@U123>" mentions (split across sections when longer than a text
// may be). Ids that are not Slack ids (letters and digits) and repeats are
// dropped, so an id cannot inject markup.
func mentionUnits(ids []string) []unit {
	var mentions []string
	seen := map[string]bool{}
	for _, id := range ids {
		if slackID(id) && !seen[id] {
			seen[id] = true
			mentions = append(mentions, "<@"+id+">")
		}
	}
	var out []unit
	var line string
	for _, m := range mentions {
		if line != "" && runes(line)+1+runes(m) > maxTextRunes {
			out = append(out, sectionUnit(line))
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += m
	}
	if line != "" {
		out = append(out, sectionUnit(line))
	}
	return out
}

// slackID reports whether id looks like a Slack user id: 1 to 32 ASCII
// letters and digits.
func slackID(id string) bool {
	if id == "" || len(id) > 32 {
		return false
	}
	return strings.IndexFunc(id, func(r rune) bool {
		return (r < 'A' || r > 'Z') && (r < 'a' || r > 'z') && (r < '0' || r > '9')
	}) < 0
}
