package config

import (
	"encoding/hex"
	"fmt"
	"net"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"
)

// ValidateOptions hold checks that live outside this package.
type ValidateOptions struct {
	// CheckSchedule validates a cron spec in a zone (the scheduler's
	// parser); nil checks only that the spec is present.
	CheckSchedule func(spec, timezone string) error
	// SkipPathCheck leaves corpus paths unchecked (for tests).
	SkipPathCheck bool
}

// Validate returns every problem in c as Problems (nil when there is none).
// file and lines place each problem; lines may be nil.
func (c *Config) Validate(file string, lines Lines, o ValidateOptions) error {
	v := validator{file: file, lines: lines}
	v.corpus(c, o)
	if c.Answer.MinConfidence < 0 || c.Answer.MinConfidence > 1 {
		v.add("answer.min_confidence", "must be between 0 and 1, not %g", c.Answer.MinConfidence)
	}
	if strings.TrimSpace(c.Answer.DefaultAnswer) == "" {
		v.add("answer.default_answer", "must not be empty")
	}
	if msg := checkListen(c.HTTP.Listen); msg != "" {
		v.add("http.listen", "%s", msg)
	}
	switch c.Store.Driver {
	case "sqlite":
	case "postgres":
		if c.Store.DSN == "" {
			v.add("store.dsn", "is required with driver postgres (postgres://user@host:5432/db)")
		}
	default:
		v.add("store.driver", "must be sqlite or postgres, not %s", quote(c.Store.Driver))
	}
	v.slack(c.Slack)
	v.discord(c.Discord)
	v.schedules(c, o)
	v.issues(c.Issues)
	for i, f := range c.FAQ {
		p := fmt.Sprintf("faq[%d]", i)
		if strings.TrimSpace(f.Question) == "" {
			v.add(p+".question", "is required")
		}
		if strings.TrimSpace(f.Answer) == "" {
			v.add(p+".answer", "is required")
		}
	}
	for i, g := range c.Synonyms {
		if len(g) < 2 {
			v.add(fmt.Sprintf("synonyms[%d]", i), "a synonym group needs at least two words")
		}
	}
	if c.RateLimit.PerMinute < 0 {
		v.add("rate_limit.per_minute", "must not be negative")
	}
	if c.RateLimit.Burst < 0 {
		v.add("rate_limit.burst", "must not be negative")
	}
	switch c.Log.Level {
	case "", "debug", "info", "warn", "error":
	default:
		v.add("log.level", "must be debug, info, warn or error, not %s", quote(c.Log.Level))
	}
	switch c.Log.Format {
	case "", "auto", "text", "json":
	default:
		v.add("log.format", "must be auto, text or json, not %s", quote(c.Log.Format))
	}
	if len(v.problems) == 0 {
		return nil
	}
	sortProblems(v.problems)
	return v.problems
}

type validator struct {
	file     string
	lines    Lines
	problems Problems
}

// add records a problem at field, placed on the line of the field or of
// its nearest parent present in the file.
func (v *validator) add(field, format string, args ...any) {
	v.problems = append(v.problems, Problem{File: v.file, Line: v.line(field), Field: field, Msg: fmt.Sprintf(format, args...)})
}

func (v *validator) line(field string) int {
	for p := field; p != ""; {
		if n, ok := v.lines[p]; ok {
			return n
		}
		i := strings.LastIndexAny(p, ".[")
		if i < 0 {
			break
		}
		p = p[:i]
	}
	return 0
}

func (v *validator) corpus(c *Config, o ValidateOptions) {
	for i, p := range c.Corpus.Paths {
		f := fmt.Sprintf("corpus.paths[%d]", i)
		if strings.TrimSpace(p) == "" {
			v.add(f, "must not be empty")
			continue
		}
		if o.SkipPathCheck {
			continue
		}
		if _, err := os.Stat(p); err != nil {
			v.add(f, "%s does not exist or cannot be read", quote(p))
		}
	}
	for i, fd := range c.Corpus.Feeds {
		f := fmt.Sprintf("corpus.feeds[%d]", i)
		u, err := url.Parse(fd.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			v.add(f+".url", "%s is not an http(s) URL", quote(fd.URL))
		}
		if fd.Refresh != 0 && fd.Refresh.Std() < time.Minute {
			v.add(f+".refresh", "must be at least 1m, not %s", fd.Refresh.Std())
		}
	}
	if c.Corpus.Retention.MaxAge < 0 {
		v.add("corpus.retention.max_age", "must not be negative")
	}
	if c.Corpus.Retention.MaxArticles < 0 {
		v.add("corpus.retention.max_articles", "must not be negative")
	}
	if c.Corpus.FeedAlerts.AfterFailures < 0 {
		v.add("corpus.feed_alerts.after_failures", "must not be negative")
	}
	v.targets(c, "corpus.feed_alerts.targets", c.Corpus.FeedAlerts.Targets)
}

