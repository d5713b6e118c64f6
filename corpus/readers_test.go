package corpus

import (
	"fmt"
	"strings"
	"testing"
)

// renderedBlocks parses doc under name and returns its title and its blocks
// rendered one a line as render does ("H3 text {#anchor}", "T text",
// "C[go]" and the code lines).
func renderedBlocks(t *testing.T, name, doc string) (string, string) {
	t.Helper()
	a, err := Parse(name, []byte(doc))
	if err != nil {
		t.Fatalf("Parse(%s): %v", name, err)
	}
	var b strings.Builder
	for _, bl := range a.Blocks {
		b.WriteString(blockLine(bl))
	}
	return a.Title, b.String()
}

// readerCase is one document and what its blocks must hold.
type readerCase struct {
	name, doc string
	title     string   // "" to skip the check
	want      []string // lines the rendered blocks must contain
	not       []string // substrings they must not contain
}

func runReaderCases(t *testing.T, cases []readerCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			title, got := renderedBlocks(t, c.name, c.doc)
			if c.title != "" && title != c.title {
				t.Errorf("title %q, want %q", title, c.title)
			}
			for _, w := range c.want {
				if !strings.Contains(got, w) {
					t.Errorf("blocks lack %q; got:\n%s", w, got)
				}
			}
			for _, n := range c.not {
				if strings.Contains(got, n) {
					t.Errorf("blocks hold %q; got:\n%s", n, got)
				}
			}
		})
	}
}

const filler = "The answer goes on for a while so that the page has some body to it and reads like one."

func TestReadMarkdown(t *testing.T) {
	runReaderCases(t, []readerCase{
		{name: "attrs.md", doc: "# The FAQ\n\n### Why is there no goroutine ID? {#no_goroutine_id}\n\nGoroutines do not have names. " + filler + "\n\n### Can I stop a goroutine? {#stop .faq}\n\nNo. " + filler + "\n",
			title: "The FAQ",
			want:  []string{"H3 Why is there no goroutine ID? {#no_goroutine_id}\n", "H3 Can I stop a goroutine? {#stop}\n"},
			not:   []string{"{#stop .faq}"}},
		{name: "setext.md", doc: "Pricing questions\n=================\n\nWhat does it cost?\n------------------\n\nTen euros a month. " + filler + "\n",
			title: "Pricing questions", want: []string{"H2 What does it cost?\n", "P Ten euros a month."}},
		{name: "bold.md", doc: "# Help\n\n**Can I pay later?**\nYes, within 30 days of the order. " + filler + "\n\n**Do you ship abroad?** Only within the EU. " + filler + "\n",
			want: []string{"H Can I pay later?\n", "P Yes, within 30 days", "H Do you ship abroad?\n", "P Only within the EU."}},
		{name: "qa.md", doc: "# Help\n\nQ: How long does delivery take?\nA: Two to three working days. " + filler + "\n\nQ: Can I return an item?\nA: Yes, within a month. " + filler + "\n",
			want: []string{"How long does delivery take?\n", "P Two to three working days.", "Can I return an item?\n"},
			not:  []string{"Q: ", "A: "}},
		{name: "deflist.md", doc: "# Glossary\n\nFare cap\n: The most a rider pays in a day. " + filler + "\n\nTransfer\n: A change of bus within an hour. " + filler + "\n",
			want: []string{"T Fare cap\n", "D The most a rider pays in a day.", "T Transfer\n", "D A change of bus"}},
		{name: "front.md", doc: "---\ntitle: Riders' FAQ\ndate: 2025-03-04\n---\n\n## Which buses run?\n\nOnly the shuttles. " + filler + "\n",
			title: "Riders' FAQ", want: []string{"H2 Which buses run?"}, not: []string{"title:", "---"}},
		{name: "toml.md", doc: "+++\ntitle = \"Riders' FAQ\"\ndate = 2025-03-04\n+++\n\n## Which buses run?\n\nOnly the shuttles. " + filler + "\n",
			title: "Riders' FAQ", not: []string{"+++", "title ="}},
		{name: "parens.md", doc: "# Go\n\nSee [the article](https://en.wikipedia.org/wiki/Go_(programming_language)) for its history. " + filler + "\n",
			want: []string{"P See the article for its history."}, not: []string{")", "wikipedia"}},
		{name: "code.md", doc: "# Tests\n\n## How do I write a unit test?\n\nWrite functions of the form\n\n```go\nfunc TestXxx(t *testing.T) {\n\tt.Fatal(\"no\")\n}\n```\n\nin a file ending in _test.go. " + filler + "\n",
			want: []string{"P Write functions of the form\n", "C[go]\n    func TestXxx(t *testing.T) {\n        t.Fatal(\"no\")\n    }\n", "P in a file ending in _test.go."}},
		{name: "html.md", doc: "# FAQ\n\n<details><summary>Is it free?</summary>\n\nYes, for personal use.\n\n</details>\n\n<!-- a comment -->\n\nMore text here. " + filler + "\n",
			want: []string{"T Is it free?\n"}, not: []string{"comment", "<"}},
	})
}

