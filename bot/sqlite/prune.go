package sqlite

import (
	"sync"
	"time"
)

// pruner decides when expired event claims are due for deletion: the
// first time, then once pruneEvery has passed since the last time.
type pruner struct {
	mu   sync.Mutex
	last time.Time
}

// due reports whether to prune at now, and if so records now as the last
// prune.
func (p *pruner) due(now time.Time) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.last.IsZero() && now.Sub(p.last) < pruneEvery && !now.Before(p.last) {
		return false
	}
	p.last = now
	return true
}

// failed forgets the last prune, so the next call tries again.
func (p *pruner) failed() {
	p.mu.Lock()
	p.last = time.Time{}
	p.mu.Unlock()
}
