package answer

import (
	"math"
	"strings"

	"github.com/briefbot/briefbot/corpus/search"
	"github.com/briefbot/briefbot/corpus/text"
)

// questionWords are the words that open a question; spelling
// correction, which works from the corpus's words, misses slips in them.
var questionWords = []string{"what", "who", "whom", "whose", "when", "where", "why", "which", "how"}

// misspeltQuestionWord returns the question word an unknown word of a
// question is one slip away from ("wat", "hwo", "wich").
func misspeltQuestionWord(t search.QueryTerm) (string, bool) {
	if t.Known || t.Corrected != "" || len(t.Word) < 3 || len(t.Word) > 6 {
		return "", false
	}
	for _, w := range questionWords {
		if search.Distance(t.Word, w) == 1 {
			return w, true
		}
	}
	return "", false
}

// hasContent reports whether a question names something: a word beyond
// those that frame it and the commonest general verbs and adjectives, and
// beyond bare numbers ("what is the", "1", "what is new" ask nothing).
func hasContent(terms []search.QueryTerm) bool {
	for _, t := range terms {
		if _, low := questionWeights[t.Word]; low || text.IsNumber(t.Word) {
			continue
		}
		return true
	}
	return false
}

// knownShare is the share of a question's content words the corpus knows
// (a common verb or adjective counts half, question words not at all).
func knownShare(terms []search.QueryTerm) float64 {
	known, all := 0.0, 0.0
	for _, t := range terms {
		w := 1.0
		if q, ok := questionWeights[t.Word]; ok {
			if q <= 0.3 {
				continue
			}
			w = 0.5
		}
		all += w
		if t.Known {
			known += w
		}
	}
	if all == 0 {
		return 0
	}
	return known / all
}

// typedNumber reports whether a question word is a number typed with
// digits ("11", "2024"); spelled-out small numbers ("two sides", "one
// way") seldom name a figure.
func typedNumber(w string) bool {
	if !text.IsNumber(w) {
		return false
	}
	for _, r := range w {
		if r >= '0' && r <= '9' {
			return true
		}
	}
	return false
}

// keyMatch is how well the question matches an FAQ entry's question (or an
// issue's name): the best, over its questions, of the harmonic mean of the
// share of the question they cover (recall, as ranked) and the share of
// their own words the question uses (precision). A long FAQ question
// that merely contains the asked words matches less than a short one
// that says just that.
func keyMatch(c *candidate, terms []search.QueryTerm, recall float64) float64 {
	if recall == 0 || len(c.keys) == 0 {
		return 0
	}
	best := 0.0
	for _, k := range c.keys {
		hit := 0.0
		for _, t := range terms {
			if w, ok := k.weight[t.Term]; ok {
				if t.Of > 0 {
					w *= t.Share
				}
				hit += w
			}
		}
		if hit == 0 {
			continue
		}
		p := hit / k.total
		best = math.Max(best, 2*p*recall/(p+recall))
	}
	return best
}

// expand adds the words related to the question's (search.Index.Expand),
// except to the words that frame it ("how many").
func expand(ix answerIndex, terms []search.QueryTerm, frameIdx []int, share float64) []search.QueryTerm {
	out := ix.Expand(terms, share)
	if len(frameIdx) == 0 {
		return out
	}
	n := len(terms)
	for i := n; i < len(out); i++ {
		if !contains(frameIdx, out[i].Of-1) {
			out[n] = out[i]
			n++
		}
	}
	return out[:n]
}

// subQuestions returns the questions inside an FAQ question made of
// several sentences ("OK, now I know what Debian is... what is Linux?!",
// "What is the difference? Why should I choose it?"): each part that ends
// in a question mark, when there are two parts or more. A question is
// matched against each of them as well as against the whole.
func subQuestions(q string) []string {
	var parts []string
	start := 0
	for i := 0; i < len(q); i++ {
		c := q[i]
		if c != '?' && c != '!' && c != '.' {
			continue
		}
		j := i
		for j < len(q) && (q[j] == '?' || q[j] == '!' || q[j] == '.') {
			j++
		}
		// A part ends at a run of stops followed by a space (or the end).
		if j == len(q) || q[j] == ' ' {
			parts = append(parts, strings.TrimSpace(q[start:j]))
			start = j
		}
		i = j - 1
	}
	if rest := strings.TrimSpace(q[start:]); rest != "" {
		parts = append(parts, rest)
	}
	if len(parts) < 2 {
		return nil
	}
	var out []string
	for _, p := range parts {
		if strings.Contains(p, "?") {
			out = append(out, p)
		}
	}
	return out
}
