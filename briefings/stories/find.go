package stories

import (
	"sort"
	"strings"
	"unicode"

	"github.com/briefbot/briefbot/corpus"
	"github.com/briefbot/briefbot/corpus/text"
	"github.com/sahilm/fuzzy"
)

// minFindScore is the match score below which FindIssue gives up and
// suggests instead.
const minFindScore = 0.5

// Find is KB.FindIssue; article looks up an article by id.
func (s *Set) Find(query string, article func(id string) (corpus.Article, bool)) (issue Issue, suggestions []string, ok bool) {
	q := normQuery(query)
	type cand struct {
		i     int
		score float64
	}
	cands := make([]cand, 0, len(s.Issues))
	for i, is := range s.Issues {
		best := 0.0
		for k, s := range issueStrings(is) {
			sc := matchScore(q, normQuery(s))
			if k > 1 {
				sc *= 0.97 // a name beats an alias
			}
			best = max(best, sc)
		}
		cands = append(cands, cand{i, best})
	}
	sort.SliceStable(cands, func(a, b int) bool { return cands[a].score > cands[b].score })
	if len(cands) > 0 && q != "" && cands[0].score >= minFindScore {
		return s.Issues[cands[0].i], nil, true
	}
	// No name is close enough: an issue whose content mentions the query
	// is a better guess than one that only happens to come first.
	if qt := text.Terms(query); len(qt) > 0 {
		for k := range cands {
			cands[k].score += 0.4 * s.mentions(cands[k].i, qt, article)
		}
		sort.SliceStable(cands, func(a, b int) bool { return cands[a].score > cands[b].score })
	}
	suggestions = []string{}
	for _, c := range cands {
		if len(suggestions) == 3 {
			break
		}
		suggestions = append(suggestions, s.Issues[c.i].Name)
	}
	return Issue{}, suggestions, false
}

// mentions returns the share of the query terms qt that the issue's
// summary or the titles of its articles contain, in [0,1].
func (s *Set) mentions(i int, qt []string, article func(id string) (corpus.Article, bool)) float64 {
	have := s.issueTerms(article)[i]
	n := 0
	for _, t := range qt {
		if _, ok := have[t]; ok {
			n++
		}
	}
	return float64(n) / float64(len(qt))
}

// issueTerms returns, per issue, the terms of its summary and of its
// articles' titles. They are gathered once, on first use.
func (s *Set) issueTerms(article func(id string) (corpus.Article, bool)) []map[string]struct{} {
	s.termsOnce.Do(func() {
		s.termSets = make([]map[string]struct{}, len(s.Issues))
		for i, is := range s.Issues {
			have := make(map[string]struct{})
			add := func(s string) {
				for _, t := range text.Terms(s) {
					have[t] = struct{}{}
				}
			}
			for _, c := range is.Summary {
				add(c.Text)
			}
			for _, id := range is.ArticleIDs {
				if a, ok := article(id); ok {
					add(a.Title)
				}
			}
			s.termSets[i] = have
		}
	})
	return s.termSets
}

// issueStrings are the texts an issue answers to: id, name, then aliases
// and configured keywords.
func issueStrings(is Issue) []string {
	out := append([]string{is.ID, is.Name}, is.Aliases...)
	return append(out, is.Keywords...)
}

// normQuery lower-cases s and keeps letters and digits, words apart by
// single spaces.
func normQuery(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ")
}

// matchScore rates how well query q names text s, in [0,1].
func matchScore(q, s string) float64 {
	if q == "" || s == "" {
		return 0
	}
	if q == s {
		return 1
	}
	ratio := float64(len(q)) / float64(len(s))
	if strings.Contains(s, q) && (wordPrefix(s, q) || len(q) >= 4) {
		return 0.8 + 0.19*min(ratio, 1)
	}
	best := 0.0
	if len([]rune(q)) >= 3 {
		for _, m := range fuzzy.Find(q, []string{s}) {
			idx := m.MatchedIndexes
			span := idx[len(idx)-1] - idx[0] + 1
			if span <= len(q)+3 && (idx[0] == 0 || s[idx[0]-1] == ' ') {
				best = max(best, 0.6+0.3*min(ratio, 1))
			}
		}
	}
	return max(best, wordsScore(q, s))
}

// wordPrefix reports whether q starts at a word boundary of s.
func wordPrefix(s, q string) bool {
	i := strings.Index(s, q)
	return i == 0 || i > 0 && s[i-1] == ' '
}

// wordsScore matches each word of q to its closest word of s by edit
// distance; it is 0 unless every query word is close to some word.
func wordsScore(q, s string) float64 {
	qw, sw := strings.Fields(q), strings.Fields(s)
	total := 0.0
	for _, a := range qw {
		best := 0.0
		for _, b := range sw {
			best = max(best, wordSimilarity(a, b))
		}
		if best < 0.75 {
			return 0
		}
		total += best
	}
	return 0.45 + 0.4*total/float64(len(qw))
}

// wordSimilarity is 1 minus the optimal-string-alignment edit distance
// (insertions, deletions, substitutions, adjacent transpositions) over the
// longer length.
func wordSimilarity(a, b string) float64 {
	ra, rb := []rune(a), []rune(b)
	n, m := len(ra), len(rb)
	if n == 0 || m == 0 {
		return 0
	}
	if len(ra) > 3 && len(rb) > len(ra) && string(rb[:len(ra)]) == a {
		return 0.9 // a word cut short: "guarant" for "guarantees"
	}
	if text.Stem(a) == text.Stem(b) {
		return 0.95 // "territory" for "territorial"
	}
	d := make([][]int, n+1)
	for i := range d {
		d[i] = make([]int, m+1)
		d[i][0] = i
	}
	for j := 0; j <= m; j++ {
		d[0][j] = j
	}
	for i := 1; i <= n; i++ {
		for j := 1; j <= m; j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return 1 - float64(d[n][m])/float64(max(n, m))
}
