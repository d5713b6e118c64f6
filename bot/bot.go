package bot

import (
	"context"
)

// HandlerFunc runs one command.
type HandlerFunc func(ctx context.Context, req Request) (Message, error)

// Command is one chat command, as data. Help text, the Slack manifest and
// Discord's command registration are generated from the registry of these.
type Command struct {
	Name        string // without the slash: "ask"
	Description string
	// Arg names the single argument ("question"); empty when the command
	// takes none. It is the Discord option name.
	Arg            string
	ArgDescription string
	ArgRequired    bool
	// Autocomplete says the argument is completed with Bot.Complete.
	Autocomplete bool
	Examples     []string
	AdminOnly    bool
	// NeedsStore says the command exists only when a store is configured.
	NeedsStore bool
	Handler    HandlerFunc
}

// Bot is the platform-neutral core every adapter talks to. It is safe for
// concurrent use.
type Bot struct {
	commands []Command
}

// Commands returns the registry, in help order.
func (b *Bot) Commands() []Command { return b.commands }

// Handle runs a request through the middleware and the command's handler.
// It always returns a message to show: unknown commands, bad arguments,
// rate limits and internal errors become a friendly explanation.
func (b *Bot) Handle(ctx context.Context, req Request) Message {
	return Message{Title: "not implemented"}
}

// Complete returns up to 25 completions for the argument of command, best
// first (Discord autocomplete).
func (b *Bot) Complete(ctx context.Context, command, partial string) []string { return nil }

// Click handles a button click: a Share re-runs the original request with
// Channel visibility and returns the message to post; feedback buttons are
// recorded and return a short private acknowledgement.
func (b *Bot) Click(ctx context.Context, req Request, action, value string) Message {
	return Message{}
}
