package bot

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"sync"
	"time"
)

// Bounds on the unfinished posts a PartialPosts remembers.
const (
	maxPartialPosts = 256
	PartialPostTTL  = 24 * time.Hour
)

// PartialPost is how far an unfinished Post of one message to one target got.
type PartialPost struct {
	Sent    int    // parts the platform accepted, in order
	First   string // the id Post returns (the first part's, or a thread's)
	Channel string // where the remaining parts go (a forum post's thread), if not the target
	At      time.Time
}

// PartialPosts lets a Poster resume a multi-part post: it remembers unfinished posts by target and message,
// so that Post called again for the same message (the scheduler's retry)
// sends only the parts not yet accepted. It lives in memory: a retry in
// another process (a replica, a restart) still sends every part. It is
// safe for concurrent use.
type PartialPosts struct {
	mu    sync.Mutex
	m     map[string]PartialPost
	order []string // keys, oldest first
}

// NewPartialPosts returns an empty PartialPosts.
func NewPartialPosts() *PartialPosts { return &PartialPosts{m: map[string]PartialPost{}} }

// PartialPostKey identifies a message posted to a target. Two identical
// messages to one target share a key: a retry of one may then finish the
// other's unfinished post, which shows the same text.
func PartialPostKey(target string, msg Message) string {
	b, err := json.Marshal(msg)
	if err != nil {
		return "" // not remembered
	}
	sum := sha256.Sum256(append([]byte(target+"\x00"), b...))
	return hex.EncodeToString(sum[:])
}

// Get returns the progress recorded for key, if younger than PartialPostTTL.
func (p *PartialPosts) Get(key string, now time.Time) (PartialPost, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	v, ok := p.m[key]
	if !ok || key == "" || now.Sub(v.At) > PartialPostTTL {
		return PartialPost{}, false
	}
	return v, true
}

// Put records progress for key, forgetting the oldest beyond maxPartialPosts.
func (p *PartialPosts) Put(key string, v PartialPost) {
	if key == "" {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if _, ok := p.m[key]; !ok {
		p.order = append(p.order, key)
	}
	p.m[key] = v
	for len(p.order) > maxPartialPosts {
		delete(p.m, p.order[0])
		p.order = p.order[1:]
	}
}

// Done forgets key: its post is complete.
func (p *PartialPosts) Done(key string) {
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
