package discord

import (
	"context"
	"fmt"
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
// answers retried with backoff within ctx; an unknown channel or missing
// access wraps bot.ErrPermanent. When a later part fails, the id of what
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
		err := a.retry(ctx, "send message", retryREST, func(opts ...discordgo.RequestOption) error {
			m, err := a.session.ChannelMessageSendComplex(channel, send(p), opts...)
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
