package bot

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/sahilm/fuzzy"
)

// MaxButtonValue is the longest Button.Value the core produces, in bytes:
// it fits Discord's 100-character custom_id with room for the adapter's
// action prefix.
const MaxButtonValue = 80

// Click handles a button click: a Share re-runs the original request with
// Channel visibility and returns the message to post; feedback buttons are
// recorded and return a short private acknowledgement. An unknown action
// or a value the core did not produce gives a private explanation.
func (b *Bot) Click(ctx context.Context, req Request, action, value string) Message {
	cmd, text, ok := b.shares.decode(value)
	if !ok {
		return Message{Sections: []Section{{Text: "That button no longer works. Please run the command again."}}}
	}
	switch action {
	case ActionShare:
		r := req
		r.Command, r.Text = cmd, text
		msg, err := b.run(ctx, r)
		if err != nil {
			return msg
		}
		msg.Visibility = Channel
		var kept []Button
		for _, bt := range msg.Buttons {
			if bt.Action != ActionShare {
				kept = append(kept, bt)
			}
		}
		msg.Buttons = kept
		who := req.UserName
		if who == "" {
			who = "someone"
		}
		shared := "Shared by " + who + ": /" + cmd
		if text != "" {
			shared += " " + quote(text)
		}
		if msg.Footer != "" {
			shared += " · " + msg.Footer
		}
		msg.Footer = shared
		return msg
	case ActionHelpful, ActionUnhelpful:
		helpful := action == ActionHelpful
		b.metrics.Feedback(helpful)
		if b.store != nil {
			kind := ""
			if cmd == "ask" {
				kind = b.KB().Ask(text).Kind
			}
			err := b.store.RecordFeedback(ctx, Feedback{
				Platform: req.Platform,
				UserHash: b.hashUser(req.Platform, req.UserID),
				Question: text,
				Kind:     kind,
				Helpful:  helpful,
				At:       b.now(),
			})
			if err != nil {
				b.log.Warn("record feedback", "err", err)
			}
		}
		b.log.Info("feedback", "platform", req.Platform, "helpful", helpful)
		return Message{Sections: []Section{{Text: "Thanks for the feedback!"}}}
	default:
		b.log.Warn("unknown button action", "platform", req.Platform, "action", action)
		return Message{Sections: []Section{{Text: "I don't know that button. Please run the command again."}}}
	}
}

// Complete returns up to 25 completions for the argument of command, best
// first (Discord autocomplete): issue names matching partial fuzzily, or
// the most prominent issues when partial is empty. Commands without
// autocomplete give nil.
func (b *Bot) Complete(ctx context.Context, command, partial string) []string {
	c, ok := b.Command(command)
	if !ok || !c.Autocomplete {
		return nil
	}
	const max = 25
	kb := b.KB()
	issues := kb.Issues()
	partial = strings.TrimSpace(partial)
	if partial == "" {
		var out []string
		for i, is := range issues {
			if i == max {
				break
			}
			out = append(out, is.Name)
		}
		return out
	}
	// Match names and aliases; an alias hit completes to its issue's name.
	var words []string
	var owner []int
	for i, is := range issues {
		words = append(words, is.Name)
		owner = append(owner, i)
		for _, a := range is.Aliases {
			words = append(words, a)
			owner = append(owner, i)
		}
	}
	matches := fuzzy.Find(partial, words)
	sort.SliceStable(matches, func(i, j int) bool { return matches[i].Score > matches[j].Score })
	seen := map[int]bool{}
	var out []string
	for _, m := range matches {
		i := owner[m.Index]
		if seen[i] {
			continue
		}
		seen[i] = true
		out = append(out, issues[i].Name)
		if len(out) == max {
			return out
		}
	}
	if len(out) == 0 {
		if is, sugg, ok := kb.FindIssue(partial); ok {
			out = []string{is.Name}
		} else {
			out = sugg
		}
	}
	return out
}

// shareCache encodes a command and its text into a Button.Value of at
// most MaxButtonValue bytes. Short texts are carried whole ("ask|text");
// long ones as a hash and a prefix ("ask#hash|prefix"), with the full text
// kept in a bounded in-memory cache. When the cache has lost the text (a
// restart, another process), the prefix is used.
type shareCache struct {
	mu    sync.Mutex
	max   int
	texts map[string]string
	order []string
}

func newShareCache(max int) *shareCache {
	return &shareCache{max: max, texts: map[string]string{}}
}

func (c *shareCache) encode(cmd, text string) string {
	v := cmd + "|" + text
	if len(v) <= MaxButtonValue {
		return v
	}
	sum := sha256.Sum256([]byte(cmd + "|" + text))
	key := hex.EncodeToString(sum[:6])
	c.mu.Lock()
	if _, ok := c.texts[key]; !ok {
		if len(c.order) >= c.max {
			delete(c.texts, c.order[0])
			c.order = c.order[1:]
		}
		c.texts[key] = text
		c.order = append(c.order, key)
	}
	c.mu.Unlock()
	head := cmd + "#" + key + "|"
	prefix := text[:MaxButtonValue-len(head)]
	for !utf8.ValidString(prefix) {
		prefix = prefix[:len(prefix)-1]
	}
	return head + prefix
}

func (c *shareCache) decode(v string) (cmd, text string, ok bool) {
	head, text, ok := strings.Cut(v, "|")
	if !ok {
		return "", "", false
	}
	cmd, key, hashed := strings.Cut(head, "#")
	if !validName.MatchString(cmd) {
		return "", "", false
	}
	if hashed {
		c.mu.Lock()
		full, found := c.texts[key]
		c.mu.Unlock()
		if found {
			text = full
		}
	}
	return cmd, text, true
}
