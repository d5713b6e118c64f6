package bot

import (
	"fmt"
	"regexp"
)

// builtins returns the built-in commands in help order.
func (b *Bot) builtins() []Command {
	return []Command{
		{
			Name:           "ask",
			Description:    "Ask a question; get the answer with its sources.",
			Arg:            "question",
			ArgDescription: "Your question, in your own words",
			ArgRequired:    true,
			Examples:       []string{"/ask what is the latest?"},
			Handler:        b.ask,
		},
		{
			Name:           "issue",
			Description:    "Summarise one issue, with sources.",
			Arg:            "name",
			ArgDescription: "The issue's name (see /issues)",
			ArgRequired:    true,
			Autocomplete:   true,
			Handler:        b.issue,
		},
		{
			Name:           "issues",
			Description:    "List the main issues in the news.",
			Arg:            "page",
			ArgDescription: "Which page of the list (1 is the first)",
			Handler:        b.issues,
		},
		{
			Name:           "brief",
			Description:    "The briefing: what is new, overall or on one issue.",
			Arg:            "issue",
			ArgDescription: "Limit the briefing to one issue",
			Autocomplete:   true,
			Handler:        b.brief,
		},
		{
			Name:           "faq",
			Description:    "List the frequently asked questions.",
			Arg:            "page",
			ArgDescription: "Which page of the list (1 is the first)",
			Handler:        b.faq,
		},
		{
			Name:           "subscribe",
			Description:    "Follow an issue: get its news as it arrives.",
			Arg:            "issue",
			ArgDescription: "The issue to follow",
			ArgRequired:    true,
			Autocomplete:   true,
			NeedsStore:     true,
			Handler:        b.subscribe,
		},
		{
			Name:           "unsubscribe",
			Description:    "Stop following an issue.",
			Arg:            "issue",
			ArgDescription: "The issue to stop following",
			ArgRequired:    true,
			Autocomplete:   true,
			NeedsStore:     true,
			Handler:        b.unsubscribe,
		},
		{
			Name:           "unanswered",
			Description:    "Admins: the questions I could not answer, grouped, with FAQ entries to add.",
			Arg:            "since",
			ArgDescription: "How far back: 7d, 24h or an RFC 3339 time (default: the whole log)",
			AdminOnly:      true,
			NeedsStore:     true,
			Handler:        b.unanswered,
		},
		{
			Name:        "help",
			Description: "Show what I can do.",
			Handler:     b.help,
		},
	}
}

// validName is what Slack and Discord both accept as a command name.
var validName = regexp.MustCompile(`^[a-z0-9_-]{1,32}$`)

// register validates cmds, drops those needing a missing store, and wraps
// each handler in the middleware: logging, metrics, panic recovery, rate
// limit, admin check (admin-only commands), then extra, then the argument
// check.
func (b *Bot) register(cmds []Command, extra []Middleware) error {
	b.byName = map[string]int{}
	for _, c := range cmds {
		if c.NeedsStore && b.store == nil {
			continue
		}
		if !validName.MatchString(c.Name) {
			return fmt.Errorf("command %q: name must be 1-32 of a-z 0-9 _ -", c.Name)
		}
		if _, dup := b.byName[c.Name]; dup {
			return fmt.Errorf("command %q: registered twice", c.Name)
		}
		if c.Handler == nil {
			return fmt.Errorf("command %q: no handler", c.Name)
		}
		if c.Arg != "" && !validName.MatchString(c.Arg) {
			return fmt.Errorf("command %q: argument name %q must be 1-32 of a-z 0-9 _ -", c.Name, c.Arg)
		}
		mws := []Middleware{Logging(b.log, b.now), Instrument(b.metrics, b.now), Recover(b.log), limit(b.limiter)}
		if c.AdminOnly {
			mws = append(mws, AdminOnly(b.isAdmin))
		}
		mws = append(mws, extra...)
		mws = append(mws, requireArg(c))
		b.byName[c.Name] = len(b.commands)
		b.commands = append(b.commands, c)
		b.handlers = append(b.handlers, Chain(mws...)(c.Handler))
	}
	return nil
}
