package digest

import (
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/briefbot/briefbot/briefings/cite"
	"github.com/briefbot/briefbot/briefings/stories"
	"github.com/briefbot/briefbot/corpus"
)

// Digest defaults.
const (
	DefaultItems    = 5
	DefaultChars    = 3000
	maxDigestPoints = 3
	maxLeadIssues   = 3
)

// newArticle is an article of the digest window with the time it counts
// from (zero when unknown).
type newArticle struct {
	idx int
	at  time.Time
}

// Base is what a digest is made from: the articles, their
// sentence index, the issues and the sentence ids about each issue.
type Base struct {
	Articles   []corpus.Article
	Index      *cite.Index
	Issues     []stories.Issue
	IssueSents [][]int32
}

// Make is KB.Digest.
func Make(b *Base, opts Options) Digest {
	if opts.MaxItems <= 0 {
		opts.MaxItems = DefaultItems
	}
	if opts.MaxChars <= 0 {
		opts.MaxChars = DefaultChars
	}
	d := Digest{Since: opts.Since, Until: opts.Until, Issues: []Issue{}, Articles: []Article{}}
	issues := b.digestIssues(opts.IssueIDs)
	fresh, total := b.newArticles(opts, issues)
	if len(fresh) == 0 {
		d.Empty = true
		d.Lead = "Nothing new" + sinceText(opts.Since) + "."
		return d
	}
	isNew := make(map[int32]bool, len(fresh))
	for _, a := range fresh {
		isNew[int32(a.idx)] = true
	}
	used := make(map[int32]bool) // a sentence is said once per digest
	for _, i := range issues {
		// Only sentences naming the issue: in a handful of new articles a
		// neighbouring sentence is too often about something else.
		var ids []cite.Weighted
		for _, id := range b.IssueSents[i] {
			if isNew[b.Index.Sents[id].Art] && !used[id] {
				ids = append(ids, cite.Weighted{ID: id, W: 1})
			}
		}
		if len(ids) == 0 {
			continue
		}
		points, chosen := cite.SummarizeIDs(b.Index, b.Articles, ids, maxDigestPoints)
		for _, id := range chosen {
			used[id] = true
		}
		if len(points) > 0 {
			d.Issues = append(d.Issues, Issue{IssueID: b.Issues[i].ID, Name: b.Issues[i].Name, Points: points})
		}
	}
	for _, a := range fresh {
		art := b.Articles[a.idx]
		d.Articles = append(d.Articles, Article{
			Source:    cite.SourceOf(&art),
			Published: art.Published,
			Summary:   b.oneLine(a.idx, used),
		})
	}
	relead := func() { d.Lead = lead(total, d.Issues, opts.Since) }
	relead()
	fitBudget(&d, opts.MaxChars, relead)
	return d
}

// digestIssues returns the indexes of the issues the digest covers.
func (b *Base) digestIssues(ids []string) []int {
	var out []int
	for i, is := range b.Issues {
		if len(ids) == 0 || containsString(ids, is.ID) {
			out = append(out, i)
		}
	}
	return out
}

// newArticles returns the articles of the window, newest first (articles
// of unknown time after dated ones, in load order), at most MaxItems, and
// how many the window holds in all. An article of unknown time is new
// only in a window without a start (a first digest): it would be new in
// every window otherwise. With an issue filter, only articles about those
// issues count.
func (b *Base) newArticles(opts Options, issues []int) ([]newArticle, int) {
	about := map[string]bool(nil)
	if len(opts.IssueIDs) > 0 {
		about = make(map[string]bool)
		for _, i := range issues {
			for _, id := range b.Issues[i].ArticleIDs {
				about[id] = true
			}
		}
	}
	var out []newArticle
	for i, a := range b.Articles {
		if about != nil && !about[a.ID] {
			continue
		}
		at := a.Published
		if opts.FirstSeen != nil {
			if t, ok := opts.FirstSeen(a.ID); ok {
				at = t
			}
		}
		if at.IsZero() && !opts.Since.IsZero() {
			continue
		}
		if !at.IsZero() && (!at.After(opts.Since) || !opts.Until.IsZero() && at.After(opts.Until)) {
			continue
		}
		out = append(out, newArticle{idx: i, at: at})
	}
	sort.SliceStable(out, func(a, b int) bool {
		za, zb := out[a].at.IsZero(), out[b].at.IsZero()
		if za != zb {
			return zb
		}
		return out[a].at.After(out[b].at)
	})
	total := len(out)
	if len(out) > opts.MaxItems {
		out = out[:opts.MaxItems]
	}
	return out, total
}

