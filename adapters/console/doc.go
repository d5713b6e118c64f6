// Package console is the terminal chat: the same commands as in Slack and
// Discord, typed at a prompt or piped in on stdin, with answers rendered as
// word-wrapped plain text by RenderText.
package console
