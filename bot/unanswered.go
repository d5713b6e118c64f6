package bot

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/briefbot/briefbot/briefings"
	"github.com/briefbot/briefbot/corpus/text"
)

// UnansweredGroup is one group of declined questions that ask the same
// thing, as `briefbot unanswered` and /unanswered show it.
type UnansweredGroup struct {
	// Question is the group's most asked wording (the latest asked on a tie).
	Question string `json:"question"`
	// Questions are the group's distinct wordings, most asked first.
	Questions []string  `json:"questions"`
	Count     int       `json:"count"`
	LastAsked time.Time `json:"last_asked"`
	// Nearest is the FAQ question or issue name closest to the group's
	// question, or "" when none shares a third of their informative words.
	Nearest string `json:"nearest"`
	// FAQ is a one-line YAML entry for the config's faq: list, to paste
	// and complete with the answer (its answer is left empty, which
	// `briefbot validate` reports until it is written).
	FAQ string `json:"faq"`
}

// Unanswered reads the questions declined since since from the store's
// query log and groups them with GroupUnanswered.
func Unanswered(ctx context.Context, s Store, kb *briefings.KB, since time.Time) ([]UnansweredGroup, error) {
	qs, err := s.DeclinedQueries(ctx, since)
	if err != nil {
		return nil, fmt.Errorf("unanswered: %w", err)
	}
	return GroupUnanswered(qs, kb), nil
}

// GroupUnanswered groups declined questions that ask the same thing: the
// same informative words once stemmed (question words aside, one-letter
// typos forgiven), or nearly the same (Jaccard similarity of at least
// 0.6, and no clash of who/when/where/why/how). Groups come most asked
// first, then most recently asked. kb, when not nil, supplies the nearest
// FAQ question or issue name. It returns nil for no questions.
func GroupUnanswered(qs []QueryLog, kb *briefings.KB) []UnansweredGroup {
	type wording struct {
		text  string
		count int
		last  time.Time
		terms []string
		qword string
	}
	byText := map[string]*wording{}
	var order []*wording
	for _, q := range qs {
		t := strings.Join(strings.Fields(q.Question), " ")
		if t == "" {
			continue
		}
		k := strings.ToLower(strings.TrimRight(t, "?!. "))
		w := byText[k]
		if w == nil {
			w = &wording{text: t, terms: keyTerms(t), qword: questionWord(t)}
			byText[k] = w
			order = append(order, w)
		}
		w.count++
		if !q.At.Before(w.last) {
			w.last, w.text = q.At, t
		}
	}
	sort.SliceStable(order, func(i, j int) bool {
		if order[i].count != order[j].count {
			return order[i].count > order[j].count
		}
		return order[i].last.After(order[j].last)
	})
	type group struct {
		head    *wording
		members []*wording
	}
	var groups []*group
	for _, w := range order {
		var into *group
		for _, g := range groups {
			if sameQuestion(g.head.terms, w.terms, g.head.qword, w.qword) {
				into = g
				break
			}
		}
		if into == nil {
			groups = append(groups, &group{head: w, members: []*wording{w}})
			continue
		}
		into.members = append(into.members, w)
	}
	var out []UnansweredGroup
	for _, g := range groups {
		// The wording to show: the most asked, then the one whose words
		// the others share most, then a whole question, then the latest.
		score := func(w *wording) (int, int, bool) {
			shared := 0
			for _, o := range g.members {
				if o != w {
					shared += o.count * text.IntersectCount(w.terms, o.terms)
				}
			}
			return w.count, shared, w.qword != "" || strings.HasSuffix(w.text, "?")
		}
		sort.SliceStable(g.members, func(i, j int) bool {
			ci, si, qi := score(g.members[i])
			cj, sj, qj := score(g.members[j])
			switch {
			case ci != cj:
				return ci > cj
			case si != sj:
				return si > sj
			case qi != qj:
				return qi
			}
			return g.members[i].last.After(g.members[j].last)
		})
		g.head = g.members[0]
		u := UnansweredGroup{Question: g.head.text}
		for _, m := range g.members {
			u.Questions = append(u.Questions, m.text)
			u.Count += m.count
			if m.last.After(u.LastAsked) {
				u.LastAsked = m.last
			}
		}
		if kb != nil {
			u.Nearest = nearestEntry(kb, g.head.terms)
		}
		u.FAQ = faqLine(u.Question, u.Questions[1:])
		out = append(out, u)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].LastAsked.After(out[j].LastAsked)
	})
	return out
}

