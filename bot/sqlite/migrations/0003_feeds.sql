-- The live corpus of feeds (corpus/feed.Store): each feed's validators,
-- failures and next check; the items seen per feed; the articles found,
-- and the articles let go. Every change to the articles takes the next
-- number of feed_seq, so readers (replicas, one-shot commands) follow
-- them in commit order.
CREATE TABLE feed_state (
	url           TEXT PRIMARY KEY,
	etag          TEXT NOT NULL DEFAULT '',
	last_modified TEXT NOT NULL DEFAULT '',
	checked       TEXT,
	failures      INTEGER NOT NULL DEFAULT 0,
	next_check    TEXT
) WITHOUT ROWID;

CREATE TABLE feed_seen (
	feed    TEXT NOT NULL,
	key     TEXT NOT NULL,
	seen_at TEXT NOT NULL,
	PRIMARY KEY (feed, key)
) WITHOUT ROWID;

CREATE TABLE feed_seq (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	n  INTEGER NOT NULL
);
INSERT INTO feed_seq (id, n) VALUES (1, 0);

CREATE TABLE feed_articles (
	source    TEXT PRIMARY KEY,
	seq       INTEGER NOT NULL UNIQUE,
	body      BLOB NOT NULL,
	published TEXT,
	dated     TEXT NOT NULL,
	fetched   TEXT NOT NULL,
	feeds     TEXT NOT NULL DEFAULT '[]',
	links     TEXT NOT NULL DEFAULT '[]'
);

CREATE INDEX feed_articles_dated ON feed_articles (dated);

CREATE TABLE feed_removed (
	seq        INTEGER PRIMARY KEY,
	source     TEXT NOT NULL,
	removed_at TEXT NOT NULL
);
