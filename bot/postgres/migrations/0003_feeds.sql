-- The live corpus of feeds (corpus/feed.Store): each feed's validators,
-- failures and next check; the items seen per feed; the articles found,
-- and the articles let go. Every change to the articles takes the next
-- number of feed_seq under its row lock, so numbers follow commit order
-- and replicas follow the changes with "seq > last seen".
CREATE TABLE feed_state (
	url           TEXT PRIMARY KEY,
	etag          TEXT NOT NULL DEFAULT '',
	last_modified TEXT NOT NULL DEFAULT '',
	checked       TIMESTAMPTZ,
	failures      INTEGER NOT NULL DEFAULT 0,
	next_check    TIMESTAMPTZ
);

CREATE TABLE feed_seen (
	feed    TEXT NOT NULL,
	key     TEXT NOT NULL,
	seen_at TIMESTAMPTZ NOT NULL,
	PRIMARY KEY (feed, key)
);

CREATE TABLE feed_seq (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	n  BIGINT NOT NULL
);
INSERT INTO feed_seq (id, n) VALUES (1, 0);

CREATE TABLE feed_articles (
	source    TEXT PRIMARY KEY,
	seq       BIGINT NOT NULL UNIQUE,
	body      BYTEA NOT NULL,
	published TIMESTAMPTZ,
	dated     TIMESTAMPTZ NOT NULL,
	fetched   TIMESTAMPTZ NOT NULL,
	feeds     TEXT[] NOT NULL DEFAULT '{}',
	links     TEXT[] NOT NULL DEFAULT '{}'
);

CREATE INDEX feed_articles_dated ON feed_articles (dated);

CREATE TABLE feed_removed (
	seq        BIGINT PRIMARY KEY,
	source     TEXT NOT NULL,
	removed_at TIMESTAMPTZ NOT NULL
);
