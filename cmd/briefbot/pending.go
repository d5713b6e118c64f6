package main

import (
	"context"
	"errors"
	"github.com/briefbot/briefbot/bot"
)

var errPending = errors.New("pending")

func checkSchedule(spec, tz string) error { return nil }
func (a *app) scheduleDigest(ctx context.Context, e *env, name string, now any, dry, asJSON bool) error {
	return errPending
}
func runSchedules(ctx context.Context, e *env, g *globals, args []string) error { return errPending }
func runServe(ctx context.Context, e *env, g *globals, args []string) error     { return errPending }
func (a *app) openStoreOrWarn(ctx context.Context) (bot.Store, func())          { return nil, func() {} }
