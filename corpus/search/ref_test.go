package search

import (
	"math"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/corpus/text"
)

// newRef is New as it was before the Builder: every field analysed on its
// own. New must build the same index.
func newRef(docs []Doc, opts Options) *Index {
	k1, b := opts.K1, opts.B
	if k1 == 0 {
		k1 = 1.2
	}
	if b == 0 {
		b = 0.75
	}
	nf := 0
	for _, d := range docs {
		nf = max(nf, len(d.Fields))
	}
	weights := make([]float64, nf)
	for i := range weights {
		weights[i] = 1
		if i < len(opts.FieldWeights) {
			weights[i] = opts.FieldWeights[i]
		}
	}

	ns := newNameStats()
	for _, d := range docs {
		for _, f := range d.Fields {
			ns.add(f)
		}
	}
	an := &analyzer{fold: ns.variants(), stems: map[string]string{}}
	// Roles first: their words are matched before "US" folds into a group.
	an.addSynonyms(ns.roles(an.fold))
	an.addSynonyms(BuiltinSynonyms)
	an.addSynonyms(opts.Synonyms)

	var dl docList
	for _, d := range docs {
		dl.add(d)
	}
	dl.full = docs
	ix := &Index{docs: dl, an: an, terms: map[string]int32{}, vocab: map[string]int{}, qw: opts.QueryWeights}
	// Analyse every field once.
	type fieldTerms struct {
		ids []int32
	}
	analysed := make([][]fieldTerms, len(docs))
	sumLen := make([]float64, nf)
	for di, d := range docs {
		analysed[di] = make([]fieldTerms, nf)
		for fi, f := range d.Fields {
			raw := tokensOf(f)
			for _, r := range raw {
				if n, ok := an.normalize(r); ok {
					if _, seen := an.stems[n]; !seen && !text.IsStopword(n) {
						an.stems[n] = rootOf(text.Stem(n))
					}
					if !text.IsStopword(n) && !text.IsNumber(n) {
						ix.vocab[n]++
					}
				}
			}
			ws := an.wordsOf(raw)
			ids := make([]int32, 0, len(ws))
			for _, w := range ws {
				if w.stop {
					continue
				}
				id, ok := ix.terms[w.key]
				if !ok {
					id = int32(len(ix.terms))
					ix.terms[w.key] = id
				}
				ids = append(ids, id)
			}
			analysed[di][fi].ids = ids
			sumLen[fi] += float64(len(ids))
		}
	}
	avg := make([]float64, nf)
	for i := range avg {
		avg[i] = max(sumLen[i]/math.Max(1, float64(len(docs))), 1)
	}
	nt := len(ix.terms)
	ix.post = make([][]int32, nt)
	impact := make([][]float32, nt)
	fields := make([][]uint8, nt)
	tf := make([]float64, nt)
	fbits := make([]uint8, nt)
	var touched []int32
	for di := range docs {
		touched = touched[:0]
		for fi, ft := range analysed[di] {
			norm := 1 - b + b*float64(len(ft.ids))/avg[fi]
			for _, id := range ft.ids {
				if tf[id] == 0 {
					touched = append(touched, id)
				}
				tf[id] += weights[fi] / norm
				if fi < 8 {
					fbits[id] |= 1 << uint(fi)
				}
			}
		}
		sort.Slice(touched, func(i, j int) bool { return touched[i] < touched[j] })
		for _, id := range touched {
			t := tf[id]
			ix.post[id] = append(ix.post[id], int32(di))
			impact[id] = append(impact[id], float32(t*(k1+1)/(t+k1)))
			fields[id] = append(fields[id], fbits[id])
			tf[id], fbits[id] = 0, 0
		}
	}
	ix.scores = scores{impact: impact, fields: fields}
	n := float64(len(docs))
	ix.idf = make([]float32, nt)
	for id, p := range ix.post {
		df := float64(len(p))
		ix.idf[id] = float32(math.Log(1+(n-df+0.5)/(df+0.5)) + opts.IDFSmoothing)
	}
	ix.maxIDF = math.Log(1+(n+0.5)/0.5) + opts.IDFSmoothing
	ix.champ = make([][]int32, nt)
	for id, p := range ix.post {
		if len(p) <= championSize {
			continue
		}
		pos := make([]int32, len(p))
		for j := range pos {
			pos[j] = int32(j)
		}
		imp := impact[id]
		sort.SliceStable(pos, func(a, b int) bool { return imp[pos[a]] > imp[pos[b]] })
		pos = pos[:championSize]
		sort.Slice(pos, func(a, b int) bool { return pos[a] < pos[b] })
		ix.champ[id] = pos
	}
	if opts.UnknownWeight > 0 {
		ix.unknownIDF = opts.UnknownWeight * ix.maxIDF
	} else {
		ix.unknownIDF = ix.maxIDF
	}
	ix.spell = newSpeller(ix.vocab)
	return ix
}

