package main

import (
	"context"
	"os"
	"strconv"

	"github.com/briefbot/briefbot/adapters/console"
	"github.com/briefbot/briefbot/bot"
)

// runChat is the terminal chat: the same commands as in Slack, a prompt on
// a terminal, one answer per line of piped input otherwise.
func runChat(ctx context.Context, e *env, g *globals, args []string) error {
	fs := g.flags("chat")
	if err := g.parse(fs, args); err != nil {
		return err
	}
	a, err := load(ctx, e, g)
	if err != nil {
		return err
	}
	store, closeStore := a.openStoreOrWarn(ctx)
	defer closeStore()
	b, err := a.newBot(store, nil)
	if err != nil {
		return err
	}
	c := console.New(b, e.stdin, e.stdout, console.Options{Interactive: e.interactive, Width: terminalWidth()})
	return c.Run(ctx)
}

// newBot builds the core from the app's config and knowledge.
func (a *app) newBot(store bot.Store, m *bot.Metrics) (*bot.Bot, error) {
	return bot.New(bot.Options{
		KB:        a.kb,
		Store:     store,
		Logger:    a.log,
		Metrics:   m,
		RateLimit: bot.RateLimit{PerMinute: a.cfg.RateLimit.PerMinute, Burst: a.cfg.RateLimit.Burst},
		Admins:    map[string][]string{bot.PlatformSlack: a.cfg.Admins.Slack, bot.PlatformDiscord: a.cfg.Admins.Discord},
		HashSalt:  a.cfg.Slack.SigningSecret + a.cfg.Discord.PublicKey,
	})
}

// terminalWidth reads $COLUMNS, else 80.
func terminalWidth() int {
	if n, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && n >= 40 {
		return n
	}
	return console.DefaultWidth
}
