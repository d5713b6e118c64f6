package slack

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/slack-go/slack"

	"github.com/briefbot/briefbot/bot"
)

// workingText is the acknowledgement sent when an answer takes longer
// than Slack waits.
const workingText = "Working on it…"

// maxResponseURLUses is how many times Slack accepts a response_url.
const maxResponseURLUses = 5

// wireMsg is a message as Slack expects it in a command response, a
// Socket Mode acknowledgement or a response_url post: slack.Msg's fields
// that matter there, and nothing else.
type wireMsg struct {
	ResponseType    string        `json:"response_type,omitempty"`
	Text            string        `json:"text"`
	Blocks          []slack.Block `json:"blocks,omitempty"`
	ReplaceOriginal bool          `json:"replace_original,omitempty"`
	DeleteOriginal  bool          `json:"delete_original,omitempty"`
}

func wire(m slack.Msg) wireMsg {
	return wireMsg{
		ResponseType:    m.ResponseType,
		Text:            m.Text,
		Blocks:          m.Blocks.BlockSet,
		ReplaceOriginal: m.ReplaceOriginal,
		DeleteOriginal:  m.DeleteOriginal,
	}
}

// working is the acknowledgement shown while a slow answer is prepared.
func working() wireMsg {
	return wireMsg{ResponseType: slack.ResponseTypeEphemeral, Text: workingText}
}

// requestFromCommand turns a slash command into a bot request. Slack sends
// the text with &, < and > escaped; the core gets plain text.
func requestFromCommand(c slack.SlashCommand) bot.Request {
	return bot.Request{
		Platform:  bot.PlatformSlack,
		UserID:    c.UserID,
		UserName:  c.UserName,
		ChannelID: c.ChannelID,
		GuildID:   c.TeamID,
		Command:   strings.TrimPrefix(c.Command, "/"),
		Text:      unescape(c.Text),
	}
}

// render renders m, falling back to m without buttons when a button breaks
// Slack's limits (logged: it is a bug in the core).
func (a *Adapter) render(m bot.Message) []slack.Msg {
	parts, err := Render(m)
	if err != nil {
		a.log.Error("render message", "err", err)
		m.Buttons = nil
		parts, _ = Render(m)
	}
	return parts
}

// command runs a slash command and returns what to answer Slack with right
// away: the answer itself when it is ready within answerBudget and fits
// one message, nil (an empty acknowledgement) when it is ready but must
// be sent in several parts, and "working on it" when it is slow. In the
// last two cases the parts follow on responseURL in the background. fits
// reports whether one part may go in the immediate answer.
func (a *Adapter) command(ctx context.Context, req bot.Request, responseURL string, fits func(wireMsg) bool) *wireMsg {
	bg, cancel := context.WithTimeout(context.WithoutCancel(ctx), followUpTimeout)
	done := make(chan []slack.Msg, 1)
	go func() {
		done <- a.render(a.opts.Core.Handle(bg, req))
	}()
	select {
	case parts := <-done:
		if len(parts) == 1 && fits(wire(parts[0])) {
			cancel()
			w := wire(parts[0])
			return &w
		}
		a.followUp(bg, cancel, req, responseURL, func() []slack.Msg { return parts })
		return nil
	case <-a.after(answerBudget):
		a.followUp(bg, cancel, req, responseURL, func() []slack.Msg { return <-done })
		w := working()
		return &w
	}
}

// followUp delivers parts (once ready) to responseURL in the background.
func (a *Adapter) followUp(ctx context.Context, cancel context.CancelFunc, req bot.Request, responseURL string, parts func() []slack.Msg) {
	a.bg.Add(1)
	go func() {
		defer a.bg.Done()
		defer cancel()
		a.deliver(ctx, req, responseURL, parts())
	}()
}

// deliver posts parts to responseURL in order. Parts beyond what a
// response_url accepts, all of them when there is no response_url, and
// any the response_url refuses go through the Web API when a bot token is
// set: privately to the user (chat.postEphemeral) or to the channel.
func (a *Adapter) deliver(ctx context.Context, req bot.Request, responseURL string, parts []slack.Msg) {
	for i, p := range parts {
		var err error
		if responseURL != "" && i < maxResponseURLUses {
			err = a.respond(ctx, responseURL, wire(p))
			if err != nil && a.opts.BotToken != "" && ctx.Err() == nil {
				// An expired or used-up response_url: the Web API still works.
				a.log.Warn("response_url failed, posting instead", "err", err)
				err = a.postPart(ctx, req, p)
			}
		} else {
			err = a.postPart(ctx, req, p)
		}
		if err != nil {
			a.log.Error("deliver slack message", "command", req.Command, "part", i+1, "parts", len(parts), "err", err)
			return
		}
	}
}

// postPart posts one part through the Web API, visible to the channel or
// (ephemeral) to the requesting user only.
func (a *Adapter) postPart(ctx context.Context, req bot.Request, p slack.Msg) error {
	if a.opts.BotToken == "" {
		return errNoBotToken
	}
	opts := []slack.MsgOption{slack.MsgOptionText(p.Text, false), slack.MsgOptionBlocks(p.Blocks.BlockSet...)}
	if p.ResponseType != slack.ResponseTypeInChannel {
		return a.retry(ctx, "chat.postEphemeral", func(ctx context.Context) error {
			_, err := a.api.PostEphemeralContext(ctx, req.ChannelID, req.UserID, opts...)
			return err
		})
	}
	_, err := a.postMessage(ctx, req.ChannelID, p)
	return err
}

// fitsSocket reports whether a message fits in a Socket Mode
// acknowledgement (Slack drops responses of 20 KB or more).
func fitsSocket(m wireMsg) bool {
	b, err := json.Marshal(m)
	return err == nil && len(b) < 19*1024
}

// fitsHTTP: an HTTP response body has no size limit short of Slack's block
// limits, which Render already respects.
func fitsHTTP(wireMsg) bool { return true }

// click handles a button click in the background and delivers the result:
// a shared message in the channel, a feedback acknowledgement privately.
func (a *Adapter) click(ctx context.Context, cb slack.InteractionCallback) {
	if cb.Type != slack.InteractionTypeBlockActions || len(cb.ActionCallback.BlockActions) == 0 {
		return
	}
	req := bot.Request{
		Platform:  bot.PlatformSlack,
		UserID:    cb.User.ID,
		UserName:  cb.User.Name,
		ChannelID: cb.Channel.ID,
		GuildID:   cb.Team.ID,
	}
	if req.ChannelID == "" {
		req.ChannelID = cb.Container.ChannelID
	}
	bg, cancel := context.WithTimeout(context.WithoutCancel(ctx), followUpTimeout)
	a.bg.Add(1)
	go func() {
		defer a.bg.Done()
		defer cancel()
		for _, act := range cb.ActionCallback.BlockActions {
			action := parseActionID(act.ActionID)
			m := a.opts.Core.Click(bg, req, action, act.Value)
			if len(m.Sections) == 0 && m.Title == "" && m.Footer == "" {
				continue // nothing to show
			}
			a.log.Debug("slack click", "action", action, "user", req.UserID)
			a.deliver(bg, req, cb.ResponseURL, a.render(m))
		}
	}()
}
