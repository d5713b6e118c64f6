package postgres

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/briefbot/briefbot/corpus/feed"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

var _ feed.Store = (*Store)(nil)

// FeedState implements feed.StateStore.
func (s *Store) FeedState(ctx context.Context, feedURL string) (feed.State, error) {
	var st feed.State
	var checked, next *time.Time
	var retries string
	err := s.pool.QueryRow(ctx, `SELECT etag, last_modified, checked, failures, next_check, page_retries
		FROM feed_state WHERE url = $1`, feedURL).Scan(&st.ETag, &st.LastModified, &checked, &st.Failures, &next, &retries)
	if errors.Is(err, pgx.ErrNoRows) {
		return feed.State{}, nil
	}
	if err != nil {
		return feed.State{}, fmt.Errorf("feed state: %w", err)
	}
	st.Checked, st.Next = fromNull(checked), fromNull(next)
	if st.Retries, err = feed.DecodeRetries(retries); err != nil {
		return feed.State{}, fmt.Errorf("feed state: %w", err)
	}
	return st, nil
}

// execer is a pool or a transaction.
type execer interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
}

func saveFeedState(ctx context.Context, db execer, feedURL string, st feed.State) error {
	_, err := db.Exec(ctx, `INSERT INTO feed_state (url, etag, last_modified, checked, failures, next_check, page_retries)
		VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (url) DO UPDATE SET etag = excluded.etag,
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
	if _, err := db.Exec(ctx, `INSERT INTO feed_seen (feed, key, seen_at)
		SELECT $1, k, $3 FROM unnest($2::text[]) AS k ON CONFLICT (feed, key) DO NOTHING`,
		feedURL, keys, now.UTC()); err != nil {
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
	if _, err := db.Exec(ctx, `UPDATE feed_seen SET seen_at = $1 WHERE feed = $2 AND seen_at < $3
		AND key = ANY($4::text[])`, now.UTC(), f.URL, f.RenewBefore.UTC(), f.Listed); err != nil {
		return fmt.Errorf("renew seen: %w", err)
	}
	if f.ForgetBefore.IsZero() {
		return nil
	}
	if _, err := db.Exec(ctx, `DELETE FROM feed_seen WHERE feed = $1 AND seen_at < $2
		AND key <> ALL($3::text[])`, f.URL, f.ForgetBefore.UTC(), f.Listed); err != nil {
		return fmt.Errorf("forget seen: %w", err)
	}
	return nil
}

// SaveFeedState implements feed.StateStore.
func (s *Store) SaveFeedState(ctx context.Context, feedURL string, st feed.State) error {
	return saveFeedState(ctx, s.pool, feedURL, st)
}

// MarkSeen implements feed.StateStore.
func (s *Store) MarkSeen(ctx context.Context, feedURL string, keys []string, now time.Time) error {
	return markSeen(ctx, s.pool, feedURL, keys, now)
}

// SeenItems implements feed.StateStore.
func (s *Store) SeenItems(ctx context.Context, feedURL string, keys []string) (map[string]bool, error) {
	out := make(map[string]bool)
	if len(keys) == 0 {
		return out, nil
	}
	rows, err := s.pool.Query(ctx, `SELECT key FROM feed_seen WHERE feed = $1 AND key = ANY($2::text[])`, feedURL, keys)
	if err != nil {
		return nil, fmt.Errorf("seen items: %w", err)
	}
	ks, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("seen items: %w", err)
	}
	for _, k := range ks {
		out[k] = true
	}
	return out, nil
}

// nextSeq takes the next n numbers of the change sequence and returns the
// first. The row lock, held to the end of the transaction, orders
// writers, so the numbers follow commit order.
func nextSeq(ctx context.Context, tx pgx.Tx, n int) (int64, error) {
	var last int64
	if err := tx.QueryRow(ctx, `UPDATE feed_seq SET n = n + $1 WHERE id = 1 RETURNING n`, n).Scan(&last); err != nil {
		return 0, fmt.Errorf("next sequence number: %w", err)
	}
	return last - int64(n) + 1, nil
}

// SavePoll implements feed.Store.
func (s *Store) SavePoll(ctx context.Context, c feed.Commit) error {
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if n := len(c.Articles) + len(c.Links); n > 0 {
			seq, err := nextSeq(ctx, tx, n)
			if err != nil {
				return err
			}
			for _, a := range c.Articles {
				if err := saveArticle(ctx, tx, &a, seq, c.Now); err != nil {
					return err
				}
				seq++
			}
			for _, l := range c.Links {
				if err := addLink(ctx, tx, l, seq); err != nil {
					return err
				}
				seq++
			}
		}
		for _, f := range c.Feeds {
			if err := markSeen(ctx, tx, f.URL, f.Seen, c.Now); err != nil {
				return err
			}
			if err := renewSeen(ctx, tx, f, c.Now); err != nil {
				return err
			}
			if err := saveFeedState(ctx, tx, f.URL, f.State); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("save poll: %w", err)
	}
	return nil
}

func saveArticle(ctx context.Context, tx pgx.Tx, a *feed.StoredArticle, seq int64, now time.Time) error {
	body, err := feed.EncodeArticle(&a.Article)
	if err != nil {
		return err
	}
	dated := a.Article.Published
	if dated.IsZero() {
		dated = now
	}
	_, err = tx.Exec(ctx, `INSERT INTO feed_articles (source, seq, body, published, dated, fetched, feeds)
		VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (source) DO UPDATE SET seq = excluded.seq, body = excluded.body,
		published = excluded.published,
		dated = CASE WHEN excluded.published IS NULL THEN feed_articles.fetched ELSE excluded.dated END,
		feeds = feed_articles.feeds || ARRAY(SELECT f FROM unnest(excluded.feeds) AS f WHERE f <> ALL (feed_articles.feeds))`,
		a.Article.Source, seq, body, nullTime(a.Article.Published), dated.UTC(), now.UTC(), nonNil(a.Feeds))
	if err != nil {
		return fmt.Errorf("save article %s: %w", a.Article.Source, err)
	}
	return nil
}

func addLink(ctx context.Context, tx pgx.Tx, l feed.Merge, seq int64) error {
	var links []string
	var body []byte
	err := tx.QueryRow(ctx, `SELECT links, body FROM feed_articles WHERE source = $1`, l.Source).Scan(&links, &body)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("add link to %s: %w", l.Source, err)
	}
	a, err := feed.DecodeArticle(body, l.Source, time.Time{})
	if err != nil {
		return err
	}
	if l.URL == "" || l.URL == l.Source || l.URL == a.URL || slices.Contains(links, l.URL) || slices.Contains(a.Duplicates, l.URL) {
		return nil
	}
	if _, err := tx.Exec(ctx, `UPDATE feed_articles SET links = array_append(links, $1), seq = $2 WHERE source = $3`, l.URL, seq, l.Source); err != nil {
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
	rows, err := s.pool.Query(ctx, `SELECT seq, source, false, body, published, fetched, feeds, links
		FROM feed_articles WHERE seq > $1
		UNION ALL SELECT seq, source, true, NULL, NULL, NULL, NULL, NULL FROM feed_removed WHERE seq > $1
		ORDER BY 1 LIMIT $2`, after, limit)
	if err != nil {
		return nil, fmt.Errorf("feed changes: %w", err)
	}
	defer rows.Close()
	var out []feed.Change
	for rows.Next() {
		var c feed.Change
		var body []byte
		var published, fetched *time.Time
		var links []string
		if err := rows.Scan(&c.Seq, &c.Source, &c.Removed, &body, &published, &fetched, &c.Feeds, &links); err != nil {
			return nil, fmt.Errorf("feed changes: %w", err)
		}
		if !c.Removed {
			if err := feed.DecodeChange(&c, body, fromNull(published), fromNull(fetched), links); err != nil {
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
	var parts []string
	var args []any
	if !cutoff.IsZero() {
		args = append(args, cutoff.UTC())
		parts = append(parts, fmt.Sprintf(`SELECT source FROM feed_articles WHERE dated < $%d`, len(args)))
	}
	if keep > 0 {
		args = append(args, keep)
		parts = append(parts, fmt.Sprintf(`SELECT source FROM (SELECT source FROM feed_articles ORDER BY dated DESC, seq DESC OFFSET $%d) o`, len(args)))
	}
	var gone []string
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		// the sequence row first: it orders this against SavePoll
		if _, err := tx.Exec(ctx, `SELECT n FROM feed_seq WHERE id = 1 FOR UPDATE`); err != nil {
			return err
		}
		rows, err := tx.Query(ctx, strings.Join(parts, " UNION "), args...)
		if err != nil {
			return err
		}
		gone, err = pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			return err
		}
		// removals a week old have reached every running replica; a new
		// one reads only the articles that are left
		if _, err := tx.Exec(ctx, `DELETE FROM feed_removed WHERE removed_at < $1`, time.Now().Add(-feed.RemovedKept).UTC()); err != nil {
			return err
		}
		if len(gone) == 0 {
			return nil
		}
		seq, err := nextSeq(ctx, tx, len(gone))
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM feed_articles WHERE source = ANY($1::text[])`, gone); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `INSERT INTO feed_removed (seq, source, removed_at)
			SELECT $1 + o - 1, src, now() FROM unnest($2::text[]) WITH ORDINALITY AS u(src, o)`, seq, gone)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("prune feed articles: %w", err)
	}
	return gone, nil
}
