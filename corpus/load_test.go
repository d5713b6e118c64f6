package corpus

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// writeTree creates files (path -> content) under a new temporary dir.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const articleText = "Council Approves New Bus Lanes\n\nThe city council approved 12 miles of new bus lanes on Tuesday. Work starts in May.\n\nRiders groups welcomed the vote.\n"

func TestLoadMarkdownFrontMatter(t *testing.T) {
	dir := writeTree(t, map[string]string{"a.md": `---
title: Bus lanes approved
source: City Desk
url: https://example.com/bus-lanes
published: 2025-03-04
tags: [transit, council]
---

# Bus lanes approved

The council approved **12 miles** of new [bus lanes](https://example.com/map) on Tuesday.

- Work starts in May.
- It costs $4.5 million.
`})
	arts, warns, err := Load(context.Background(), []string{dir}, Options{})
	if err != nil || len(warns) > 0 || len(arts) != 1 {
		t.Fatalf("Load: %d articles, warnings %v, err %v", len(arts), warns, err)
	}
	a := arts[0]
	want := time.Date(2025, 3, 4, 0, 0, 0, 0, time.UTC)
	if a.Title != "Bus lanes approved" || a.URL != "https://example.com/bus-lanes" || a.Site != "City Desk" ||
		!a.Published.Equal(want) || strings.Join(a.Tags, ",") != "transit,council" {
		t.Errorf("metadata: %+v", a)
	}
	if len(a.Blocks) != 3 || a.Blocks[0].Text != "The council approved 12 miles of new bus lanes on Tuesday." ||
		a.Blocks[1].Kind != Item || a.Blocks[2].Text != "It costs $4.5 million." {
		t.Errorf("blocks: %+v", a.Blocks)
	}
}

func TestLoadMarkdownBadFrontMatter(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"bad.md":  "---\ntitle: [unclosed\n---\n\nSome text here that is fine.\n",
		"good.md": "# Fine\n\nA real paragraph of text.\n",
	})
	arts, warns, err := Load(context.Background(), []string{dir}, Options{})
	if err != nil || len(arts) != 1 || len(warns) != 1 || !strings.Contains(warns[0].Source, "bad.md") {
		t.Fatalf("got %d articles, warnings %v, err %v; want the good one and a warning for bad.md", len(arts), warns, err)
	}
}

func TestLoadHTML(t *testing.T) {
	page := `<!DOCTYPE html><html><head><title>Bus lanes | Gazette</title>
<meta property="og:title" content="Council approves new bus lanes">
<meta name="author" content="Jane Roe">
<meta property="article:published_time" content="2025-03-04T10:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Council approves new bus lanes</h1>
<figure><img src="x.jpg"><figcaption>A bus on Main Street. Photo: John Doe</figcaption></figure>
<p>The city council approved twelve miles of new bus lanes on Tuesday, the largest expansion of the network in a decade, after a long debate about parking.</p>
<h2>What changes</h2>
<ul><li>Main Street gets a lane in each direction.</li><li>Parking moves to side streets.</li></ul>
<p>Riders groups welcomed the vote, while some shop owners said they would lose customers who arrive by car and park in front of their stores.</p>
</article><footer>© 2025 Gazette. All rights reserved.</footer></body></html>`
	a, err := Parse("https://gazette.example.com/news/bus-lanes", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Council approves new bus lanes" || a.Byline != "Jane Roe" || a.URL != "https://gazette.example.com/news/bus-lanes" ||
		a.Published.IsZero() {
		t.Errorf("metadata: title %q byline %q url %q published %v", a.Title, a.Byline, a.URL, a.Published)
	}
	var kinds []string
	for _, b := range a.Blocks {
		kinds = append(kinds, map[BlockKind]string{Para: "P", Heading: "H", Item: "*"}[b.Kind])
		if strings.Contains(b.Text, "Photo") || strings.Contains(b.Text, "Home") || strings.Contains(b.Text, "©") {
			t.Errorf("noise kept: %q", b.Text)
		}
	}
	if got := strings.Join(kinds, ""); got != "PH**P" {
		t.Errorf("block kinds %q, want PH**P: %+v", got, a.Blocks)
	}
}

func TestLoadSkipsAndWarns(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"a.txt":           articleText,
		"notes.pdf":       "%PDF-1.4 binary",
		"empty.txt":       "   \n\n",
		"noise.txt":       "Share this\n\nLeave a Reply\n\n0 18\n",
		"binary.txt":      "\x00\x01\x02\xff\xfe",
		"latin.txt":       "\xe9\xe8\xe0\xf9\xff\xfe\xfd\xfc\xfb\xfa \x01\x02\x03\x04\x05\x06\x07\x08",
		"page.txt":        "<!DOCTYPE html><html><body><article><p>" + strings.Repeat("A page saved with the wrong extension, about buses. ", 6) + "</p></article></body></html>",
		".hidden/x.txt":   articleText + "hidden",
		"sub/deep/b.htm":  "<html><body><p>" + strings.Repeat("Deep page text about buses and lanes. ", 8) + "</p></body></html>",
		"sub/.secret.txt": articleText + "secret",
	})
	arts, warns, err := Load(context.Background(), []string{dir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var srcs []string
	for _, a := range arts {
		srcs = append(srcs, filepath.Base(a.Source))
	}
	if strings.Join(srcs, ",") != "a.txt,page.txt,b.htm" {
		t.Errorf("loaded %v, want a.txt, page.txt and b.htm", srcs)
	}
	warned := map[string]error{}
	for _, w := range warns {
		warned[filepath.Base(w.Source)] = w.Err
	}
	for name, want := range map[string]error{"notes.pdf": ErrUnsupported, "empty.txt": ErrEmpty, "noise.txt": ErrEmpty, "binary.txt": ErrNotText, "latin.txt": ErrNotText} {
		if !errors.Is(warned[name], want) {
			t.Errorf("%s: warning %v, want %v", name, warned[name], want)
		}
	}
	if len(warns) != 5 {
		t.Errorf("warnings %v, want 5", warns)
	}
}

func TestLoadMissingPathFails(t *testing.T) {
	_, _, err := Load(context.Background(), []string{filepath.Join(t.TempDir(), "nope")}, Options{})
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("err %v, want one wrapping os.ErrNotExist", err)
	}
}

