package slack

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// Why a request failed verification.
var (
	errNoSignature  = errors.New("missing signature or timestamp")
	errStale        = errors.New("timestamp outside the allowed window")
	errBadSignature = errors.New("signature mismatch")
	errReplayed     = errors.New("signature already used")
)

// verifier checks Slack's v0 request signatures: HMAC-SHA256 keyed with
// the signing secret over "v0:" + timestamp + ":" + body, hex, prefixed
// "v0=". A timestamp more than window away from now, a wrong signature and
// a signature already seen within the window all fail.
type verifier struct {
	secret []byte
	now    func() time.Time
	window time.Duration
	seen   *replayCache
	// claim, when set, claims each verified signature in the store the
	// replicas share (Options.Dedupe), so a replay fails on every replica
	// and after a restart, not only in this process.
	claim func(ctx context.Context, key string) (bool, error)
}

func newVerifier(secret string, now func() time.Time, window time.Duration, maxSeen int) *verifier {
	return &verifier{secret: []byte(secret), now: now, window: window, seen: newReplayCache(maxSeen)}
}

// sign returns the signature Slack sends for timestamp and body.
func (v *verifier) sign(timestamp string, body []byte) string {
	mac := hmac.New(sha256.New, v.secret)
	mac.Write([]byte("v0:" + timestamp + ":"))
	mac.Write(body)
	return "v0=" + hex.EncodeToString(mac.Sum(nil))
}

// check verifies one request and, when it passes, remembers its signature
// so a replay fails.
func (v *verifier) check(timestamp, signature string, body []byte) error {
	if timestamp == "" || signature == "" {
		return errNoSignature
	}
	sec, err := strconv.ParseInt(timestamp, 10, 64)
	if err != nil {
		return errStale
	}
	ts := time.Unix(sec, 0)
	now := v.now()
	if d := now.Sub(ts); d > v.window || d < -v.window {
		return errStale
	}
	if !hmac.Equal([]byte(signature), []byte(v.sign(timestamp, body))) {
		return errBadSignature
	}
	if !v.seen.add(signature, ts.Add(v.window), now) {
		return errReplayed
	}
	return nil
}

// requestClaimWithin bounds the claim of a request's signature in the
// shared store: Slack waits 3 s for the answer, so a store slower than
// this is treated as failing (the request is answered; this process's own
// replay cache still refuses a replay here).
const requestClaimWithin = time.Second

// middleware reads and verifies the request body before next sees it;
// an unverified request gets 401 and next is not called.
func (v *verifier) middleware(log interface {
	Warn(msg string, args ...any)
}, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxRequestBody))
		if err != nil {
			http.Error(w, "request body too large or unreadable", http.StatusRequestEntityTooLarge)
			return
		}
		sig := r.Header.Get("X-Slack-Signature")
		err = v.check(r.Header.Get("X-Slack-Request-Timestamp"), sig, body)
		if err == nil && v.claim != nil {
			ctx, cancel := context.WithTimeout(r.Context(), requestClaimWithin)
			won, cerr := v.claim(ctx, "slack-sig:"+sig)
			cancel()
			switch {
			case cerr != nil:
				log.Warn("claim a slack request signature; answering anyway", "err", cerr.Error())
			case !won:
				err = errReplayed
			}
		}
		if err != nil {
			log.Warn("rejected slack request", "path", r.URL.Path, "reason", err.Error())
			http.Error(w, "invalid request signature", http.StatusUnauthorized)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		r.ContentLength = int64(len(body))
		next.ServeHTTP(w, r)
	})
}

// replayCache remembers signatures until they expire. It holds at most max
// entries; when full, the oldest entry is dropped first (a replay of it
// would still need a timestamp inside the window).
type replayCache struct {
	mu    sync.Mutex
	max   int
	until map[string]time.Time
	order []seenSig // insertion order, for eviction
}

type seenSig struct {
	sig   string
	until time.Time
}

func newReplayCache(max int) *replayCache {
	return &replayCache{max: max, until: map[string]time.Time{}}
}

// add records sig as used until the given time and reports whether it was
// new (or its previous use had expired).
func (c *replayCache) add(sig string, until, now time.Time) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if exp, ok := c.until[sig]; ok && now.Before(exp) {
		return false
	}
	// Drop expired entries from the front, then the oldest while full.
	for len(c.order) > 0 {
		front := c.order[0]
		if now.Before(front.until) && len(c.until) < c.max {
			break
		}
		if c.until[front.sig].Equal(front.until) {
			delete(c.until, front.sig)
		}
		c.order[0] = seenSig{}
		c.order = c.order[1:]
	}
	c.until[sig] = until
	c.order = append(c.order, seenSig{sig, until})
	return true
}

// len reports how many signatures are remembered.
func (c *replayCache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.until)
}
