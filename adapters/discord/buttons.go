package discord

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"sync"
)

// Discord limits a component's custom_id to 100 characters, while a
// button's value (the original request, for Share) can be longer. Short
// values travel inside the custom_id; long ones are kept in memory under a
// hash of their content, so the same value always gets the same id.
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
}

func newButtonIDs() *buttonIDs { return &buttonIDs{vals: map[string]string{}} }

// encode returns the custom_id for a button.
func (b *buttonIDs) encode(action, value string) string {
	if id := inlinePrefix + action + ":" + value; runes(id) <= maxCustomID {
		return id
	}
	sum := sha256.Sum256([]byte(action + "\x00" + value))
	key := hex.EncodeToString(sum[:12])
	b.mu.Lock()
	defer b.mu.Unlock()
	if _, ok := b.vals[key]; !ok {
		b.vals[key] = value
		b.order = append(b.order, key)
		if len(b.order) > maxStoredKeys {
			delete(b.vals, b.order[0])
			b.order = b.order[1:]
		}
	}
	return storedPrefix + action + ":" + key
}

// decode returns the action and value of a custom_id. ok is false when the
// id is not one of ours, or its value was forgotten (a restart, or too
// many buttons since): the click cannot be served any more.
func (b *buttonIDs) decode(id string) (action, value string, ok bool) {
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
		return action, value, ok
	}
	return "", "", false
}