func TestLoadTooLarge(t *testing.T) {
	dir := writeTree(t, map[string]string{"big.txt": articleText + strings.Repeat("More words in a paragraph. ", 100)})
	arts, warns, err := Load(context.Background(), []string{dir}, Options{MaxFileSize: 500})
	if err != nil || len(arts) != 0 || len(warns) != 1 || !errors.Is(warns[0].Err, ErrTooLarge) {
		t.Errorf("got %d articles, warnings %v, err %v; want one ErrTooLarge warning", len(arts), warns, err)
	}
}

func TestLoadCancelled(t *testing.T) {
	dir := writeTree(t, map[string]string{"a.txt": articleText})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := Load(ctx, []string{dir}, Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("err %v, want context.Canceled", err)
	}
}

func TestLoadDedupe(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"a/story.txt":  articleText,
		"b/copy.txt":   articleText,
		"c/other.txt":  strings.Replace(articleText, "12 miles", "14 miles", 1),
		"d/crlf.txt":   strings.ReplaceAll(articleText, "\n", "\r\n"),
		"e/spaced.txt": "\n\n" + articleText + "\n\n\n",
	})
	arts, warns, err := Load(context.Background(), []string{dir, filepath.Join(dir, "a", "story.txt")}, Options{})
	if err != nil || len(warns) > 0 {
		t.Fatalf("err %v, warnings %v", err, warns)
	}
	if len(arts) != 2 {
		t.Fatalf("loaded %d articles, want 2", len(arts))
	}
	if filepath.Base(arts[0].Source) != "story.txt" || len(arts[0].Duplicates) != 3 {
		t.Errorf("first %s with duplicates %v, want story.txt with 3", arts[0].Source, arts[0].Duplicates)
	}
}

func TestLoadRepeatedLinesAcrossFiles(t *testing.T) {
	files := map[string]string{}
	for i, town := range []string{"Riverside", "Eastfield", "Lakeside", "Northbrook"} {
		files[string(rune('a'+i))+".txt"] = town + " Opens a New Library\n" +
			"Gazette Local Edition\n" +
			"The town of " + town + " opened a library on Monday. It has 20,000 books.\n" +
			"Officials said the building cost $3 million.\n" +
			"Sponsored by the Friends of Reading\n"
	}
	arts, _, err := Load(context.Background(), []string{writeTree(t, files)}, Options{})
	if err != nil || len(arts) != 4 {
		t.Fatalf("%d articles, err %v", len(arts), err)
	}
	for _, a := range arts {
		for _, b := range a.Blocks {
			if strings.Contains(b.Text, "Gazette Local") || strings.Contains(b.Text, "Sponsored") {
				t.Errorf("%s: repeated line kept: %q", a.Source, b.Text)
			}
		}
		if len(a.Blocks) != 2 {
			t.Errorf("%s: %d blocks, want the 2 sentences of news", a.Source, len(a.Blocks))
		}
	}
}

func TestSampleIsACopy(t *testing.T) {
	a := Sample()
	a[0].Blocks[0].Text = "changed"
	a[0].Blocks[0].Sentences[0] = "changed"
	b := Sample()
	if b[0].Blocks[0].Text == "changed" || b[0].Blocks[0].Sentences[0] == "changed" {
		t.Error("Sample shares memory between calls")
	}
	for _, art := range b {
		if !strings.HasPrefix(art.Source, "sample:") || art.ID == "" || art.Title == "" {
			t.Errorf("sample article %q: id %q title %q", art.Source, art.ID, art.Title)
		}
	}
}

