package discord

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot"
)

const (
	// maxSkew is how far a signed request's timestamp may be from now.
	maxSkew = 5 * time.Minute
	// tokenLife is how long an interaction token accepts follow-ups.
	tokenLife = 15 * time.Minute
	// completeWithin bounds autocomplete, which Discord drops after 3 s.
	completeWithin = 2 * time.Second
	maxBody        = 1 << 20
)

// expired is shown for a click on a button whose value was forgotten.
var expired = bot.Message{
	Sections: []bot.Section{{Text: "This button has expired. Run the command again."}},
}

// Routes returns the HTTP interactions route, "POST /discord/interactions",
// or nil when no public key is configured. The handler answers 401 to any
// request whose Ed25519 signature is missing or wrong or whose timestamp is
// more than 5 minutes from now, and then does nothing else.
func (a *Adapter) Routes() map[string]http.Handler {
	if a.pubKey == nil {
		return nil
	}
	return map[string]http.Handler{"POST /discord/interactions": http.HandlerFunc(a.serveInteraction)}
}

// requestClaimWithin bounds the claim of a request's signature in the
// shared store: Discord waits 3 s for the answer, so a store slower than
// this is treated as failing, and the interaction is answered.
const requestClaimWithin = time.Second

func (a *Adapter) serveInteraction(w http.ResponseWriter, r *http.Request) {
	handled := make(chan struct{})
	defer close(handled)
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		http.Error(w, "unreadable body", http.StatusBadRequest)
		return
	}
	if !a.verify(r.Header, body) {
		http.Error(w, "invalid request signature", http.StatusUnauthorized)
		return
	}
	if a.dedupe != nil {
		// a signed request is good for 5 minutes: claim its signature in
		// the shared store, so a replay fails on every replica. The key is
		// the signature's bytes in lower-case hex: the header's hex may be
		// written in either case, and a replay in the other case must meet
		// the same claim.
		sig, _ := hex.DecodeString(r.Header.Get("X-Signature-Ed25519")) // verified above
		ctx, cancel := context.WithTimeout(r.Context(), requestClaimWithin)
		won, err := a.dedupe(ctx, "discord-sig:"+hex.EncodeToString(sig))
		cancel()
		if err != nil {
			a.log.Warn("discord: claim a request signature; answering anyway", "err", err)
		} else if !won {
			a.log.Warn("discord: replayed interaction request rejected")
			http.Error(w, "request already received", http.StatusUnauthorized)
			return
		}
	}
	var i discordgo.Interaction
	if err := json.Unmarshal(body, &i); err != nil {
		http.Error(w, "malformed interaction", http.StatusBadRequest)
		return
	}
	resp, later := a.dispatch(r.Context(), &i)
	if resp == nil {
		http.Error(w, "unsupported interaction type", http.StatusBadRequest)
		return
	}
	b, err := json.Marshal(resp)
	if err != nil {
		a.log.Error("discord: encode interaction response", "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	if _, err := w.Write(b); err != nil {
		a.log.Warn("discord: write interaction response", "err", err)
		return
	}
	if later != nil {
		// Edits and follow-ups need the response above to have reached
		// Discord: send them once the handler has returned.
		a.bg.Add(1)
		go func() {
			defer a.bg.Done()
			<-handled
			later()
		}()
	}
}

// verify checks the Ed25519 signature over timestamp+body and the
// timestamp's distance from now.
func (a *Adapter) verify(h http.Header, body []byte) bool {
	sig, err := hex.DecodeString(h.Get("X-Signature-Ed25519"))
	if err != nil || len(sig) != ed25519.SignatureSize {
		return false
	}
	ts := h.Get("X-Signature-Timestamp")
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return false
	}
	if d := a.now().Sub(time.Unix(sec, 0)); d > maxSkew || d < -maxSkew {
		return false
	}
	return ed25519.Verify(a.pubKey, append([]byte(ts), body...), sig)
}

// dispatch returns the first response to an interaction (nil for a type it
// does not handle) and, when more must be sent after it (the deferred
// answer, the parts of a long one), a func that sends it.
func (a *Adapter) dispatch(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, func()) {
	switch i.Type {
	case discordgo.InteractionPing:
		return &discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong}, nil
	case discordgo.InteractionApplicationCommand:
		req := request(i)
		a.log.Debug("discord command", "command", req.Command, "user", req.UserID, "guild", req.GuildID)
		return a.answer(ctx, i, false, func(ctx context.Context) bot.Message { return a.core.Handle(ctx, req) })
	case discordgo.InteractionApplicationCommandAutocomplete:
		return a.autocomplete(ctx, i), nil
	case discordgo.InteractionMessageComponent:
		action, value, ok := a.ids.decode(ctx, i.MessageComponentData().CustomID)
		if !ok {
			return a.answer(ctx, i, false, func(context.Context) bot.Message { return expired })
		}
		req := request(i)
		a.log.Debug("discord click", "action", action, "user", req.UserID)
		return a.answer(ctx, i, action == bot.ActionShare, func(ctx context.Context) bot.Message {
			return a.core.Click(ctx, req, action, value)
		})
	}
	a.log.Debug("discord: unsupported interaction", "type", int(i.Type))
	return nil, nil
}

