CREATE TABLE articles_seen (
	id         TEXT PRIMARY KEY,
	first_seen TIMESTAMPTZ NOT NULL
);

CREATE TABLE deliveries (
	schedule   TEXT NOT NULL,
	slot       TIMESTAMPTZ NOT NULL,
	claimed_at TIMESTAMPTZ NOT NULL,
	UNIQUE (schedule, slot)
);

CREATE TABLE outbox (
	id           BIGSERIAL PRIMARY KEY,
	schedule     TEXT NOT NULL,
	slot         TIMESTAMPTZ NOT NULL,
	target       TEXT NOT NULL,
	payload      BYTEA NOT NULL,
	attempts     INTEGER NOT NULL DEFAULT 0,
	next_try     TIMESTAMPTZ NOT NULL,
	expires_at   TIMESTAMPTZ,
	leased_by    TEXT,
	leased_until TIMESTAMPTZ,
	delivered_at TIMESTAMPTZ,
	platform_id  TEXT,
	failed_at    TIMESTAMPTZ,
	last_error   TEXT NOT NULL DEFAULT '',
	created_at   TIMESTAMPTZ NOT NULL,
	UNIQUE (schedule, slot, target),
	FOREIGN KEY (schedule, slot) REFERENCES deliveries (schedule, slot)
);

CREATE INDEX outbox_due ON outbox (next_try) WHERE delivered_at IS NULL AND failed_at IS NULL;

CREATE TABLE subscriptions (
	platform   TEXT NOT NULL,
	user_id    TEXT NOT NULL,
	issue_id   TEXT NOT NULL,
	channel_id TEXT NOT NULL DEFAULT '',
	created    TIMESTAMPTZ NOT NULL,
	PRIMARY KEY (platform, user_id, issue_id)
);

CREATE INDEX subscriptions_issue ON subscriptions (issue_id);

CREATE TABLE feedback (
	id        BIGSERIAL PRIMARY KEY,
	platform  TEXT NOT NULL,
	user_hash TEXT NOT NULL,
	question  TEXT NOT NULL,
	kind      TEXT NOT NULL,
	helpful   BOOLEAN NOT NULL,
	at        TIMESTAMPTZ NOT NULL
);

CREATE TABLE query_log (
	id         BIGSERIAL PRIMARY KEY,
	platform   TEXT NOT NULL,
	user_hash  TEXT NOT NULL,
	question   TEXT NOT NULL,
	kind       TEXT NOT NULL,
	answered   BOOLEAN NOT NULL,
	confidence DOUBLE PRECISION NOT NULL,
	at         TIMESTAMPTZ NOT NULL
);

CREATE INDEX query_log_at ON query_log (at);
