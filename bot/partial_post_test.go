package bot

import (
	"strings"
	"testing"
	"time"
)

func TestPartialPostsBounded(t *testing.T) {
	now := time.Unix(1700000000, 0)
	p := NewPartialPosts()
	for i := range maxPartialPosts + 10 {
		p.Put(string(rune('a'+i%26))+strings.Repeat("x", i), PartialPost{Sent: 1, At: now})
	}
	if len(p.m) != maxPartialPosts || len(p.order) != maxPartialPosts {
		t.Errorf("%d remembered (%d in order), want %d", len(p.m), len(p.order), maxPartialPosts)
	}
	if _, ok := p.Get("a", now); ok {
		t.Error("the oldest is still remembered")
	}
	k := p.order[3]
	p.Done(k)
	if _, ok := p.Get(k, now); ok || len(p.order) != maxPartialPosts-1 {
		t.Errorf("done(%s) kept it", k)
	}
}
