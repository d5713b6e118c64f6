package search

import (
	"reflect"
	"testing"
)

// TestScoreWriter writes the same scores with room for every distinct
// score in the table and with room for too few: both read back the same.
func TestScoreWriter(t *testing.T) {
	sizes := []int32{3, 1, 4}
	var want [][]score
	for id, n := range sizes {
		var ss []score
		for p := range n {
			ss = append(ss, score{impact: float32(id+int(p)) / 4, fields: uint8(p % 3)})
		}
		want = append(want, ss)
	}
	for _, tc := range []struct {
		name  string
		limit int
		coded bool
	}{
		{"coded", 100, true},
		{"full", 3, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var s scores
			w := newScoreWriter(&s, sizes, 8, tc.limit)
			// Postings are set document by document, across terms.
			for p := range int32(4) {
				for id, n := range sizes {
					if p < n {
						w.set(int32(id), p, want[id][p])
					}
				}
			}
			w.done()
			if coded := s.table != nil; coded != tc.coded {
				t.Fatalf("coded = %v, want %v", coded, tc.coded)
			}
			for id, n := range sizes {
				ts := s.of(id, 0, int(n))
				var got []score
				for j := range int(n) {
					got = append(got, score{ts.impactAt(j), ts.fieldsAt(j)})
				}
				if !reflect.DeepEqual(got, want[id]) {
					t.Errorf("term %d: %v, want %v", id, got, want[id])
				}
				if imps := ts.appendImpacts(nil); len(imps) != int(n) || imps[n-1] != want[id][n-1].impact {
					t.Errorf("term %d: impacts %v", id, imps)
				}
			}
		})
	}
}
