package search

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/briefbot/briefbot/corpus/text"
)

// nameStats counts how often each word is written capitalised, and the
// runs of capitalised words ("Ukrainian President Volodymyr Zelenskyy").
type nameStats struct {
	capital, total map[string]int
	runs           map[string]int // folded words joined by spaces -> count
}

func newNameStats() *nameStats {
	return &nameStats{capital: map[string]int{}, total: map[string]int{}, runs: map[string]int{}}
}

// add counts the words of s. A word is a run of letters; apostrophes end
// it. Capitalised words apart only by single spaces form a run.
func (ns *nameStats) add(s string) {
	var run []string
	flush := func() {
		if len(run) >= 2 {
			ns.runs[strings.Join(run, " ")]++
		}
		run = run[:0]
	}
	start, prevEnd := -1, -1
	for i, r := range s + " " {
		if unicode.IsLetter(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start < 0 {
			continue
		}
		w, ws := s[start:i], start
		start = -1
		first, _ := utf8.DecodeRuneInString(w)
		low := text.Fold(w)
		capital := unicode.IsUpper(first)
		if utf8.RuneCountInString(w) >= 2 {
			ns.total[low]++
			if capital && w != strings.ToUpper(w) {
				ns.capital[low]++
			}
		}
		joined := len(run) > 0 && prevEnd >= 0 && ws == prevEnd+1 && s[prevEnd] == ' '
		switch {
		case capital && joined:
			run = append(run, low)
		case capital:
			flush()
			run = append(run, low)
		default:
			flush()
		}
		prevEnd = i
	}
	flush()
}

// isName reports whether a folded word is written capitalised at least 90%
// of the time.
func (ns *nameStats) isName(w string) bool {
	c := ns.capital[w]
	return c > 0 && c*10 >= ns.total[w]*9
}

// roles returns synonym groups tying a role to the person who holds it in
// the corpus: in runs such as "Ukrainian President Volodymyr Zelenskyy" the
// words before a name of two words or more ("Ukrainian President", holding
// a word that is not a name) are a role; a role seen at least twice, three times in four
// before the same surname, means that person ("the Ukrainian president"
// asks about Zelenskyy). fold maps name variants to their canonical form.
func (ns *nameStats) roles(fold map[string]string) [][]string {
	byRole := map[string]map[string]int{}
	for run, n := range ns.runs {
		words := strings.Fields(run)
		j := len(words)
		for j > 0 && ns.isName(words[j-1]) {
			j--
		}
		// A person: at least a first name and a surname after the role.
		if len(words)-j < 2 || j == 0 {
			continue
		}
		role := words[max(0, j-2):j]
		ok := false
		for _, w := range role {
			if text.IsStopword(w) {
				ok = false
				break
			}
			ok = ok || !ns.isName(w)
		}
		if !ok {
			continue
		}
		name := words[len(words)-1]
		if institutionWords[name] {
			continue // "Red Cross Society", "National Basketball League": no person
		}
		if f, has := fold[name]; has {
			name = f
		}
		key := strings.Join(role, " ")
		if byRole[key] == nil {
			byRole[key] = map[string]int{}
		}
		byRole[key][name] += n
	}
	var out [][]string
	for role, names := range byRole {
		total, best, bestName := 0, 0, ""
		for name, n := range names {
			total += n
			if n > best || n == best && name < bestName {
				best, bestName = n, name
			}
		}
		if best >= 2 && best*4 >= total*3 {
			out = append(out, []string{role, bestName})
		}
	}
	// A leader's role is also asked about as the country's leader, unless
	// the country has two leaders (a president and a premier): then
	// "Chinese leader" names neither.
	claims := map[string]map[string]bool{} // alias -> the people it would name
	for _, g := range out {
		for _, alias := range ns.leaderRoles(g[0]) {
			if claims[alias] == nil {
				claims[alias] = map[string]bool{}
			}
			claims[alias][g[1]] = true
		}
	}
	for i, g := range out {
		role, name := g[0], g[1]
		group := []string{role}
		for _, alias := range ns.leaderRoles(role) {
			if len(claims[alias]) == 1 {
				group = append(group, alias)
			}
		}
		out[i] = append(group, name)
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out
}

// institutionWords end the names of organisations and places, which a run
// of capitalised words after a role word ("Red Cross Society", "National
// Football League", "Central Park") does not make a person.
var institutionWords = map[string]bool{
	"society": true, "league": true, "party": true, "union": true, "council": true,
	"committee": true, "commission": true, "association": true, "federation": true,
	"foundation": true, "institute": true, "institution": true, "university": true,
	"college": true, "school": true, "academy": true, "church": true, "club": true,
	"team": true, "company": true, "corporation": true, "group": true, "bank": true,
	"agency": true, "ministry": true, "department": true, "office": true, "bureau": true,
	"court": true, "parliament": true, "congress": true, "senate": true, "assembly": true,
	"government": true, "army": true, "navy": true, "force": true, "forces": true,
	"museum": true, "hospital": true, "airport": true, "station": true, "centre": true,
	"center": true, "river": true, "mountain": true, "mountains": true, "city": true,
	"county": true, "state": true, "states": true, "street": true, "square": true,
	"park": true, "bridge": true, "island": true, "islands": true, "sea": true,
	"ocean": true, "lake": true, "valley": true, "award": true, "awards": true,
	"prize": true, "cup": true, "championship": true, "festival": true, "records": true,
}

// leaderTitles are the titles of a country's leader; a role with one of
// them is also asked about as the country's "leader".
var leaderTitles = map[string]bool{
	"president": true, "minister": true, "chancellor": true, "premier": true,
	"king": true, "queen": true, "leader": true,
}

// leaderRoles returns the other ways to name a leader's role: "Ukrainian
// President" is also "Ukrainian leader" and, when the corpus names the
// country ("Ukraine"), "Ukraine's leader".
// Only a role of two words whose first names a country ("Ukrainian",
// "French") has them: "Foreign Minister" is no one's "foreign leader".
func (ns *nameStats) leaderRoles(role string) []string {
	words := strings.Fields(role)
	if len(words) != 2 || !leaderTitles[words[1]] {
		return nil
	}
	place := words[0]
	c := ns.country(place)
	if c == "" {
		return nil
	}
	var out []string
	if words[1] != "leader" {
		out = append(out, place+" leader")
	}
	return append(out, c+" leader")
}

// country returns the country a demonym names, when the corpus writes it
// as a name: Ukrainian -> Ukraine, Russian -> Russia, Brazilian -> Brazil,
// Chinese -> China. It is "" when none of the forms is a name the corpus
// uses.
func (ns *nameStats) country(demonym string) string {
	var forms []string
	switch {
	case strings.HasSuffix(demonym, "ian"):
		stem := strings.TrimSuffix(demonym, "ian")
		forms = append(forms, stem+"e", stem+"ia", stem, stem+"y")
	case strings.HasSuffix(demonym, "an"):
		forms = append(forms, strings.TrimSuffix(demonym, "n"))
	case strings.HasSuffix(demonym, "ese"):
		forms = append(forms, strings.TrimSuffix(demonym, "ese")+"a")
	}
	for _, f := range forms {
		if f != demonym && ns.capital[f] > 0 && ns.isName(f) {
			return f
		}
	}
	return ""
}

// variants returns a map from each spelling variant of a name to its
// canonical form. Two words are variants when both are names (written
// capitalised at least 90% of the time), are within 2 edits, and share a
// prefix of at least 5 letters and at most 2 letters shorter than the
// longer one: Zelensky, Zelenskyy and Zelenskiy fold together, Austria and
// Australia do not. The canonical form is the most frequent (then the first
// alphabetically).
func (ns *nameStats) variants() map[string]string {
	var names []string
	for w := range ns.capital {
		if ns.isName(w) && utf8.RuneCountInString(w) >= 5 {
			names = append(names, w)
		}
	}
	sort.Strings(names)
	parent := make([]int, len(names))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	// Names sharing the first five letters are adjacent once sorted.
	for i := 0; i < len(names); i++ {
		ri := []rune(names[i])
		for j := i + 1; j < len(names); j++ {
			rj := []rune(names[j])
			if string(rj[:5]) != string(ri[:5]) {
				break
			}
			p := commonPrefix(ri, rj)
			if p < max(len(ri), len(rj))-2 {
				continue
			}
			if damerau(ri, rj, 2) <= 2 {
				a, b := find(i), find(j)
				if a != b {
					parent[b] = a
				}
			}
		}
	}
	groups := map[int][]string{}
	for i, w := range names {
		r := find(i)
		groups[r] = append(groups[r], w)
	}
	fold := map[string]string{}
	for _, g := range groups {
		if len(g) < 2 {
			continue
		}
		canon := g[0]
		for _, w := range g[1:] {
			if ns.total[w] > ns.total[canon] || ns.total[w] == ns.total[canon] && w < canon {
				canon = w
			}
		}
		for _, w := range g {
			if w != canon {
				fold[w] = canon
			}
		}
	}
	return fold
}

func commonPrefix(a, b []rune) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}
