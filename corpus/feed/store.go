package feed

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/briefbot/briefbot/corpus"
)

// Store is a StateStore that also keeps the articles polls found, so that
// a restarted bot, another replica or a one-shot command sees every feed
// article without fetching it again. bot/sqlite and bot/postgres
// implement it; feedtest.Store is its contract.
//
// Every change to the stored articles (an article saved, updated with a
// new link, or let go) takes the next number of one sequence, in commit
// order: a reader that has applied the changes up to N gets the rest with
// Changes(N).
type Store interface {
	StateStore
	// SavePoll records one poll in one transaction: the new and updated
	// articles, then each feed's seen keys and state. When it fails
	// nothing is recorded, so the next poll finds the same items again.
	SavePoll(ctx context.Context, c Commit) error
	// Changes returns up to limit changes with a sequence number above
	// after, in sequence order; none when the reader is up to date.
	Changes(ctx context.Context, after int64, limit int) ([]Change, error)
	// PruneArticles lets go of the articles dated (published, else
	// fetched) before cutoff (none when cutoff is zero) and of all but the
	// newest keep (by that date; no limit when keep is 0), recording a
	// removal for each. It returns the sources removed.
	PruneArticles(ctx context.Context, cutoff time.Time, keep int) ([]string, error)
}

// Commit is what one poll of some feeds records.
type Commit struct {
	// Articles are saved by Source: a new source is added, a known one
	// replaced (its feeds are merged).
	Articles []StoredArticle
	// Links are new addresses of articles saved before; each is added to
	// the article's Duplicates (a link it has is no change, an unknown
	// source is ignored).
	Links []Merge
	// Feeds are the polled feeds' states and seen keys.
	Feeds []FeedCommit
	// Now is the fetch time of new articles.
	Now time.Time
}

// FeedCommit is one feed's part of a Commit.
type FeedCommit struct {
	URL   string
	State State
	// Seen are the keys to mark seen at the Commit's Now.
	Seen []string
	// Listed, when not nil, are all the keys the feed lists now (a full
	// read of it, not a 304). Each of them already seen before
	// RenewBefore gets Now as its seen time, so the seen time of a key is
	// never much older than the last time its feed listed it. When
	// ForgetBefore is not zero, the feed's seen keys not in Listed and
	// with a seen time before it are forgotten: items the feed stopped
	// listing long ago. A key the feed lists is never forgotten.
	Listed       []string
	RenewBefore  time.Time
	ForgetBefore time.Time
}

// StoredArticle is a feed article with where and when it was found.
type StoredArticle struct {
	Article corpus.Article
	// Feeds are the feeds it was found in.
	Feeds []string
	// Fetched is when it was first stored (set by the store).
	Fetched time.Time
}

// Change is one change to the stored articles.
type Change struct {
	Seq    int64
	Source string
	// Removed is true for an article let go; Article is then empty.
	Removed bool
	StoredArticle
}

// stored is the encoded form of an article: everything but Source and
// Published, which the stores keep in columns of their own.
type stored struct {
	ID         string        `json:"id"`
	Title      string        `json:"title,omitempty"`
	URL        string        `json:"url,omitempty"`
	Site       string        `json:"site,omitempty"`
	Byline     string        `json:"byline,omitempty"`
	Tags       []string      `json:"tags,omitempty"`
	Duplicates []string      `json:"dups,omitempty"`
	Blocks     []storedBlock `json:"blocks"`
}

type storedBlock struct {
	Kind corpus.BlockKind `json:"k,omitempty"`
	Text string           `json:"t"`
	// Spans are the sentences as start and end offsets in Text, when
	// each is found there in order (nearly always); else Sentences.
	Spans     []int    `json:"o,omitempty"`
	Sentences []string `json:"s,omitempty"`
}

// spans returns the sentences as offsets in text, or nil when one is not
// found there after the one before.
func spans(text string, sentences []string) []int {
	out := make([]int, 0, 2*len(sentences))
	at := 0
	for _, s := range sentences {
		i := strings.Index(text[at:], s)
		if i < 0 {
			return nil
		}
		out = append(out, at+i, at+i+len(s))
		at += i + len(s)
	}
	return out
}

