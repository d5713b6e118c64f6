package config

import (
	"os"
	"path/filepath"
	"time"
)

// Default values for keys the file leaves out.
const (
	DefaultListen        = "127.0.0.1:8080"
	DefaultMinConfidence = 0.35
	DefaultAnswer        = "Sorry, I don't know that one. Try /issues or /faq to see what I can answer."
	DefaultCatchUp       = Duration(6 * time.Hour)
	DefaultFeedRefresh   = Duration(15 * time.Minute)
	DefaultRetention     = Duration(30 * 24 * time.Hour)
	// DefaultAlertAfter is how many failed polls of a feed in a row make
	// an admin alert.
	DefaultAlertAfter = 3
)

// Defaults returns the configuration used when there is no file: the
// built-in sample corpus, the console adapter, and SQLite in the user's
// state directory.
func Defaults() *Config {
	return &Config{
		Answer: Answer{MinConfidence: DefaultMinConfidence, DefaultAnswer: DefaultAnswer},
		HTTP:   HTTP{Listen: DefaultListen},
		Store:  Store{Driver: "sqlite", QueryLogRetention: DefaultRetention},
		Log:    Log{Level: "info", Format: "auto"},
	}
}

// DefaultSQLitePath is where the SQLite file lives when store.dsn is empty:
// $XDG_STATE_HOME/briefbot/briefbot.db (~/.local/state/...), or
// ./briefbot.db when there is no home directory.
func DefaultSQLitePath() string {
	dir := os.Getenv("XDG_STATE_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil || home == "" {
			return "briefbot.db"
		}
		dir = filepath.Join(home, ".local", "state")
	}
	return filepath.Join(dir, "briefbot", "briefbot.db")
}

// SkipsEmpty reports whether a schedule skips slots with nothing new
// (the default).
func (s Schedule) SkipsEmpty() bool { return s.SkipIfEmpty == nil || *s.SkipIfEmpty }

// CatchUpWindow returns how late a missed slot may still be posted.
func (s Schedule) CatchUpWindow() time.Duration {
	if s.CatchUp == 0 {
		return DefaultCatchUp.Std()
	}
	return s.CatchUp.Std()
}

// RefreshEvery returns the feed's refresh interval.
func (f Feed) RefreshEvery() time.Duration {
	if f.Refresh == 0 {
		return DefaultFeedRefresh.Std()
	}
	return f.Refresh.Std()
}

// Threshold returns how many failed polls in a row make an alert.
func (a FeedAlerts) Threshold() int {
	if a.AfterFailures == 0 {
		return DefaultAlertAfter
	}
	return a.AfterFailures
}

// ResolvePaths makes relative corpus paths and a relative SQLite file
// relative to dir (the config file's folder).
func (c *Config) ResolvePaths(dir string) {
	for i, p := range c.Corpus.Paths {
		if p != "" && !filepath.IsAbs(p) {
			c.Corpus.Paths[i] = filepath.Join(dir, p)
		}
	}
	if c.Store.Driver == "sqlite" && c.Store.DSN != "" && !filepath.IsAbs(c.Store.DSN) && c.Store.DSN != ":memory:" {
		c.Store.DSN = filepath.Join(dir, c.Store.DSN)
	}
}
