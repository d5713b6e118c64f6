package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/signal"
	"sync"
	"syscall"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/briefbot/briefbot/adapters/discord"
	"github.com/briefbot/briefbot/adapters/slack"
	"github.com/briefbot/briefbot/bot"
)

// runServe runs the configured adapters, the digest scheduler, the live
// corpus and the HTTP server until ctx ends (SIGINT/SIGTERM). SIGHUP
// reloads the config and the corpus.
func runServe(ctx context.Context, e *env, g *globals, args []string) error {
	fs := g.flags("serve")
	if err := g.parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("serve takes no arguments")
	}
	a, err := loadFor(ctx, e, g, true)
	if err != nil {
		return err
	}
	store, err := a.openStore(ctx)
	if err != nil {
		return err
	}
	defer store.Close()

	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	metrics := bot.NewMetrics(reg)
	metrics.SetCorpusSize(len(a.articles))
	b, err := a.newBot(store, metrics)
	if err != nil {
		return err
	}
	s, err := a.platforms(b)
	if err != nil {
		return err
	}
	sched, err := a.newScheduler(store, b, s.posters, metrics)
	if err != nil {
		return err
	}
	srv, err := bot.NewServer(bot.ServerOptions{
		Addr:     a.cfg.HTTP.Listen,
		Ready:    b.Ready,
		Gatherer: reg,
		Routes:   s.routes,
		Logger:   a.log,
	})
	if err != nil {
		return fmt.Errorf("http server: %w", err)
	}

	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var wg sync.WaitGroup
	start := func(name string, run func(context.Context) error) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := run(ctx); err != nil && !errors.Is(err, context.Canceled) {
				if name != "" {
					err = fmt.Errorf("%s: %w", name, err)
				}
				cancel(err)
			}
		}()
	}
	// The HTTP server listens first: a busy port or a bad address ends
	// the start with its cause before any adapter connects.
	start("", srv.Serve)
	select {
	case <-srv.Listening():
	case <-ctx.Done(): // listening failed, or a signal came first
		wg.Wait()
		if err := context.Cause(ctx); !errors.Is(err, context.Canceled) {
			return err
		}
		return nil
	}
	a.listening = srv.Addr().String()
	for _, ad := range s.adapters {
		start(ad.Name(), ad.Run)
	}
	start("scheduler", sched.Run)
	start("live corpus", func(ctx context.Context) error { return a.live(ctx, b, store, metrics) })
	start("reload", func(ctx context.Context) error { return a.reloadOnHUP(ctx, g, b, metrics) })

	if len(s.adapters) == 0 {
		a.log.Warn("no chat adapter is configured: serving only /healthz, /readyz and /metrics; " +
			"set SLACK_BOT_TOKEN and SLACK_APP_TOKEN, SLACK_SIGNING_SECRET, DISCORD_BOT_TOKEN, " +
			"or DISCORD_PUBLIC_KEY and DISCORD_APPLICATION_ID (or slack: and discord: in the config file)")
	}
	a.log.Info("briefbot serving", "version", version, "listen", srv.Addr().String(),
		"articles", len(a.articles), "adapters", s.names(), "schedules", len(a.cfg.Schedules))
	<-ctx.Done()
	wg.Wait()
	if err := context.Cause(ctx); err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	a.log.Info("briefbot stopped")
	return nil
}

// platformSet is what the configured chat platforms bring: adapters to
// run, HTTP routes to serve, posters for digests.
type platformSet struct {
	adapters []bot.Adapter
	routes   map[string]http.Handler
	posters  map[string]bot.Poster
}

func (s platformSet) names() []string {
	out := []string{}
	for _, a := range s.adapters {
		out = append(out, a.Name())
	}
	return out
}

// platforms builds the adapters whose credentials are set, per the
// contract's adapter modes.
func (a *app) platforms(b *bot.Bot) (platformSet, error) {
	s := platformSet{routes: map[string]http.Handler{}, posters: map[string]bot.Poster{}}
	if c := a.cfg.Slack; c.BotToken != "" || c.AppToken != "" || c.SigningSecret != "" {
		ad, err := slack.New(slack.Options{
			BotToken: c.BotToken, AppToken: c.AppToken, SigningSecret: c.SigningSecret,
			APIURL: c.APIURL, Logger: a.log.With("adapter", "slack"), Core: b,
			Dedupe: b.Dedupe(), // replicas answer a Socket Mode envelope once
		})
		if err != nil {
			return s, fmt.Errorf("slack: %w", err)
		}
		s.adapters = append(s.adapters, ad)
		if c.SigningSecret != "" {
			for k, h := range ad.Routes() {
				s.routes[k] = h
			}
		}
		if c.BotToken != "" {
			s.posters[bot.PlatformSlack] = ad
		}
	}
	if c := a.cfg.Discord; c.Token != "" || c.PublicKey != "" {
		ad, err := discord.New(discord.Options{
			Token: c.Token, ApplicationID: c.ApplicationID, PublicKey: c.PublicKey,
			GuildIDs: c.GuildIDs, APIURL: c.APIURL, Logger: a.log.With("adapter", "discord"), Core: b,
			Dedupe: b.Dedupe(), // replicas answer a gateway interaction once
			Values: b.Values(), // long button values shared by replicas
		})
		if err != nil {
			return s, fmt.Errorf("discord: %w", err)
		}
		s.adapters = append(s.adapters, ad)
		if c.PublicKey != "" {
			for k, h := range ad.Routes() {
				s.routes[k] = h
			}
		}
		if c.Token != "" {
			s.posters[bot.PlatformDiscord] = ad
		}
	}
	return s, nil
}

// reloadOnHUP reloads the config file and the corpus on SIGHUP: the new
// knowledge is built aside and swapped in atomically; on any error the bot
// keeps running on what it had and logs why.
func (a *app) reloadOnHUP(ctx context.Context, g *globals, b *bot.Bot, m *bot.Metrics) error {
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-hup:
			if err := a.reload(ctx, g, b, m); err != nil {
				a.log.Error("reload failed; still running on the previous config", "err", err)
				continue
			}
			a.log.Info("reloaded", "articles", len(b.KB().Articles()))
		}
	}
}
