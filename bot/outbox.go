package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/briefbot/briefbot/briefings"
)

// Outbox target prefixes beyond a schedule's "slack:" and "discord:".
const (
	// targetSlackDM is a Slack direct message to a user: "slack-dm:USER".
	targetSlackDM = "slack-dm"
	// targetDiscordMention is a Discord channel message mentioning
	// subscribers: "discord-mention:CHANNEL_ID".
	targetDiscordMention = "discord-mention"
)

// Subscription message wording.
const (
	subscriptionTitle  = "New on issues you follow"
	subscriptionFooter = "Stop these with /unsubscribe <issue>."
)

// claimed is what claiming one slot did.
type claimed struct {
	ok      bool     // false: claimed before, nothing queued
	empty   bool     // nothing new, skipped
	targets []string // queued targets
}

// claim builds the slot's digest and subscription messages and claims the
// slot with them. The KB's articles are recorded as seen at slot (or
// before), so the window (previous slot, slot] holds exactly the articles
// that arrived since the previous digest.
func (s *Scheduler) claim(ctx context.Context, sc *schedule, slot, now time.Time) (claimed, error) {
	if s.opts.KB == nil || s.opts.KB() == nil {
		return claimed{}, errors.New("no knowledge base loaded")
	}
	kb := s.opts.KB()
	var last time.Time
	err := s.storeCall(ctx, func(ctx context.Context) (err error) {
		last, err = s.opts.Store.LastSlot(ctx, sc.Name)
		return err
	})
	if err != nil {
		return claimed{}, err
	}
	if !slot.After(last) {
		return claimed{}, nil // this slot or a newer one was claimed already
	}
	since := last
	if since.IsZero() {
		// A first run covers one period, never the back catalogue.
		since = sc.cron.Prev(slot.Add(-time.Nanosecond))
	}
	var seen map[string]time.Time
	err = s.storeCall(ctx, func(ctx context.Context) (err error) {
		seen, err = s.opts.Store.SeeArticles(ctx, articleIDs(kb), slot)
		return err
	})
	if err != nil {
		return claimed{}, err
	}
	d, err := s.digest(kb, sc, slot, since, seen)
	if err != nil {
		return claimed{}, err
	}
	c := Claim{Schedule: sc.Name, Slot: slot, Now: now}
	skip := sc.SkipIfEmpty == nil || *sc.SkipIfEmpty
	expires := now.Add(s.opts.Expire)
	if !d.Empty || !skip {
		payload, err := json.Marshal(DigestMessage(d))
		if err != nil {
			return claimed{}, fmt.Errorf("encode digest: %w", err)
		}
		for _, t := range sc.Targets {
			c.Messages = append(c.Messages, OutboxMessage{Target: t, Payload: payload, ExpiresAt: expires})
		}
		subs, err := s.subscriptionMessages(ctx, d, expires)
		if err != nil {
			return claimed{}, err
		}
		c.Messages = append(c.Messages, subs...)
	}
	var ok bool
	err = s.storeCall(ctx, func(ctx context.Context) (err error) {
		ok, err = s.opts.Store.Claim(ctx, c)
		return err
	})
	if err != nil {
		return claimed{}, err
	}
	res := claimed{ok: ok, empty: ok && d.Empty && skip}
	if !ok {
		s.log.Debug("digest slot claimed elsewhere", "schedule", sc.Name, "slot", slot)
		return res, nil
	}
	for _, m := range c.Messages {
		res.targets = append(res.targets, m.Target)
	}
	if res.empty {
		s.log.Info("digest slot skipped: nothing new", "schedule", sc.Name, "slot", slot)
	} else {
		s.log.Info("digest slot claimed", "schedule", sc.Name, "slot", slot,
			"articles", len(d.Articles), "messages", len(c.Messages))
	}
	return res, nil
}

// digest builds the schedule's digest for the window (since, slot], with
// the articles' first-seen times.
func (s *Scheduler) digest(kb *briefings.KB, sc *schedule, slot, since time.Time, seen map[string]time.Time) (briefings.Digest, error) {
	issueIDs, err := resolveIssues(kb, sc.IssueIDs)
	if err != nil {
		return briefings.Digest{}, err
	}
	return kb.Digest(briefings.DigestOptions{
		Since:     since,
		Until:     slot.In(sc.cron.Location()),
		FirstSeen: firstSeen(kb, seen, since),
		IssueIDs:  issueIDs,
		MaxItems:  sc.MaxItems,
		MaxChars:  s.opts.MaxChars,
	}), nil
}

