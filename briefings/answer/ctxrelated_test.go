package answer

import (
	"flag"
	"fmt"
	"math"
	"sort"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/briefings/eval"
	"github.com/briefbot/briefbot/corpus/entity"
	"github.com/briefbot/briefbot/corpus/search"
)

var ctxRelated = flag.Bool("ctx.related", false, "measure related words learned from the corpus's contexts on the FIT sets")

// contextSpace holds, per index term of a corpus, its positive PMI with
// the terms it shares sentences with: words that share such contexts are
// related in this corpus.
type contextSpace struct {
	id    map[string]int
	terms []string
	vec   []map[int]float64
	norm  []float64
}

// newContextSpace counts the terms of every passage sentence of a.
func newContextSpace(a *Answerer) *contextSpace {
	cs := &contextSpace{id: map[string]int{}}
	var df []int
	co := map[uint64]int32{}
	for _, s := range a.sents {
		ts := sortedTerms(a.ix.Terms(s))
		ids := make([]int, 0, len(ts))
		for _, t := range ts {
			i, ok := cs.id[t]
			if !ok {
				i = len(cs.terms)
				cs.id[t] = i
				cs.terms = append(cs.terms, t)
				df = append(df, 0)
			}
			df[i]++
			ids = append(ids, i)
		}
		for x := range ids {
			for y := range ids {
				if x != y {
					co[uint64(ids[x])<<32|uint64(ids[y])]++
				}
			}
		}
	}
	n := float64(len(a.sents))
	cs.vec = make([]map[int]float64, len(cs.terms))
	cs.norm = make([]float64, len(cs.terms))
	for k, c := range co {
		i, j := int(k>>32), int(k&0xffffffff)
		if c < 2 {
			continue
		}
		p := math.Log(float64(c) * n / (float64(df[i]) * float64(df[j])))
		if p <= 0 {
			continue
		}
		if cs.vec[i] == nil {
			cs.vec[i] = map[int]float64{}
		}
		cs.vec[i][j] = p
		cs.norm[i] += p * p
	}
	for i := range cs.norm {
		cs.norm[i] = math.Sqrt(cs.norm[i])
	}
	return cs
}

// similar returns up to k terms whose contexts are closest to term's, with
// a cosine of at least min.
func (cs *contextSpace) similar(term string, k int, min float64) []string {
	i, ok := cs.id[term]
	if !ok || cs.vec[i] == nil {
		return nil
	}
	dot := map[int]float64{}
	for u, wu := range cs.vec[i] {
		for r := range cs.vec[u] {
			if r != i && cs.vec[r] != nil {
				dot[r] += wu * cs.vec[r][u]
			}
		}
	}
	type sc struct {
		r int
		c float64
	}
	var out []sc
	for r, d := range dot {
		if c := d / (cs.norm[i] * cs.norm[r]); c >= min {
			out = append(out, sc{r, c})
		}
	}
	sort.Slice(out, func(x, y int) bool { return out[x].c > out[y].c || out[x].c == out[y].c && out[x].r < out[y].r })
	var terms []string
	for j := 0; j < len(out) && j < k; j++ {
		terms = append(terms, cs.terms[out[j].r])
	}
	return terms
}

// askWith is ask with the question's terms extended by more.
func (a *Answerer) askWith(q string, more func([]search.QueryTerm) []search.QueryTerm) (Answer, bool) {
	terms, typ, fi, ok := a.queryTerms(q)
	if !ok {
		return Answer{}, false
	}
	terms = more(terms)
	res := a.search(terms)
	if len(res.Hits) == 0 || res.Weight == 0 {
		return Answer{}, false
	}
	ms := a.rank(res, typ, fi, entity.Expect(q), q)
	preferEntry(ms)
	a.pairNeighbour(ms)
	best := &ms[0]
	best.answer = a.answerOf(best, res)
	raw, margin := a.confidence(res, ms)
	x := a.features(q, res, ms, raw, margin, best.answer)
	return Answer{Answered: true, Answer: best.answer, Confidence: a.probability(raw, x)}, true
}

// TestContextRelated measures what related words learned from the
// corpus's own contexts add to the FIT sets: best match right (never
// declining), accuracy at 0.35 and must-decline questions answered. It
// runs only with -ctx.related.
func TestContextRelated(t *testing.T) {
	if !*ctxRelated {
		t.Skip("run with -ctx.related to measure related words learned from the corpus")
	}
	for _, s := range fitSets[:2] {
		a := neverDeclines(t, s)
		cs := newContextSpace(a)
		for _, w := range []string{"hiatus", "steed", "reception", "die", "capit", "injur"} {
			fmt.Printf("%s: %v\n", w, cs.similar(w, 5, 0.1))
		}
		items := s.items(t)
		for _, share := range []float64{0, 0.3, 0.5} {
			for _, min := range []float64{0.2, 0.3, 0.4} {
				if share == 0 && min > 0.2 {
					continue
				}
				more := func(terms []search.QueryTerm) []search.QueryTerm {
					if share == 0 {
						return terms
					}
					n := len(terms)
					seen := map[string]bool{}
					for _, t := range terms {
						seen[t.Term] = true
					}
					for i := 0; i < n; i++ {
						t := terms[i]
						if t.Of != 0 || t.NoScore || t.Weight <= 0 || !t.Known {
							continue
						}
						if _, low := questionWeights[t.Word]; low {
							continue
						}
						for _, r := range cs.similar(t.Term, 3, min) {
							idf, ok := a.ix.IDF(r)
							if !ok || seen[r] {
								continue
							}
							seen[r] = true
							terms = append(terms, search.QueryTerm{Word: r, Term: r, Known: true,
								Weight: share * math.Min(t.Weight, idf), Of: i + 1, Share: share})
						}
					}
					return terms
				}
				top, n, acc, falseAns := 0, 0, 0, 0
				for _, it := range items {
					ans, ok := a.askWith(strings.TrimSpace(it.Question), more)
					answered := ok && ans.Confidence >= 0.35
					if it.Decline {
						if answered {
							falseAns++
						} else {
							acc++
						}
						continue
					}
					n++
					if ok && eval.Correct(it, ans) {
						top++
						if answered {
							acc++
						}
					}
				}
				fmt.Printf("%-10s share %.1f min %.1f: best right %5.1f%%  accuracy %5.1f%%  must-decline answered %d\n",
					s.name, share, min, 100*float64(top)/float64(n), 100*float64(acc)/float64(len(items)), falseAns)
			}
		}
	}
}