// questionWords are set aside when comparing questions: "what is the
// capital of australia" and "capital of australia?" ask the same.
var questionWords = map[string]bool{"what": true, "who": true, "whom": true, "whose": true, "when": true,
	"where": true, "why": true, "how": true, "which": true}

// keyTerms returns the stemmed informative words of a question, sorted
// and without repeats; its lowercased words when it has none.
func keyTerms(q string) []string {
	seen := map[string]bool{}
	var out []string
	for _, t := range text.Terms(q) {
		if !questionWords[t] && !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	if len(out) == 0 {
		out = text.Tokens(q)
	}
	sort.Strings(out)
	return out
}

// questionWord returns the question word that says what is asked (who,
// when, where, why, how), or "" for what/which and for none.
func questionWord(q string) string {
	for _, t := range text.Tokens(q) {
		switch t {
		case "who", "whom", "whose":
			return "who"
		case "when", "where", "why", "how":
			return t
		case "what", "which":
			return ""
		}
	}
	return ""
}

// sameQuestion reports whether two questions' key terms ask the same
// thing.
func sameQuestion(a, b []string, qa, qb string) bool {
	if qa != "" && qb != "" && qa != qb {
		return false
	}
	return similarity(a, b) >= 0.6
}

// similarity is the Jaccard similarity of two term sets, two terms of
// five letters or more one edit apart counting as the same.
func similarity(a, b []string) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	shared := 0
	used := make([]bool, len(b))
	for _, x := range a {
		for j, y := range b {
			if !used[j] && (x == y || (len(x) >= 5 && len(y) >= 5 && x[0] == y[0] && oneEdit(x, y))) {
				used[j] = true
				shared++
				break
			}
		}
	}
	return float64(shared) / float64(len(a)+len(b)-shared)
}

// oneEdit reports whether a and b are one insertion, deletion,
// substitution or swap of neighbours apart.
func oneEdit(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	if len(ra) < len(rb) {
		ra, rb = rb, ra
	}
	switch len(ra) - len(rb) {
	case 0:
		var diff []int
		for i := range ra {
			if ra[i] != rb[i] {
				diff = append(diff, i)
			}
		}
		return len(diff) == 1 || (len(diff) == 2 && diff[1] == diff[0]+1 &&
			ra[diff[0]] == rb[diff[1]] && ra[diff[1]] == rb[diff[0]])
	case 1:
		i := 0
		for i < len(rb) && ra[i] == rb[i] {
			i++
		}
		return string(ra[i+1:]) == string(rb[i:])
	}
	return false
}

// minNearest is the least similarity of a nearest FAQ question or issue:
// a third of the two questions' words shared.
const minNearest = 1.0 / 3

// nearestEntry returns the FAQ question (or alternate's question) or issue
// name (or alias's name) whose key terms are most like terms, or "" when
// none shares a third of their words.
func nearestEntry(kb *briefings.KB, terms []string) string {
	best, bestScore := "", minNearest-1e-9
	try := func(name, phrase string) {
		if s := similarity(terms, keyTerms(phrase)); s > bestScore {
			best, bestScore = name, s
		}
	}
	for _, f := range kb.FAQ() {
		try(f.Question, f.Question)
		for _, a := range f.Alternates {
			try(f.Question, a)
		}
	}
	for _, is := range kb.Issues() {
		try(is.Name, is.Name)
		for _, a := range is.Aliases {
			try(is.Name, a)
		}
	}
	return best
}

// faqLine writes the one-line YAML faq entry for a group: its question,
// capitalised and ending with "?", an empty answer to write, and its
// other wordings as alternates.
func faqLine(question string, others []string) string {
	q := strings.TrimRight(question, " ?!.")
	if r, size := utf8.DecodeRuneInString(q); r != utf8.RuneError {
		q = string(unicode.ToUpper(r)) + q[size:]
	}
	q += "?"
	line := "- {question: " + yamlString(q) + `, answer: ""`
	if len(others) > 0 {
		alts := make([]string, len(others))
		for i, o := range others {
			alts[i] = yamlString(o)
		}
		line += ", alternates: [" + strings.Join(alts, ", ") + "]"
	}
	return line + "}"
}

// yamlString quotes s as a double-quoted YAML scalar: quotes and
// backslashes escaped, every rune that is not printable (control
// characters, DEL, C1 controls, invalid UTF-8) written as an escape.
func yamlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == ' ' || (unicode.IsPrint(r) && r != '\uFEFF'):
			b.WriteRune(r)
		case r <= 0xFFFF:
			fmt.Fprintf(&b, "\\u%04X", r)
		default:
			fmt.Fprintf(&b, "\\U%08X", r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