// sameIndex reports the first difference between two indexes, by term.
func sameIndex(t *testing.T, got, want *Index) {
	t.Helper()
	if len(got.terms) != len(want.terms) {
		t.Fatalf("%d terms, want %d", len(got.terms), len(want.terms))
	}
	for k, wid := range want.terms {
		gid, ok := got.terms[k]
		if !ok {
			t.Fatalf("term %q missing", k)
		}
		if !reflect.DeepEqual(got.post[gid], want.post[wid]) || !reflect.DeepEqual(postingScores(got, gid), postingScores(want, wid)) ||
			!reflect.DeepEqual(got.champ[gid], want.champ[wid]) ||
			got.idf[gid] != want.idf[wid] {
			t.Fatalf("term %q differs", k)
		}
	}
	if !reflect.DeepEqual(got.vocab, want.vocab) {
		t.Fatal("vocabularies differ")
	}
	if !reflect.DeepEqual(got.an.fold, want.an.fold) || !reflect.DeepEqual(got.an.phraseKey, want.an.phraseKey) {
		t.Fatal("analyzers differ")
	}
	if got.Len() != want.Len() {
		t.Fatalf("%d documents, want %d", got.Len(), want.Len())
	}
	for i := range got.Len() {
		if g, w := got.Doc(i), want.Doc(i); g.ID != w.ID || g.Payload != w.Payload {
			t.Fatalf("document %d is %s %d, want %s %d", i, g.ID, g.Payload, w.ID, w.Payload)
		}
	}
	if got.maxIDF != want.maxIDF || got.unknownIDF != want.unknownIDF {
		t.Fatal("idf bounds differ")
	}
}

// postingScores returns the scores of term id's postings.
func postingScores(ix *Index, id int32) []score {
	n := len(ix.post[id])
	ts := ix.scores.of(int(id), 0, n)
	out := make([]score, n)
	for j := range out {
		out[j] = score{ts.impactAt(j), ts.fieldsAt(j)}
	}
	return out
}

// refDocs makes passage-like documents from the sample articles' lines
// and a few lines written to cross field joins: names running on from one
// sentence into the next, synonym phrases split by a join, compounds.
func refDocs(t *testing.T) (docs []Doc, texts [][][]string) {
	files, _ := filepath.Glob(filepath.Join("..", "sample", "*.txt"))
	if len(files) == 0 {
		t.Skip("no sample articles")
	}
	arts := [][]string{{"Talks Go On", "He met Ukrainian President Volodymyr Zelenskyy", "Kyiv Mayor Vitali Klitschko said the United", "States would pay.", "A CD-ROM and e-mail", "Ukrainian President Volodymyr Zelenskyy spoke", "", "the Ukrainian President Volodymyr Zelenskiy left"},
		// The role runs on only across joins.
		{"The City", "He spoke with Lviv Mayor", "the mayor said so", "Andriy Sadovyi smiled.", "He met Lviv Mayor", "the mayor and the mayor", "Andriy Sadovyi left.", "a mayor, the mayor, no mayor"}}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var lines []string
		for _, l := range strings.Split(string(data), "\n") {
			if l = strings.TrimSpace(l); l != "" {
				lines = append(lines, l)
			}
		}
		arts = append(arts, lines)
	}
	for _, lines := range arts {
		title := lines[0]
		for i, s := range lines[1:] {
			i++
			var near []string
			if i > 1 {
				near = append(near, lines[i-1])
			}
			if i+1 < len(lines) {
				near = append(near, lines[i+1])
			}
			heading := ""
			if i%3 == 0 {
				heading = "Section " + title
			}
			docs = append(docs, Doc{ID: "p", Payload: len(docs), Fields: []string{"", s, strings.Join(near, " "), heading, title}})
			texts = append(texts, [][]string{nil, {s}, near, {heading}, {title}})
		}
	}
	return docs, texts
}

func TestNewMatchesReference(t *testing.T) {
	docs, _ := refDocs(t)
	opts := Options{FieldWeights: []float64{2, 1, 0.35, 0.5, 0.25}, Synonyms: [][]string{{"mayor", "city head"}}, IDFSmoothing: 0.5}
	sameIndex(t, New(docs, opts), newRef(docs, opts))
}

func TestBuilderMatchesReference(t *testing.T) {
	docs, texts := refDocs(t)
	opts := Options{FieldWeights: []float64{2, 1, 0.35, 0.5, 0.25}}
	b := NewBuilder(opts)
	for i, d := range docs {
		var fields [][]Text
		for _, f := range texts[i] {
			var ts []Text
			for _, s := range f {
				if s != "" {
					ts = append(ts, b.Text(s))
				}
			}
			fields = append(fields, ts)
		}
		b.Add(d, fields...)
	}
	sameIndex(t, b.Build(), newRef(docs, opts))
}
