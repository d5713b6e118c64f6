package entity

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

var labelledVerbose = flag.Bool("labelled.v", false, "print every miss and false find on testdata/labelled.txt")

// labelRe is one labelled fact: "[person Steve Martin]".
var labelRe = regexp.MustCompile(`\[(` + strings.Join(kindNames[1:], "|") + `) ([^\]]+)\]`)

type labelled struct {
	sentence string
	facts    []Span // Start and End unset
}

// readLabelled reads testdata/labelled.txt: one sentence a line with its
// facts written [kind text] in place.
func readLabelled(t *testing.T, name string) []labelled {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []labelled
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		var l labelled
		for _, m := range labelRe.FindAllStringSubmatch(line, -1) {
			k := ParseKind(m[1])
			if k == None {
				t.Fatalf("unknown kind %q in %q", m[1], line)
			}
			l.facts = append(l.facts, Span{Kind: k, Text: m[2]})
		}
		l.sentence = labelRe.ReplaceAllString(line, "$2")
		out = append(out, l)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestLabelled measures Find's precision and recall per kind on the
// labelled sentences (labelled.txt, looked at while writing the rules, and
// labelled_report.txt, never tuned on): a fact counts when kind and text
// match exactly. The test fails under floors set below the figures
// reached.
func TestLabelled(t *testing.T) {
	for _, tt := range []struct {
		file  string
		floor float64
	}{
		{"labelled.txt", 0.85},
		{"labelled_report.txt", 0.70},
	} {
		t.Run(tt.file, func(t *testing.T) { measureLabelled(t, tt.file, tt.floor) })
	}
}

func measureLabelled(t *testing.T, file string, floor float64) {
	type score struct{ tp, fp, fn int }
	scores := map[Kind]*score{}
	get := func(k Kind) *score {
		if scores[k] == nil {
			scores[k] = &score{}
		}
		return scores[k]
	}
	for _, l := range readLabelled(t, file) {
		want := map[string]int{}
		for _, f := range l.facts {
			want[f.Kind.String()+" "+f.Text]++
		}
		for _, got := range Find(l.sentence) {
			if got.Kind == Name {
				continue // a name of unknown kind is neither right nor wrong
			}
			key := got.Kind.String() + " " + got.Text
			if want[key] > 0 {
				want[key]--
				get(got.Kind).tp++
				continue
			}
			get(got.Kind).fp++
			if *labelledVerbose {
				t.Logf("false %-12s %q in %q", got.Kind, got.Text, l.sentence)
			}
		}
		for key, n := range want {
			kind, txt, _ := strings.Cut(key, " ")
			get(ParseKind(kind)).fn += n
			if n > 0 && *labelledVerbose {
				t.Logf("missed %-12s %q in %q", kind, txt, l.sentence)
			}
		}
	}
	var kinds []Kind
	var all score
	for k, s := range scores {
		kinds = append(kinds, k)
		all.tp += s.tp
		all.fp += s.fp
		all.fn += s.fn
	}
	sort.Slice(kinds, func(i, j int) bool { return kinds[i] < kinds[j] })
	pr := func(s score) string {
		p, r := ratio(s.tp, s.tp+s.fp), ratio(s.tp, s.tp+s.fn)
		return fmt.Sprintf("precision %5.1f%% recall %5.1f%% (%d right, %d false, %d missed)", 100*p, 100*r, s.tp, s.fp, s.fn)
	}
	for _, k := range kinds {
		t.Logf("%-12s %s", k, pr(*scores[k]))
	}
	t.Logf("%-12s %s", "all", pr(all))
	// Floors under the figures reached, so that a change that loses
	// ground fails.
	if p, r := ratio(all.tp, all.tp+all.fp), ratio(all.tp, all.tp+all.fn); p < floor || r < floor {
		t.Errorf("overall precision %.2f, recall %.2f: under the floor of %.2f", p, r, floor)
	}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
