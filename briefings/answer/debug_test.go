package answer

import (
	"flag"
	"fmt"
	"github.com/briefbot/briefbot/corpus/entity"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/briefings/eval"
)

var askDebug = flag.String("ask.debug", "", "eval file whose questions to explain")

// TestAskDebug prints, for every question of an eval file, how the index
// read it and the best hits; it runs only with -ask.debug FILE.
func TestAskDebug(t *testing.T) {
	if *askDebug == "" {
		t.Skip("run with -ask.debug sample.tsv to explain answers")
	}
	a := Build(baseFor(t, *askDebug))
	for _, it := range readEval(t, *askDebug) {
		res, typ, fi, _ := a.queryTerms(it.Question)
		var ts []string
		for _, q := range res {
			s := fmt.Sprintf("%s:%.1f", q.Term, q.Weight)
			if q.Corrected != "" {
				s += "(<" + q.Word + ")"
			}
			if !q.Known {
				s += "?"
			}
			if q.Of > 0 {
				s = "+" + s // a related word
			}
			ts = append(ts, s)
		}
		r := a.search(res)
		got := a.Ask(it.Question)
		mark := "OK "
		if !eval.Correct(it, got) {
			mark = "BAD"
		}
		want := "NONE"
		if !it.Decline {
			want = strings.Join(it.Phrases, "|")
		}
		fmt.Printf("%s %.2f %-5v %s  [%s]  want %s\n", mark, got.Confidence, got.Kind, it.Question, strings.Join(ts, " "), want)
		if len(r.Hits) == 0 {
			continue
		}
		ms := a.rank(r, typ, fi, entity.Expect(it.Question), it.Question)
		for i := 0; i < len(ms) && i < 3; i++ {
			m := &ms[i]
			fmt.Printf("      %.2f rank %.2f cov %.2f key %.2f %s %s\n", m.hit.Score, m.rank, m.coverage, m.keyCov, m.cand.kind, clipText(a.answerOf(m, r), 100))
		}
	}
}

// clipText shortens s to n runes, spaces collapsed.
func clipText(s string, n int) string {
	r := []rune(strings.Join(strings.Fields(s), " "))
	if len(r) <= n {
		return string(r)
	}
	return string(r[:n-1]) + "…"
}
