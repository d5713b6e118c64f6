package corpustest

import (
	"bytes"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/corpus"
)

func TestSyntheticDeterministic(t *testing.T) {
	a, b := SyntheticFiles(20, 7), SyntheticFiles(30, 7)
	for name, data := range a {
		if !bytes.Equal(data, b[name]) {
			t.Fatalf("%s differs between n=20 and n=30", name)
		}
	}
	c := SyntheticFiles(20, 8)
	if bytes.Equal(a["synthetic/00001.txt"], c["synthetic/00001.txt"]) {
		t.Fatal("different seeds gave the same document")
	}
}

func TestSyntheticShape(t *testing.T) {
	files := SyntheticFiles(50, 1)
	total := 0
	for _, d := range files {
		total += len(d)
	}
	if avg := total / len(files); avg < 4000 || avg > 6500 {
		t.Errorf("average document size %d, want about %d", avg, DocSize)
	}
	arts := Synthetic(50, 1)
	if len(arts) != 50 {
		t.Fatalf("got %d articles, want 50", len(arts))
	}
	for _, a := range arts {
		var heads, items int
		for _, b := range a.Blocks {
			switch b.Kind {
			case corpus.Heading:
				heads++
			case corpus.Item:
				items++
			}
			for _, noise := range []string{"Share this article", "Leave a Reply", "Read also", "Image:", "News / "} {
				if strings.Contains(b.Text, noise) {
					t.Errorf("%s: noise %q left in %q", a.Source, noise, b.Text)
				}
			}
		}
		if a.Title == "" || heads == 0 {
			t.Errorf("%s: title %q, %d headings", a.Source, a.Title, heads)
		}
	}
}