// TestHeadingAnchor checks that a heading attribute leaves the heading's
// text and becomes its anchor, in Markdown and AsciiDoc.
func TestHeadingAnchor(t *testing.T) {
	for name, doc := range map[string]string{
		"a.md":   "# FAQ\n\n### Why is there no goroutine ID? {#no_goroutine_id}\n\nGoroutines do not have names. " + filler + "\n",
		"a.adoc": "= FAQ\n\n[[no_goroutine_id]]\n=== Why is there no goroutine ID?\n\nGoroutines do not have names. " + filler + "\n",
	} {
		a, err := Parse(name, []byte(doc))
		if err != nil {
			t.Fatal(err)
		}
		b := a.Blocks[0]
		if b.Kind != Heading || b.Text != "Why is there no goroutine ID?" || b.Anchor != "no_goroutine_id" || b.Level != 3 && name == "a.md" {
			t.Errorf("%s: first block %+v", name, b)
		}
	}
}

func TestReadAsciiDoc(t *testing.T) {
	runReaderCases(t, []readerCase{
		{name: "faq.adoc", doc: `= gitfaq-like(7)
:toc: left

== Undoing changes

[[last-commit-amend]]
I've made a mistake in the last commit.  How do I change it?::
	You can make the appropriate change to your working tree, run
	` + "`git add <file>`" + ` to stage it, and then run:
+
----
$ git commit --amend
----
+
This replaces the last commit.

[[windows-text-binary]]
I'm on Windows and my text files are detected as binary.::
	Git works best when you store text files as UTF-8.
	Many programs on Windows support UTF-8, but some do not.

NOTE: Both entries are *examples*.
`,
			title: "gitfaq-like(7)",
			want: []string{
				"H1 Undoing changes\n",
				"T I've made a mistake in the last commit. How do I change it? {#last-commit-amend}\n",
				"D You can make the appropriate change to your working tree, run git add <file> to stage it, and then run:\n",
				"C\n    $ git commit --amend\n",
				"D This replaces the last commit.\n",
				"T I'm on Windows and my text files are detected as binary. {#windows-text-binary}\n",
				"D Git works best when you store text files as UTF-8. Many programs on Windows support UTF-8, but some do not.\n",
				"P Note: Both entries are examples.\n",
			},
			not: []string{" +\n", "::", ":toc:", "[[", "`"}},
		{name: "lists.adoc", doc: "= Lists\n\n== Steps\n\n. First step\n. Second step\n** a nested point\n\n[source,go]\n----\nfunc main() {}\n----\n\nA link:https://example.com/x[named page] and <<steps,the steps>>.\n",
			want: []string{"* First step\n", "* a nested point\n", "C[go]\n    func main() {}\n", "P A named page and the steps.\n"}},
		{name: "blocks.adoc", doc: "= Blocks\n\n////\nhidden comment\n////\n\n// a line comment\n\n____\nA quoted line.\n____\n\n[NOTE]\n====\nMind the gap.\n====\n\nimage::diagram.png[]\n\nThe end of the page. " + filler + "\n",
			want: []string{"> A quoted line.\n", "P Mind the gap.\n"},
			not:  []string{"hidden", "line comment", "diagram"}},
	})
}

