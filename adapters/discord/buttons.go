package discord

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/briefbot/briefbot/bot"
)

// Discord limits a component's custom_id to 100 characters, while a
// button's value (the original request, for Share) can be longer. Short
// values travel inside the custom_id; long ones are kept under a hash of
// their content, so the same value always gets the same id: in memory
// and, with a bot.ValueKeeper, in the shared store, so a click reaches
// any replica and survives a restart.
const (
	maxCustomID   = 100
	inlinePrefix  = "bb:" // bb:ACTION:VALUE
	storedPrefix  = "bb#" // bb#ACTION:HASH
	maxStoredKeys = 10000 // oldest forgotten first
)

// buttonIDs encodes and decodes button custom_ids. It is safe for
// concurrent use.
type buttonIDs struct {
	mu    sync.Mutex
	vals  map[string]string
	order []string
	// kept is when each value was last kept in the store.
	kept map[string]time.Time
	keep bot.ValueKeeper // nil: memory only
	now  func() time.Time
	log  *slog.Logger
}

// keepAgainAfter is how long after keeping a value in the store a button
// that shows it again keeps it again, so the store (which lets go of
// values bot.ValueTTL after they were last kept) holds it as long as this
// process renders it.
const keepAgainAfter = 24 * time.Hour

// keepWithin bounds the store write of a long button value, made while
// the message is rendered.
const keepWithin = 5 * time.Second

func newButtonIDs() *buttonIDs {
	return &buttonIDs{vals: map[string]string{}, kept: map[string]time.Time{}, now: time.Now, log: slog.New(slog.DiscardHandler)}
}

// encode returns the custom_id for a button.
func (b *buttonIDs) encode(action, value string) string {
	if id := inlinePrefix + action + ":" + value; runes(id) <= maxCustomID {
		return id
	}
	sum := sha256.Sum256([]byte(action + "\x00" + value))
	key := hex.EncodeToString(sum[:12])
	now := b.now()
	b.mu.Lock()
	_, known := b.vals[key]
	if !known {
		b.remember(key, value)
	}
	kept, ok := b.kept[key]
	b.mu.Unlock()
	if b.keep != nil && (!ok || now.Sub(kept) >= keepAgainAfter) {
		ctx, cancel := context.WithTimeout(context.Background(), keepWithin)
		defer cancel()
		if err := b.keep.KeepValue(ctx, "discord-button:"+key, value, now); err != nil {
			// this process still knows it; another replica will say the
			// button expired
			b.log.Warn("discord: keep a button value in the store", "err", err)
		} else {
			b.mu.Lock()
			if _, still := b.vals[key]; still {
				b.kept[key] = now
			}
			b.mu.Unlock()
		}
	}
	return storedPrefix + action + ":" + key
}

// remember keeps a value in memory. Called with b.mu held.
func (b *buttonIDs) remember(key, value string) {
	b.vals[key] = value
	b.order = append(b.order, key)
	if len(b.order) > maxStoredKeys {
		delete(b.vals, b.order[0])
		delete(b.kept, b.order[0])
		b.order = b.order[1:]
	}
}

// decode returns the action and value of a custom_id. ok is false when the
// id is not one of ours, or its value is known neither here nor in the
// store (without a store: after a restart, or too many buttons since):
// the click cannot be served any more.
func (b *buttonIDs) decode(ctx context.Context, id string) (action, value string, ok bool) {
	switch {
	case strings.HasPrefix(id, inlinePrefix):
		action, value, ok = strings.Cut(id[len(inlinePrefix):], ":")
		return action, value, ok && action != ""
	case strings.HasPrefix(id, storedPrefix):
		action, key, found := strings.Cut(id[len(storedPrefix):], ":")
		if !found || action == "" {
			return "", "", false
		}
		b.mu.Lock()
		value, ok = b.vals[key]
		b.mu.Unlock()
		if ok || b.keep == nil {
			return action, value, ok
		}
		value, ok, err := b.keep.KeptValue(ctx, "discord-button:"+key)
		if err != nil {
			b.log.Warn("discord: read a button value from the store", "err", err)
			return "", "", false
		}
		if ok {
			b.mu.Lock()
			b.remember(key, value)
			b.mu.Unlock()
		}
		return action, value, ok
	}
	return "", "", false
}
