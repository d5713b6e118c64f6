package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/briefbot/briefbot/corpus/feed"
)

var _ feed.Store = (*Store)(nil)

// FeedState implements feed.StateStore.
func (s *Store) FeedState(ctx context.Context, feedURL string) (feed.State, error) {
	var st feed.State
	var checked, next sql.NullString
	var retries string
	err := s.db.QueryRowContext(ctx, `SELECT etag, last_modified, checked, failures, next_check, page_retries
		FROM feed_state WHERE url = ?`, feedURL).Scan(&st.ETag, &st.LastModified, &checked, &st.Failures, &next, &retries)
	if errors.Is(err, sql.ErrNoRows) {
		return feed.State{}, nil
	}
	if err != nil {
		return feed.State{}, fmt.Errorf("feed state: %w", err)
	}
	if st.Checked, err = parseTime(checked); err != nil {
		return feed.State{}, fmt.Errorf("feed state: %w", err)
	}
	if st.Next, err = parseTime(next); err != nil {
		return feed.State{}, fmt.Errorf("feed state: %w", err)
	}
	if st.Retries, err = feed.DecodeRetries(retries); err != nil {
		return feed.State{}, fmt.Errorf("feed state: %w", err)
	}
	return st, nil
}

// execer is a *sql.DB or *sql.Tx.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

func saveFeedState(ctx context.Context, db execer, feedURL string, st feed.State) error {
	_, err := db.ExecContext(ctx, `INSERT INTO feed_state (url, etag, last_modified, checked, failures, next_check, page_retries)
		VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET etag = excluded.etag,
		last_modified = excluded.last_modified, checked = excluded.checked, failures = excluded.failures,
		next_check = excluded.next_check, page_retries = excluded.page_retries`,
		feedURL, st.ETag, st.LastModified, nullTime(st.Checked), st.Failures, nullTime(st.Next), feed.EncodeRetries(st.Retries))
	if err != nil {
		return fmt.Errorf("save feed state: %w", err)
	}
	return nil
}

func markSeen(ctx context.Context, db execer, feedURL string, keys []string, now time.Time) error {
	if len(keys) == 0 {
		return nil
	}
	list, err := json.Marshal(keys)
	if err != nil {
		return fmt.Errorf("mark seen: %w", err)
	}
	if _, err := db.ExecContext(ctx, `INSERT INTO feed_seen (feed, key, seen_at)
		SELECT ?, value, ? FROM json_each(?) WHERE true ON CONFLICT (feed, key) DO NOTHING`,
		feedURL, fmtTime(now), string(list)); err != nil {
		return fmt.Errorf("mark seen: %w", err)
	}
	return nil
}

// renewSeen renews the seen time of the keys a feed lists and forgets
// the keys it stopped listing long ago (feed.FeedCommit).
func renewSeen(ctx context.Context, db execer, f feed.FeedCommit, now time.Time) error {
	if f.Listed == nil {
		return nil
	}
	list, err := json.Marshal(f.Listed)
	if err != nil {
		return fmt.Errorf("renew seen: %w", err)
	}
	if _, err := db.ExecContext(ctx, `UPDATE feed_seen SET seen_at = ? WHERE feed = ? AND seen_at < ?
		AND key IN (SELECT value FROM json_each(?))`, fmtTime(now), f.URL, fmtTime(f.RenewBefore), string(list)); err != nil {
		return fmt.Errorf("renew seen: %w", err)
	}
	if f.ForgetBefore.IsZero() {
		return nil
	}
	if _, err := db.ExecContext(ctx, `DELETE FROM feed_seen WHERE feed = ? AND seen_at < ?
		AND key NOT IN (SELECT value FROM json_each(?))`, f.URL, fmtTime(f.ForgetBefore), string(list)); err != nil {
		return fmt.Errorf("forget seen: %w", err)
	}
	return nil
}

// SaveFeedState implements feed.StateStore.
func (s *Store) SaveFeedState(ctx context.Context, feedURL string, st feed.State) error {
	return saveFeedState(ctx, s.db, feedURL, st)
}

// MarkSeen implements feed.StateStore.
func (s *Store) MarkSeen(ctx context.Context, feedURL string, keys []string, now time.Time) error {
	return markSeen(ctx, s.db, feedURL, keys, now)
}