func TestReadRST(t *testing.T) {
	runReaderCases(t, []readerCase{
		{name: "faq.rst", doc: `:tocdepth: 2

==================
General Python FAQ
==================

.. contents::

.. _what-is-python:

What is Python?
===============

Python is an interpreted, interactive, object-oriented programming language.
See :ref:` + "`the tutorial <tutorial-index>`" + ` and ` + "``python -m``" + `.

How do I print?
---------------

Call the built-in function::

   print("hello")

.. note::
   Python 2 used a statement.

.. image:: logo.png

Terms
=====

interpreter
   The program that runs Python code.
`,
			title: "General Python FAQ",
			want: []string{
				"H1 What is Python? {#what-is-python}\n",
				"P Python is an interpreted, interactive, object-oriented programming language. See the tutorial and python -m.\n",
				"H2 How do I print?\n",
				"P Call the built-in function:\n",
				"C\n    print(\"hello\")\n",
				"P Note: Python 2 used a statement.\n",
				"T interpreter\n",
				"D The program that runs Python code.\n",
			},
			not: []string{"contents", "tocdepth", "logo.png", "``", ":ref:"}},
	})
}

func TestReadHTMLFAQPage(t *testing.T) {
	jsonLD := `<html><head><title>Shop FAQ</title>
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage","name":"x"},
{"@type":"FAQPage","mainEntity":[
 {"@type":"Question","name":"Do you ship abroad?","acceptedAnswer":{"@type":"Answer","text":"<p>Only within the <b>EU</b>.</p>"}},
 {"@type":"Question","name":"Can I return an item?","acceptedAnswer":{"@type":"Answer","text":"Yes, within 30 days."}}]}]}
</script></head><body><article><h1>Shop FAQ</h1><p>` + filler + ` ` + filler + `</p><div id="faq-app"></div></article></body></html>`
	microdata := `<html><body><article><h1>Help centre</h1><p>` + filler + `</p>
<div itemscope itemtype="https://schema.org/FAQPage">
 <div itemscope itemprop="mainEntity" itemtype="https://schema.org/Question">
  <h3 itemprop="name">How do I reset my password?</h3>
  <div itemscope itemprop="acceptedAnswer" itemtype="https://schema.org/Answer"><div itemprop="text"><p>Use the link on the sign-in page.</p></div></div>
 </div>
 <div itemscope itemprop="mainEntity" itemtype="https://schema.org/Question">
  <h3 itemprop="name">Can I change my username?</h3>
  <div itemscope itemprop="acceptedAnswer" itemtype="https://schema.org/Answer"><div itemprop="text"><p>Once a month, in the settings.</p></div></div>
 </div>
</div></article></body></html>`
	code := `<html><body><article><h1>Build help</h1><h2 id="build">How do I build it?</h2><p>Run these commands:</p>
<pre><code class="language-sh">make
make install</code></pre><blockquote><p>It takes a minute.</p></blockquote><p>` + filler + `</p></article></body></html>`
	runReaderCases(t, []readerCase{
		{name: "jsonld.html", doc: jsonLD, want: []string{"T Do you ship abroad?\n", "D Only within the EU.\n", "T Can I return an item?\n", "D Yes, within 30 days.\n"}},
		{name: "microdata.html", doc: microdata, want: []string{"T How do I reset my password?\n", "T Can I change my username?\n", "Once a month, in the settings."}},
		{name: "code.html", doc: code, want: []string{"H2 How do I build it? {#build}\n", "C\n    make\n    make install\n", "> It takes a minute.\n"}},
	})
}

