package answer

import (
	"flag"
	"fmt"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/briefings/eval"
)

var rankSweep = flag.Bool("rank.sweep", false, "sweep the ranking constants on the FIT sets")

// firstRight is the share of a set's answerable questions whose best
// match (never declining) holds a gold phrase, and the accuracy at the
// default threshold with the confidence model in use.
func firstRight(a *Answerer, items []eval.Item) (top, acc float64) {
	n, right := 0, 0
	saved := a.kb.MinConfidence
	for _, it := range items {
		if it.Decline {
			continue
		}
		n++
		if ans := a.Ask(it.Question); eval.Correct(it, ans) {
			right++
		}
	}
	b := *a.kb
	b.MinConfidence = 0.35
	a.kb = &b
	acc = eval.Run(a, items).Accuracy()
	b.MinConfidence = saved
	return float64(right) / float64(n), acc
}

// TestRankSweep prints, for each setting of the ranking constants, the
// share of answerable questions ranked right first and the accuracy at
// 0.35 on every FIT set; it runs only with -rank.sweep.
func TestRankSweep(t *testing.T) {
	if !*rankSweep {
		t.Skip("run with -rank.sweep to sweep the ranking constants on the FIT sets")
	}
	type set struct {
		name  string
		a     *Answerer
		items []eval.Item
	}
	var sets []set
	for _, s := range fitSets {
		sets = append(sets, set{s.name, neverDeclines(t, s), s.items(t)})
	}
	try := func(label string, f func(*tuning)) {
		var parts []string
		for _, s := range sets {
			tu := defaultTuning
			f(&tu)
			s.a.tune = tu
			top, acc := firstRight(s.a, s.items)
			parts = append(parts, fmt.Sprintf("%s %5.1f/%5.1f", strings.Fields(s.name)[0], 100*top, 100*acc))
		}
		fmt.Printf("%-40s %s\n", label, strings.Join(parts, "  "))
	}
	try("default", func(*tuning) {})
	for _, reach := range []float64{0, 0.05, 0.1, 0.15, 0.2} {
		for _, depth := range []int{1, 3} {
			try(fmt.Sprintf("pair reach %.2f depth %d", reach, depth), func(tu *tuning) { tu.pairReach, tu.pairDepth = reach, depth })
		}
	}
	for _, near := range []float64{0.4, 0.6} {
		try(fmt.Sprintf("near credit %.1f", near), func(tu *tuning) { tu.passageCredit[fieldNear] = near })
	}
	for _, sb := range []float64{0.1, 0.2} {
		try(fmt.Sprintf("score bonus %.2f", sb), func(tu *tuning) { tu.scoreBonus = sb })
	}
	try("no related words", func(tu *tuning) { tu.related = false })
	for _, own := range []float64{0, 0.01, 0.03, 0.05, 0.1} {
		try(fmt.Sprintf("type own %.2f", own), func(tu *tuning) { tu.typeOwn = own })
	}
}
