package answer

import (
	"flag"
	"fmt"
	"github.com/briefbot/briefbot/corpus/entity"
	"sort"
	"testing"

	"github.com/briefbot/briefbot/briefings/eval"
)

var askTune = flag.Bool("ask.tune", false, "sweep the ask tuning constants on the training sets")

// TestAskTune sweeps the matching constants over the training sets
// (sample.tsv, debian.tsv) and prints the best settings with their
// held-out accuracy; it runs only with -ask.tune.
func TestAskTune(t *testing.T) {
	if !*askTune {
		t.Skip("run with -ask.tune to sweep the tuning constants")
	}
	sets := []struct {
		base  *Base
		train []eval.Item
		held  []eval.Item
	}{
		{baseFor(t, "sample.tsv"), readEval(t, "sample.tsv"), readEval(t, "sample_heldout.tsv")},
		{baseFor(t, "debian.tsv"), readEval(t, "debian.tsv"), readEval(t, "debian_heldout.tsv")},
	}
	type result struct {
		tu          tuning
		train, held [2]float64
	}
	var results []result
	for _, uw := range []float64{0.7, 1.0} {
		for _, sm := range []float64{1} {
			tu := defaultTuning
			tu.unknownWeight, tu.idfSmoothing = uw, sm
			as := make([]*Answerer, len(sets))
			for i, s := range sets {
				as[i] = newAnswererTuned(s.base, tu)
			}
			for _, bc := range []float64{0.5} {
				for _, nc := range []float64{0.5} {
					for _, kbn := range []float64{0.2, 0.4} {
						for _, cut := range []float64{0.4, 0.45, 0.5, 0.55, 0.6, 0.65} {
							tu2 := tu
							tu2.entryCredit[1] = bc
							tu2.passageCredit[2], tu2.passageCredit[4] = nc, nc
							tu2.keyBonus, tu2.cut = kbn, cut
							r := result{tu: tu2}
							for i, s := range sets {
								as[i].tune = tu2
								r.train[i] = eval.Run(as[i], s.train).Accuracy()
								r.held[i] = eval.Run(as[i], s.held).Accuracy()
							}
							results = append(results, r)
						}
					}
				}
			}
		}
	}
	sort.SliceStable(results, func(i, j int) bool {
		return results[i].train[0]+results[i].train[1] > results[j].train[0]+results[j].train[1]
	})
	for _, r := range results[:min(25, len(results))] {
		fmt.Printf("train %.3f %.3f held %.3f %.3f  uw %.1f sm %.1f body %.1f near %.1f key %.1f cut %.2f\n",
			r.train[0], r.train[1], r.held[0], r.held[1], r.tu.unknownWeight, r.tu.idfSmoothing,
			r.tu.entryCredit[1], r.tu.passageCredit[2], r.tu.keyBonus, r.tu.cut)
	}
}

var askRankTune = flag.Bool("ask.rank", false, "sweep the ranking constants: share of answerable questions whose best match is right")

func TestAskRankTune(t *testing.T) {
	if !*askRankTune {
		t.Skip("run with -ask.rank")
	}
	sets := []struct {
		a     *Answerer
		items []eval.Item
	}{
		{Build(baseFor(t, "sample.tsv")), append(readEval(t, "sample.tsv"), readEval(t, "sample_heldout.tsv")...)},
		{Build(baseFor(t, "debian.tsv")), append(readEval(t, "debian.tsv"), readEval(t, "debian_heldout.tsv")...)},
	}
	for _, sb := range []float64{0.05, 0.15, 0.3, 0.6, 1.0} {
		for _, kbn := range []float64{0.1, 0.2, 0.4, 0.8} {
			for _, nc := range []float64{0.3, 0.5, 0.7} {
				for _, bc := range []float64{0.3, 0.5, 0.8} {
					tu := defaultTuning
					tu.scoreBonus, tu.keyBonus = sb, kbn
					tu.passageCredit[2], tu.passageCredit[4] = nc, nc
					tu.entryCredit[1] = bc
					var right [2]int
					var n [2]int
					for i, s := range sets {
						a := s.a
						a.tune = tu
						for _, it := range s.items {
							if it.Decline {
								continue
							}
							n[i]++
							terms := a.ix.Analyze(it.Question)
							typ, fi := frame(it.Question, terms)
							if len(fi) == 2 {
								terms[fi[1]].Weight = terms[fi[0]].Weight
							}
							res := a.search(terms)
							if len(res.Hits) == 0 {
								continue
							}
							ms := a.rank(res, typ, fi, entity.Expect(it.Question), it.Question)
							if eval.Correct(it, Answer{Answered: true, Answer: a.answerOf(&ms[0], res)}) {
								right[i]++
							}
						}
					}
					fmt.Printf("rank %.3f %.3f  score %.2f key %.1f near %.1f body %.1f\n",
						float64(right[0])/float64(n[0]), float64(right[1])/float64(n[1]), sb, kbn, nc, bc)
				}
			}
		}
	}
}
