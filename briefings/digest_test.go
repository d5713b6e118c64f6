package briefings

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/briefings/digest"
	"github.com/briefbot/briefbot/corpus"
)

func day(d int) time.Time { return time.Date(2026, 3, d, 0, 0, 0, 0, time.UTC) }

func TestDigestGolden(t *testing.T) {
	kb := buildKB(t, otherArticles(t), Options{})
	tests := []struct {
		name string
		opts DigestOptions
	}{
		{"first_run", DigestOptions{}},
		{"since_mar10", DigestOptions{Since: day(10)}},
		{"window", DigestOptions{Since: day(4), Until: day(10)}},
		{"issue_filter", DigestOptions{IssueIDs: []string{"compensation-fund"}}},
		{"small_budget", DigestOptions{Since: day(1), MaxChars: 700}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := kb.Digest(tt.opts)
			checkDigest(t, kb, d, tt.opts)
			golden(t, "digest_"+tt.name+".json", d)
		})
	}
	sample := buildKB(t, corpus.Sample(), Options{})
	t.Run("sample", func(t *testing.T) {
		d := sample.Digest(DigestOptions{})
		checkDigest(t, sample, d, DigestOptions{})
		golden(t, "digest_sample.json", d)
	})
}

// checkDigest checks what every digest promises: cited whole sentences,
// no boilerplate, no sentence twice, the item cap and the length budget.
func checkDigest(t *testing.T, kb *KB, d Digest, opts DigestOptions) {
	t.Helper()
	if d.Empty || d.Lead == "" || len(d.Articles) == 0 {
		t.Fatalf("digest empty=%v lead=%q articles=%d", d.Empty, d.Lead, len(d.Articles))
	}
	maxItems, maxChars := opts.MaxItems, opts.MaxChars
	if maxItems == 0 {
		maxItems = DefaultDigestItems
	}
	if maxChars == 0 {
		maxChars = DefaultDigestChars
	}
	if len(d.Articles) > maxItems {
		t.Errorf("%d articles, cap %d", len(d.Articles), maxItems)
	}
	if n := digest.Chars(&d); n > maxChars {
		t.Errorf("%d characters, budget %d", n, maxChars)
	}
	said := sentencesByArticle(kb)
	seen := map[string]bool{}
	for _, is := range d.Issues {
		if len(is.Points) == 0 || len(is.Points) > 3 {
			t.Errorf("issue %q: %d points", is.IssueID, len(is.Points))
		}
		for _, p := range is.Points {
			checkCited(t, is.IssueID, p, said)
			if seen[p.Text] {
				t.Errorf("sentence said twice: %q", p.Text)
			}
			seen[p.Text] = true
		}
	}
	for _, a := range d.Articles {
		if a.Summary == "" {
			continue
		}
		checkCited(t, "article "+a.ID, Cited{Text: a.Summary, Sources: []Source{a.Source}}, said)
		if seen[a.Summary] {
			t.Errorf("sentence said twice: %q", a.Summary)
		}
		seen[a.Summary] = true
	}
}

func TestDigestWindow(t *testing.T) {
	kb := buildKB(t, otherArticles(t), Options{})
	titles := func(d Digest) string {
		var ts []string
		for _, a := range d.Articles {
			ts = append(ts, a.Title)
		}
		return strings.Join(ts, " | ")
	}
	tests := []struct {
		name      string
		opts      DigestOptions
		wantTitle []string // newest first
		empty     bool
	}{
		{name: "first run capped to the newest", opts: DigestOptions{MaxItems: 2},
			wantTitle: []string{"Federal grant for the tram hangs on the council vote", "Shops brace for two years of tram construction"}},
		{name: "since excludes its own instant", opts: DigestOptions{Since: time.Date(2026, 3, 12, 10, 0, 0, 0, time.UTC)},
			wantTitle: []string{"Federal grant for the tram hangs on the council vote"}},
		{name: "until includes its own instant", opts: DigestOptions{Since: day(10), Until: time.Date(2026, 3, 12, 10, 0, 0, 0, time.UTC)},
			wantTitle: []string{"Shops brace for two years of tram construction"}},
		{name: "nothing new", opts: DigestOptions{Since: day(20)}, empty: true},
		{name: "first seen wins over published", opts: DigestOptions{Since: day(20), FirstSeen: func(id string) (time.Time, bool) {
			if id == kb.Articles()[0].ID {
				return day(21), true
			}
			return time.Time{}, false
		}}, wantTitle: []string{"Harbor Line tram budget climbs to $610 million"}},
		{name: "filter to an issue with nothing new", opts: DigestOptions{Since: day(13), IssueIDs: []string{"bus-cuts"}}, empty: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := kb.Digest(tt.opts)
			if d.Empty != tt.empty {
				t.Fatalf("empty = %v, want %v (lead %q)", d.Empty, tt.empty, d.Lead)
			}
			if tt.empty {
				if len(d.Articles) != 0 || len(d.Issues) != 0 || !strings.HasPrefix(d.Lead, "Nothing new") {
					t.Errorf("empty digest has content: %+v", d)
				}
				return
			}
			if got, want := titles(d), strings.Join(tt.wantTitle, " | "); got != want {
				t.Errorf("articles %q, want %q", got, want)
			}
		})
	}
}

