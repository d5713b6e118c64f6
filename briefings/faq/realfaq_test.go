package faq

import (
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/corpus"
)

// realFAQs are the real FAQs of corpus/testdata/faqs (one per format),
// with their entries counted by hand (see the README there).
var realFAQs = []struct {
	file    string
	entries int
	code    string // an answer must hold this code, fenced
}{
	{"sindresorhus-apps-faq.md", 57, "osascript -e 'id of app"},
	{"git-lfs-faq.adoc", 16, "$ git add --renormalize ."},
	{"discordpy-faq.rst", 23, "await asyncio.sleep(10)"},
	{"python-gui-faq.rst", 4, ""},
	{"zlib-faq.txt", 44, "./configure"},
	{"dlib-faq.html", 12, "mat.set_size(4,5);"},
}

// markupLeft is markup a clean question or answer line never shows.
var markupLeft = regexp.MustCompile("\\{#|::$|\\]\\(|^\\+$|^\\d+(\\.\\d+)*[.)] |^[*_]{1,2}[A-Za-z]|</?(p|div|span|a|b|i|em|strong|code|pre|br|li|ul|h[1-6])\\b|\\|_|``")

// TestRealFAQs extracts the FAQ of each real file and checks that every
// entry counted by hand comes out, with a clean question and a non-empty
// answer free of markup, code kept in fences.
func TestRealFAQs(t *testing.T) {
	total, clean := 0, 0
	for _, c := range realFAQs {
		arts, _, err := corpus.Load(context.Background(), []string{filepath.Join("..", "..", "corpus", "testdata", "faqs", c.file)}, corpus.Options{})
		if err != nil || len(arts) != 1 {
			t.Fatalf("%s: %v (%d articles)", c.file, err, len(arts))
		}
		es := Build(nil, arts)
		ok := 0
		code := c.code == ""
		for _, e := range es {
			bad := markupLeft.MatchString(e.Question) || e.Answer == ""
			for _, l := range strings.Split(e.Answer, "\n") {
				if !strings.HasPrefix(l, "```") && markupLeft.MatchString(strings.TrimSpace(l)) && !inFence(e.Answer, l) {
					bad = true
				}
			}
			if bad {
				t.Errorf("%s: unclean entry %q: %q", c.file, e.Question, e.Answer)
				continue
			}
			ok++
			code = code || strings.Contains(e.Answer, "```\n") && strings.Contains(e.Answer, c.code)
		}
		if len(es) != c.entries {
			t.Errorf("%s: %d entries, want %d", c.file, len(es), c.entries)
		}
		if !code {
			t.Errorf("%s: no answer keeps the code %q", c.file, c.code)
		}
		t.Logf("%-26s %3d of %3d entries found, %3d clean", c.file, len(es), c.entries, ok)
		total += c.entries
		clean += min(ok, c.entries)
	}
	t.Logf("all: %d of %d entries clean (%.1f%%)", clean, total, 100*float64(clean)/float64(total))
}

// inFence reports whether line l sits inside a ``` fence of answer a.
func inFence(a, l string) bool {
	in := false
	for _, x := range strings.Split(a, "\n") {
		if strings.HasPrefix(x, "```") {
			in = !in
			continue
		}
		if x == l && in {
			return true
		}
	}
	return false
}
