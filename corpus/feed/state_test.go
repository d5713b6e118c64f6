package feed_test

import (
	"testing"

	"github.com/briefbot/briefbot/corpus/feed"
	"github.com/briefbot/briefbot/corpus/feed/feedtest"
)

func TestMemoryState(t *testing.T) {
	feedtest.StateStore(t, func(*testing.T) feed.StateStore { return &feed.MemoryState{} })
}
