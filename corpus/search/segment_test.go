package search

import (
	"math"
	"testing"
)

// TestSegment checks that a segment's documents score as they would in
// the base, that term ids run over the chain, and that Resolve finds the
// words only a segment holds.
func TestSegment(t *testing.T) {
	opts := Options{FieldWeights: []float64{1}, IDFSmoothing: 1}
	base := New(docs(
		"The harbour bridge closes on Monday for repairs.",
		"The tram line opens next spring.",
		"Repairs to the harbour wall take three weeks.",
	), opts)
	opts.Base = base
	seg := New(docs(
		"The harbour bridge closes on Monday for repairs.", // a twin of base document 0
		"The ferry Gantryx was repaired after an engine fire.",
	), opts)

	q := base.Analyze("harbour bridge repairs")
	b, s := base.SearchTerms(q, 3), seg.SearchTerms(q, 3)
	if len(b.Hits) == 0 || len(s.Hits) == 0 || b.Hits[0].Doc != 0 || s.Hits[0].Doc != 0 {
		t.Fatalf("the twin documents are not the best hits: %+v / %+v", b.Hits, s.Hits)
	}
	if math.Abs(b.Hits[0].Score-s.Hits[0].Score) > 1e-6 {
		t.Errorf("a document scores %v in the base, %v in a segment", b.Hits[0].Score, s.Hits[0].Score)
	}

	harbour := base.Terms("harbour")[0]
	idB, okB := base.TermID(harbour)
	idS, okS := seg.TermID(harbour)
	if !okB || !okS || idB != idS {
		t.Errorf("a term the base holds has id %d (%v) in the base, %d (%v) in the segment", idB, okB, idS, okS)
	}
	id, ok := seg.TermID(base.Terms("ferry")[0])
	if !ok || id < base.chainTerms() {
		t.Errorf("a new term has id %d (%v), want one past the base's %d", id, ok, base.chainTerms())
	}
	if idf, _ := seg.IDF(harbour); math.Abs(idf-(math.Log(1+(5-3+0.5)/(3+0.5))+1)) > 1e-6 {
		t.Errorf("idf of a term in 3 of the chain's 5 documents: %v", idf)
	}

	seg2 := New(docs("The ferry returns to service on Friday."), Options{FieldWeights: []float64{1}, IDFSmoothing: 1, Base: seg})
	if id2, ok := seg2.TermID(base.Terms("ferry")[0]); !ok || id2 != id {
		t.Errorf("a term of the segment below has id %d (%v) in the next one, want %d", id2, ok, id)
	}

	terms := seg.Resolve(base.Analyze("gantryx ferry"))
	for _, qt := range terms {
		if !qt.Known || qt.Corrected != "" || qt.Weight <= 0 {
			t.Errorf("a word only the segment holds is not resolved: %+v", qt)
		}
	}
	terms = seg.Resolve(base.Analyze("gantrix"))
	if len(terms) != 1 || terms[0].Corrected != "gantryx" || !terms[0].Known {
		t.Errorf("a typo of a word only the segment holds is not corrected: %+v", terms)
	}
}

// TestSearchTermNotHeld searches with a term known elsewhere in a chain
// but not held by this index: it finds and scores nothing here.
func TestSearchTermNotHeld(t *testing.T) {
	ix := New(docs("alpha beta", "gamma delta"), Options{})
	terms := append(ix.Analyze("gamma"), QueryTerm{Word: "omega", Term: "omega", Known: true, Weight: 5})
	res := ix.SearchTerms(terms, 10)
	if len(res.Hits) != 1 || res.Hits[0].Doc != 1 {
		t.Fatalf("hits = %+v, want only doc 1", res.Hits)
	}
	if f := res.Hits[0].TermFields[1]; f != 0 {
		t.Errorf("the term not held has fields %b", f)
	}
}
