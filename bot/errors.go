package bot

import "errors"

// ErrPermanent marks a delivery failure that retrying will not fix.
var ErrPermanent = errors.New("permanent failure")

// Errors a command returns together with a friendly message to show. The
// logging and metrics middleware turn them into outcomes; Handle shows the
// message as is. Any other error is an internal failure: Handle replaces
// the message with a generic apology.
var (
	// ErrUnknownCommand: no command by that name.
	ErrUnknownCommand = errors.New("unknown command")
	// ErrUsage: a missing or bad argument.
	ErrUsage = errors.New("bad usage")
	// ErrRateLimited: the user sent too many commands too fast.
	ErrRateLimited = errors.New("rate limited")
	// ErrForbidden: an admin-only command from someone who is not an admin.
	ErrForbidden = errors.New("admin only")
	// ErrPanic: the handler panicked (recovered by the middleware).
	ErrPanic = errors.New("handler panicked")
)

// isUserError reports whether err comes with a message meant for the user.
func isUserError(err error) bool {
	return errors.Is(err, ErrUnknownCommand) || errors.Is(err, ErrUsage) ||
		errors.Is(err, ErrRateLimited) || errors.Is(err, ErrForbidden)
}

// outcomeOf maps a handler error to a metrics outcome.
func outcomeOf(err error) string {
	switch {
	case err == nil:
		return OutcomeOK
	case errors.Is(err, ErrUnknownCommand):
		return OutcomeUnknown
	case errors.Is(err, ErrUsage):
		return OutcomeUsage
	case errors.Is(err, ErrRateLimited):
		return OutcomeRateLimited
	case errors.Is(err, ErrForbidden):
		return OutcomeForbidden
	default:
		return OutcomeError
	}
}
