package discord

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot"
)

const (
	maxAttempts  = 5
	firstBackoff = time.Second
	maxBackoff   = 30 * time.Second
)

// retryPolicy says whether err is worth another attempt, and after how
// long (0: the exponential backoff).
type retryPolicy func(err error) (again bool, wait time.Duration)

// retryREST retries rate limits (after the time Discord asks for), 5xx
// answers and transport failures (the HTTP client's timeout and dropped
// connections included: retry has checked that its context is live);
// other 4xx answers are final.
func retryREST(err error) (bool, time.Duration) {
	var rl *discordgo.RateLimitError
	if errors.As(err, &rl) && rl.RateLimit != nil && rl.TooManyRequests != nil {
		return true, max(rl.RetryAfter, time.Millisecond)
	}
	var re *discordgo.RESTError
	if errors.As(err, &re) && re.Response != nil {
		code := re.Response.StatusCode
		return code >= 500 || code == http.StatusTooManyRequests, 0
	}
	return true, 0 // transport failures, 502 after discordgo's own attempt
}

// retryWebhook is retryREST that also retries "unknown webhook": an
// interaction's webhook can be a moment behind its first response.
func retryWebhook(err error) (bool, time.Duration) {
	var re *discordgo.RESTError
	if errors.As(err, &re) && re.Message != nil && re.Message.Code == discordgo.ErrCodeUnknownWebhook {
		return true, 0
	}
	return retryREST(err)
}

// retry calls fn until it succeeds, policy gives up, maxAttempts are spent
// or ctx ends. Errors that retrying cannot fix wrap bot.ErrPermanent.
func (a *Adapter) retry(ctx context.Context, what string, policy retryPolicy, fn func(opts ...discordgo.RequestOption) error) error {
	backoff := firstBackoff
	for attempt := 1; ; attempt++ {
		err := fn(discordgo.WithContext(ctx))
		if err == nil {
			return nil
		}
		if ctx.Err() != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		again, wait := policy(err)
		if !again {
			if ctx.Err() != nil {
				return fmt.Errorf("%s: %w", what, err)
			}
			return fmt.Errorf("%s: %w: %w", what, bot.ErrPermanent, err)
		}
		if attempt == maxAttempts {
			return fmt.Errorf("%s: gave up after %d attempts: %w", what, attempt, err)
		}
		if wait == 0 {
			wait, backoff = backoff, min(2*backoff, maxBackoff)
		}
		a.log.Warn("discord: retrying", "op", what, "attempt", attempt, "wait", wait, "err", err)
		if err := a.sleep(ctx, wait); err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
	}
}
