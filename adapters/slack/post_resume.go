package slack

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"sync"
	"time"

	"github.com/briefbot/briefbot/bot"
)

// Bounds on the unfinished posts an adapter remembers.
const (
	maxPartials = 256
	partialTTL  = 24 * time.Hour
)

// partial is how far an unfinished Post of one message to one target got.
type partial struct {
	sent  int    // parts Slack accepted, in order
	first string // the timestamp Post returns (the first part's)
	at    time.Time
}

// partials remembers unfinished multi-part posts by target and message,
// so that Post called again for the same message (the scheduler's retry)
// sends only the parts not yet accepted. It lives in memory: a retry in
// another process (a replica, a restart) still sends every part. It is
// safe for concurrent use.
type partials struct {
	mu    sync.Mutex
	m     map[string]partial
	order []string // keys, oldest first
}

func newPartials() *partials { return &partials{m: map[string]partial{}} }

// partialKey identifies a message posted to a target. Two identical
// messages to one target share a key: a retry of one may then finish the
// other's unfinished post, which shows the same text.
func partialKey(target string, msg bot.Message) string {
	b, err := json.Marshal(msg)
	if err != nil {
		return "" // not remembered
	}
	sum := sha256.Sum256(append([]byte(target+"\x00"), b...))
	return hex.EncodeToString(sum[:])
}

// get returns the progress recorded for key, if younger than partialTTL.
func (p *partials) get(key string, now time.Time) (partial, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	v, ok := p.m[key]
	if !ok || key == "" || now.Sub(v.at) > partialTTL {
		return partial{}, false
	}
	return v, true
}

// put records progress for key, forgetting the oldest beyond maxPartials.
func (p *partials) put(key string, v partial) {
	if key == "" {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if _, ok := p.m[key]; !ok {
		p.order = append(p.order, key)
	}
	p.m[key] = v
	for len(p.order) > maxPartials {
		delete(p.m, p.order[0])
		p.order = p.order[1:]
	}
}

// done forgets key: its post is complete.
func (p *partials) done(key string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if _, ok := p.m[key]; !ok {
		return
	}
	delete(p.m, key)
	for i, k := range p.order {
		if k == key {
			p.order = append(p.order[:i], p.order[i+1:]...)
			break
		}
	}
}
