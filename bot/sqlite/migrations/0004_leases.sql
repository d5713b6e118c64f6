-- Named leases (bot.Leaser): the replica that polls the feeds holds
-- "feeds" and renews it; another takes it over once it has expired.
CREATE TABLE leases (
	name  TEXT PRIMARY KEY,
	owner TEXT NOT NULL,
	until TEXT NOT NULL
) WITHOUT ROWID;
