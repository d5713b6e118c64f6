package answer

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"flag"
	"fmt"
	"go/format"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/briefbot/briefbot/briefings/eval"
	"github.com/briefbot/briefbot/corpus"
)

var fitConfidence = flag.Bool("fit", false, "fit the confidence model on the FIT sets and rewrite confidence_model.go")

// fitL2 is the L2 penalty of the fit: enough to keep weights finite on
// separable features, small beside the hundreds of examples.
const fitL2 = 1.0

// labelled is a set of questions with the base they are asked of.
type labelled struct {
	name  string
	base  func(t testing.TB) *Base
	items func(t testing.TB) []eval.Item
}

// The FIT sets the model is fitted on, and the REPORT sets it is only
// measured on (testdata/README.md). sample.tsv and debian.tsv are the
// sets the rules were tuned on before; their held-out sets stay out.
var (
	fitSets = []labelled{
		{"wiki FIT", wikiBase("fit"), testdataItems("wiki_fit.tsv")},
		{"news FIT", newsBase, testdataItems("news_fit.tsv")},
		{"sample.tsv", func(t testing.TB) *Base { return baseFor(t, "sample.tsv") }, func(t testing.TB) []eval.Item { return readEval(t, "sample.tsv") }},
		{"debian.tsv", func(t testing.TB) *Base { return baseFor(t, "debian.tsv") }, func(t testing.TB) []eval.Item { return readEval(t, "debian.tsv") }},
	}
	reportSets = []labelled{
		{"wiki REPORT", wikiBase("report"), testdataItems("wiki_report.tsv")},
		{"wiki REPORT large", wikiBase("report"), testdataItems("wiki_report_large.tsv")},
		{"news REPORT", newsBase, testdataItems("news_report.tsv")},
		{"news off-topic", newsBase, testdataItems("news_offtopic.tsv")},
	}
)

// untar unpacks a .tar.gz of testdata into a directory kept for the test
// binary's life (the Reuters corpus is shared by two sets).
var untar = struct {
	sync.Mutex
	dirs map[string]string
}{dirs: map[string]string{}}