func TestReadTextNumberedFAQ(t *testing.T) {
	glued := "Frequently asked questions\n\n"
	for i, qa := range [][2]string{
		{"How do I reset the router?", "Hold the button on the back for ten seconds until the lights blink."},
		{"Why is the light orange?", "The router has no connection to the internet; check the cable."},
		{"Can I use my own modem?", "Yes, if it supports the same standard as the one we supply."},
		{"Where is the serial number?", "On the sticker under the device, next to the barcode."},
	} {
		glued += fmt.Sprintf("Q%d. %s\n%s\n\n", i+1, qa[0], qa[1])
	}
	paren := "Help\n\n"
	for i, q := range []string{"Is it free?", "Does it run on Windows?", "My files are gone.", "Who maintains it?"} {
		paren += fmt.Sprintf("%d) %s\n\n   %s %s\n\n", i+1, q, "The answer to this entry, which is long enough to read as a paragraph.", filler)
	}
	runReaderCases(t, []readerCase{
		{name: "glued.txt", doc: glued, want: []string{"H How do I reset the router?\n", "P Hold the button on the back", "H Where is the serial number?\n", "P On the sticker"}},
		{name: "paren.txt", doc: paren, want: []string{"H Is it free?\n", "H My files are gone.\n", "H Who maintains it?\n"}},
		{name: "oneline.txt", doc: "FAQ\n\n1. How do I pay? By card or bank transfer, within 30 days.\n\n2. Can I cancel? Yes, at any time before the order ships.\n\n3. Where do you deliver? Across the whole country, islands included.\n",
			want: []string{"H How do I pay?\n", "P By card or bank transfer", "H Can I cancel?\n", "H Where do you deliver?\n"}},
	})
}

// TestReadAsciiDocTwoLineTitles: AsciiDoc's two-line section titles
// (a title over an underline of its length), wrapped ones included.
func TestReadAsciiDocTwoLineTitles(t *testing.T) {
	runReaderCases(t, []readerCase{
		{name: "setext.adoc", doc: "FAQ\n===\n\nSome Files Are Uploaded Again, Even When They Are\nNot Modified.\n-------------------------------------------------------------\n\nAnother program changes their date. " + filler + "\n\nI Want To Move My Sync Folder\n-----------------------------\n\nRemove the connection and add it again. " + filler + "\n\n----\nnot a title\n----\n",
			title: "FAQ",
			want:  []string{"H1 Some Files Are Uploaded Again, Even When They Are Not Modified.\n", "H1 I Want To Move My Sync Folder\n", "C\n    not a title\n"}},
	})
}

// TestMarkdownReadAsText: Markdown in a .txt file or a file without
// extension is read as Markdown: its front matter is metadata, not the
// title line, and its headings are headings.
func TestMarkdownReadAsText(t *testing.T) {
	doc := "---\ntitle: Riders' FAQ\ndate: 2025-03-04\n---\n\n# Riders' FAQ\n\n## Which buses run?\n\nOnly the **hospital shuttles**, see [the map](https://example.org/map_(2025)). " + filler + "\n"
	for _, name := range []string{"faq.txt", "FAQ"} {
		title, got := renderedBlocks(t, name, doc)
		if title != "Riders' FAQ" || !strings.Contains(got, "H2 Which buses run?\n") || strings.ContainsAny(got, "*[]#") || strings.Contains(got, "---") {
			t.Errorf("%s: title %q, blocks:\n%s", name, title, got)
		}
	}
	// Plain text with a few "#" lines stays text.
	if f := formatOf("notes.txt", []byte("# one\n# two\n# three\nplain text\n")); f != formatText {
		t.Errorf("comment lines read as %v", f)
	}
}
