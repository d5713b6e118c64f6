package feed

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	nurl "net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// response is a fetched resource after redirects.
type response struct {
	status       int // 200 or 304
	url          string
	body         []byte
	contentType  string
	etag         string
	lastModified string
}

// fetcher makes polite GET requests: one at a time per host, with a
// timeout per request, a size limit and bounded redirects.
type fetcher struct {
	client       *http.Client
	userAgent    string
	maxBytes     int64
	timeout      time.Duration
	maxRedirects int
	now          func() time.Time

	mu    sync.Mutex
	hosts map[string]chan struct{}
}

func newFetcher(c *http.Client, userAgent string, maxBytes int64, timeout time.Duration, maxRedirects int, now func() time.Time) *fetcher {
	cc := *c // a copy, so the caller's CheckRedirect stays as it was
	cc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &fetcher{
		client: &cc, userAgent: userAgent, maxBytes: maxBytes,
		timeout: timeout, maxRedirects: maxRedirects, now: now,
		hosts: make(map[string]chan struct{}),
	}
}

// host returns the one-slot semaphore of a host.
func (f *fetcher) host(h string) chan struct{} {
	f.mu.Lock()
	defer f.mu.Unlock()
	sem, ok := f.hosts[h]
	if !ok {
		sem = make(chan struct{}, 1)
		f.hosts[h] = sem
	}
	return sem
}

// get fetches rawURL, following up to maxRedirects redirects, each hop
// holding its host's slot. hdr is sent on every hop. A 304 comes back as
// a response with status 304 and no body; any other status outside 2xx is
// a *StatusError.
func (f *fetcher) get(ctx context.Context, rawURL string, hdr http.Header, accept string) (*response, error) {
	u, err := nurl.Parse(rawURL)
	if err != nil {
		return nil, err
	}
	for hop := 0; ; hop++ {
		if u.Scheme != "http" && u.Scheme != "https" {
			return nil, fmt.Errorf("%w: %s", errNotHTTP, u.Redacted())
		}
		resp, next, err := f.hop(ctx, u, hdr, accept)
		if err != nil || next == nil {
			return resp, err
		}
		if hop >= f.maxRedirects {
			return nil, fmt.Errorf("%w: more than %d", ErrTooManyRedirects, f.maxRedirects)
		}
		u = next
	}
}

// hop makes one request. It returns the next URL for a redirect.
func (f *fetcher) hop(ctx context.Context, u *nurl.URL, hdr http.Header, accept string) (*response, *nurl.URL, error) {
	sem := f.host(strings.ToLower(u.Host))
	select {
	case sem <- struct{}{}:
	case <-ctx.Done():
		return nil, nil, ctx.Err()
	}
	defer func() { <-sem }()
	ctx, cancel := context.WithTimeout(ctx, f.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, nil, err
	}
	for k, vs := range hdr {
		req.Header[k] = vs
	}
	req.Header.Set("User-Agent", f.userAgent)
	req.Header.Set("Accept", accept)
	res, err := f.client.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer res.Body.Close()
	switch {
	case res.StatusCode == http.StatusNotModified:
		return &response{status: http.StatusNotModified, url: u.String()}, nil, nil
	case res.StatusCode >= 300 && res.StatusCode < 400:
		loc := res.Header.Get("Location")
		if loc == "" {
			return nil, nil, &StatusError{Code: res.StatusCode}
		}
		next, err := u.Parse(loc)
		if err != nil {
			return nil, nil, fmt.Errorf("redirect: %w", err)
		}
		io.Copy(io.Discard, io.LimitReader(res.Body, 4<<10)) // let the connection be reused
		return nil, next, nil
	case res.StatusCode < 200 || res.StatusCode >= 300:
		return nil, nil, &StatusError{Code: res.StatusCode, RetryAfter: parseRetryAfter(res.Header.Get("Retry-After"), f.now())}
	}
	if res.ContentLength > f.maxBytes {
		return nil, nil, fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, res.ContentLength, f.maxBytes)
	}
	body, err := io.ReadAll(io.LimitReader(res.Body, f.maxBytes+1))
	if err != nil {
		return nil, nil, fmt.Errorf("read body: %w", err)
	}
	if int64(len(body)) > f.maxBytes {
		return nil, nil, fmt.Errorf("%w: over %d bytes", ErrTooLarge, f.maxBytes)
	}
	return &response{
		status:       res.StatusCode,
		url:          u.String(),
		body:         body,
		contentType:  res.Header.Get("Content-Type"),
		etag:         res.Header.Get("ETag"),
		lastModified: res.Header.Get("Last-Modified"),
	}, nil, nil
}

// retryAfter returns how long a failed response asked us to wait (its
// Retry-After header), or 0 when it gave no hint.
func retryAfter(err error) time.Duration {
	var se *StatusError
	if errors.As(err, &se) && se.RetryAfter > 0 {
		return se.RetryAfter
	}
	return 0
}

// parseRetryAfter reads a Retry-After header in seconds or as an HTTP date.
func parseRetryAfter(v string, now time.Time) time.Duration {
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(v); err == nil && s > 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}
