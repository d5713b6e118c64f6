package main

import (
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"time"
)

// progress shows how far long work is: on a terminal a bar with counts
// and rate redrawn in place, elsewhere a log line every few seconds. Small
// jobs (under minTotal items) show nothing.
type progress struct {
	mu       sync.Mutex
	w        io.Writer // the terminal, or nil to log instead
	log      *slog.Logger
	now      func() time.Time
	every    time.Duration
	stage    string
	start    time.Time
	last     time.Time
	drawn    bool
	minTotal int
}

func newProgress(w io.Writer, terminal bool, log *slog.Logger) *progress {
	p := &progress{log: log, now: time.Now, every: 5 * time.Second, minTotal: 200}
	if terminal {
		p.w, p.every = w, 100*time.Millisecond
	}
	return p
}

// update records that done of total items of stage are finished. It is
// safe for concurrent use.
func (p *progress) update(stage string, done, total int) {
	if total < p.minTotal {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	if stage != p.stage {
		p.stage, p.start, p.last = stage, now, time.Time{}
	}
	finished := done >= total
	if !finished && now.Sub(p.last) < p.every {
		return
	}
	p.last = now
	rate := 0.0
	if el := now.Sub(p.start).Seconds(); el > 0 {
		rate = float64(done) / el
	}
	if p.w == nil {
		p.log.Info("loading corpus", "stage", stage, "done", done, "total", total, "per_second", int(rate))
		return
	}
	const width = 30
	filled := width * done / total
	fmt.Fprintf(p.w, "\r%-7s [%s%s] %d/%d  %.0f/s ", stage, strings.Repeat("#", filled), strings.Repeat(" ", width-filled), done, total, rate)
	p.drawn = true
}

// done clears the bar, leaving the terminal as it was.
func (p *progress) done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.w != nil && p.drawn {
		fmt.Fprintf(p.w, "\r%s\r", strings.Repeat(" ", 70))
		p.drawn = false
	}
}
