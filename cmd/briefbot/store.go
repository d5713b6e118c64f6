package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/config"
	"github.com/briefbot/briefbot/bot/postgres"
	"github.com/briefbot/briefbot/bot/sqlite"
)

// openStore opens the configured state store, creating the SQLite file's
// folder when needed.
func (a *app) openStore(ctx context.Context) (bot.Store, error) {
	switch a.cfg.Store.Driver {
	case "postgres":
		s, err := postgres.Open(ctx, a.cfg.Store.DSN)
		if err != nil {
			return nil, fmt.Errorf("open postgres store: %w", err)
		}
		return s, nil
	default:
		path := a.cfg.Store.DSN
		if path == "" {
			path = config.DefaultSQLitePath()
		}
		if dir := filepath.Dir(path); dir != "." {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return nil, fmt.Errorf("open sqlite store: %w", err)
			}
		}
		s, err := sqlite.Open(ctx, path)
		if err != nil {
			return nil, fmt.Errorf("open sqlite store %s: %w", path, err)
		}
		a.log.Debug("store", "driver", "sqlite", "path", path)
		return s, nil
	}
}

// openStoreOrWarn is for the chat: without a usable store it still
// answers, only /subscribe and the query log are off.
func (a *app) openStoreOrWarn(ctx context.Context) (bot.Store, func()) {
	s, err := a.openStore(ctx)
	if err != nil {
		a.log.Warn("running without a store: subscriptions and the query log are off", "err", err)
		return nil, func() {}
	}
	return s, func() { s.Close() }
}
