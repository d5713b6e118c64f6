package live

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/corpus"
	"github.com/briefbot/briefbot/corpus/corpustest"
)

func art(src, id string) corpus.Article {
	return corpus.Article{ID: id, Source: src, Title: "T " + id, Blocks: []corpus.Block{{Text: "text " + id}}}
}

func sources(arts []corpus.Article) string {
	var out []string
	for _, a := range arts {
		s := a.Source
		if len(a.Duplicates) > 0 {
			s += fmt.Sprint(a.Duplicates)
		}
		out = append(out, s)
	}
	return strings.Join(out, " ")
}

func TestSet(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 11, d, 0, 0, 0, 0, time.UTC) }
	withDate := func(a corpus.Article, t time.Time) corpus.Article { a.Published = t; return a }
	tests := []struct {
		name    string
		initial []corpus.Article
		apply   func(s *Set) int
		changed int
		want    string
	}{
		{
			name:    "files by path, then URLs by date",
			initial: []corpus.Article{art("https://b.example/x", "u1"), art("corpus/b.txt", "f2"), art("corpus/a.txt", "f1")},
			apply: func(s *Set) int {
				return s.Put(withDate(art("https://a.example/y", "u2"), day(20)), withDate(art("https://c.example/z", "u3"), day(19)))
			},
			changed: 2,
			want:    "corpus/a.txt corpus/b.txt https://b.example/x https://c.example/z https://a.example/y",
		},
		{
			name:    "replace by source",
			initial: []corpus.Article{art("a.txt", "1"), art("b.txt", "2")},
			apply:   func(s *Set) int { return s.Put(art("./a.txt", "1b")) },
			changed: 1,
			want:    "./a.txt b.txt",
		},
		{
			name:    "an identical article is no change",
			initial: []corpus.Article{art("a.txt", "1")},
			apply:   func(s *Set) int { return s.Put(art("a.txt", "1")) },
			changed: 0,
			want:    "a.txt",
		},
		{
			name:    "same content folds into the first",
			initial: []corpus.Article{art("a.txt", "1")},
			apply:   func(s *Set) int { return s.Put(art("b.txt", "1"), art("https://x.example/1", "1")) },
			changed: 2,
			want:    "a.txt[b.txt https://x.example/1]",
		},
		{
			name: "duplicates from Load become their own entries",
			initial: []corpus.Article{func() corpus.Article {
				a := art("a.txt", "1")
				a.Duplicates = []string{"b.txt"}
				return a
			}()},
			apply:   func(s *Set) int { return s.Remove("a.txt") },
			changed: 1,
			want:    "b.txt",
		},
		{
			name:    "remove a directory",
			initial: []corpus.Article{art("c/a.txt", "1"), art("c/sub/b.txt", "2"), art("cc/x.txt", "3"), art("https://c/sub/q", "4")},
			apply:   func(s *Set) int { return s.Remove("c/") },
			changed: 2,
			want:    "cc/x.txt https://c/sub/q",
		},
		{
			name:    "remove an unknown source",
			initial: []corpus.Article{art("a.txt", "1")},
			apply:   func(s *Set) int { return s.Remove("zzz.txt") },
			changed: 0,
			want:    "a.txt",
		},
		{
			name:    "add a link",
			initial: []corpus.Article{art("https://a.example/1", "1")},
			apply: func(s *Set) int {
				n := 0
				for _, l := range []string{"https://m.example/1", "https://m.example/1", "https://a.example/1"} {
					if s.AddLink("https://a.example/1", l) {
						n++
					}
				}
				if s.AddLink("https://nope.example/", "https://q.example/") {
					n++
				}
				return n
			},
			changed: 1,
			want:    "https://a.example/1[https://m.example/1]",
		},
		{
			name:    "no source is ignored",
			initial: nil,
			apply:   func(s *Set) int { return s.Put(art("", "1")) },
			changed: 0,
			want:    "",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewSet(tt.initial)
			v := s.Version()
			before := s.Articles()
			beforeText := sources(before)
			if n := tt.apply(s); n != tt.changed {
				t.Errorf("changed = %d, want %d", n, tt.changed)
			}
			if got := sources(s.Articles()); got != tt.want {
				t.Errorf("articles = %q, want %q", got, tt.want)
			}
			if moved := s.Version() != v; moved != (tt.changed > 0) {
				t.Errorf("version moved = %v with %d changes", moved, tt.changed)
			}
			if sources(before) != beforeText {
				t.Error("a change modified the slice returned before it")
			}
		})
	}
}

func TestReplaceFiles(t *testing.T) {
	s := NewSet([]corpus.Article{art("a.txt", "1"), art("old/b.txt", "2"), art("https://x.example/1", "3"), art("https://x.example/2", "1")})
	loaded := art("a.txt", "1")
	loaded.Duplicates = []string{"copy.txt"}
	n := s.ReplaceFiles([]corpus.Article{loaded, art("c.txt", "4")})
	if n != 3 {
		t.Errorf("changed = %d, want 3 (copy.txt and c.txt in, old/b.txt out)", n)
	}
	if got, want := sources(s.Articles()), "a.txt[copy.txt https://x.example/2] c.txt https://x.example/1"; got != want {
		t.Errorf("articles = %q, want %q", got, want)
	}
	if s.Len() != 5 {
		t.Errorf("len = %d, want 5: feed articles stay", s.Len())
	}
}