func unpacked(t testing.TB, name string) string {
	t.Helper()
	untar.Lock()
	defer untar.Unlock()
	if d, ok := untar.dirs[name]; ok {
		return d
	}
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Skipf("fixture %s missing: %v", name, err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	dir, err := os.MkdirTemp("", "answer-testdata-")
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if h.Typeflag != tar.TypeReg || strings.Contains(h.Name, "..") {
			continue
		}
		p := filepath.Join(dir, filepath.FromSlash(h.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(tr)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	untar.dirs[name] = dir
	return dir
}

// TestMain removes the unpacked fixtures.
func TestMain(m *testing.M) {
	code := m.Run()
	for _, d := range untar.dirs {
		os.RemoveAll(d)
	}
	os.Exit(code)
}

func loadDir(t testing.TB, dir string) *Base {
	t.Helper()
	arts, _, err := corpus.Load(context.Background(), []string{dir}, corpus.Options{})
	if err != nil {
		t.Fatalf("load %s: %v", dir, err)
	}
	return testBase(t, arts, nil)
}

func wikiBase(side string) func(testing.TB) *Base {
	return func(t testing.TB) *Base { return loadDir(t, filepath.Join(unpacked(t, "wiki.tar.gz"), "wiki", side)) }
}

var news struct {
	once sync.Once
	base *Base
}

func newsBase(t testing.TB) *Base {
	news.once.Do(func() { news.base = loadDir(t, filepath.Join(unpacked(t, "reuters.tar.gz"), "reuters")) })
	return news.base
}

func testdataItems(name string) func(testing.TB) []eval.Item {
	return func(t testing.TB) []eval.Item {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		items, err := eval.ParseFile(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("parse %s: %v", name, err)
		}
		return items
	}
}

// example is one asked question: its features, whether the answer Ask
// gives when it never declines is right, and whether it must be declined.
type example struct {
	x       []float64
	right   bool
	decline bool
}

// examples asks every question of a set of an answerer that never
// declines. A question with nothing to weigh (no match) has no features.
func examples(t testing.TB, s labelled) []example {
	a := neverDeclines(t, s)
	var out []example
	for _, it := range s.items(t) {
		ans, x := a.ask(it.Question)
		out = append(out, example{x: x, right: !it.Decline && eval.Correct(it, ans), decline: it.Decline})
	}
	return out
}

// TestFitConfidence fits confidenceModel on the FIT sets and, with -fit,
// writes confidence_model.go. Without -fit it checks that the weights in
// the file are what the fit gives, so that a change to the features or
// the sets cannot leave stale weights behind.
func TestFitConfidence(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the answerers of every FIT set")
	}
	// Each set weighs the same in all, however many questions it has:
	// the model is for every kind of corpus, not mostly for the largest
	// set's.
	var xs [][]float64
	var ys []bool
	var ws []float64
	for _, s := range fitSets {
		es := examples(t, s)
		n := 0
		for _, e := range es {
			if e.x != nil {
				n++
			}
		}
		for _, e := range es {
			if e.x != nil {
				xs = append(xs, e.x)
				ys = append(ys, e.right)
				ws = append(ws, 200/float64(n))
			}
		}
	}
	m, err := fitModel(xs, ys, ws)
	if err != nil {
		t.Fatal(err)
	}
	src, err := modelSource(m, len(xs))
	if err != nil {
		t.Fatal(err)
	}
	if *fitConfidence {
		if err := os.WriteFile("confidence_model.go", []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote confidence_model.go from %d examples", len(xs))
		return
	}
	// Without -fit: the weights in use must be what the fit gives, within
	// a tolerance that lets a small change of the ranking pass and stops
	// a change of the features or the sets from leaving stale weights.
	const tolerance = 0.15
	stale := len(confidenceModel.Weights) != len(m.Weights) || math.Abs(confidenceModel.Bias-m.Bias) > tolerance
	for i := 0; !stale && i < len(m.Weights); i++ {
		stale = math.Abs(confidenceModel.Weights[i]-m.Weights[i]) > tolerance
	}
	if stale {
		t.Errorf("confidence_model.go is stale (the fit gives %+v): run go test ./briefings/answer -run TestFitConfidence -fit", m)
	}
}

// modelSource is the Go source of confidence_model.go for m.
func modelSource(m Logistic, n int) (string, error) {
	var b strings.Builder
	b.WriteString("// Code generated by go test ./briefings/answer -run TestFitConfidence -fit; DO NOT EDIT.\n\n")
	b.WriteString("package answer\n\n")
	fmt.Fprintf(&b, "// confidenceModel turns an answer's features (features.go) into the\n")
	fmt.Fprintf(&b, "// probability that it is right: a logistic regression fitted on %d\n", n)
	b.WriteString("// questions of the FIT sets (fit_test.go, testdata/README.md).\n")
	fmt.Fprintf(&b, "var confidenceModel = Logistic{\n\tBias: %.4f,\n\tWeights: []float64{\n", m.Bias)
	for i, w := range m.Weights {
		fmt.Fprintf(&b, "\t\t%.4f, // %s\n", w, featureNames[i])
	}
	b.WriteString("\t},\n}\n")
	src, err := format.Source([]byte(b.String()))
	return string(src), err
}

// TestConfidenceReport measures the answers on the FIT and REPORT sets at
// the default threshold: accuracy, answerable questions answered right,
// questions to decline declined, and the expected calibration error of
// the confidence over 10 bins. The REPORT sets were never fitted or tuned
// on; their floors sit under the figures reached.
func TestConfidenceReport(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the answerers of every set")
	}
	floors := map[string]struct{ acc, maxECE float64 }{
		"wiki REPORT":       {0.58, 0.17},
		"wiki REPORT large": {0.57, 0.14},
		"news REPORT":       {0.93, 0.12},
	}
	for _, s := range append(append([]labelled{}, fitSets...), reportSets...) {
		saved := confidenceModel
		confidenceModel = Logistic{}
		r0, ece0 := measure(t, s, 0.35)
		confidenceModel = saved
		t.Logf("%-12s rules only: accuracy %5.1f%%  answerable right %5.1f%%  declined %5.1f%%  ECE %.3f", s.name, 100*r0.Accuracy(), 100*r0.AnswerableAccuracy(), 100*r0.DeclineAccuracy(), ece0)
		for _, th := range []float64{0.5} {
			r, _ := measure(t, s, th)
			t.Logf("%-12s at %.2f: accuracy %5.1f%%  answerable right %5.1f%%  declined %5.1f%%", s.name, th, 100*r.Accuracy(), 100*r.AnswerableAccuracy(), 100*r.DeclineAccuracy())
		}
		r, ece := measure(t, s, 0.35)
		t.Logf("%-12s accuracy %5.1f%%  answerable right %5.1f%% (%d/%d)  declined %5.1f%% (%d/%d)  ECE %.3f",
			s.name, 100*r.Accuracy(), 100*r.AnswerableAccuracy(), r.AnswerableCorrect, r.Answerable,
			100*r.DeclineAccuracy(), r.DeclineCorrect, r.Decline, ece)
		if f, ok := floors[s.name]; ok && (r.Accuracy() < f.acc || ece > f.maxECE) {
			t.Errorf("%s: accuracy %.3f, ECE %.3f: under the floor (accuracy %.2f, ECE %.2f)", s.name, r.Accuracy(), ece, f.acc, f.maxECE)
		}
	}
}

// measure asks a set's questions at threshold min and returns the report
// and the expected calibration error (10 bins) of the confidence against
// whether the best answer, shown or not, is right.
func measure(t testing.TB, s labelled, min float64) (eval.Report, float64) {
	a := neverDeclines(t, s)
	var r eval.Report
	var ps []float64
	var rights []bool
	for _, it := range s.items(t) {
		ans := a.Ask(it.Question)
		right := !it.Decline && eval.Correct(it, ans)
		ps = append(ps, ans.Confidence)
		rights = append(rights, right)
		r.Total++
		answered := ans.Answered && ans.Confidence >= min
		switch {
		case it.Decline:
			r.Decline++
			if !answered {
				r.DeclineCorrect++
				r.Correct++
			}
		default:
			r.Answerable++
			if answered && right {
				r.AnswerableCorrect++
				r.Correct++
			}
		}
	}
	return r, CalibrationError(ps, rights, 10)
}

// penalties are the features the model may weigh: each is 0 for an
// answer with nothing wrong and grows with what is wrong. The model starts
// from the rule-based confidence (featRaw, weight 1, no bias) and only
// takes confidence away: an answer the rules decline stays declined, and
// the sets the rules were tuned on keep their answers unless a penalty
// says otherwise.
//
// The share of the question's names the answer lacks (featNameMiss) is
// left out: it fits the FIT wiki set's unanswerable questions, made by
// swapping a name ("Clawshot Princess"), and loses answers on the articles
// held out in TestFitCV (wiki 62.3% -> 59.6% with it).
var penalties = []int{featTypeAbsent, featNegation, featAntonym, featHeaviestMiss, featCorpusSize, featBodyMiss, featSure, featNameUnknown, featSizeTie, featNameSense}

// fitBias lets the fit add a bias to the rule-based confidence. It is
// off: held out in TestFitCV, a bias loses wiki answers for news declines
// (wiki 62.3% -> 58.1%, news 87.5% -> 92.5%, log loss 0.522 -> 0.568).
var fitBias = false

// fitModel fits the penalties' weights, dropping any that would come out
// positive (a penalty that raises confidence) and fitting again.
func fitModel(xs [][]float64, ys []bool, ws []float64) (Logistic, error) {
	use := append([]int(nil), penalties...)
	offs := make([]float64, len(xs))
	for i, x := range xs {
		offs[i] = x[featRaw]
	}
	for {
		sub := make([][]float64, len(xs))
		for i, x := range xs {
			for _, f := range use {
				sub[i] = append(sub[i], x[f])
			}
		}
		m, err := FitLogistic(sub, ys, FitOptions{Weights: ws, Offsets: offs, NoBias: !fitBias, L2: fitL2})
		if err != nil {
			return Logistic{}, err
		}
		worst, at := 0.0, -1
		for j, w := range m.Weights {
			if w > worst {
				worst, at = w, j
			}
		}
		if at < 0 {
			full := Logistic{Bias: m.Bias, Weights: make([]float64, numFeatures)}
			full.Weights[featRaw] = 1
			for j, f := range use {
				full.Weights[f] = m.Weights[j]
			}
			return full, nil
		}
		use = append(use[:at], use[at+1:]...)
	}
}

// answerers caches the never-declining answerer of each base: the two
// news sets share one corpus, and the fit and the report ask the same.
var answerers = struct {
	sync.Mutex
	of map[*Base]*Answerer
}{of: map[*Base]*Answerer{}}

// neverDeclines returns an answerer of the set's base that answers every
// question it finds a match for (MinConfidence 0).
func neverDeclines(t testing.TB, s labelled) *Answerer {
	base := s.base(t)
	answerers.Lock()
	defer answerers.Unlock()
	if a, ok := answerers.of[base]; ok {
		return a
	}
	b := *base
	b.MinConfidence = 0
	a := Build(&b)
	answerers.of[base] = a
	return a
}
