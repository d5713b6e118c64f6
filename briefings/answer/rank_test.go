package answer

import (
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"
)

func TestPreferEntry(t *testing.T) {
	passage := &candidate{kind: KindPassage}
	entry := &candidate{kind: KindFAQ}
	other := &candidate{kind: KindFAQ}
	mk := func(c *candidate, rank, key float64) match {
		return match{cand: c, show: c, rank: rank, keyCov: key}
	}
	tests := []struct {
		name string
		ms   []match
		want *candidate // first after preferEntry
	}{
		{"close entry with its question matching", []match{mk(passage, 1.0, 0), mk(entry, 0.9, 0.6)}, entry},
		{"entry too far below", []match{mk(passage, 1.0, 0), mk(entry, 0.7, 0.9)}, passage},
		{"entry question matching too little", []match{mk(passage, 1.0, 0), mk(entry, 0.95, 0.3)}, passage},
		{"entry already first", []match{mk(entry, 1.0, 0.2), mk(passage, 0.9, 0)}, entry},
		{"single match", []match{mk(passage, 1.0, 0)}, passage},
		{"passage of another entry", []match{{cand: passage, show: other, rank: 1.0}, mk(entry, 0.9, 0.6)}, entry},
		{"passage of the entry itself", []match{{cand: passage, show: other, rank: 1.0}, mk(other, 0.95, 0.2), mk(entry, 0.9, 0.6)}, passage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			preferEntry(tt.ms)
			if tt.ms[0].cand != tt.want {
				t.Errorf("first is %v, want %v", tt.ms[0].cand.kind, tt.want.kind)
			}
		})
	}
}

func TestInnerCapitalBeyond(t *testing.T) {
	asked := func(w string) bool { return w == "Zaporizhzhia" }
	tests := []struct {
		name string
		s    string
		want bool
	}{
		{"only the asked name", "However, control of the Zaporizhzhia plant is divisive.", false},
		{"another name", "The Russian-controlled Zaporizhzhia plant is idle.", true},
		{"first word only", "Control is divisive.", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := innerCapitalBeyond(tt.s, asked); got != tt.want {
				t.Errorf("innerCapitalBeyond(%q) = %v, want %v", tt.s, got, tt.want)
			}
		})
	}
}

func TestReframe(t *testing.T) {
	for q, want := range map[string]string{
		"What's the purpose of the trip to Florida?": "why the trip to Florida?",
		"what was the main reason for the delay":     "why the delay",
		"How come the talks stalled":                 "why the talks stalled",
		"what is the plan for the weekend":           "what is the plan for the weekend",
	} {
		if got := reframe(q); got != want {
			t.Errorf("reframe(%q) = %q, want %q", q, got, want)
		}
	}
}

func TestSubQuestions(t *testing.T) {
	tests := map[string][]string{
		"OK, now I know what Debian is... what is Linux?!":            {"what is Linux?!"},
		"What is the difference? Why should I choose it over others?": {"What is the difference?", "Why should I choose it over others?"},
		"What is Debian GNU/Linux?":                                   nil,
		"Is version 2.1 out?":                                         nil,
	}
	for q, want := range tests {
		if got := subQuestions(q); !slices.Equal(got, want) {
			t.Errorf("subQuestions(%q) = %q, want %q", q, got, want)
		}
	}
}

func TestTrimAnswer(t *testing.T) {
	long := strings.Repeat("A sentence of some length. ", 60)
	tests := []struct {
		name string
		in   string
		max  int
	}{
		{"short stays", "One. Two.", 100},
		{"cut at a sentence end", long, 200},
		{"no end: whole", strings.Repeat("x", 300), 100},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := trimAnswer(tt.in, tt.max)
			switch {
			case len(tt.in) <= tt.max || !strings.ContainsAny(tt.in, ".\n"):
				if got != tt.in {
					t.Errorf("got %q, want it whole", got)
				}
			case len(got) > tt.max || !strings.HasSuffix(got, ".") || !strings.HasPrefix(tt.in, got):
				t.Errorf("got %q (%d bytes), want a prefix ending a sentence within %d", got, len(got), tt.max)
			}
		})
	}
}

// TestSortByRank: sortByRank orders as a stable sort by descending rank,
// ties (many here) in their first order.
func TestSortByRank(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for n := 0; n < 80; n++ {
		ms := make([]match, n)
		for i := range ms {
			ms[i] = match{rank: float64(rng.IntN(6)) / 4, keyCov: float64(i)}
		}
		want := slices.Clone(ms)
		sort.SliceStable(want, func(i, j int) bool { return want[i].rank > want[j].rank })
		sortByRank(ms)
		for i := range ms {
			if ms[i].rank != want[i].rank || ms[i].keyCov != want[i].keyCov {
				t.Fatalf("n=%d: at %d got rank %v (was %v), want %v (was %v)", n, i, ms[i].rank, ms[i].keyCov, want[i].rank, want[i].keyCov)
			}
		}
	}
}
