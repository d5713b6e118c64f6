package answer

import (
	"bufio"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var fitCV = flag.Bool("fit.cv", false, "cross-validate the confidence model's penalties on the FIT sets")

// articleOf maps each line of a testdata question file to the article
// heading ("# Title") above it.
func articleOf(t testing.TB, name string) map[int]string {
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[int]string{}
	sc := bufio.NewScanner(f)
	head := ""
	for n := 1; sc.Scan(); n++ {
		if l := strings.TrimSpace(sc.Text()); strings.HasPrefix(l, "# ") {
			head = l
		}
		out[n] = head
	}
	return out
}

// TestFitCV cross-validates the choice of penalties on the FIT sets: each
// wiki FIT article, and each other FIT set, is held out in turn, the model
// fitted on the rest (each set weighing the same) and measured on it. It
// prints, for the penalties in use and for each left out, the pooled
// accuracy at 0.35, log loss and ECE of the held-out answers; it runs only
// with -fit.cv.
func TestFitCV(t *testing.T) {
	if !*fitCV {
		t.Skip("run with -fit.cv to cross-validate the confidence penalties")
	}
	type ex struct {
		example
		set, fold string
	}
	var all []ex
	for _, s := range fitSets {
		es := examples(t, s)
		items := s.items(t)
		var art map[int]string
		if s.name == "wiki FIT" {
			art = articleOf(t, "wiki_fit.tsv")
		}
		for i, e := range es {
			fold := s.name
			if art != nil {
				fold = art[items[i].Line]
			}
			all = append(all, ex{e, s.name, fold})
		}
	}
	folds := map[string]bool{}
	for _, e := range all {
		folds[e.fold] = true
	}
	run := func(label string, use []int) {
		saved := penalties
		penalties = use
		defer func() { penalties = saved }()
		correct, total := map[string]int{}, map[string]int{}
		var ps []float64
		var rights []bool
		loss, nl := 0.0, 0
		for fold := range folds {
			// Fit on the other folds, each set weighing the same.
			count := map[string]int{}
			for _, e := range all {
				if e.fold != fold && e.x != nil {
					count[e.set]++
				}
			}
			var xs [][]float64
			var ys []bool
			var ws []float64
			for _, e := range all {
				if e.fold != fold && e.x != nil {
					xs, ys, ws = append(xs, e.x), append(ys, e.right), append(ws, 200/float64(count[e.set]))
				}
			}
			m, err := fitModel(xs, ys, ws)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range all {
				if e.fold != fold {
					continue
				}
				total[e.set]++
				p := 0.0
				if e.x != nil {
					p = m.Prob(e.x)
					ps, rights = append(ps, p), append(rights, e.right)
					q := math.Min(math.Max(p, 1e-6), 1-1e-6)
					if e.right {
						loss -= math.Log(q)
					} else {
						loss -= math.Log(1 - q)
					}
					nl++
				}
				answered := p >= 0.35
				if e.decline && !answered || !e.decline && answered && e.right {
					correct[e.set]++
				}
			}
		}
		var parts []string
		for _, s := range fitSets {
			parts = append(parts, fmt.Sprintf("%s %5.1f%%", strings.Fields(s.name)[0], 100*float64(correct[s.name])/float64(total[s.name])))
		}
		fmt.Printf("%-28s %s  loss %.3f  ECE %.3f\n", label, strings.Join(parts, "  "), loss/float64(nl), CalibrationError(ps, rights, 10))
	}
	run("in use", penalties)
	fitBias = true
	run("with a bias", penalties)
	fitBias = false
	for i, f := range penalties {
		use := append(append([]int{}, penalties[:i]...), penalties[i+1:]...)
		run("without "+featureNames[f], use)
	}
	for f := 0; f < numFeatures; f++ {
		if f == featRaw || contains(penalties, f) || f == featMargin || f == featCoverage || f == featKeyCover {
			continue
		}
		run("with "+featureNames[f], append(append([]int{}, penalties...), f))
	}
}
