package feed

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html"
	"mime"
	nurl "net/url"
	"strings"
	"time"

	"github.com/briefbot/briefbot/corpus"
	"github.com/mmcdole/gofeed"
)

// item is one feed entry on its way to becoming an article.
type item struct {
	feed        string // the feed URL
	site        string // the feed's title
	link        string // absolute, tracking parameters and fragment removed; "" when none
	key         string // NormalizeURL(link), or a key from the guid or text
	title       string
	content     string // full content (HTML or text), often empty
	description string // summary (HTML or text)
	author      string
	published   time.Time
	categories  []string
	// lastTry is set when a page that fails for a passing reason is not
	// to be tried again: the feed's text is used then.
	lastTry bool
}

// source is the Source of the article made from the item: its link, or
// the feed URL with the item key as fragment for an item without one.
func (it *item) source() string {
	if it.link != "" {
		return it.link
	}
	return it.feed + "#" + it.key
}

// parseItems reads a feed body into items, resolving links against base.
func parseItems(feedURL, base string, body []byte) ([]item, error) {
	f, err := gofeed.NewParser().Parse(bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("parse feed: %w", err)
	}
	baseURL, _ := nurl.Parse(base)
	items := make([]item, 0, len(f.Items))
	seen := make(map[string]bool)
	for _, fi := range f.Items {
		if fi == nil {
			continue
		}
		it := item{
			feed: feedURL, site: strings.TrimSpace(f.Title),
			title: strings.TrimSpace(fi.Title), content: fi.Content, description: fi.Description,
			categories: fi.Categories,
		}
		if len(fi.Authors) > 0 && fi.Authors[0] != nil {
			it.author = fi.Authors[0].Name
		}
		if fi.PublishedParsed != nil {
			it.published = fi.PublishedParsed.UTC()
		} else if fi.UpdatedParsed != nil {
			it.published = fi.UpdatedParsed.UTC()
		}
		link := strings.TrimSpace(fi.Link)
		if link == "" && isHTTP(fi.GUID) {
			link = fi.GUID
		}
		if link != "" && baseURL != nil {
			if u, err := baseURL.Parse(link); err == nil {
				link = u.String()
			}
		}
		if key, err := NormalizeURL(link); err == nil {
			it.link, it.key = cleanLink(link), key
		} else if g := strings.TrimSpace(fi.GUID); g != "" {
			it.key = "guid:" + g
		} else {
			it.key = "text:" + hashText(it.title+"\n"+it.description+"\n"+it.content)
		}
		if it.title == "" && it.content == "" && it.description == "" && it.link == "" {
			continue
		}
		if seen[it.key] {
			continue
		}
		seen[it.key] = true
		items = append(items, it)
	}
	return items, nil
}

func isHTTP(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// cleanLink drops the fragment and tracking parameters of a link, keeping
// everything else as the publisher wrote it.
func cleanLink(link string) string {
	u, err := nurl.Parse(link)
	if err != nil {
		return link
	}
	u.Fragment, u.RawFragment = "", ""
	if u.RawQuery != "" {
		q := u.Query()
		changed := false
		for k := range q {
			if isTracking(k) {
				q.Del(k)
				changed = true
			}
		}
		if changed {
			u.RawQuery = q.Encode()
		}
	}
	return u.String()
}

func hashText(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:8])
}

// textKey is the hash under which two articles with the same text, up to
// typography and whitespace, compare equal. The title counts only for a
// short article, since two sites title one story differently.
func textKey(a *corpus.Article) string {
	var b strings.Builder
	n := 0
	for _, bl := range a.Blocks {
		k := corpus.SentenceKey(bl.Text)
		n += len(k)
		b.WriteString(k)
		b.WriteByte('\n')
	}
	if n < 200 {
		return hashText(corpus.SentenceKey(a.Title) + "\n" + b.String())
	}
	return hashText(b.String())
}

const acceptPage = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.5"