func TestParseWindows1252(t *testing.T) {
	doc := []byte("Caf\xe9 Owners Protest\n\nThe owners of the caf\xe9 said \x93enough is enough\x94 on Monday.\n")
	a, err := Parse("old.txt", doc)
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Café Owners Protest" || a.Blocks[0].Text != "The owners of the café said “enough is enough” on Monday." {
		t.Errorf("title %q, text %q", a.Title, a.Blocks[0].Text)
	}
}

func TestParseHTMLQuestions(t *testing.T) {
	page := `<html><head><title>Strike FAQ</title></head><body><article>
<h1>Strike FAQ</h1>
<p>Answers to the questions riders ask most about the bus strike in the city, updated every morning while the strike lasts.</p>
<dl><dt>Which buses run?</dt><dd>Only the hospital shuttles run, every 20 minutes from Central Station, staffed by managers of the authority.</dd>
<dt>Do passes get refunded?</dt><dd>Bus-only passes are credited for each full day of the strike; passes that include the subway are not.</dd></dl>
<details><summary>Can the state end the strike?</summary><p>No. It can appoint a mediator, but the mediator cannot impose a contract on either side.</p></details>
</article></body></html>`
	a, err := Parse("faq.html", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	var terms []string
	descs := 0
	for _, b := range a.Blocks {
		switch b.Kind {
		case Term:
			terms = append(terms, b.Text)
		case Desc:
			descs++
		}
	}
	if got := strings.Join(terms, " | "); got != "Which buses run? | Do passes get refunded? | Can the state end the strike?" {
		t.Errorf("terms %q", got)
	}
	if descs != 3 {
		t.Errorf("%d descriptions, want 3", descs)
	}
}

func TestParseFormatByName(t *testing.T) {
	page := []byte("<html><body><article><h1>Bus Lanes Open</h1><p>" + strings.Repeat("The new bus lanes opened on Monday across the city. ", 5) + "</p></article></body></html>")
	tests := []struct {
		name    string
		data    []byte
		wantErr error
		html    bool
	}{
		{"https://news.example.com/story.php5?id=3", page, nil, true},
		{"https://news.example.com/2025/03/bus-lanes", page, nil, true},
		{"https://news.example.com/notes", []byte(articleText), nil, false},
		{"story", page, nil, true},
		{"notes.pdf", page, ErrUnsupported, false},
		{"image.jpg", []byte(articleText), ErrUnsupported, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Parse(tt.name, tt.data)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err %v, want %v", err, tt.wantErr)
			}
			if err == nil && tt.html != (a.Title == "Bus Lanes Open") {
				t.Errorf("title %q: read as HTML = %v, want %v", a.Title, a.Title == "Bus Lanes Open", tt.html)
			}
		})
	}
}

func TestMarkdownLinkLists(t *testing.T) {
	doc := "# Bus Lanes Open\n\nThe new [bus lanes](https://example.com/lanes) opened on Monday across the city, the transit authority said.\n\n" +
		"- [Five things to know about the lanes](https://example.com/a)\n- [Map of the network](https://example.com/b)\n"
	a, err := Parse("a.md", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Blocks) != 1 || a.Blocks[0].Text != "The new bus lanes opened on Monday across the city, the transit authority said." {
		t.Errorf("blocks %+v, want the paragraph without the list of links", a.Blocks)
	}
}

func TestLoadSharedQuoteIsKept(t *testing.T) {
	files := map[string]string{}
	for i, town := range []string{"Riverside", "Eastfield", "Lakeside"} {
		files[string(rune('a'+i))+".txt"] = "Strike Reaches " + town + "\n" +
			"Drivers in " + town + " joined the strike on Monday morning.\n" +
			"“We will not back down.”\n" +
			"Talks resume on Friday.\n"
	}
	arts, _, err := Load(context.Background(), []string{writeTree(t, files)}, Options{})
	if err != nil || len(arts) != 3 {
		t.Fatalf("%d articles, err %v", len(arts), err)
	}
	for _, a := range arts {
		if len(a.Blocks) != 3 {
			t.Errorf("%s: %d blocks, want 3 (the shared quote and sentence kept): %+v", a.Source, len(a.Blocks), a.Blocks)
		}
	}
}

func TestMarkdownLazyItems(t *testing.T) {
	doc := "# Changes\n\nThe board listed what changes for households from next month onwards.\n\n- Bills rise by $3 a month\nfor most households.\n- Discounts stay.\n"
	a, err := Parse("a.md", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Blocks) != 3 || a.Blocks[1].Text != "Bills rise by $3 a month for most households." {
		t.Errorf("blocks %+v", a.Blocks)
	}
}
