-- Chat events claimed by one process (bot.EventClaimer), so replicas
-- sharing this file answer a redelivered event once. Rows older than
-- bot.EventClaimTTL are pruned.
CREATE TABLE events (
	key        TEXT PRIMARY KEY,
	claimed_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE INDEX events_claimed_at ON events (claimed_at);
