package slack

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/briefbot/briefbot/bot"
)

// Retry policy for posts.
const (
	maxAttempts    = 5
	backoffInitial = time.Second
	backoffMax     = 30 * time.Second
	// minRetryAfter is the wait after a 429 without a usable Retry-After.
	minRetryAfter = time.Second
)

var errNoBotToken = errors.New("no bot token to post with")

// permanentCodes are Slack API errors that retrying cannot fix.
var transientCodes = map[string]bool{
	"internal_error":      true,
	"fatal_error":         true,
	"service_unavailable": true,
	"request_timeout":     true,
	"ratelimited":         true,
	"rate_limited":        true,
}

// Post posts msg to the channel target (an id, or a name for public
// channels) with chat.postMessage, in several messages when Render splits
// it, and returns the timestamp (Slack's message id) of the first. It
// retries a 429 after Retry-After, and 5xx and network errors with
// exponential backoff, up to 5 attempts per message within ctx. Slack
// errors that retrying cannot fix (channel_not_found, not_in_channel,
// invalid_auth, ...) wrap bot.ErrPermanent.
//
// When a later part fails, the adapter remembers the parts Slack accepted:
// Post called again with the same target and message resumes at the
// failed part, never posting an accepted part twice. That memory is this
// process's (bounded, for a day): a retry by another process posts every
// part again.
func (a *Adapter) Post(ctx context.Context, target string, msg bot.Message) (string, error) {
	if a.opts.BotToken == "" {
		return "", fmt.Errorf("post to slack %s: %w: %w", target, bot.ErrPermanent, errNoBotToken)
	}
	parts := a.render(msg)
	key := bot.PartialPostKey(target, msg)
	var first string
	next := 0
	if done, ok := a.partials.Get(key, a.now()); ok && done.Sent > 0 && done.Sent < len(parts) {
		first, next = done.First, done.Sent
		a.log.Info("slack: resuming a partly posted message", "channel", target, "parts", len(parts), "sent", next)
	}
	for ; next < len(parts); next++ {
		ts, err := a.postMessage(ctx, target, parts[next])
		if err != nil {
			if next > 0 {
				a.partials.Put(key, bot.PartialPost{Sent: next, First: first, At: a.now()})
			}
			return first, fmt.Errorf("post to slack %s (part %d of %d): %w", target, next+1, len(parts), err)
		}
		if next == 0 {
			first = ts
		}
	}
	a.partials.Done(key)
	return first, nil
}

// DirectMessage opens (or resumes) the direct conversation with userID via
// conversations.open and posts msg there, with Post's retries and errors.
func (a *Adapter) DirectMessage(ctx context.Context, userID string, msg bot.Message) error {
	if a.opts.BotToken == "" {
		return fmt.Errorf("message slack user %s: %w: %w", userID, bot.ErrPermanent, errNoBotToken)
	}
	var channel string
	err := a.retry(ctx, "conversations.open", func(ctx context.Context) error {
		ch, _, _, err := a.api.OpenConversationContext(ctx, &slack.OpenConversationParameters{Users: []string{userID}})
		if err == nil {
			channel = ch.ID
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("message slack user %s: %w", userID, err)
	}
	if _, err := a.Post(ctx, channel, msg); err != nil {
		return fmt.Errorf("message slack user %s: %w", userID, err)
	}
	return nil
}

// postMessage posts one rendered part with chat.postMessage and returns
// its timestamp.
func (a *Adapter) postMessage(ctx context.Context, channel string, p slack.Msg) (string, error) {
	var ts string
	err := a.retry(ctx, "chat.postMessage", func(ctx context.Context) error {
		_, t, err := a.api.PostMessageContext(ctx, channel,
			slack.MsgOptionText(p.Text, false),
			slack.MsgOptionBlocks(p.Blocks.BlockSet...),
			slack.MsgOptionDisableLinkUnfurl(),
		)
		ts = t
		return err
	})
	return ts, err
}

// respond posts a message to a response_url, with the same retries.
func (a *Adapter) respond(ctx context.Context, responseURL string, m wireMsg) error {
	body, err := json.Marshal(m)
	if err != nil {
		return fmt.Errorf("respond: %w", err)
	}
	return a.retry(ctx, "response_url", func(ctx context.Context) error {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, responseURL, bytes.NewReader(body))
		if err != nil {
			return permanent(err)
		}
		req.Header.Set("Content-Type", "application/json; charset=utf-8")
		resp, err := a.http.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
		switch {
		case resp.StatusCode == http.StatusTooManyRequests:
			d, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
			return &slack.RateLimitedError{RetryAfter: time.Duration(d) * time.Second}
		case resp.StatusCode >= 500:
			return slack.StatusCodeError{Code: resp.StatusCode, Status: resp.Status}
		case resp.StatusCode >= 300:
			return permanent(fmt.Errorf("status %d: %s", resp.StatusCode, strings.TrimSpace(string(msg))))
		}
		return nil
	})
}

// permanentError marks an error that retry must not retry.
type permanentError struct{ err error }

func (e permanentError) Error() string { return e.err.Error() }
func (e permanentError) Unwrap() error { return e.err }

func permanent(err error) error { return permanentError{err} }

// retry runs f until it succeeds, fails for good, maxAttempts are used up
// or ctx ends. Errors that cannot be fixed by retrying wrap bot.ErrPermanent.
func (a *Adapter) retry(ctx context.Context, op string, f func(ctx context.Context) error) error {
	backoff := backoffInitial
	for attempt := 1; ; attempt++ {
		err := f(ctx)
		if err == nil {
			return nil
		}
		if ctx.Err() != nil {
			return fmt.Errorf("%s: %w", op, err)
		}
		wait, ok := retryable(err, &backoff)
		if !ok {
			if ctx.Err() != nil {
				return fmt.Errorf("%s: %w", op, err)
			}
			return fmt.Errorf("%s: %w: %w", op, bot.ErrPermanent, err)
		}
		if attempt >= maxAttempts {
			return fmt.Errorf("%s: gave up after %d attempts: %w", op, attempt, err)
		}
		a.log.Warn("slack call failed, retrying", "op", op, "attempt", attempt, "wait", wait, "err", err)
		if werr := a.wait(ctx, wait); werr != nil {
			return fmt.Errorf("%s: %w (last error: %w)", op, werr, err)
		}
	}
}

// retryable says whether err is worth retrying and after how long;
// backoff is the next exponential wait and is advanced when used. The
// caller has checked that its context is still live: a deadline or
// cancellation in err then comes from the HTTP client's own timeout or a
// dropped connection, which another attempt may well get past.
func retryable(err error, backoff *time.Duration) (time.Duration, bool) {
	next := func() time.Duration {
		d := *backoff
		*backoff = min(*backoff*2, backoffMax)
		return d
	}
	var pe permanentError
	var rl *slack.RateLimitedError
	var sc slack.StatusCodeError
	var se slack.SlackErrorResponse
	switch {
	case errors.As(err, &pe):
		return 0, false
	case errors.As(err, &rl):
		return max(rl.RetryAfter, minRetryAfter), true
	case errors.As(err, &sc):
		if sc.Code == http.StatusTooManyRequests {
			return minRetryAfter, true
		}
		return next(), sc.Code >= 500
	case errors.As(err, &se):
		return next(), transientCodes[se.Err]
	default:
		// Network errors, truncated responses and the like.
		return next(), true
	}
}
