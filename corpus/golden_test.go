package corpus

import (
	"bytes"
	"compress/gzip"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// golden compares got with testdata/golden/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the cleaned output; diff:\n%s\n(run go test -update after checking)", path, lineDiff(string(want), got))
	}
}

// lineDiff lists the lines only in want ("-") or only in got ("+").
func lineDiff(want, got string) string {
	inWant := make(map[string]int)
	for _, l := range strings.Split(want, "\n") {
		inWant[l]++
	}
	inGot := make(map[string]int)
	for _, l := range strings.Split(got, "\n") {
		inGot[l]++
	}
	var b strings.Builder
	for _, l := range strings.Split(want, "\n") {
		if inGot[l] == 0 {
			fmt.Fprintf(&b, "- %s\n", l)
		}
	}
	for _, l := range strings.Split(got, "\n") {
		if inWant[l] == 0 {
			fmt.Fprintf(&b, "+ %s\n", l)
		}
	}
	return b.String()
}

func goldenName(prefix, source string) string {
	base := filepath.Base(strings.TrimPrefix(source, "sample:"))
	return prefix + "_" + strings.TrimSuffix(base, filepath.Ext(base)) + ".golden"
}

// TestGoldenSample checks the cleaned blocks of every built-in article.
func TestGoldenSample(t *testing.T) {
	arts := Sample()
	if len(arts) != 5 {
		t.Fatalf("Sample() returned %d articles, want 5", len(arts))
	}
	for _, a := range arts {
		t.Run(a.Source, func(t *testing.T) {
			golden(t, goldenName("sample", a.Source), render(a, true))
		})
	}
}

// TestGoldenOther checks the cleaning of a corpus on another topic,
// written for these tests, in all three formats.
func TestGoldenOther(t *testing.T) {
	arts, warns, err := Load(context.Background(), []string{filepath.Join("testdata", "other")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(warns) > 0 {
		t.Errorf("warnings: %v", warns)
	}
	if len(arts) != 6 {
		t.Fatalf("loaded %d articles, want 6", len(arts))
	}
	for _, a := range arts {
		t.Run(filepath.Base(a.Source), func(t *testing.T) {
			golden(t, goldenName("other", a.Source), render(a, true))
		})
	}
}

// debianFAQ returns the Debian FAQ plain text from testdata.
func debianFAQ(t testing.TB) []byte {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "debian-faq.en.txt.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(z)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestGoldenDebianFAQ checks the headings found in a hard-wrapped plain
// text FAQ: every numbered question comes back whole, once.
func TestGoldenDebianFAQ(t *testing.T) {
	a, err := Parse("debian-faq.en.txt", debianFAQ(t))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "title: %s\n", a.Title)
	counts := map[BlockKind]int{}
	numbered := 0
	for _, bl := range a.Blocks {
		counts[bl.Kind]++
		if bl.Kind == Heading {
			fmt.Fprintf(&b, "H %s\n", bl.Text)
			if multiLevelRe.MatchString(bl.Text) {
				numbered++
			}
		}
	}
	fmt.Fprintf(&b, "paragraphs: %d, headings: %d, items: %d\n", counts[Para], counts[Heading], counts[Item])
	golden(t, "debian-faq.golden", b.String())
	if numbered < 145 {
		t.Errorf("%d numbered section headings, want at least 145", numbered)
	}
	for _, bl := range a.Blocks {
		if bl.Kind == Para && multiLevelRe.MatchString(bl.Text) && isQuestion(bl.Text) {
			t.Errorf("numbered question left as a paragraph: %q", bl.Text)
		}
	}
	want := "1.5. What is the difference between Debian GNU/Linux and other Linux distributions? Why should I choose Debian over some other distribution?"
	if !bytes.Contains([]byte(b.String()), []byte("H "+want+"\n")) {
		t.Errorf("wrapped question not joined whole: %q", want)
	}
}

// TestNoBoilerplateLeft scans every cleaned block of both test corpora for
// the furniture the pages carried.
func TestNoBoilerplateLeft(t *testing.T) {
	arts := Sample()
	other, _, err := Load(context.Background(), []string{filepath.Join("testdata", "other")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	arts = append(arts, other...)
	noise := []string{"Leave a", "COMMENTS", "Image:", "Photo:", "REUTERS/", "Click to", "Read also", "Related",
		"About the Author", "#", "image-", "Share on", "Share this", "Subscribe", "Tags:", "News / ", "Home /", "You may also like",
		"is a seasoned", "is a transportation reporter", "Unsubscribe", "©"}
	for _, a := range arts {
		for _, b := range a.Blocks {
			for _, n := range noise {
				if strings.Contains(b.Text, n) {
					t.Errorf("%s: %q left in %q", a.Source, n, b.Text)
				}
			}
			if b.Kind == Para && words(b.Text) <= 3 && !endsSentence(b.Text) {
				t.Errorf("%s: stray short line %q", a.Source, b.Text)
			}
		}
	}
}
