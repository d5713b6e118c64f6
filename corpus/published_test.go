package corpus

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

// The markup below is how real news pages write their dates (the Times's
// and the Telegraph's itemprop metas, the Guardian's time element, Medium's
// JSON-LD in CDATA, a Yoast @graph, the Seattle Times's space-separated
// time, Libération's zoneless Open Graph time), around a short body.
func TestPageDate(t *testing.T) {
	body := `<body><article><h1>Council votes on the budget</h1><p>The council voted on the budget on Tuesday after a long debate about roads and schools in the city.</p><p>The mayor said the vote was a good day for the city and its people.</p></article></body>`
	for _, tc := range []struct {
		name, head, want string
	}{
		{"nytimes itemprop meta", `<meta itemprop="datePublished" content="2017-01-13T00:00:04-05:00" />`, "2017-01-13T05:00:04Z"},
		{"telegraph compact zone", `<meta itemprop="datePublished" content="2017-11-16T14:15+0000" />`, "2017-11-16T14:15:00Z"},
		{"guardian time element", `</head><body><time itemprop="datePublished" datetime="2019-01-03T02:00:02-0500">Thu 3 Jan 2019 07.00 GMT</time>`, "2019-01-03T07:00:02Z"},
		{"open graph zoneless", `<meta property="article:published_time" content="2015-04-30T07:19:58"/>`, "2015-04-30T07:19:58Z"},
		{"space separated", `<meta property="article:published_time" content="2019-04-28 06:01:07" />`, "2019-04-28T06:01:07Z"},
		{"json-ld in cdata", `<script type="application/ld+json"><![CDATA[{"@context":"http://schema.org","@type":"NewsArticle","datePublished":"2015-10-15T02:19:15.607Z"}]]></script><meta property="article:published_time" content="2015-12-11T14:28:34.438Z" />`, "2015-10-15T02:19:15.607Z"},
		{"json-ld graph", `<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage","name":"x"},{"@type":"Article","datePublished":"2020-07-10T14:15:42+00:00"}]}</script>`, "2020-07-10T14:15:42Z"},
		{"json-ld list", `<script type="application/ld+json">[{"@type":"BreadcrumbList"},{"@type":"NewsArticle","datePublished":"2021-11-01T10:52:50+01:00"}]</script>`, "2021-11-01T09:52:50Z"},
		{"time pubdate", `</head><body><time pubdate datetime="2014-12-15">15 December 2014</time>`, "2014-12-15T00:00:00Z"},
		{"meta name date", `<meta name="date" content="2016-09-14" />`, "2016-09-14T00:00:00Z"},
		{"nonsense", `<meta itemprop="datePublished" content="yesterday" />`, ""},
		{"implausible year", `<meta property="article:published_time" content="0001-01-01T00:00:00Z" />`, ""},
		{"broken json", `<script type="application/ld+json">{"datePublished": </script>`, ""},
		{"none", ``, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			page := "<html><head><title>Council votes on the budget</title>" + tc.head + "</head>" + body + "</html>"
			root, err := html.Parse(strings.NewReader(page))
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			if d := pageDate(root); !d.IsZero() {
				got = d.Format(time.RFC3339Nano)
			}
			if got != tc.want {
				t.Errorf("pageDate = %q, want %q", got, tc.want)
			}
			a, err := Parse("https://example.com/budget.html", []byte(page))
			if err != nil {
				t.Fatal(err)
			}
			if tc.want != "" && a.Published.Format(time.RFC3339Nano) != tc.want {
				t.Errorf("Parse: Published = %v, want %s", a.Published, tc.want)
			}
		})
	}
}

func TestFileDates(t *testing.T) {
	dir := t.TempDir()
	undated := filepath.Join(dir, "undated.txt")
	dated := filepath.Join(dir, "dated.md")
	body := "The council voted on the budget on Tuesday after a long debate about roads and schools.\n\nThe mayor said the vote was a good day for the city.\n"
	if err := os.WriteFile(undated, []byte("Council votes\n\n"+body), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dated, []byte("---\ntitle: Council votes again\npublished: 2026-03-01\n---\n"+body+"A second vote is due in June.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	mod := time.Date(2026, 4, 2, 10, 0, 0, 0, time.UTC)
	if err := os.Chtimes(undated, mod, mod); err != nil {
		t.Fatal(err)
	}
	arts, _, err := Load(t.Context(), []string{dir}, Options{ModTimeDates: true})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]time.Time{}
	for _, a := range arts {
		got[filepath.Base(a.Source)] = a.Published
	}
	if !got["undated.txt"].Equal(mod) {
		t.Errorf("undated file: Published %v, want its modification time %v", got["undated.txt"], mod)
	}
	if want := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC); !got["dated.md"].Equal(want) {
		t.Errorf("dated file: Published %v, want %v from its front matter", got["dated.md"], want)
	}
	arts, _, err = Load(t.Context(), []string{dir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range arts {
		if filepath.Base(a.Source) == "undated.txt" && !a.Published.IsZero() {
			t.Errorf("without ModTimeDates the undated file has date %v", a.Published)
		}
	}
}

func FuzzPageDate(f *testing.F) {
	f.Add([]byte(`<meta itemprop="datePublished" content="2017-01-13T00:00:04-05:00" />`))
	f.Add([]byte(`<script type="application/ld+json"><![CDATA[{"@graph":[{"datePublished":"2020-07-10"}]}]]></script>`))
	f.Add([]byte(`<time pubdate>15 December 2014</time>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		root, err := html.Parse(bytes.NewReader(data))
		if err != nil {
			return
		}
		if d := pageDate(root); !d.IsZero() && (d.Year() < 1900 || d.Year() > 2200 || d.Location() != time.UTC) {
			t.Errorf("pageDate = %v", d)
		}
	})
}
