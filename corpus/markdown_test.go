package corpus

import "testing"

// TestMarkdownComments: HTML comments in a Markdown file are notes to its
// editors, not text, and do not hide the headline from the title.
func TestMarkdownComments(t *testing.T) {
	doc := "---\ndate: 2026-11-21\n---\n<!-- draft: check numbers -->\n\n# Harbor Line tram to open in March\n\n" +
		"The Harbor Line tram will open on 14 March, six months later than planned, the authority said.\n\n" +
		"<!--\nTODO: add the quote\nfrom the chair\n-->\nThe cost of the delay, about $40 million, will be shared.\n"
	if got, want := blocksOf(t, "a.md", doc), "P The Harbor Line tram will open on 14 March, six months later than planned, the authority said.\n"+
		"P The cost of the delay, about $40 million, will be shared.\n"; got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	a, err := Parse("a.md", []byte(doc))
	if err != nil || a.Title != "Harbor Line tram to open in March" {
		t.Errorf("title %q, %v", a.Title, err)
	}
}
