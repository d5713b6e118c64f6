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
		checkParse(t, "doc"+ext, data)
	})
}

// checkParse parses data under name and checks that what comes back
// holds together: an ID, blocks of known kinds with trimmed valid text,
// prose with sentences, code without, levels in range.
func checkParse(t *testing.T, name string, data []byte) {
	a, err := Parse(name, data)
	if err != nil {
		return
	}
	if len(a.Blocks) == 0 || len(a.ID) != 12 {
		t.Fatalf("article without blocks or id: %+v", a)
	}
	for _, b := range a.Blocks {
		if b.Kind < Para || b.Kind > Quote || b.Kind.String() == "unknown" {
			t.Fatalf("block of unknown kind %d", b.Kind)
		}
		if b.Text == "" || strings.TrimSpace(b.Text) != b.Text && b.Kind != Code || !utf8.ValidString(b.Text) {
			t.Fatalf("bad %s text %q", b.Kind, b.Text)
		}
		if b.Level < 0 || b.Level > maxLevel {
			t.Fatalf("level %d", b.Level)
		}
		switch b.Kind {
		case Code:
			if len(b.Sentences) != 0 || strings.TrimSpace(b.Text) == "" || strings.HasSuffix(b.Text, "\n") || strings.HasPrefix(b.Text, "\n") {
				t.Fatalf("code block with sentences or blank ends: %q", b.Text)
			}
		default:
			if len(b.Sentences) == 0 {
				t.Fatalf("block without sentences: %q", b.Text)
			}
		}
	}
}

// fuzzReader fuzzes Parse for one file extension, seeded with the start
// of the real FAQs of that format and with the given snippets.
func fuzzReader(f *testing.F, ext string, snippets ...string) {
	files, _ := filepath.Glob(filepath.Join("testdata", "faqs", "*"+ext))
	for _, p := range files {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data[:min(len(data), 1500)])
		}
	}
	for _, s := range snippets {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkParse(t, "doc"+ext, data)
	})
}

// FuzzMarkdown fuzzes the Markdown reader (goldmark's tree walked into blocks).
func FuzzMarkdown(f *testing.F) {
	fuzzReader(f, ".md", "+++\ntitle = \"x\"\n+++\n## Q? {#a}\n\n**B?** c\n\nT\n: d\n\n```go\nx\n```\n", "<details><summary>Q?</summary>\n\nA\n\n</details>\n| a | b |\n|---|---|\n| c | d |\n")
}

// FuzzAsciiDoc fuzzes the AsciiDoc reader.
func FuzzAsciiDoc(f *testing.F) {
	fuzzReader(f, ".adoc", "= T\n:a: b\n\n[[x]]\nQ?::\n  A {a}\n+\n[source,sh]\n----\nls\n----\n\n|===\n|a|b\n|===\n", "== S\n\n* a\n** b\n. c\n\n____\nq\n____\n")
}

// FuzzRST fuzzes the reStructuredText reader.
func FuzzRST(f *testing.F) {
	fuzzReader(f, ".rst", "===\nT\n===\n\nQ?\n--\n\nA::\n\n  code\n\n.. note:: n\n\nterm\n  def\n\n+--+--+\n|a |b |\n+--+--+\n", ".. |s| replace:: x\n\n- a |s|_\n\n  - b\n\n>>> 1\n")
}

// FuzzHTML fuzzes the HTML reader, structured FAQ data included.
func FuzzHTML(f *testing.F) {
	fuzzReader(f, ".html", `<script type="application/ld+json">{"@type":"FAQPage","mainEntity":[{"@type":"Question","name":"Q?","acceptedAnswer":{"text":"<p>A</p>"}}]}</script><p>x</p>`,
		`<div itemscope itemtype="https://schema.org/Question"><h3 itemprop="name">Q?</h3><div itemprop="acceptedAnswer"><p itemprop="text">A</p></div></div><dl><dt>T</dt><dd>D</dd></dl><pre>a
 b</pre>`)
}

// FuzzText fuzzes the plain-text reader: numbered questions, glued
// answers, code under a lead-in.
func FuzzText(f *testing.F) {
	fuzzReader(f, ".txt", "Q1. How?\nLike so.\n\nQ2. Why?\nBecause.\n\n3) What?\n\n    Run:\n\n        make\n", " 9. A?\n\n    b\n\n10. C.\n\n    d\n")
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
