package config

import "strings"

// Environment variables that configure briefbot without a file, as a
// container is configured (docker run -e ...). ListenEnv is also the
// default of http.listen when a file leaves it out, so an image can listen
// on 0.0.0.0 while the binary's own default stays 127.0.0.1.
const (
	ConfigEnv = "BRIEFBOT_CONFIG"
	ListenEnv = "BRIEFBOT_LISTEN"
)

// EnvKey is a config key that an environment variable sets when there is
// no config file.
type EnvKey struct {
	Var, Field, Meaning string
	set                 func(c *Config, v string)
}

// EnvKeys lists, in the order help shows them, the keys read from the
// environment when briefbot runs without a config file.
func EnvKeys() []EnvKey {
	return []EnvKey{
		{ListenEnv, "http.listen", "the HTTP server's host:port", func(c *Config, v string) { c.HTTP.Listen = v }},
		{"BRIEFBOT_STORE_DSN", "store.dsn", "postgres://... (driver postgres) or a SQLite file path", func(c *Config, v string) {
			c.Store.DSN = v
			if strings.HasPrefix(v, "postgres://") || strings.HasPrefix(v, "postgresql://") {
				c.Store.Driver = "postgres"
			}
		}},
		{"SLACK_BOT_TOKEN", "slack.bot_token", "xoxb-...: posting, and Socket Mode with the app token", func(c *Config, v string) { c.Slack.BotToken = v }},
		{"SLACK_APP_TOKEN", "slack.app_token", "xapp-...: Socket Mode", func(c *Config, v string) { c.Slack.AppToken = v }},
		{"SLACK_SIGNING_SECRET", "slack.signing_secret", "the HTTP routes /slack/*", func(c *Config, v string) { c.Slack.SigningSecret = v }},
		{"DISCORD_BOT_TOKEN", "discord.token", "the gateway and posting", func(c *Config, v string) { c.Discord.Token = v }},
		{"DISCORD_APPLICATION_ID", "discord.application_id", "with the public key: /discord/interactions", func(c *Config, v string) { c.Discord.ApplicationID = v }},
		{"DISCORD_PUBLIC_KEY", "discord.public_key", "the application's hex public key", func(c *Config, v string) { c.Discord.PublicKey = v }},
	}
}

// FromEnv returns the configuration of a run without a config file: the
// defaults, with each EnvKeys variable that is set and not empty applied.
// It does not validate; Validate names the field, and EnvField maps it
// back to its variable.
func FromEnv(getenv Getenv) *Config {
	c := Defaults()
	for _, k := range EnvKeys() {
		if v, ok := getenv(k.Var); ok && strings.TrimSpace(v) != "" {
			k.set(c, strings.TrimSpace(v))
		}
	}
	return c
}

// EnvField returns the environment variable that sets field without a
// config file, or "".
func EnvField(field string) string {
	for _, k := range EnvKeys() {
		if k.Field == field {
			return k.Var
		}
	}
	return ""
}

// defaultsFrom is Defaults with the environment's default listen address.
func defaultsFrom(getenv Getenv) *Config {
	c := Defaults()
	if getenv != nil {
		if v, ok := getenv(ListenEnv); ok && strings.TrimSpace(v) != "" {
			c.HTTP.Listen = strings.TrimSpace(v)
		}
	}
	return c
}
