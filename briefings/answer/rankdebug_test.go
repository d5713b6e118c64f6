package answer

import (
	"flag"
	"fmt"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/briefings/eval"
	"github.com/briefbot/briefbot/corpus/entity"
)

var rankDebug = flag.String("rank.debug", "", "FIT set (wiki, news, sample, debian) whose answerable misses to explain")

// TestRankDebug explains, for the answerable questions of a FIT set, where
// the first candidate whose answer holds a gold phrase ranks (and shows the
// misses); it runs only with -rank.debug wiki|news|sample|debian.
func TestRankDebug(t *testing.T) {
	if *rankDebug == "" {
		t.Skip("run with -rank.debug wiki to explain the ranking misses of a FIT set")
	}
	var s labelled
	for _, f := range fitSets {
		if strings.HasPrefix(f.name, *rankDebug) {
			s = f
		}
	}
	if s.name == "" {
		t.Fatalf("no FIT set %q", *rankDebug)
	}
	a := neverDeclines(t, s)
	at := map[int]int{}
	n := 0
	for _, it := range s.items(t) {
		if it.Decline {
			continue
		}
		n++
		res, ms, ok := a.matches(strings.TrimSpace(it.Question))
		if ok {
			a.pairNeighbour(ms)
		}
		pos := -1
		for i := range ms {
			if !ok {
				break
			}
			ans := a.answerOf(&ms[i], res)
			if eval.Correct(it, answerText(ans)) {
				pos = i
				break
			}
		}
		at[pos]++
		if pos == 0 {
			continue
		}
		fmt.Printf("MISS@%d %s  want %s  (type %v)\n", pos, it.Question, strings.Join(it.Phrases, "|"), entity.Expect(it.Question))
		for i := 0; i < len(ms) && i < 2; i++ {
			m := &ms[i]
			fmt.Printf("      %.2f cov %.2f %s\n", m.rank, m.coverage, clipText(a.answerOf(m, res), 160))
		}
		if pos > 1 {
			m := &ms[pos]
			fmt.Printf("   => %.2f cov %.2f %s\n", m.rank, m.coverage, clipText(a.answerOf(m, res), 160))
		}
	}
	fmt.Printf("%s: %d answerable; right first %d; 2nd %d; 3-5 %d; later %d; never %d\n", s.name, n, at[0], at[1], at[2]+at[3]+at[4], n-at[0]-at[1]-at[2]-at[3]-at[4]-at[-1], at[-1])
}

// answerText is an answered Answer of text s, for eval.Correct.
func answerText(s string) Answer { return Answer{Answered: true, Answer: s} }

var noneDebug = flag.String("none.debug", "", "FIT set (wiki, news, sample, debian) whose must-decline questions to explain")

// TestNoneDebug prints, for the must-decline questions of a FIT set, the
// confidence, the features and the answer; it runs only with -none.debug.
func TestNoneDebug(t *testing.T) {
	if *noneDebug == "" {
		t.Skip("run with -none.debug wiki to explain the answers to unanswerable questions")
	}
	for _, s := range fitSets {
		if !strings.HasPrefix(s.name, *noneDebug) {
			continue
		}
		a := neverDeclines(t, s)
		for _, it := range s.items(t) {
			ans, x := a.ask(it.Question)
			tag := "NONE"
			if !it.Decline {
				tag = "ANS "
				if eval.Correct(it, ans) {
					tag = "ANS+"
				}
			}
			var fs []string
			for i, v := range x {
				if v != 0 && i != featRaw {
					fs = append(fs, fmt.Sprintf("%s=%.2f", featureNames[i], v))
				}
			}
			fmt.Printf("%s %.2f %s\n     [%s] %s\n", tag, ans.Confidence, it.Question, strings.Join(fs, " "), clipText(ans.Answer, 150))
		}
	}
}
