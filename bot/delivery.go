package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// maxDeliverPerCall bounds the messages one Deliver call handles.
const maxDeliverPerCall = 1000

// outcome is what happened to one outbox message.
type outcome int

const (
	outcomeDelivered outcome = iota
	outcomeRetry
	outcomeGaveUp
	outcomeStoreError
)

// delivery is the result of handling one message.
type delivery struct {
	msg     OutboxMessage
	outcome outcome
	next    time.Time // retry time
	err     error     // the post error, when not delivered
}

// Deliver posts the outbox messages due at now, one lease at a time, and
// marks each delivered, or failed with an exponential backoff, or given up
// (permanent errors, expiry). Every failure is logged and counted. It
// returns only store errors; post failures stay in the outbox.
func (s *Scheduler) Deliver(ctx context.Context, now time.Time) error {
	_, err := s.deliver(ctx, now)
	return err
}

func (s *Scheduler) deliver(ctx context.Context, now time.Time) ([]delivery, error) {
	// Leases are per owner, so rounds of one process must not overlap.
	s.deliverMu.Lock()
	defer s.deliverMu.Unlock()
	var out []delivery
	var errs []error
	// Posted messages whose delivery could not be recorded are recorded
	// now, never posted again by this process.
	for id, pid := range s.unrecorded {
		if err := s.storeCall(ctx, func(ctx context.Context) error {
			return s.opts.Store.Delivered(ctx, id, pid, s.opts.Now())
		}); err != nil {
			errs = append(errs, err)
			continue
		}
		delete(s.unrecorded, id)
		s.opts.Metrics.DigestPosted()
	}
	for range maxDeliverPerCall {
		if ctx.Err() != nil || len(errs) > 0 {
			break
		}
		var msgs []OutboxMessage
		err := s.storeCall(ctx, func(ctx context.Context) (err error) {
			msgs, err = s.opts.Store.Lease(ctx, s.opts.Owner, now, s.opts.Lease, 1)
			return err
		})
		if err != nil {
			errs = append(errs, err)
			break
		}
		if len(msgs) == 0 {
			break
		}
		if _, posted := s.unrecorded[msgs[0].ID]; posted {
			break // held by us until the store answers again
		}
		d := s.deliverOne(ctx, msgs[0], now)
		if d.outcome == outcomeStoreError {
			errs = append(errs, d.err)
		}
		out = append(out, d)
	}
	var n int
	if err := s.storeCall(context.WithoutCancel(ctx), func(ctx context.Context) (err error) {
		n, err = s.opts.Store.Pending(ctx)
		return err
	}); err != nil {
		errs = append(errs, err)
	} else {
		s.opts.Metrics.SetOutboxDepth(n)
	}
	return out, errors.Join(errs...)
}

