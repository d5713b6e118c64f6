package corpus

import (
	"context"
	"flag"
	"fmt"
	"strings"
	"testing"
)

var (
	printFlag      = flag.Bool("print", false, "print the cleaned articles (sample, or -print-paths)")
	printPaths     = flag.String("print-paths", "", "comma-separated paths to load for -print")
	printSentences = flag.Bool("print-sentences", false, "with -print, show sentences too")
)

// TestPrint is a viewing aid, not a check: go test -run TestPrint -print.
func TestPrint(t *testing.T) {
	if !*printFlag {
		t.Skip("run with -print to see the cleaned articles")
	}
	arts := Sample()
	if *printPaths != "" {
		a, warns, err := Load(context.Background(), strings.Split(*printPaths, ","), Options{})
		for _, w := range warns {
			fmt.Println("WARN", w.Error())
		}
		if err != nil {
			t.Fatal(err)
		}
		arts = a
	}
	for _, a := range arts {
		fmt.Print(render(a, *printSentences))
	}
}

// render writes an article as text: a header, then one line per block
// marked "P", "H" or "*" (and its sentences, indented, when asked).
func render(a Article, sentences bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "id: %s\nsource: %s\ntitle: %s\n", a.ID, a.Source, a.Title)
	if a.Byline != "" {
		fmt.Fprintf(&b, "byline: %s\n", a.Byline)
	}
	if a.URL != "" {
		fmt.Fprintf(&b, "url: %s\n", a.URL)
	}
	if !a.Published.IsZero() {
		fmt.Fprintf(&b, "published: %s\n", a.Published.Format("2006-01-02T15:04:05Z07:00"))
	}
	if len(a.Tags) > 0 {
		fmt.Fprintf(&b, "tags: %s\n", strings.Join(a.Tags, ", "))
	}
	for _, d := range a.Duplicates {
		fmt.Fprintf(&b, "duplicate: %s\n", d)
	}
	b.WriteString("\n")
	marks := map[BlockKind]string{Para: "P", Heading: "H", Item: "*"}
	for _, bl := range a.Blocks {
		fmt.Fprintf(&b, "%s %s\n", marks[bl.Kind], bl.Text)
		if sentences && bl.Kind != Heading {
			for _, s := range bl.Sentences {
				fmt.Fprintf(&b, "    | %s\n", s)
			}
		}
	}
	return b.String()
}
