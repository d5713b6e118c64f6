// Package slack connects the bot to Slack with github.com/slack-go/slack.
//
// The Adapter runs in the modes its credentials allow: Socket Mode (app
// and bot token; no public URL), HTTP mode (signing secret; the handlers of
// Routes mounted on the bot's HTTP server, every request's signature
// checked before anything else), and posting (bot token; digests and
// direct messages through bot.Poster and bot.DirectMessager, with retries).
// With Options.Dedupe, replicas sharing a store answer a Socket Mode
// envelope that Slack delivers to several of their connections once.
//
// Render turns the bot's neutral messages into Block Kit within Slack's
// limits, splitting long messages rather than cutting them, and escaping
// every text so that nothing from a question or an article can mention a
// channel or forge a link; only a message's Mentions are mentioned. Manifest generates the Slack app manifest from
// the command registry.
package slack