func TestPrune(t *testing.T) {
	old := art("https://x.example/old", "1")
	old.Published = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	recent := art("https://x.example/new", "2")
	recent.Published = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	file := art("a.txt", "3")
	file.Published = old.Published
	s := NewSet([]corpus.Article{old, recent, file, art("https://x.example/undated", "4")})
	if n := s.Prune(time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)); n != 1 {
		t.Errorf("pruned %d, want 1", n)
	}
	if got, want := sources(s.Articles()), "a.txt https://x.example/undated https://x.example/new"; got != want {
		t.Errorf("articles = %q, want %q", got, want)
	}
}

func TestArticlesIsStable(t *testing.T) {
	s := NewSet(corpustest.Synthetic(50, 3))
	a1 := s.Articles()
	a2 := s.Articles()
	if &a1[0] != &a2[0] {
		t.Error("Articles rebuilt without a change")
	}
	other := NewSet(nil)
	arts := corpustest.Synthetic(50, 3)
	for i := len(arts) - 1; i >= 0; i-- {
		other.Put(arts[i])
	}
	if sources(other.Articles()) != sources(a1) {
		t.Error("the order depends on the order of Puts")
	}
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

const story = "Ferry fares rise next month\n\nThe harbour ferry will charge 3.50 for a single trip from 1 December, up from 3.20, the operator said on Monday.\n\nMonthly passes stay at 60.\n"
const story2 = "Night buses return\n\nThe night bus network returns on Friday after a two-year pause, with four routes from the central square.\n"

func TestReload(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.txt"), filepath.Join(dir, "sub", "b.txt")
	write(t, a, story)
	write(t, b, story2)
	arts, _, err := corpus.Load(ctx, []string{dir}, corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := NewSet(arts)
	if s.Len() != 2 {
		t.Fatalf("len = %d, want 2", s.Len())
	}
	steps := []struct {
		name    string
		act     func()
		paths   []string
		changed int
		want    int // articles after
		check   func(t *testing.T)
	}{
		{"unchanged file", func() {}, []string{a}, 0, 2, nil},
		{"modified", func() { write(t, a, strings.Replace(story, "3.50", "3.60", 1)) }, []string{a}, 1, 2, func(t *testing.T) {
			got, _ := s.Get(a)
			if !strings.Contains(got.Blocks[0].Text, "3.60") {
				t.Errorf("not reloaded: %q", got.Blocks[0].Text)
			}
		}},
		{"created", func() {
			write(t, filepath.Join(dir, "c.md"), "# Tram works\n\nTram line 2 closes for a week of track works from Saturday, with buses replacing trams.\n")
		}, []string{filepath.Join(dir, "c.md")}, 1, 3, nil},
		{"emptied", func() { write(t, filepath.Join(dir, "c.md"), "") }, []string{filepath.Join(dir, "c.md")}, 1, 2, nil},
		{"copy of another file", func() { write(t, filepath.Join(dir, "copy.txt"), story2) }, []string{filepath.Join(dir, "copy.txt")}, 1, 2, nil},
		{"removed", func() { os.Remove(a) }, []string{a}, 1, 1, nil},
		{"directory removed", func() { os.RemoveAll(filepath.Join(dir, "sub")) }, []string{filepath.Join(dir, "sub")}, 1, 1, func(t *testing.T) {
			got := s.Articles()
			if len(got) != 1 || got[0].Source != filepath.Join(dir, "copy.txt") {
				t.Errorf("after removing sub: %s", sources(got))
			}
		}},
		{"directory reloaded", func() { write(t, filepath.Join(dir, "new", "x.txt"), story) }, []string{dir}, 1, 2, nil},
	}
	for _, st := range steps {
		st.act()
		n, _, err := s.Reload(ctx, st.paths, corpus.Options{})
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if n != st.changed || len(s.Articles()) != st.want {
			t.Errorf("%s: changed %d, %d articles; want %d, %d (%s)", st.name, n, len(s.Articles()), st.changed, st.want, sources(s.Articles()))
		}
		if st.check != nil {
			st.check(t)
		}
	}
}

// BenchmarkPut10k adds one article to a 10k-article set and takes the
// new corpus: the part of an incremental update that is the Set's.
func BenchmarkPut10k(b *testing.B) {
	arts := corpustest.Synthetic(10001, 1)
	s := NewSet(arts[:10000])
	s.Articles()
	extra := arts[10000]
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		a := extra
		a.Source = fmt.Sprintf("https://example.com/new/%d", i%2)
		a.ID = fmt.Sprint(i)
		i++
		s.Put(a)
		if len(s.Articles()) < 10000 {
			b.Fatal("lost articles")
		}
	}
}
