package feed

import (
	"errors"
	"fmt"
	"time"
)

// Errors a fetch can report, wrapped with the URL that failed.
var (
	// ErrTooLarge is returned for a response over Options.MaxBytes.
	ErrTooLarge = errors.New("response too large")
	// ErrTooManyRedirects is returned when a URL redirects more than
	// Options.MaxRedirects times (a redirect loop ends here too).
	ErrTooManyRedirects = errors.New("too many redirects")
	// ErrNotArticle is returned for a page whose content type is not an
	// HTML or text document.
	ErrNotArticle = errors.New("not an article page")
)

// StatusError is an HTTP response with a status other than 2xx or 304.
type StatusError struct {
	Code int
	// RetryAfter is the wait the server asked for (Retry-After), or 0.
	RetryAfter time.Duration
}

func (e *StatusError) Error() string { return fmt.Sprintf("http status %d", e.Code) }

// FeedError is one feed that failed in a poll.
type FeedError struct {
	URL string
	// Consecutive is how many polls of this feed in a row have failed,
	// this one included.
	Consecutive int
	Err         error
}

func (e FeedError) Error() string {
	return fmt.Sprintf("feed %s: %v (%d in a row)", e.URL, e.Err, e.Consecutive)
}

func (e FeedError) Unwrap() error { return e.Err }
