// Package config reads briefbot's YAML configuration: defaults, then
// Parse, then Validate, which reports every problem with its file, line and
// field.
package config

import "time"

// Config is the whole configuration file.
type Config struct {
	Corpus    Corpus     `yaml:"corpus"`
	Answer    Answer     `yaml:"answer"`
	HTTP      HTTP       `yaml:"http"`
	Store     Store      `yaml:"store"`
	Slack     Slack      `yaml:"slack"`
	Discord   Discord    `yaml:"discord"`
	Schedules []Schedule `yaml:"schedules"`
	Issues    []Issue    `yaml:"issues"`
	FAQ       []FAQ      `yaml:"faq"`
	Synonyms  [][]string `yaml:"synonyms"`
	Admins    Admins     `yaml:"admins"`
	RateLimit RateLimit  `yaml:"rate_limit"`
	Log       Log        `yaml:"log"`
}

// Corpus says where articles come from.
type Corpus struct {
	Paths []string `yaml:"paths"`
	Feeds []Feed   `yaml:"feeds"`
	// Watch makes serve pick up new, changed and removed files in Paths.
	Watch bool `yaml:"watch"`
	// FeedAlerts tells admins about a feed that keeps failing.
	FeedAlerts FeedAlerts `yaml:"feed_alerts"`
	// Retention bounds the stored feed articles.
	Retention Retention `yaml:"retention"`
}

// Retention lets go of feed articles (from the store and the knowledge):
// those dated (published, else fetched) more than MaxAge ago, and all but
// the newest MaxArticles. Zero means no limit. Files are never let go.
type Retention struct {
	MaxAge      Duration `yaml:"max_age"`
	MaxArticles int      `yaml:"max_articles"`
}

// FeedAlerts posts one message to each target when a feed has failed
// AfterFailures polls in a row, and one when it works again. No targets:
// a failing feed is only logged and counted.
type FeedAlerts struct {
	// AfterFailures is how many failed polls in a row make an alert
	// (default 3).
	AfterFailures int      `yaml:"after_failures"`
	Targets       []Target `yaml:"targets"`
}

// Feed is an RSS, Atom or JSON feed to poll.
type Feed struct {
	URL     string   `yaml:"url"`
	Refresh Duration `yaml:"refresh"`
}

// Answer tunes /ask.
type Answer struct {
	MinConfidence float64 `yaml:"min_confidence"`
	DefaultAnswer string  `yaml:"default_answer"`
}

// HTTP is the bot's HTTP server.
type HTTP struct {
	Listen string `yaml:"listen"`
}

// Store is the state backend.
type Store struct {
	Driver string `yaml:"driver"` // sqlite | postgres
	DSN    string `yaml:"dsn"`
	// QueryLogRetention is how long the query log keeps entries.
	QueryLogRetention Duration `yaml:"query_log_retention"`
}

// Slack credentials and options.
type Slack struct {
	BotToken      string `yaml:"bot_token"`
	AppToken      string `yaml:"app_token"`
	SigningSecret string `yaml:"signing_secret"`
	APIURL        string `yaml:"api_url"`
}

// Discord credentials and options.
type Discord struct {
	Token         string   `yaml:"token"`
	ApplicationID string   `yaml:"application_id"`
	PublicKey     string   `yaml:"public_key"`
	GuildIDs      []string `yaml:"guild_ids"`
	APIURL        string   `yaml:"api_url"`
}

// Schedule posts a digest on a cron schedule.
type Schedule struct {
	Name     string   `yaml:"name"`
	Cron     string   `yaml:"cron"`
	Timezone string   `yaml:"timezone"`
	Targets  []Target `yaml:"targets"`
	// Issues limits the digest to these issues (names or aliases).
	Issues   []string `yaml:"issues"`
	MaxItems int      `yaml:"max_items"`
	// SkipIfEmpty skips a slot with nothing new (default true).
	SkipIfEmpty *bool `yaml:"skip_if_empty"`
	// CatchUp is how late a missed slot may still be posted (default 6h).
	CatchUp Duration `yaml:"catch_up"`
}

// Target is one place a schedule or an alert posts to: exactly one field
// is set.
type Target struct {
	Slack   string `yaml:"slack"`
	Discord string `yaml:"discord"`
}

// Issue is an admin-named issue.
type Issue struct {
	Name     string   `yaml:"name"`
	Aliases  []string `yaml:"aliases"`
	Keywords []string `yaml:"keywords"`
}

// FAQ is an admin FAQ entry.
type FAQ struct {
	Question   string   `yaml:"question"`
	Answer     string   `yaml:"answer"`
	Alternates []string `yaml:"alternates"`
}

// Admins lists, per platform, the user ids allowed to run admin commands.
type Admins struct {
	Slack   []string `yaml:"slack"`
	Discord []string `yaml:"discord"`
}

// RateLimit is the per-user token bucket for commands.
type RateLimit struct {
	PerMinute float64 `yaml:"per_minute"`
	Burst     int     `yaml:"burst"`
}

// Log configures logging.
type Log struct {
	Level  string `yaml:"level"`  // debug | info | warn | error
	Format string `yaml:"format"` // auto | text | json
}

// Duration is a time.Duration written as "90s", "6h" in YAML.
type Duration time.Duration