func (v *validator) slack(s Slack) {
	if s.AppToken != "" && s.BotToken == "" {
		v.add("slack.bot_token", "is required with slack.app_token (Socket Mode needs both)")
	}
	if s.AppToken != "" && !strings.HasPrefix(s.AppToken, "xapp-") {
		v.add("slack.app_token", "must be an app-level token starting with xapp-")
	}
	if s.BotToken != "" && !strings.HasPrefix(s.BotToken, "xoxb-") {
		v.add("slack.bot_token", "must be a bot token starting with xoxb-")
	}
	v.apiURL("slack.api_url", s.APIURL)
}

func (v *validator) discord(d Discord) {
	if d.PublicKey != "" {
		if b, err := hex.DecodeString(d.PublicKey); err != nil || len(b) != 32 {
			v.add("discord.public_key", "must be the application's 64-character hex public key")
		}
		if d.ApplicationID == "" {
			v.add("discord.application_id", "is required with discord.public_key")
		}
	}
	if d.ApplicationID != "" && d.PublicKey == "" && d.Token == "" {
		v.add("discord.public_key", "is required with discord.application_id (or set discord.token)")
	}
	if len(d.GuildIDs) > 0 && d.Token == "" {
		v.add("discord.token", "is required with discord.guild_ids (commands are registered through the gateway)")
	}
	v.apiURL("discord.api_url", d.APIURL)
}

func (v *validator) apiURL(field, s string) {
	if s == "" {
		return
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		v.add(field, "%s is not an http(s) URL", quote(s))
	}
}

func (v *validator) schedules(c *Config, o ValidateOptions) {
	seen := map[string]bool{}
	for i, s := range c.Schedules {
		p := fmt.Sprintf("schedules[%d]", i)
		switch {
		case strings.TrimSpace(s.Name) == "":
			v.add(p+".name", "is required")
		case seen[s.Name]:
			v.add(p+".name", "%s is used by another schedule", quote(s.Name))
		}
		seen[s.Name] = true
		zone := s.Timezone
		if zone != "" {
			if _, err := time.LoadLocation(zone); err != nil {
				v.add(p+".timezone", "unknown time zone %s (use an IANA name such as Europe/Berlin)", quote(zone))
				zone = "" // still check the spec, in UTC
			}
		}
		switch {
		case strings.TrimSpace(s.Cron) == "":
			v.add(p+".cron", "is required (e.g. \"0 9 * * 1-5\" or \"@daily\")")
		case o.CheckSchedule != nil:
			if err := o.CheckSchedule(s.Cron, zone); err != nil {
				v.add(p+".cron", "%v", err)
			}
		}
		if len(s.Targets) == 0 {
			v.add(p+".targets", "needs at least one target ({slack: CHANNEL} or {discord: CHANNEL_ID})")
		}
		v.targets(c, p+".targets", s.Targets)
		if s.MaxItems < 0 {
			v.add(p+".max_items", "must not be negative")
		}
		if s.CatchUp < 0 {
			v.add(p+".catch_up", "must not be negative")
		}
	}
}

// targets checks the places field posts to: exactly one platform each,
// with its posting credentials set.
func (v *validator) targets(c *Config, field string, ts []Target) {
	for j, t := range ts {
		tp := fmt.Sprintf("%s[%d]", field, j)
		switch {
		case (t.Slack == "") == (t.Discord == ""):
			v.add(tp, "set exactly one of slack or discord")
		case t.Slack != "" && c.Slack.BotToken == "":
			v.add(tp+".slack", "posting to Slack needs slack.bot_token")
		case t.Discord != "" && c.Discord.Token == "":
			v.add(tp+".discord", "posting to Discord needs discord.token")
		}
	}
}

func (v *validator) issues(issues []Issue) {
	seen := map[string]bool{}
	for i, is := range issues {
		p := fmt.Sprintf("issues[%d]", i)
		name := strings.ToLower(strings.TrimSpace(is.Name))
		switch {
		case name == "":
			v.add(p+".name", "is required")
		case seen[name]:
			v.add(p+".name", "%s is named twice", quote(is.Name))
		}
		seen[name] = true
	}
}

// checkListen returns what is wrong with a listen address, or "": it must
// be host:port with a port from 0 to 65535 (0 picks a free one) and a
// host that is empty, an IP address or a name.
func checkListen(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return quote(addr) + " is not host:port (e.g. 127.0.0.1:8080 or 0.0.0.0:8080)"
	}
	n, err := strconv.Atoi(port)
	if err != nil || n < 0 || n > 65535 {
		return "port " + quote(port) + " is not a number from 0 to 65535"
	}
	if strings.ContainsAny(host, " /\\@?#") {
		return "host " + quote(host) + " is not an IP address or a host name"
	}
	return ""
}
