package feed

import (
	"context"
	"errors"
	"io"
	"maps"
	nurl "net/url"
	"syscall"
	"time"
)

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

// retries returns a feed's page retries after a poll: those carried
// over, less the items now seen, plus one attempt for each item whose
// page failed for a passing reason in this poll; nil when none are left.
func retries(carried map[string]Retry, out *outcome, now time.Time) map[string]Retry {
	r := maps.Clone(carried)
	for _, k := range out.keys {
		delete(r, k)
	}
	for _, k := range out.retried {
		if r == nil {
			r = make(map[string]Retry)
		}
		t := r[k]
		if t.Attempts == 0 {
			t.First = now
		}
		t.Attempts++
		r[k] = t
	}
	if len(r) == 0 {
		return nil
	}
	return r
}
