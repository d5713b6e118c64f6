package slack

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"
)

// runSocket connects with Socket Mode and serves it until ctx ends (nil)
// or the connection fails for good (the tokens are rejected).
func (a *Adapter) runSocket(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	client := socketmode.New(a.api, socketmode.OptionLog(slogWriter{a.log}))
	errc := make(chan error, 1)
	go func() { errc <- client.RunContext(ctx) }()
	for {
		select {
		case err := <-errc:
			if ctx.Err() != nil || errors.Is(err, context.Canceled) {
				return nil
			}
			return fmt.Errorf("slack socket mode: %w", err)
		case evt := <-client.Events:
			a.handleEvent(ctx, client, evt)
		}
	}
}

// handleEvent acknowledges every envelope and answers slash commands and
// button clicks. The acknowledgement of a slash command carries the
// answer when it is ready in time (that is how Socket Mode answers within
// Slack's 3 s). A command or click whose envelope another process claimed
// (Options.Dedupe) is acknowledged empty and not answered.
func (a *Adapter) handleEvent(ctx context.Context, client *socketmode.Client, evt socketmode.Event) {
	if a.onEvent != nil {
		a.onEvent(evt.Type)
	}
	switch evt.Type {
	case socketmode.EventTypeConnected:
		a.log.Info("slack socket mode connected")
	case socketmode.EventTypeConnectionError:
		a.log.Warn("slack socket mode connection failed", "err", fmt.Sprint(evt.Data))
	case socketmode.EventTypeInvalidAuth:
		a.log.Error("slack socket mode: tokens rejected")
	case socketmode.EventTypeSlashCommand:
		cmd, ok := evt.Data.(slack.SlashCommand)
		if !ok || evt.Request == nil {
			a.ack(ctx, client, evt.Request, nil)
			return
		}
		req := requestFromCommand(cmd)
		a.log.Debug("slack command", "command", req.Command, "user", req.UserID, "channel", req.ChannelID)
		a.bg.Add(1)
		go func() {
			defer a.bg.Done()
			if !a.claim(ctx, evt.Request.EnvelopeID) {
				a.ack(ctx, client, evt.Request, nil)
				return
			}
			a.ack(ctx, client, evt.Request, a.command(ctx, req, cmd.ResponseURL, fitsSocket))
		}()
	case socketmode.EventTypeInteractive:
		a.ack(ctx, client, evt.Request, nil)
		cb, ok := evt.Data.(slack.InteractionCallback)
		if !ok || evt.Request == nil {
			return
		}
		a.bg.Add(1)
		go func() {
			defer a.bg.Done()
			if a.claim(ctx, evt.Request.EnvelopeID) {
				a.click(ctx, cb)
			}
		}()
	default:
		if evt.Request != nil && evt.Request.EnvelopeID != "" {
			a.ack(ctx, client, evt.Request, nil)
		}
	}
}

// claimWithin bounds a claim, which delays the answer Slack waits 3 s for
// (answerBudget leaves half a second): a store slower than this is treated
// as failing, and the envelope is answered.
const claimWithin = 250 * time.Millisecond

// claim reports whether this process answers the envelope: true without
// Options.Dedupe, when it wins the claim, or when the claim fails (logged;
// a rare duplicate beats a lost answer).
func (a *Adapter) claim(ctx context.Context, envelopeID string) bool {
	if a.opts.Dedupe == nil || envelopeID == "" {
		return true
	}
	// A claim is short: let it finish while shutting down, as the answer
	// it decides on does.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), claimWithin)
	defer cancel()
	won, err := a.opts.Dedupe(ctx, "slack:"+envelopeID)
	if err != nil {
		a.log.Warn("slack: claiming the envelope failed; answering anyway", "envelope", envelopeID, "err", err)
		return true
	}
	if !won {
		a.log.Debug("slack envelope claimed by another process", "envelope", envelopeID)
	}
	return won
}

// ack acknowledges an envelope, with payload when it is not nil.
func (a *Adapter) ack(ctx context.Context, client *socketmode.Client, req *socketmode.Request, payload *wireMsg) {
	if req == nil || req.EnvelopeID == "" {
		return
	}
	var p any
	if payload != nil {
		p = payload
	}
	if err := client.AckCtx(ctx, req.EnvelopeID, p); err != nil {
		a.log.Error("slack socket mode ack", "err", err)
	}
}
