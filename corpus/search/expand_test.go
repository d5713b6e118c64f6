package search

import "testing"

func TestExpand(t *testing.T) {
	ix := New(docs(
		"the creation of the project in 1993",
		"the ceasefire talks continued",
		"a phone call lasted two hours",
		"the kremlin rejected it",
	), Options{})
	tests := []struct {
		name    string
		q       string
		want    string // a related term Expand must add
		notWant string // a term it must not add
		top     int    // best document's payload, -1 for no hits
	}{
		{"derived form", "who created the project", "creation", "", 0},
		{"synonym", "how long was the telephone conversation", "phone", "", 2},
		{"not unindexed words", "who started the talks", "", "commenc", 1},
		{"numbers not expanded", "2", "", "", 2},
		{"phrasal verb", "what was turned down", ix.Terms("reject")[0], "", 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := ix.Analyze(tt.q)
			terms := ix.Expand(append([]QueryTerm(nil), base...), 0.5)
			found := false
			for _, qt := range terms[len(base):] {
				if qt.Of < 1 || qt.Of > len(base) || qt.Share != 0.5 || !qt.Known {
					t.Errorf("expansion %+v: bad Of/Share/Known", qt)
				}
				if qt.Weight > 0.5*base[qt.Of-1].Weight+1e-9 {
					t.Errorf("expansion %+v weighs more than half its word", qt)
				}
				found = found || qt.Term == tt.want
				if qt.Term == tt.notWant {
					t.Errorf("expansion of an unindexed word: %+v", qt)
				}
			}
			if tt.want != "" && !found {
				t.Errorf("Expand(%q) = %+v, lacks %q", tt.q, terms, tt.want)
			}
			res := ix.SearchTerms(terms, 3)
			if tt.top < 0 {
				if len(res.Hits) != 0 {
					t.Errorf("hits = %+v, want none", res.Hits)
				}
				return
			}
			if len(res.Hits) == 0 || res.Hits[0].Payload != tt.top {
				t.Fatalf("hits = %+v, want doc %d first", res.Hits, tt.top)
			}
			// The expansion is not part of the question's weight.
			want := 0.0
			for _, qt := range base {
				want += qt.Weight
			}
			if diff := res.Weight - want; diff > 1e-9 || diff < -1e-9 {
				t.Errorf("Weight = %v, want %v (expansions left out)", res.Weight, want)
			}
			if c := res.Hits[0].Coverage; c <= 0 || c > 1 {
				t.Errorf("coverage = %v", c)
			}
		})
	}
}