// SeenItems implements feed.StateStore.
func (s *Store) SeenItems(ctx context.Context, feedURL string, keys []string) (map[string]bool, error) {
	out := make(map[string]bool)
	if len(keys) == 0 {
		return out, nil
	}
	list, err := json.Marshal(keys)
	if err != nil {
		return nil, fmt.Errorf("seen items: %w", err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT key FROM feed_seen
		WHERE feed = ? AND key IN (SELECT value FROM json_each(?))`, feedURL, string(list))
	if err != nil {
		return nil, fmt.Errorf("seen items: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, fmt.Errorf("seen items: %w", err)
		}
		out[k] = true
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("seen items: %w", err)
	}
	return out, nil
}

// nextSeq takes the next n numbers of the change sequence and returns the
// first. The row lock (the IMMEDIATE transaction) orders writers, so the
// numbers follow commit order.
func nextSeq(ctx context.Context, tx *sql.Tx, n int) (int64, error) {
	var last int64
	if err := tx.QueryRowContext(ctx, `UPDATE feed_seq SET n = n + ? WHERE id = 1 RETURNING n`, n).Scan(&last); err != nil {
		return 0, fmt.Errorf("next sequence number: %w", err)
	}
	return last - int64(n) + 1, nil
}

// SavePoll implements feed.Store.
func (s *Store) SavePoll(ctx context.Context, c feed.Commit) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("save poll: %w", err)
	}
	defer tx.Rollback()
	if n := len(c.Articles) + len(c.Links); n > 0 {
		seq, err := nextSeq(ctx, tx, n)
		if err != nil {
			return fmt.Errorf("save poll: %w", err)
		}
		for _, a := range c.Articles {
			if err := saveArticle(ctx, tx, &a, seq, c.Now); err != nil {
				return fmt.Errorf("save poll: %w", err)
			}
			seq++
		}
		for _, l := range c.Links {
			if err := addLink(ctx, tx, l, seq); err != nil {
				return fmt.Errorf("save poll: %w", err)
			}
			seq++
		}
	}
	for _, f := range c.Feeds {
		if err := markSeen(ctx, tx, f.URL, f.Seen, c.Now); err != nil {
			return fmt.Errorf("save poll: %w", err)
		}
		if err := renewSeen(ctx, tx, f, c.Now); err != nil {
			return fmt.Errorf("save poll: %w", err)
		}
		if err := saveFeedState(ctx, tx, f.URL, f.State); err != nil {
			return fmt.Errorf("save poll: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("save poll: commit: %w", err)
	}
	return nil
}

func saveArticle(ctx context.Context, tx *sql.Tx, a *feed.StoredArticle, seq int64, now time.Time) error {
	body, err := feed.EncodeArticle(&a.Article)
	if err != nil {
		return err
	}
	var old string
	err = tx.QueryRowContext(ctx, `SELECT feeds FROM feed_articles WHERE source = ?`, a.Article.Source).Scan(&old)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("save article %s: %w", a.Article.Source, err)
	}
	var feeds []string
	if old != "" {
		json.Unmarshal([]byte(old), &feeds)
	}
	for _, f := range a.Feeds {
		if !slices.Contains(feeds, f) {
			feeds = append(feeds, f)
		}
	}
	fj, _ := json.Marshal(nonNil(feeds))
	dated := a.Article.Published
	if dated.IsZero() {
		dated = now
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO feed_articles (source, seq, body, published, dated, fetched, feeds)
		VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (source) DO UPDATE SET seq = excluded.seq, body = excluded.body,
		published = excluded.published, dated = CASE WHEN excluded.published IS NULL THEN feed_articles.fetched ELSE excluded.dated END,
		feeds = excluded.feeds`,
		a.Article.Source, seq, body, nullTime(a.Article.Published), fmtTime(dated), fmtTime(now), string(fj))
	if err != nil {
		return fmt.Errorf("save article %s: %w", a.Article.Source, err)
	}
	return nil
}

func addLink(ctx context.Context, tx *sql.Tx, l feed.Merge, seq int64) error {
	var links string
	var body []byte
	err := tx.QueryRowContext(ctx, `SELECT links, body FROM feed_articles WHERE source = ?`, l.Source).Scan(&links, &body)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("add link to %s: %w", l.Source, err)
	}
	a, err := feed.DecodeArticle(body, l.Source, time.Time{})
	if err != nil {
		return err
	}
	var ls []string
	json.Unmarshal([]byte(links), &ls)
	if l.URL == "" || l.URL == l.Source || l.URL == a.URL || slices.Contains(ls, l.URL) || slices.Contains(a.Duplicates, l.URL) {
		return nil
	}
	lj, _ := json.Marshal(append(ls, l.URL))
	if _, err := tx.ExecContext(ctx, `UPDATE feed_articles SET links = ?, seq = ? WHERE source = ?`, string(lj), seq, l.Source); err != nil {
		return fmt.Errorf("add link to %s: %w", l.Source, err)
	}
	return nil
}

