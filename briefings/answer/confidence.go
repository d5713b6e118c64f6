package answer

import (
	"math"

	"github.com/briefbot/briefbot/corpus/search"
)

// confidence maps the best match's coverage to [0,1] so that 0.35 sits at
// the coverage where answers stop being reliable, and lowers it when a
// different answer ranks almost as high. It returns that rule-based
// confidence and the margin, the best match's lead over the next
// different one (1: far ahead). Both are features of the probability.
func (a *Answerer) confidence(res search.Result, ms []match) (float64, float64) {
	t := &a.tune
	best := &ms[0]
	margin := 1.0
	for i := 1; i < len(ms); i++ {
		other := &ms[i]
		if other.show == best.show || overlap(best.show.terms, other.show.terms) >= 0.5 || best.with != 0 && other.cand.self == best.cand.self+best.with {
			continue
		}
		margin = math.Min(1, (best.rank-other.rank)/0.2)
		break
	}
	c := 0.35 + (best.coverage-t.cut)*t.slope
	// A question naming a figure ("windows 11", "version 3") asks about
	// that figure: an answer without it is likely about something else.
	if best.missNum {
		c *= t.numberMiss
	}
	// So is an answer to "when" or "how many" that holds no date or number.
	if best.factMiss {
		c *= t.factMiss
	}
	c *= 1 - t.marginShare*(1-margin)
	// A question whose words are mostly unknown to the corpus is about
	// something else, however well its other words match.
	if k := knownShare(res.Terms); k < t.knownMin {
		c *= (k / t.knownMin) * (k / t.knownMin)
	}
	return math.Max(0, math.Min(1, c)), margin
}

// probability turns the features of an answer into the probability that
// it is right with confidenceModel; without fitted weights it returns the
// rule-based confidence raw.
func (a *Answerer) probability(raw float64, x []float64) float64 {
	if len(confidenceModel.Weights) != len(x) {
		return raw
	}
	return confidenceModel.Prob(x)
}

// isLead reports whether c is the first sentence of an article's first
// passage.
func (a *Answerer) isLead(c *candidate) bool {
	if c.kind != KindPassage || c.center != 0 {
		return false
	}
	pi := c.self - a.entries
	if pi == 0 {
		return true
	}
	ps, i := a.passageAt(pi - 1)
	return int(ps.passages[i].article) != c.article
}
