package discord

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot"
)

// Post sends msg to the channel with id target, which must be a text or
// announcement channel, or a forum (or media) channel, where msg starts a
// new post (thread) named after its title. A message longer than Discord's
// limits is sent as several messages (in the forum post's thread).
// msg.Mentions are mentioned and pinged; nobody else is.
//
// It returns the id of the first message (for a forum, the new thread's,
// which is also its first message's). Rate limits are waited out and 5xx
// answers, timeouts and dropped connections retried with backoff within
// ctx, each part with a nonce Discord enforces, so a retried part whose
// first answer was lost is not posted twice; an unknown channel or
// missing access wraps bot.ErrPermanent. When a later part fails, the id of what
// was posted is returned with the error, and the adapter remembers the
// parts Discord accepted: Post called again with the same target and
// message resumes at the failed part, never sending an accepted part
// twice. That memory is this process's (bounded, for a day): a retry by
// another process sends every part again.
func (a *Adapter) Post(ctx context.Context, target string, msg bot.Message) (string, error) {
	if a.token == "" {
		return "", fmt.Errorf("discord: post to %s: %w: posting needs a bot token", target, bot.ErrPermanent)
	}
	parts := a.render.render(msg)
	key := bot.PartialPostKey(target, msg)
	done, resumed := a.partials.Get(key, a.now())
	if resumed && (done.Sent <= 0 || done.Sent >= len(parts)) {
		resumed = false // rendered differently: start over
	}
	channel, first, next := target, "", 0
	if resumed {
		channel, first, next = done.Channel, done.First, done.Sent
		a.log.Info("discord: resuming a partly posted message", "channel", target, "parts", len(parts), "sent", next)
	} else {
		typ, err := a.channelType(ctx, target)
		if err != nil {
			return "", fmt.Errorf("discord: post to %s: %w", target, err)
		}
		if typ == discordgo.ChannelTypeGuildForum || typ == discordgo.ChannelTypeGuildMedia {
			thread := &discordgo.ThreadStart{Name: threadName(msg)}
			err := a.retry(ctx, "start forum post", retryREST, func(opts ...discordgo.RequestOption) error {
				th, err := a.session.ForumThreadStartComplex(target, thread, send(parts[0]), opts...)
				if err == nil {
					first, channel = th.ID, th.ID
				}
				return err
			})
			if err != nil {
				return "", fmt.Errorf("discord: post to %s: %w", target, err)
			}
			next = 1
		}
	}
	for ; next < len(parts); next++ {
		p := parts[next]
		nonce := partNonce(key, next)
		err := a.retry(ctx, "send message", retryREST, func(opts ...discordgo.RequestOption) error {
			m, err := a.sendOnce(channel, send(p), nonce, opts...)
			if err == nil && first == "" {
				first = m.ID
			}
			return err
		})
		if err != nil {
			if next > 0 {
				a.partials.Put(key, bot.PartialPost{Sent: next, First: first, Channel: channel, At: a.now()})
			}
			return first, fmt.Errorf("discord: post to %s: part %d of %d: %w", target, next+1, len(parts), err)
		}
	}
	a.partials.Done(key)
	a.log.Debug("discord posted", "channel", target, "parts", len(parts))
	return first, nil
}

// onceSend is a message with a nonce Discord enforces: a second send with
// the same nonce within a few minutes returns the first message instead
// of posting again. So a send whose answer was lost (a timeout, a dropped
// connection) is retried without posting twice.
type onceSend struct {
	*discordgo.MessageSend
	Nonce        string `json:"nonce"`
	EnforceNonce bool   `json:"enforce_nonce"`
}

// sendOnce sends a message (no files) with an enforced nonce.
func (a *Adapter) sendOnce(channel string, m *discordgo.MessageSend, nonce string, opts ...discordgo.RequestOption) (*discordgo.Message, error) {
	endpoint := discordgo.EndpointChannelMessages(channel)
	body, err := a.session.RequestWithBucketID("POST", endpoint, onceSend{MessageSend: m, Nonce: nonce, EnforceNonce: true}, endpoint, opts...)
	if err != nil {
		return nil, err
	}
	var out discordgo.Message
	if err := json.Unmarshal(body, &out); err != nil {
		return nil, fmt.Errorf("decode sent message: %w", err)
	}
	return &out, nil
}

// partNonce is the nonce of part i of the post with the given key: the
// same for every attempt at that part, 25 characters (Discord's limit).
func partNonce(key string, i int) string {
	sum := sha256.Sum256([]byte(key + "#" + strconv.Itoa(i)))
	return hex.EncodeToString(sum[:])[:25]
}

// channelType looks up (once) the type of a channel.
func (a *Adapter) channelType(ctx context.Context, id string) (discordgo.ChannelType, error) {
	a.mu.Lock()
	t, ok := a.chanTypes[id]
	a.mu.Unlock()
	if ok {
		return t, nil
	}
	err := a.retry(ctx, "get channel", retryREST, func(opts ...discordgo.RequestOption) error {
		ch, err := a.session.Channel(id, opts...)
		if err == nil {
			t = ch.Type
		}
		return err
	})
	if err != nil {
		return 0, err
	}
	a.mu.Lock()
	a.chanTypes[id] = t
	a.mu.Unlock()
	return t, nil
}

func send(p part) *discordgo.MessageSend {
	return &discordgo.MessageSend{
		Content:         p.Content,
		Embeds:          p.Embeds,
		Components:      components(p.Components),
		AllowedMentions: p.allowed(),
	}
}

// threadName is a forum post's name: the message's title, clipped to
// Discord's 100 characters.
func threadName(msg bot.Message) string {
	name := strings.TrimSpace(msg.Title)
	if name == "" && len(msg.Sections) > 0 {
		name = strings.TrimSpace(msg.Sections[0].Heading)
	}
	if name == "" {
		name = "Briefing"
	}
	return clip(name, maxThreadName)
}
