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

// blockMarks are the marks render puts before each kind of block.
var blockMarks = map[BlockKind]string{Para: "P", Heading: "H", Item: "*", Term: "T", Desc: "D", Code: "C", Quote: ">"}

// blockLine writes one block as render shows it: its mark (with a
// heading's level, or a code block's language), its text (a code block's
// lines indented under the mark), and its anchor.
func blockLine(bl Block) string {
	mark := blockMarks[bl.Kind]
	if bl.Kind == Heading && bl.Level > 0 {
		mark += fmt.Sprint(bl.Level)
	}
	if bl.Kind == Code {
		if bl.Lang != "" {
			mark += "[" + bl.Lang + "]"
		}
		return mark + "\n    " + strings.ReplaceAll(bl.Text, "\n", "\n    ") + "\n"
	}
	line := mark + " " + bl.Text
	if bl.Anchor != "" {
		line += " {#" + bl.Anchor + "}"
	}
	return line + "\n"
}

// render writes an article as text: a header, then one line per block
// marked as blockMarks says (and its sentences, indented, when asked).
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
	for _, bl := range a.Blocks {
		b.WriteString(blockLine(bl))
		if sentences && bl.Kind != Heading && bl.Kind != Code {
			for _, s := range bl.Sentences {
				fmt.Fprintf(&b, "    | %s\n", s)
			}
		}
	}
	return b.String()
}
