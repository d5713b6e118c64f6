package feed

import (
	"context"
	"errors"
	"fmt"
	"io"
	nurl "net/url"
	"syscall"
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

// errRetry marks an item whose page failed for a passing reason: it is
// left unseen and tried again at the next poll.
var errRetry = errors.New("page failed for now; tried again next poll")

// transient reports whether a page fetch failed for a reason that may
// pass: a 5xx, 429 or 408 status, or a request that got no complete
// answer (connection refused or reset, a timeout, a DNS failure, a body
// cut short). A page that answered 404 or 410, was too large, redirected
// too often or is not an article fails for good.
func transient(err error) bool {
	var se *StatusError
	if errors.As(err, &se) {
		return se.Code >= 500 || se.Code == 429 || se.Code == 408
	}
	if errors.Is(err, ErrTooLarge) || errors.Is(err, ErrTooManyRedirects) || errors.Is(err, ErrNotArticle) || errors.Is(err, errNotHTTP) {
		return false
	}
	var ue *nurl.Error
	if errors.As(err, &ue) && ue.Op != "parse" {
		return true // the client's Do: no response
	}
	return errors.Is(err, context.DeadlineExceeded) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.ECONNREFUSED)
}