// TestDigestUndatedArticlesAreNewOnce: an article of unknown time (no
// date, no first-seen time) is new in a first digest only; it would be
// new in every window otherwise, the same articles every morning.
func TestDigestUndatedArticlesAreNewOnce(t *testing.T) {
	arts := otherArticles(t)
	for i := range arts {
		arts[i].Published = time.Time{}
	}
	kb := buildKB(t, arts, Options{})
	d := kb.Digest(DigestOptions{MaxItems: 10})
	if d.Empty || len(d.Articles) != len(arts) {
		t.Errorf("first digest of undated articles: empty=%v, %d articles, want all %d", d.Empty, len(d.Articles), len(arts))
	}
	d = kb.Digest(DigestOptions{Since: day(20), MaxItems: 10})
	if !d.Empty || len(d.Articles) != 0 {
		t.Errorf("later window: empty=%v, %d articles, want none new", d.Empty, len(d.Articles))
	}
}

// TestDigestCountsEveryNewArticle: the lead counts the articles of the
// window, not the ones listed.
func TestDigestCountsEveryNewArticle(t *testing.T) {
	arts := otherArticles(t)
	kb := buildKB(t, arts, Options{})
	all := kb.Digest(DigestOptions{MaxItems: 100})
	capped := kb.Digest(DigestOptions{MaxItems: 2})
	if len(all.Articles) <= 2 {
		t.Skipf("only %d new articles", len(all.Articles))
	}
	want := fmt.Sprintf("%d new articles", len(all.Articles))
	if len(capped.Articles) != 2 || !strings.HasPrefix(capped.Lead, want) {
		t.Errorf("capped digest: %d articles, lead %q; want 2 listed and a lead starting %q", len(capped.Articles), capped.Lead, want)
	}
}

func TestDigestBudgetNeverCutsSentences(t *testing.T) {
	kb := buildKB(t, corpus.Sample(), Options{})
	for _, budget := range []int{300, 800, 1500} {
		d := kb.Digest(DigestOptions{MaxChars: budget})
		if n := digest.Chars(&d); n > budget && (len(d.Issues) > 1 || len(d.Articles) > 1) {
			t.Errorf("budget %d: %d characters with %d issues, %d articles", budget, n, len(d.Issues), len(d.Articles))
		}
		checkDigest(t, kb, d, DigestOptions{MaxChars: max(budget, digest.Chars(&d))})
	}
}

// TestConcurrentReads uses one KB from several goroutines; run with -race.
func TestConcurrentReads(t *testing.T) {
	kb := buildKB(t, otherArticles(t), Options{})
	want := kb.Digest(DigestOptions{Since: day(4)})
	done := make(chan Digest)
	for range 4 {
		go func() {
			kb.FindIssue("old town")
			done <- kb.Digest(DigestOptions{Since: day(4)})
		}()
	}
	for range 4 {
		if got := <-done; got.Lead != want.Lead || len(got.Issues) != len(want.Issues) {
			t.Errorf("concurrent digest differs: %q", got.Lead)
		}
	}
}
