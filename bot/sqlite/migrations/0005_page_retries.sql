-- Items whose page failed for a passing reason (5xx, 429, a refused
-- connection) and are tried again at the feed's next poll, with the
-- number of polls tried and when the first was (feed.State.Retries), as a
-- JSON object by item key.
ALTER TABLE feed_state ADD COLUMN page_retries TEXT NOT NULL DEFAULT '{}';
