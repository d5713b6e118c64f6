// Package discord connects briefbot to Discord with discordgo.
//
// Two modes, chosen by the credentials in Options: with a bot token the
// adapter opens the gateway, registers the core's commands as slash
// commands on READY (globally, or per guild for instant updates), answers
// interactions from the websocket and posts digests (Poster); with a public
// key and application id it serves POST /discord/interactions, verifying
// Discord's Ed25519 signature. Both may run together.
//
// Every message is rendered from the neutral bot.Message into embeds that
// keep Discord's limits, splitting long messages between sentences or list
// items into several messages. Replies are ephemeral unless the core asks
// for the channel, and nothing the bot sends can ping (allowed_mentions is
// empty), whatever a user typed, except the users a message names in
// bot.Message.Mentions (a subscription notice's subscribers).
//
// Replicas: every gateway session receives every interaction, so with
// Options.Dedupe (a claim in the shared store) only the replica that
// claims an interaction answers it.
package discord
