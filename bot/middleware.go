package bot

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"
	"time"
)

// Middleware wraps a handler with a cross-cutting concern.
type Middleware func(HandlerFunc) HandlerFunc

// Chain composes middleware; the first one is the outermost.
func Chain(mws ...Middleware) Middleware {
	return func(h HandlerFunc) HandlerFunc {
		for i := len(mws) - 1; i >= 0; i-- {
			h = mws[i](h)
		}
		return h
	}
}

// Logging logs every command at info level with its platform, outcome and
// duration, and failures with their error. The request text is logged only
// at debug level.
func Logging(log *slog.Logger, now func() time.Time) Middleware {
	return func(next HandlerFunc) HandlerFunc {
		return func(ctx context.Context, req Request) (Message, error) {
			start := now()
			msg, err := next(ctx, req)
			took := now().Sub(start)
			outcome := outcomeOf(err)
			attrs := []slog.Attr{
				slog.String("command", req.Command),
				slog.String("platform", req.Platform),
				slog.String("outcome", outcome),
				slog.Duration("duration", took),
			}
			if log.Enabled(ctx, slog.LevelDebug) {
				log.LogAttrs(ctx, slog.LevelDebug, "command text", slog.String("command", req.Command),
					slog.String("user", req.UserID), slog.String("text", req.Text))
			}
			switch outcome {
			case OutcomeError:
				log.LogAttrs(ctx, slog.LevelError, "command failed", append(attrs, slog.Any("err", err))...)
			default:
				log.LogAttrs(ctx, slog.LevelInfo, "command", attrs...)
			}
			return msg, err
		}
	}
}

// Instrument counts every command and its latency in m.
func Instrument(m *Metrics, now func() time.Time) Middleware {
	return func(next HandlerFunc) HandlerFunc {
		return func(ctx context.Context, req Request) (Message, error) {
			start := now()
			msg, err := next(ctx, req)
			m.Command(req.Command, outcomeOf(err), now().Sub(start))
			return msg, err
		}
	}
}

// Recover turns a panic in the handler into an error wrapping ErrPanic,
// logging the stack.
func Recover(log *slog.Logger) Middleware {
	return func(next HandlerFunc) HandlerFunc {
		return func(ctx context.Context, req Request) (msg Message, err error) {
			defer func() {
				if r := recover(); r != nil {
					log.Error("command panicked", "command", req.Command, "platform", req.Platform,
						"panic", fmt.Sprint(r), "stack", string(debug.Stack()))
					msg, err = errorMessage(), fmt.Errorf("%s: %w: %v", req.Command, ErrPanic, r)
				}
			}()
			return next(ctx, req)
		}
	}
}

// AdminOnly lets only users for whom isAdmin is true run the command;
// others get a polite refusal and ErrForbidden.
func AdminOnly(isAdmin func(platform, userID string) bool) Middleware {
	return func(next HandlerFunc) HandlerFunc {
		return func(ctx context.Context, req Request) (Message, error) {
			if !isAdmin(req.Platform, req.UserID) {
				return Message{
					Title:    "Admins only",
					Sections: []Section{{Text: fmt.Sprintf("/%s is reserved for the bot's admins.", req.Command)}},
				}, ErrForbidden
			}
			return next(ctx, req)
		}
	}
}

// limit applies the per-user rate limit l; a user over the limit gets a
// "slow down" message and ErrRateLimited.
func limit(l *limiter) Middleware {
	return func(next HandlerFunc) HandlerFunc {
		return func(ctx context.Context, req Request) (Message, error) {
			if ok, wait := l.allow(req.Platform + "\x00" + req.UserID); !ok {
				return slowDownMessage(wait), ErrRateLimited
			}
			return next(ctx, req)
		}
	}
}

// requireArg answers with the command's usage when its required argument
// is missing.
func requireArg(c Command) Middleware {
	return func(next HandlerFunc) HandlerFunc {
		return func(ctx context.Context, req Request) (Message, error) {
			if c.ArgRequired && req.Text == "" {
				return usageMessage(c), ErrUsage
			}
			return next(ctx, req)
		}
	}
}