// answer runs produce and returns a type 4 response with its message when
// it is ready within deferAfter, else a type 5 (deferred) response and a
// func that edits the original response once the message is ready. public
// is the guess of the deferred response's visibility; when the message
// disagrees, the deferred response is replaced by a follow-up.
func (a *Adapter) answer(ctx context.Context, i *discordgo.Interaction, public bool, produce func(context.Context) bot.Message) (*discordgo.InteractionResponse, func()) {
	bg, cancel := context.WithTimeout(context.WithoutCancel(ctx), tokenLife)
	done := make(chan bot.Message, 1)
	go func() { done <- produce(bg) }()
	select {
	case msg := <-done:
		parts := a.render.render(msg)
		flags := flagsFor(msg.Visibility)
		resp := &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseChannelMessageWithSource,
			Data: responseData(parts[0], flags),
		}
		if len(parts) == 1 {
			cancel()
			return resp, nil
		}
		return resp, func() {
			defer cancel()
			a.followUps(bg, i, parts[1:], flags)
		}
	case <-a.after(a.deferAfter):
		var flags discordgo.MessageFlags
		if !public {
			flags = discordgo.MessageFlagsEphemeral
		}
		resp := &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{Flags: flags},
		}
		return resp, func() {
			defer cancel()
			select {
			case msg := <-done:
				a.deliverDeferred(bg, i, msg, flags)
			case <-bg.Done():
				a.log.Warn("discord: answer not ready before the interaction token expired", "interaction", i.ID)
			}
		}
	}
}

// deliverDeferred replaces the "thinking…" of a deferred response with
// msg, or, when msg's visibility differs from the deferred one, deletes it
// and sends msg as follow-ups.
func (a *Adapter) deliverDeferred(ctx context.Context, i *discordgo.Interaction, msg bot.Message, deferred discordgo.MessageFlags) {
	parts := a.render.render(msg)
	flags := flagsFor(msg.Visibility)
	if flags != deferred {
		err := a.retry(ctx, "delete deferred response", retryWebhook, func(opts ...discordgo.RequestOption) error {
			return a.session.InteractionResponseDelete(i, opts...)
		})
		if err != nil {
			a.log.Error("discord: replace deferred response", "err", err, "interaction", i.ID)
			return
		}
		a.followUps(ctx, i, parts, flags)
		return
	}
	first := parts[0]
	edit := &discordgo.WebhookEdit{
		Embeds:          &first.Embeds,
		Components:      &first.Components,
		AllowedMentions: noMentions(),
	}
	if first.Components == nil {
		edit.Components = &[]discordgo.MessageComponent{}
	}
	err := a.retry(ctx, "edit deferred response", retryWebhook, func(opts ...discordgo.RequestOption) error {
		_, err := a.session.InteractionResponseEdit(i, edit, opts...)
		return err
	})
	if err != nil {
		a.log.Error("discord: edit deferred response", "err", err, "interaction", i.ID)
		return
	}
	a.followUps(ctx, i, parts[1:], flags)
}

// followUps sends parts as follow-up messages, in order; it stops at the
// first that cannot be sent.
func (a *Adapter) followUps(ctx context.Context, i *discordgo.Interaction, parts []part, flags discordgo.MessageFlags) {
	for n, p := range parts {
		params := &discordgo.WebhookParams{
			Embeds:          p.Embeds,
			Components:      components(p.Components),
			AllowedMentions: noMentions(),
			Flags:           flags,
		}
		err := a.retry(ctx, "follow-up", retryWebhook, func(opts ...discordgo.RequestOption) error {
			_, err := a.session.FollowupMessageCreate(i, true, params, opts...)
			return err
		})
		if err != nil {
			a.log.Error("discord: follow-up", "err", err, "part", n+2, "interaction", i.ID)
			return
		}
	}
}

// autocomplete answers with the core's completions for the focused option.
// A core slower than completeWithin gets an empty list rather than none.
func (a *Adapter) autocomplete(ctx context.Context, i *discordgo.Interaction) *discordgo.InteractionResponse {
	req := request(i)
	ctx, cancel := context.WithTimeout(ctx, completeWithin)
	defer cancel()
	got := make(chan []string, 1)
	go func() { got <- a.core.Complete(ctx, req.Command, req.Text) }()
	var names []string
	select {
	case names = <-got:
	case <-a.after(completeWithin):
		a.log.Warn("discord: autocomplete too slow", "command", req.Command)
	case <-ctx.Done():
	}
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionApplicationCommandAutocompleteResult,
		Data: &discordgo.InteractionResponseData{Choices: choices(names)},
	}
}

func flagsFor(v bot.Visibility) discordgo.MessageFlags {
	if v == bot.Channel {
		return 0
	}
	return discordgo.MessageFlagsEphemeral
}

func responseData(p part, flags discordgo.MessageFlags) *discordgo.InteractionResponseData {
	return &discordgo.InteractionResponseData{
		Content:         p.Content,
		Embeds:          p.Embeds,
		Components:      components(p.Components),
		AllowedMentions: noMentions(),
		Flags:           flags,
	}
}

// components never returns nil, so "components" is [] rather than null.
func components(c []discordgo.MessageComponent) []discordgo.MessageComponent {
	if c == nil {
		return []discordgo.MessageComponent{}
	}
	return c
}
