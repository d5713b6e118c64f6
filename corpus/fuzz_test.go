package corpus

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParse feeds Parse arbitrary bytes under each supported name: it must
// never panic, and what it returns must hold together.
func FuzzParse(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "other", "*"))
	samples, _ := filepath.Glob(filepath.Join("sample", "*.txt"))
	for _, p := range append(seeds, samples...) {
		if data, err := os.ReadFile(p); err == nil {
			// Small seeds keep the minimisation of new inputs quick.
			if len(data) > 1500 {
				data = data[:1500]
			}
			f.Add(filepath.Ext(p), data)
		}
	}
	f.Add(".md", []byte("---\ntitle: x\n---\n# A\n\n- b\n"))
	f.Add(".html", []byte("<p>a<ul><li>b<ul><li>c</li></ul></li></ul>"))
	f.Add(".txt", []byte("1.1. What?\n\n    * a\n      b\n--\nsig"))
	f.Fuzz(func(t *testing.T, ext string, data []byte) {
		name := "doc" + ext
		a, err := Parse(name, data)
		if err != nil {
			return
		}
		if len(a.Blocks) == 0 || len(a.ID) != 12 {
			t.Fatalf("article without blocks or id: %+v", a)
		}
		for _, b := range a.Blocks {
			if b.Text == "" || strings.TrimSpace(b.Text) != b.Text || !utf8.ValidString(b.Text) {
				t.Fatalf("bad block text %q", b.Text)
			}
			if len(b.Sentences) == 0 {
				t.Fatalf("block without sentences: %q", b.Text)
			}
		}
	})
}

// FuzzSplitSentences checks the splitter keeps every word.
func FuzzSplitSentences(f *testing.F) {
	f.Add("Mr. Smith went to the U.S. on Feb. 24. He said “Hi.” Then... no? Yes!")
	f.Fuzz(func(t *testing.T, s string) {
		got := SplitSentences(s)
		noSpace := func(s string) string { return strings.ReplaceAll(s, " ", "") }
		if len(got) > 0 && noSpace(strings.Join(got, "")) != noSpace(fold(s)) {
			t.Fatalf("sentences %q do not join back to %q", got, fold(s))
		}
		for _, x := range got {
			if x == "" || x != strings.TrimSpace(x) {
				t.Fatalf("empty or untrimmed sentence %q in %q", x, got)
			}
		}
	})
}