// oneLine is the most central summary-worthy sentence of an article not
// already said in the digest, or "" when it has none.
func (b *Base) oneLine(a int, used map[int32]bool) string {
	lo, hi := b.Index.ArticleSents(a)
	ids := make([]cite.Weighted, 0, hi-lo)
	for s := lo; s < hi; s++ {
		if !used[int32(s)] {
			ids = append(ids, cite.Weighted{ID: int32(s), W: 1})
		}
	}
	if r := cite.RankSentences(b.Index, ids); len(r) > 0 {
		used[r[0].ID] = true
		return b.Index.Sents[r[0].ID].Text
	}
	return ""
}

// lead is the digest's opening sentence.
func lead(n int, issues []Issue, since time.Time) string {
	noun := "articles"
	if n == 1 {
		noun = "article"
	}
	s := fmt.Sprintf("%d new %s%s", n, noun, sinceText(since))
	if len(issues) == 0 {
		return s + "."
	}
	var names []string
	for i, is := range issues {
		if i == maxLeadIssues && len(issues) > maxLeadIssues+1 {
			names = append(names, fmt.Sprintf("%d more issues", len(issues)-maxLeadIssues))
			break
		}
		names = append(names, is.Name)
	}
	return s + " on " + joinAnd(names) + "."
}

func sinceText(since time.Time) string {
	if since.IsZero() {
		return ""
	}
	return " since " + since.UTC().Format("Mon 2 Jan 2006 15:04 MST")
}

// joinAnd joins names as "A, B and C".
func joinAnd(names []string) string {
	if len(names) <= 1 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// Chars is the length of the digest's text in characters.
func Chars(d *Digest) int {
	n := utf8.RuneCountInString(d.Lead)
	for _, is := range d.Issues {
		n += utf8.RuneCountInString(is.Name)
		for _, p := range is.Points {
			n += utf8.RuneCountInString(p.Text)
		}
	}
	for _, a := range d.Articles {
		n += utf8.RuneCountInString(a.Title) + utf8.RuneCountInString(a.Summary)
	}
	return n
}

// fitBudget drops whole points until the digest fits maxChars: the last
// points of the last issues first, an issue going when its last point
// does; then the one-line summaries of the oldest articles, then the
// oldest articles. The lead stays, rewritten after each cut.
func fitBudget(d *Digest, maxChars int, relead func()) {
	for Chars(d) > maxChars {
		switch {
		case dropPoint(d), dropSummary(d):
		case len(d.Articles) > 1:
			d.Articles = d.Articles[:len(d.Articles)-1]
		default:
			return
		}
		relead()
	}
}

// dropPoint removes the lowest-ranked point: the deepest point rank, in
// the last issue having it.
func dropPoint(d *Digest) bool {
	deepest, at := -1, -1
	for i, is := range d.Issues {
		if len(is.Points)-1 >= deepest {
			deepest, at = len(is.Points)-1, i
		}
	}
	if at < 0 || deepest < 0 {
		return false
	}
	if deepest == 0 && len(d.Issues) == 1 {
		return false // keep one point of the first issue
	}
	is := &d.Issues[at]
	is.Points = is.Points[:len(is.Points)-1]
	if len(is.Points) == 0 {
		d.Issues = append(d.Issues[:at], d.Issues[at+1:]...)
	}
	return true
}

func dropSummary(d *Digest) bool {
	for i := len(d.Articles) - 1; i >= 0; i-- {
		if d.Articles[i].Summary != "" {
			d.Articles[i].Summary = ""
			return true
		}
	}
	return false
}

func containsString(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
