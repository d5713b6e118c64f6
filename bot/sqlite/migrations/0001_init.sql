-- Times are TEXT in UTC, fixed width (2006-01-02T15:04:05.000000000Z), so
-- they compare correctly as strings.

CREATE TABLE articles_seen (
	id         TEXT PRIMARY KEY,
	first_seen TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE deliveries (
	schedule   TEXT NOT NULL,
	slot       TEXT NOT NULL,
	claimed_at TEXT NOT NULL,
	UNIQUE (schedule, slot)
);

CREATE TABLE outbox (
	id           INTEGER PRIMARY KEY AUTOINCREMENT,
	schedule     TEXT NOT NULL,
	slot         TEXT NOT NULL,
	target       TEXT NOT NULL,
	payload      BLOB NOT NULL,
	attempts     INTEGER NOT NULL DEFAULT 0,
	next_try     TEXT NOT NULL,
	expires_at   TEXT,
	leased_by    TEXT,
	leased_until TEXT,
	delivered_at TEXT,
	platform_id  TEXT,
	failed_at    TEXT,
	last_error   TEXT NOT NULL DEFAULT '',
	created_at   TEXT NOT NULL,
	UNIQUE (schedule, slot, target),
	FOREIGN KEY (schedule, slot) REFERENCES deliveries (schedule, slot)
);

CREATE INDEX outbox_due ON outbox (next_try) WHERE delivered_at IS NULL AND failed_at IS NULL;

CREATE TABLE subscriptions (
	platform   TEXT NOT NULL,
	user_id    TEXT NOT NULL,
	issue_id   TEXT NOT NULL,
	channel_id TEXT NOT NULL DEFAULT '',
	created    TEXT NOT NULL,
	PRIMARY KEY (platform, user_id, issue_id)
) WITHOUT ROWID;

CREATE INDEX subscriptions_issue ON subscriptions (issue_id);

CREATE TABLE feedback (
	id        INTEGER PRIMARY KEY AUTOINCREMENT,
	platform  TEXT NOT NULL,
	user_hash TEXT NOT NULL,
	question  TEXT NOT NULL,
	kind      TEXT NOT NULL,
	helpful   INTEGER NOT NULL,
	at        TEXT NOT NULL
);

CREATE TABLE query_log (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	platform   TEXT NOT NULL,
	user_hash  TEXT NOT NULL,
	question   TEXT NOT NULL,
	kind       TEXT NOT NULL,
	answered   INTEGER NOT NULL,
	confidence REAL NOT NULL,
	at         TEXT NOT NULL
);

CREATE INDEX query_log_at ON query_log (at);