// EncodeArticle returns the stored form of a's content (everything but
// Source and Published), for a Store's body column.
func EncodeArticle(a *corpus.Article) ([]byte, error) {
	s := stored{ID: a.ID, Title: a.Title, URL: a.URL, Site: a.Site, Byline: a.Byline, Tags: a.Tags, Duplicates: a.Duplicates}
	s.Blocks = make([]storedBlock, len(a.Blocks))
	for i, b := range a.Blocks {
		s.Blocks[i] = storedBlock{Kind: b.Kind, Text: b.Text}
		if sp := spans(b.Text, b.Sentences); sp != nil && len(b.Sentences) > 0 {
			s.Blocks[i].Spans = sp
		} else {
			s.Blocks[i].Sentences = b.Sentences
		}
	}
	body, err := json.Marshal(&s)
	if err != nil {
		return nil, fmt.Errorf("encode article %s: %w", a.Source, err)
	}
	return body, nil
}

// RemovedKept is how long a Store keeps the removal of an article
// readable in Changes.
const RemovedKept = 7 * 24 * time.Hour

// DecodeChange fills the article of c, a change that is not a removal,
// from a store's row: the body EncodeArticle wrote, its published and
// fetched times, and the other links the store recorded for it since,
// which join its Duplicates.
func DecodeChange(c *Change, body []byte, published, fetched time.Time, links []string) error {
	a, err := DecodeArticle(body, c.Source, published)
	if err != nil {
		return err
	}
	for _, l := range links {
		if !slices.Contains(a.Duplicates, l) {
			a.Duplicates = append(a.Duplicates, l)
		}
	}
	c.Article, c.Fetched = a, fetched
	return nil
}

// DecodeArticle reads what EncodeArticle wrote back into an article with
// the given Source and Published time.
func DecodeArticle(body []byte, source string, published time.Time) (corpus.Article, error) {
	var s stored
	if err := json.Unmarshal(body, &s); err != nil {
		return corpus.Article{}, fmt.Errorf("decode article %s: %w", source, err)
	}
	a := corpus.Article{
		ID: s.ID, Title: s.Title, URL: s.URL, Source: source, Site: s.Site, Byline: s.Byline,
		Published: published, Tags: s.Tags, Duplicates: s.Duplicates,
	}
	a.Blocks = make([]corpus.Block, len(s.Blocks))
	for i, b := range s.Blocks {
		a.Blocks[i] = corpus.Block{Kind: b.Kind, Text: b.Text, Sentences: b.Sentences}
		if len(b.Spans) > 0 {
			if len(b.Spans)%2 != 0 {
				return corpus.Article{}, fmt.Errorf("decode article %s: odd sentence offsets", source)
			}
			a.Blocks[i].Sentences = make([]string, 0, len(b.Spans)/2)
			for j := 0; j < len(b.Spans); j += 2 {
				from, to := b.Spans[j], b.Spans[j+1]
				if from < 0 || from > to || to > len(b.Text) {
					return corpus.Article{}, fmt.Errorf("decode article %s: sentence offsets out of range", source)
				}
				a.Blocks[i].Sentences = append(a.Blocks[i].Sentences, b.Text[from:to])
			}
		}
	}
	return a, nil
}

// Dated returns the date retention goes by: the article's publication
// date, or its fetch time when it has none.
func (s *StoredArticle) Dated() time.Time {
	if !s.Article.Published.IsZero() {
		return s.Article.Published
	}
	return s.Fetched
}

// LoadAll reads every stored article (the changes from the start, minus
// the removed ones) and returns them in sequence order with the sequence
// number of the last change, from which Changes continues.
func LoadAll(ctx context.Context, s Store) ([]StoredArticle, int64, error) {
	const page = 500
	var out []StoredArticle
	idx := map[string]int{}
	var last int64
	for {
		cs, err := s.Changes(ctx, last, page)
		if err != nil {
			return nil, 0, err
		}
		for _, c := range cs {
			last = c.Seq
			i, ok := idx[c.Source]
			switch {
			case c.Removed && ok:
				out[i] = StoredArticle{}
				delete(idx, c.Source)
			case c.Removed:
			case ok:
				out[i] = c.StoredArticle
			default:
				idx[c.Source] = len(out)
				out = append(out, c.StoredArticle)
			}
		}
		if len(cs) < page {
			break
		}
	}
	kept := out[:0]
	for _, a := range out {
		if a.Article.Source != "" {
			kept = append(kept, a)
		}
	}
	return kept, last, nil
}
