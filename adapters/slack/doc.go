// Package slack connects the bot to Slack with github.com/slack-go/slack.
//
// The Adapter runs in the modes its credentials allow: Socket Mode (app
// and bot token; no public URL), HTTP mode (signing secret; the handlers of
// Routes mounted on the bot's HTTP server, every request's signature
// checked before anything else), and posting (bot token; digests and
// direct messages through bot.Poster and bot.DirectMessager, with retries).
//
// Render turns the bot's neutral messages into Block Kit within Slack's
// limits, splitting long messages rather than cutting them, and escaping
// every text so that nothing from a question or an article can mention a
// channel or forge a link. Manifest generates the Slack app manifest from
// the command registry.
package slack