// deliverOne posts one leased message and records the outcome.
func (s *Scheduler) deliverOne(ctx context.Context, m OutboxMessage, now time.Time) delivery {
	kind := "digest"
	log := s.log.With("schedule", m.Schedule, "slot", m.Slot, "target", m.Target, "attempt", m.Attempts+1)
	if isFeedAlert(m.Schedule) {
		// A feed alert's slot is the number of the feed's outage.
		kind = "feed alert"
		log = s.log.With("alert", m.Schedule, "outage", m.Slot.Unix(), "target", m.Target, "attempt", m.Attempts+1)
	}
	if !m.ExpiresAt.IsZero() && !now.Before(m.ExpiresAt) {
		cause := fmt.Sprintf("expired after %d attempts", m.Attempts)
		if m.LastError != "" {
			cause += ": " + m.LastError
		}
		return s.giveUp(ctx, log, m, errors.New(cause))
	}
	pid, err := s.post(ctx, m)
	sctx := context.WithoutCancel(ctx) // record the outcome even when shutting down
	if err == nil {
		if err := s.storeCall(sctx, func(ctx context.Context) error {
			return s.opts.Store.Delivered(ctx, m.ID, pid, s.opts.Now())
		}); err != nil {
			// Keep the lease and retry recording; only another process,
			// after the lease runs out, could post it again.
			s.unrecorded[m.ID] = pid
			log.Error("posted, but recording the delivery failed", "err", err)
			return delivery{msg: m, outcome: outcomeStoreError, err: err}
		}
		if kind == "digest" {
			s.opts.Metrics.DigestPosted()
		}
		log.Info(kind+" message delivered", "platform_id", pid)
		return delivery{msg: m, outcome: outcomeDelivered}
	}
	if errors.Is(err, ErrPermanent) {
		return s.giveUp(ctx, log, m, err)
	}
	next := now.Add(s.backoff(m.Attempts))
	if ctx.Err() != nil {
		next = now // interrupted: anyone may retry at once
	}
	if !m.ExpiresAt.IsZero() && !next.Before(m.ExpiresAt) {
		return s.giveUp(ctx, log, m, fmt.Errorf("%w (the next try would be after expiry)", err))
	}
	if serr := s.storeCall(sctx, func(ctx context.Context) error {
		return s.opts.Store.Failed(ctx, m.ID, err.Error(), next)
	}); serr != nil {
		log.Error("post failed, and recording the failure failed", "err", err, "store_err", serr)
		return delivery{msg: m, outcome: outcomeStoreError, err: serr}
	}
	log.Warn(kind+" post failed; will retry", "err", err, "next_try", next)
	return delivery{msg: m, outcome: outcomeRetry, next: next, err: err}
}

// giveUp marks a message failed for good.
func (s *Scheduler) giveUp(ctx context.Context, log interface {
	Error(string, ...any)
}, m OutboxMessage, cause error) delivery {
	kind := "digest"
	if isFeedAlert(m.Schedule) {
		kind = "feed alert"
	}
	if err := s.storeCall(context.WithoutCancel(ctx), func(ctx context.Context) error {
		return s.opts.Store.Failed(ctx, m.ID, cause.Error(), time.Time{})
	}); err != nil {
		log.Error("giving up on a "+kind+" message failed", "err", cause, "store_err", err)
		return delivery{msg: m, outcome: outcomeStoreError, err: err}
	}
	if kind == "digest" {
		s.opts.Metrics.DigestFailed()
	}
	log.Error(kind+" message given up", "err", cause)
	return delivery{msg: m, outcome: outcomeGaveUp, err: cause}
}

// backoff is the wait after the failed attempt number attempts+1.
func (s *Scheduler) backoff(attempts int) time.Duration {
	d := s.opts.Backoff
	for range attempts {
		d *= 2
		if d >= s.opts.MaxBackoff {
			return s.opts.MaxBackoff
		}
	}
	return min(d, s.opts.MaxBackoff)
}

// post sends one message through the poster of its target's platform,
// within three quarters of the lease.
func (s *Scheduler) post(ctx context.Context, m OutboxMessage) (string, error) {
	kind, dest, ok := strings.Cut(m.Target, ":")
	if !ok || dest == "" {
		return "", fmt.Errorf("bad target %q: %w", m.Target, ErrPermanent)
	}
	platform := kind
	switch kind {
	case targetSlackDM:
		platform = "slack"
	case targetDiscordMention:
		platform = "discord"
	}
	p := s.opts.Posters[platform]
	if p == nil {
		return "", fmt.Errorf("no %s poster configured: %w", platform, ErrPermanent)
	}
	var msg Message
	if err := json.Unmarshal(m.Payload, &msg); err != nil {
		return "", fmt.Errorf("decode payload: %v: %w", err, ErrPermanent)
	}
	pctx, cancel := context.WithTimeout(ctx, s.opts.Lease*3/4)
	defer cancel()
	if kind == targetSlackDM {
		if dm, ok := p.(DirectMessager); ok {
			return "", dm.DirectMessage(pctx, dest, msg)
		}
	}
	return p.Post(pctx, dest, msg)
}
