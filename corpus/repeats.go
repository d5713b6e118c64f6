package corpus

import "slices"

// repeatWindow is how many units around a paragraph are searched for a
// near copy of it.
const repeatWindow = 40

// dropRepeats drops a teaser in the head that says again what a later
// paragraph says, and any later exact repeat of a paragraph.
func dropRepeats(units []unit, drop []bool) {
	keys := make([]string, len(units))
	seen := make(map[string]bool, len(units))
	for i, u := range units {
		if drop[i] || u.verbatim() {
			continue
		}
		k := SentenceKey(u.text)
		keys[i] = k
		if seen[k] && !u.kind.Titles() {
			drop[i] = true
			continue
		}
		seen[k] = true
	}
	dropNearRepeats(units, keys, drop)
}

// pairStat is how much of a short paragraph another unit shares.
type pairStat struct {
	j      int // the other unit
	shared int // distinct bigrams of the paragraph found in unit j
	total  int // bigrams of unit j
}

// dropNearRepeats drops near repeats: a teaser at the top said again
// further down, a pull quote lifted from a paragraph, a paragraph repeated
// with small edits. Candidates are short paragraphs (6 to 40 words); the
// top of the page is compared with everything, the rest with its
// neighbourhood. Shared bigrams are counted through an index of the
// candidates' bigrams, so the work grows with the document, not its square.
func dropNearRepeats(units []unit, keys []string, drop []bool) {
	var cands []int
	var heads []map[string]bool
	index := make(map[string][]int32)
	for i, u := range units {
		n := words(u.text)
		if drop[i] || u.kind != Para || n < 6 || n > 40 || !endsSentence(u.text) && !isQuoteOnly(u.text) || isQuestion(u.text) || chapterRe.MatchString(u.text) {
			continue
		}
		if i > 0 && answersAbove(units[i-1]) {
			continue // the answer to a question: FAQs answer alike questions alike
		}
		head := shingles(keys[i])
		for bg := range head {
			index[bg] = append(index[bg], int32(len(cands)))
		}
		cands = append(cands, i)
		heads = append(heads, head)
	}
	if len(cands) == 0 {
		return
	}
	inWindow := func(i, j int) bool { return i < 3 || j >= i-repeatWindow && j <= i+repeatWindow }
	stats := make([][]pairStat, len(cands))
	count := make([]int, len(cands))
	var touched []int32
	var hits []string
	for j, v := range units {
		if drop[j] || v.kind == Heading || keys[j] == "" {
			continue
		}
		total := 0
		hits = hits[:0]
		forBigrams(keys[j], func(bg string) {
			total++
			posting := index[bg]
			if len(posting) == 0 || slices.Contains(hits, bg) {
				return // not a candidate's bigram, or already counted
			}
			hits = append(hits, bg)
			for _, c := range posting {
				if count[c] == 0 {
					touched = append(touched, c)
				}
				count[c]++
			}
		})
		for _, c := range touched {
			if i := cands[c]; i != j && inWindow(i, j) {
				stats[c] = append(stats[c], pairStat{j: j, shared: min(count[c], len(heads[c])), total: total})
			}
			count[c] = 0
		}
		touched = touched[:0]
	}
	for c, i := range cands {
		n, head := words(units[i].text), heads[c]
		for _, p := range stats[c] {
			if drop[i] {
				break
			}
			if drop[p.j] {
				continue
			}
			jaccard := float64(p.shared) / float64(len(head)+p.total-p.shared)
			contained := float64(p.shared) / float64(len(head))
			switch {
			case contained >= 0.9 && words(units[p.j].text) > n+3 && (i < 3 || p.j-i <= 8 && i-p.j <= 8):
				drop[i] = true // said in full elsewhere
			case jaccard >= 0.7 && (i < 3 || p.j < i):
				drop[i] = true // a teaser, or a later near copy
			}
		}
	}
}

// answersAbove reports whether a paragraph right under u answers it: u is
// a definition term, or a heading or list item that asks a question.
func answersAbove(u unit) bool {
	return u.kind == Term || (u.kind == Heading || u.kind == Item) && isQuestion(u.text)
}
