package feed_test

import (
	"testing"

	"github.com/briefbot/briefbot/corpus/feed"
	"github.com/briefbot/briefbot/corpus/feed/feedtest"
)

func TestMemoryState(t *testing.T) {
	feedtest.StateStore(t, func(*testing.T) feed.StateStore { return &feed.MemoryState{} })
}

func TestMemoryStore(t *testing.T) {
	feedtest.Store(t, func(*testing.T) feed.Store { return &feed.MemoryStore{} })
}
