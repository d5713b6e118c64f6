package entity

import (
	"testing"
	"unicode/utf8"
)

// FuzzFind checks that Find never panics and that every span it returns
// lies inside the sentence, in order, with its text, and that Any sees
// the same spans.
func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"U.S. Secretary of State George Shultz visited Moscow on 26 Feb 1987.",
		"It rose 3.8 pct to $1.5 billion, or 154 mln Swiss francs, at 14:28 EST.",
		"Ford Motor Co of Canada Ltd <F> said.",
		"Mr. O'Brien's 1-1/16 inch 10-year 1986/87 1990s",
		"A.B. \u00c9mile \u2019s ''' -- ,,, ..",
		"",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		last := 0
		for _, sp := range Find(s) {
			if sp.Start < 0 || sp.End > len(s) || sp.Start >= sp.End {
				t.Fatalf("span %+v out of %q", sp, s)
			}
			if s[sp.Start:sp.End] != sp.Text {
				t.Fatalf("span %+v: text is not s[Start:End]", sp)
			}
			if sp.Start < last {
				t.Fatalf("spans out of order at %+v", sp)
			}
			last = sp.Start
			if utf8.ValidString(s) && !utf8.ValidString(sp.Text) {
				t.Fatalf("span %+v splits a rune", sp)
			}
		}
		_ = Expect(s)
		checkAny(t, s)
	})
}