// article fetches the item's page and extracts its article, falling back
// to the item's own text when the page cannot be fetched or read, or says
// less than the feed does. A page that fails for a passing reason gives
// an error wrapping errRetry instead, unless it.lastTry.
// It also returns the URL the page was found at after redirects ("" when
// it was not fetched).
func (p *Poller) article(ctx context.Context, it *item) (corpus.Article, string, error) {
	var page corpus.Article
	var pageErr error
	final := ""
	if it.link != "" {
		page, final, pageErr = p.page(ctx, it.link)
		if pageErr != nil {
			if ctx.Err() != nil {
				return corpus.Article{}, "", ctx.Err()
			}
			if !it.lastTry && transient(pageErr) {
				return corpus.Article{}, "", fmt.Errorf("%w: %w", errRetry, pageErr)
			}
			p.log.Debug("feed: page failed, using the feed's text", "url", it.link, "err", pageErr)
		}
	} else {
		pageErr = errors.New("no link")
	}
	fb, fbErr := fallback(it)
	var a corpus.Article
	switch {
	case pageErr == nil && (fbErr != nil || textLen(&page) >= textLen(&fb)):
		a = page
	case fbErr == nil:
		a = fb
	default:
		return corpus.Article{}, "", fmt.Errorf("page: %w; feed text: %w", pageErr, fbErr)
	}
	fill(&a, it)
	return a, final, nil
}

// page fetches and parses one article page, and returns the URL it was
// found at after redirects.
func (p *Poller) page(ctx context.Context, link string) (corpus.Article, string, error) {
	res, err := p.fetch.get(ctx, link, nil, acceptPage)
	if err != nil {
		return corpus.Article{}, "", err
	}
	name := res.url
	mt, _, _ := mime.ParseMediaType(res.contentType)
	switch mt {
	case "text/html", "application/xhtml+xml", "":
	case "text/plain":
		name = "page.txt"
	default:
		return corpus.Article{}, res.url, fmt.Errorf("%w: %s", ErrNotArticle, mt)
	}
	a, err := corpus.Parse(name, res.body)
	if errors.Is(err, corpus.ErrUnsupported) {
		// a page URL with an odd extension (.php5, .12345): the content
		// type already said HTML
		a, err = corpus.Parse("page.html", res.body)
	}
	return a, res.url, err
}

// fallback builds the article from the item's own title and text.
func fallback(it *item) (corpus.Article, error) {
	body := it.content
	if markupTextLen(body) < markupTextLen(it.description) {
		body = it.description
	}
	if strings.TrimSpace(body) == "" {
		return corpus.Article{}, corpus.ErrEmpty
	}
	if !strings.Contains(body, "<") {
		var b strings.Builder
		for _, para := range strings.Split(strings.ReplaceAll(body, "\r\n", "\n"), "\n\n") {
			if t := strings.TrimSpace(para); t != "" {
				b.WriteString("<p>" + html.EscapeString(t) + "</p>\n")
			}
		}
		body = b.String()
	}
	doc := "<!doctype html><html><head><title>" + html.EscapeString(it.title) +
		"</title></head><body><article>" + body + "</article></body></html>"
	return corpus.Parse("item.html", []byte(doc))
}

// fill completes an article with what the feed says about the item.
func fill(a *corpus.Article, it *item) {
	a.Source = it.source()
	a.URL = it.link
	if a.Title == "" {
		a.Title = it.title
	}
	if a.Published.IsZero() {
		a.Published = it.published
	}
	if a.Byline == "" {
		a.Byline = it.author
	}
	if a.Site == "" {
		a.Site = it.site
	}
	if len(a.Tags) == 0 && len(it.categories) > 0 {
		a.Tags = append([]string(nil), it.categories...)
	}
}

// textLen is the length of an article's text.
func textLen(a *corpus.Article) int {
	n := 0
	for _, b := range a.Blocks {
		n += len(b.Text)
	}
	return n
}

// markupTextLen is the length of a feed field's text without its markup.
func markupTextLen(s string) int {
	n, in := 0, false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
		case r == '>':
			in = false
		case !in:
			n++
		}
	}
	return n
}
