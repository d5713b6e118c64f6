package corpus

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// bylineStamp starts the part of a byline that is not a name: "Last
// updated 21 November 2026", "Published 3 hours ago", "Posted on ...".
var bylineStamp = regexp.MustCompile(`(?i)\b(?:last\s+updated|updated|published|posted|first\s+published)\b`)

// roleWords mark the part of a byline that is a job, not a name ("Chief
// Football Writer", "Senior Correspondent", "Staff").
var roleWords = map[string]bool{
	"writer": true, "editor": true, "correspondent": true, "reporter": true, "staff": true,
	"contributor": true, "columnist": true, "analyst": true, "producer": true,
	"journalist": true, "chief": true, "senior": true, "desk": true, "bureau": true,
	"associate": true, "deputy": true, "special": true, "freelance": true, "team": true,
}

// authorName reduces a byline to the author's names: "By Sam O'Connell,
// Chief Football Writer. Last updated 21 November 2026" is "Sam O'Connell";
// "By Jane Roe, John Doe and Ann Poe" keeps all three. A byline that holds
// no name is "".
func authorName(byline string) string {
	s := strings.TrimSpace(byline)
	if len(s) > 3 && strings.EqualFold(s[:3], "by ") {
		s = s[3:]
	}
	if loc := bylineStamp.FindStringIndex(s); loc != nil {
		s = s[:loc[0]]
	}
	s = dateInRe.ReplaceAllString(s, "")
	if i := strings.IndexAny(s, "|·•"); i >= 0 {
		s = s[:i]
	}
	// A sentence end ("Writer. Last ...") ends the names; an initial
	// ("J. Roe") does not.
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '.' && s[i+1] == ' ' && lettersBefore(s[:i]) >= 2 {
			s = s[:i]
			break
		}
	}
	var names []string
	for _, part := range strings.Split(s, ",") {
		part = strings.Trim(part, " ;:-–—.")
		if part == "" || isRole(part) {
			continue
		}
		names = append(names, part)
	}
	return strings.Join(names, ", ")
}

// lettersBefore counts the letters that end s, up to two.
func lettersBefore(s string) int {
	n := 0
	for n < 2 && s != "" {
		r, size := utf8.DecodeLastRuneInString(s)
		if !unicode.IsLetter(r) {
			break
		}
		n++
		s = s[:len(s)-size]
	}
	return n
}

// isRole reports whether a part of a byline names a job rather than a
// person.
func isRole(part string) bool {
	for _, w := range strings.Fields(strings.ToLower(part)) {
		if roleWords[strings.Trim(w, ".")] {
			return true
		}
	}
	return false
}
