-- Named leases (bot.Leaser): the replica that polls the feeds holds
-- "feeds" and renews it; another takes it over once it has expired.
CREATE TABLE leases (
	name  TEXT PRIMARY KEY,
	owner TEXT NOT NULL,
	until TIMESTAMPTZ NOT NULL
);

-- Values kept for replicas and restarts (bot.ValueKeeper): Discord button
-- values too long for a custom_id. Rows older than bot.ValueTTL are pruned.
CREATE TABLE kept_values (
	key     TEXT PRIMARY KEY,
	value   TEXT NOT NULL,
	kept_at TIMESTAMPTZ NOT NULL
);

CREATE INDEX kept_values_kept_at ON kept_values (kept_at);
