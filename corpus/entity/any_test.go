package entity

import (
	"slices"
	"testing"
)

// anySpans returns every span Any shows keep, in Find's order.
func anySpans(s string) []Span {
	var out []Span
	Any(s, func(sp Span) bool {
		out = append(out, sp)
		return false
	})
	slices.SortStableFunc(out, func(a, b Span) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return int(a.Kind) - int(b.Kind)
	})
	return out
}

// checkAny fails when Any does not see exactly Find's spans, or does not
// stop at the one keep accepts.
func checkAny(t *testing.T, s string) {
	t.Helper()
	want := Find(s)
	if got := anySpans(s); !slices.Equal(got, want) {
		t.Fatalf("Any(%q) saw %+v, Find found %+v", s, got, want)
	}
	for _, target := range want {
		if !Any(s, func(sp Span) bool { return sp == target }) {
			t.Fatalf("Any(%q) missed %+v", s, target)
		}
	}
}

// TestAnySeesFindSpans: over the labelled sentences, Any sees the spans
// Find returns, each one once.
func TestAnySeesFindSpans(t *testing.T) {
	for _, file := range []string{"labelled.txt", "labelled_report.txt"} {
		for _, l := range readLabelled(t, file) {
			checkAny(t, l.sentence)
		}
	}
	checkAny(t, "")
	checkAny(t, "no facts here")
}
