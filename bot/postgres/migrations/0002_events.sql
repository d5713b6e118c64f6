-- Chat events claimed by one process (bot.EventClaimer), so replicas
-- answer a redelivered event once. Rows older than bot.EventClaimTTL are
-- pruned.
CREATE TABLE events (
	key        TEXT PRIMARY KEY,
	claimed_at TIMESTAMPTZ NOT NULL
);

CREATE INDEX events_claimed_at ON events (claimed_at);