func nonNil(ss []string) []string {
	if ss == nil {
		return []string{}
	}
	return ss
}

// Changes implements feed.Store.
func (s *Store) Changes(ctx context.Context, after int64, limit int) ([]feed.Change, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT seq, source, 0, body, published, fetched, feeds, links
		FROM feed_articles WHERE seq > ?1
		UNION ALL SELECT seq, source, 1, NULL, NULL, NULL, NULL, NULL FROM feed_removed WHERE seq > ?1
		ORDER BY 1 LIMIT ?2`, after, limit)
	if err != nil {
		return nil, fmt.Errorf("feed changes: %w", err)
	}
	defer rows.Close()
	var out []feed.Change
	for rows.Next() {
		var c feed.Change
		var body []byte
		var published, fetched, feeds, links sql.NullString
		if err := rows.Scan(&c.Seq, &c.Source, &c.Removed, &body, &published, &fetched, &feeds, &links); err != nil {
			return nil, fmt.Errorf("feed changes: %w", err)
		}
		if !c.Removed {
			pub, err := parseTime(published)
			if err != nil {
				return nil, fmt.Errorf("feed changes: %w", err)
			}
			fetchedAt, err := parseTime(fetched)
			if err != nil {
				return nil, fmt.Errorf("feed changes: %w", err)
			}
			var ls []string
			if err := json.Unmarshal([]byte(feeds.String), &c.Feeds); err != nil {
				return nil, fmt.Errorf("feed changes: feeds of %s: %w", c.Source, err)
			}
			if err := json.Unmarshal([]byte(links.String), &ls); err != nil {
				return nil, fmt.Errorf("feed changes: links of %s: %w", c.Source, err)
			}
			if err := feed.DecodeChange(&c, body, pub, fetchedAt, ls); err != nil {
				return nil, fmt.Errorf("feed changes: %w", err)
			}
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("feed changes: %w", err)
	}
	return out, nil
}

// PruneArticles implements feed.Store.
func (s *Store) PruneArticles(ctx context.Context, cutoff time.Time, keep int) ([]string, error) {
	if cutoff.IsZero() && keep <= 0 {
		return nil, nil
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("prune feed articles: %w", err)
	}
	defer tx.Rollback()
	var parts []string
	var args []any
	if !cutoff.IsZero() {
		parts = append(parts, `SELECT source FROM feed_articles WHERE dated < ?`)
		args = append(args, fmtTime(cutoff))
	}
	if keep > 0 {
		parts = append(parts, `SELECT source FROM (SELECT source FROM feed_articles ORDER BY dated DESC, seq DESC LIMIT -1 OFFSET ?)`)
		args = append(args, keep)
	}
	q := strings.Join(parts, " UNION ")
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("prune feed articles: %w", err)
	}
	var gone []string
	for rows.Next() {
		var src string
		if err := rows.Scan(&src); err != nil {
			rows.Close()
			return nil, fmt.Errorf("prune feed articles: %w", err)
		}
		gone = append(gone, src)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("prune feed articles: %w", err)
	}
	// removals a week old have reached every running replica; a new one
	// reads only the articles that are left
	if _, err := tx.ExecContext(ctx, `DELETE FROM feed_removed WHERE removed_at < ?`, fmtTime(time.Now().Add(-feed.RemovedKept))); err != nil {
		return nil, fmt.Errorf("prune feed articles: %w", err)
	}
	if len(gone) == 0 {
		return nil, tx.Commit()
	}
	seq, err := nextSeq(ctx, tx, len(gone))
	if err != nil {
		return nil, fmt.Errorf("prune feed articles: %w", err)
	}
	now := fmtTime(time.Now())
	for _, src := range gone {
		if _, err := tx.ExecContext(ctx, `DELETE FROM feed_articles WHERE source = ?`, src); err != nil {
			return nil, fmt.Errorf("prune feed articles: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO feed_removed (seq, source, removed_at) VALUES (?, ?, ?)`, seq, src, now); err != nil {
			return nil, fmt.Errorf("prune feed articles: %w", err)
		}
		seq++
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("prune feed articles: commit: %w", err)
	}
	return gone, nil
}
