package bot

import (
	"math"
	"sync"
	"time"
)

// limiter is a set of token buckets, one per key (platform and user).
type limiter struct {
	rate  float64 // tokens per second; 0 = no limit
	burst float64
	now   func() time.Time

	mu      sync.Mutex
	buckets map[string]*bucket
}

type bucket struct {
	tokens float64
	at     time.Time
}

// maxBuckets bounds memory: beyond it, buckets that have refilled are
// dropped (a full bucket is the same as no bucket).
const maxBuckets = 10000

func newLimiter(rl RateLimit, now func() time.Time) *limiter {
	l := &limiter{now: now, buckets: map[string]*bucket{}}
	if rl.PerMinute <= 0 {
		return l
	}
	l.rate = rl.PerMinute / 60
	l.burst = float64(rl.Burst)
	if rl.Burst <= 0 {
		l.burst = math.Max(1, math.Floor(rl.PerMinute))
	}
	return l
}

// allow takes a token for key. When none is left it returns false and how
// long until one is.
func (l *limiter) allow(key string) (bool, time.Duration) {
	if l == nil || l.rate == 0 {
		return true, 0
	}
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.buckets[key]
	if !ok {
		if len(l.buckets) >= maxBuckets {
			l.prune(now)
		}
		b = &bucket{tokens: l.burst, at: now}
		l.buckets[key] = b
	}
	if el := now.Sub(b.at).Seconds(); el > 0 {
		b.tokens = math.Min(l.burst, b.tokens+el*l.rate)
		b.at = now
	}
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	wait := time.Duration((1 - b.tokens) / l.rate * float64(time.Second))
	return false, wait
}

// prune drops buckets that are full again by now.
func (l *limiter) prune(now time.Time) {
	for k, b := range l.buckets {
		if b.tokens+now.Sub(b.at).Seconds()*l.rate >= l.burst {
			delete(l.buckets, k)
		}
	}
}