func articleIDs(kb *briefings.KB) []string {
	arts := kb.Articles()
	ids := make([]string, len(arts))
	for i, a := range arts {
		ids[i] = a.ID
	}
	return ids
}

// resolveIssues turns issue names, aliases or ids into KB issue ids.
func resolveIssues(kb *briefings.KB, names []string) ([]string, error) {
	var ids []string
	for _, n := range names {
		is, _, ok := kb.FindIssue(n)
		if !ok {
			return nil, fmt.Errorf("issue filter: no issue matches %q", n)
		}
		ids = append(ids, is.ID)
	}
	return ids, nil
}

// firstSeen tells the digest when each article arrived. Articles that
// arrived together are ordered newest published first, undated ones last:
// their time is moved back by one nanosecond per second of age (at most a
// second; a second for undated ones), staying after since.
func firstSeen(kb *briefings.KB, seen map[string]time.Time, since time.Time) func(string) (time.Time, bool) {
	return func(id string) (time.Time, bool) {
		t, ok := seen[id]
		if !ok {
			return time.Time{}, false // the digest uses the publication date
		}
		shift := time.Second
		if a, _ := kb.Article(id); !a.Published.IsZero() {
			shift = min(time.Duration(max(t.Sub(a.Published), 0)/time.Second), time.Second)
		}
		if t.After(since) && !t.Add(-shift).After(since) {
			shift = t.Sub(since) - 1
		}
		return t.Add(-shift), true
	}
}

// subscriptionMessages returns one message per subscriber target for the
// digest's issues: a direct message per Slack user, and per Discord
// channel one message with its subscribers in Mentions. Each schedule's
// digest notifies the subscribers of the issues it covers; subscribers on
// a platform without a Poster are left out.
func (s *Scheduler) subscriptionMessages(ctx context.Context, d briefings.Digest, expires time.Time) ([]OutboxMessage, error) {
	if d.Empty {
		return nil, nil
	}
	type pending struct {
		msg      Message
		sections map[string]int // issue id -> section index
	}
	var order []string
	byTarget := map[string]*pending{}
	for _, is := range d.Issues {
		var subs []Subscription
		err := s.storeCall(ctx, func(ctx context.Context) (err error) {
			subs, err = s.opts.Store.Subscribers(ctx, is.IssueID)
			return err
		})
		if err != nil {
			return nil, err
		}
		for _, sub := range subs {
			if s.opts.Posters[sub.Platform] == nil {
				continue // the platform is not configured to post here
			}
			var target string
			mention := false
			switch sub.Platform {
			case "slack":
				target = targetSlackDM + ":" + sub.UserID
			case "discord":
				if sub.ChannelID == "" {
					s.log.Warn("discord subscription without a channel", "issue", is.IssueID)
					continue
				}
				target = targetDiscordMention + ":" + sub.ChannelID
				mention = true
			default:
				s.log.Warn("subscription on an unknown platform", "platform", sub.Platform, "issue", is.IssueID)
				continue
			}
			p := byTarget[target]
			if p == nil {
				p = &pending{msg: Message{Title: subscriptionTitle, Visibility: Channel, Footer: subscriptionFooter}, sections: map[string]int{}}
				byTarget[target] = p
				order = append(order, target)
			}
			if _, ok := p.sections[is.IssueID]; !ok {
				sec := Section{Heading: is.Name}
				for _, pt := range is.Points {
					sec.Items = append(sec.Items, Item{Text: pt.Text, Citations: digestCitations(pt.Sources)})
				}
				p.msg.Sections = append(p.msg.Sections, sec)
				p.sections[is.IssueID] = len(p.msg.Sections) - 1
			}
			if mention && !slices.Contains(p.msg.Mentions, sub.UserID) {
				p.msg.Mentions = append(p.msg.Mentions, sub.UserID)
			}
		}
	}
	var out []OutboxMessage
	for _, t := range order {
		payload, err := json.Marshal(byTarget[t].msg)
		if err != nil {
			return nil, fmt.Errorf("encode subscription message: %w", err)
		}
		out = append(out, OutboxMessage{Target: t, Payload: payload, ExpiresAt: expires})
	}
	return out, nil
}
