package discord

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/config"
)

// Core is the part of the bot core the adapter uses; *bot.Bot satisfies it.
type Core interface {
	Commands() []bot.Command
	Handle(ctx context.Context, req bot.Request) bot.Message
	Click(ctx context.Context, req bot.Request, action, value string) bot.Message
	Complete(ctx context.Context, command, partial string) []string
}

// Options configure an Adapter. Token enables the gateway (command
// registration, interactions over the websocket, posting); PublicKey with
// ApplicationID enables the HTTP interactions route. At least one is needed.
type Options struct {
	// Token is the bot token, with or without the "Bot " prefix.
	Token string
	// ApplicationID is the application's id. In gateway mode it may be
	// empty: it is then read from the READY event.
	ApplicationID string
	// PublicKey is the application's Ed25519 public key, in hex.
	PublicKey string
	// GuildIDs register the commands in these guilds (changes show at
	// once) instead of globally.
	GuildIDs []string
	// APIURL replaces Discord's API for proxies and local fakes; empty is
	// the real one. A bare scheme://host stands for https://discord.com
	// (paths kept: /api/v9/...); a URL with a path stands for
	// https://discord.com/api (so http://fake/api gets /api/v9/...).
	APIURL string
	// HTTPClient makes the REST calls; nil is a client with a 20 s timeout.
	HTTPClient *http.Client
	Logger     *slog.Logger
	// Now is the clock for signature timestamps; nil is time.Now.
	Now  func() time.Time
	Core Core
	// Dedupe, when set, claims each interaction that arrives over the
	// gateway (key "discord:" + the interaction id) before answering it,
	// and reports whether this process won. Every gateway session of the
	// bot receives every interaction, so replicas sharing the claims
	// answer once; a lost claim stays silent. When the claim fails the
	// interaction is answered anyway (a rare duplicate beats a lost
	// answer; Discord accepts only the first response). The HTTP route
	// needs no claim of the interaction (each request reaches one
	// replica), but its request signature is claimed ("discord-sig:"),
	// so a replayed request fails on every replica. Nil: answer all.
	Dedupe func(ctx context.Context, key string) (bool, error)
	// Values, when set, keeps button values too long for a custom_id in
	// the shared store, so a click reaches any replica and survives a
	// restart. Nil: in memory only.
	Values bot.ValueKeeper
}

// ConfigOptions returns the Options for the config's discord section; the
// caller adds Core, Logger and, in tests, HTTPClient and Now.
func ConfigOptions(c config.Discord) Options {
	return Options{
		Token:         c.Token,
		ApplicationID: c.ApplicationID,
		PublicKey:     c.PublicKey,
		GuildIDs:      c.GuildIDs,
		APIURL:        c.APIURL,
	}
}

// Adapter connects the bot to Discord. It implements bot.Adapter and
// bot.Poster, and serves the HTTP interactions route.
type Adapter struct {
	core    Core
	log     *slog.Logger
	now     func() time.Time
	appID   string
	pubKey  ed25519.PublicKey
	guilds  []string
	token   string
	session *discordgo.Session
	ids     *buttonIDs
	render  renderer
	dedupe  func(ctx context.Context, key string) (bool, error)

	// deferAfter is how long an answer may take before the interaction is
	// acknowledged with a deferred response (Discord allows 3 s).
	deferAfter time.Duration
	// after and sleep are the clock for deferral and retries; tests
	// replace them so they never sleep.
	after func(time.Duration) <-chan time.Time
	sleep func(ctx context.Context, d time.Duration) error

	mu         sync.Mutex
	registered bool
	chanTypes  map[string]discordgo.ChannelType
	partials   *bot.PartialPosts // unfinished multi-part posts
	bg         sync.WaitGroup    // follow-ups still being sent
}

// ErrNoCredentials is returned by New when neither a token nor a public
// key and application id are set.
var ErrNoCredentials = errors.New("discord: set token, or public_key and application_id")

// New returns an Adapter for opts. It fails when the credentials allow no
// mode, the public key is not 32 bytes of hex, or APIURL is not a URL.
func New(opts Options) (*Adapter, error) {
	if opts.Core == nil {
		return nil, errors.New("discord: no core")
	}
	if opts.Token == "" && (opts.PublicKey == "" || opts.ApplicationID == "") {
		return nil, ErrNoCredentials
	}
	a := &Adapter{
		core:       opts.Core,
		log:        opts.Logger,
		now:        opts.Now,
		appID:      opts.ApplicationID,
		guilds:     opts.GuildIDs,
		ids:        newButtonIDs(),
		deferAfter: 2500 * time.Millisecond,
		after:      time.After,
		sleep:      sleepCtx,
		chanTypes:  map[string]discordgo.ChannelType{},
		dedupe:     opts.Dedupe,
		partials:   bot.NewPartialPosts(),
	}
	if a.log == nil {
		a.log = slog.New(slog.DiscardHandler)
	}
	a.ids.keep, a.ids.log = opts.Values, a.log
	if a.now != nil {
		a.ids.now = a.now
	}
	a.render = renderer{customID: a.ids.encode}
	routeLogs(a.log)
	if a.now == nil {
		a.now = time.Now
	}
	if opts.PublicKey != "" {
		key, err := hex.DecodeString(opts.PublicKey)
		if err != nil || len(key) != ed25519.PublicKeySize {
			return nil, errors.New("discord: public key must be 64 hex characters")
		}
		a.pubKey = key
	}
	if opts.Token != "" {
		a.token = opts.Token
		if !strings.HasPrefix(a.token, "Bot ") {
			a.token = "Bot " + a.token
		}
	}
	client := opts.HTTPClient
	if client == nil {
		client = &http.Client{Timeout: 20 * time.Second}
	}
	if opts.APIURL != "" {
		base, err := url.Parse(strings.TrimRight(opts.APIURL, "/"))
		if err != nil || (base.Scheme != "http" && base.Scheme != "https") || base.Host == "" {
			return nil, fmt.Errorf("discord: api url %q is not an http(s) URL", opts.APIURL)
		}
		c := *client
		c.Transport = rewrite{base: base, next: client.Transport}
		client = &c
	}
	s, err := discordgo.New(a.token)
	if err != nil {
		return nil, fmt.Errorf("discord: new session: %w", err)
	}
	s.Client = client
	s.Identify.Intents = discordgo.IntentsGuilds // slash commands need no privileged intent
	s.StateEnabled = false
	// Retries are ours (retry.go): injectable waits, 5xx backoff, 429 honoured.
	s.ShouldRetryOnRateLimit = false
	s.MaxRestRetries = 0
	s.AddHandler(a.onReady)
	s.AddHandler(a.onInteraction)
	a.session = s
	return a, nil
}

// Name is "discord".
func (a *Adapter) Name() string { return bot.PlatformDiscord }

// Run serves until ctx ends. With a token it opens the gateway, registers
// the commands on READY and answers interactions from the websocket; in
// HTTP-only mode it just waits (the route does the work). It returns after
// closing the gateway and letting follow-ups in flight finish.
func (a *Adapter) Run(ctx context.Context) error {
	if a.appID != "" {
		a.log.Info("discord invite", "url", InviteURL(a.appID))
	}
	if a.token == "" {
		a.log.Info("discord http interactions mode", "route", "POST /discord/interactions")
		<-ctx.Done()
		a.drain()
		return nil
	}
	if err := a.session.Open(); err != nil {
		return fmt.Errorf("discord: open gateway: %w", err)
	}
	<-ctx.Done()
	err := a.session.Close()
	a.drain()
	if err != nil {
		return fmt.Errorf("discord: close gateway: %w", err)
	}
	return nil
}

// drainWithin bounds how long Run waits, when stopping, for answers and
// follow-ups still being sent.
const drainWithin = 10 * time.Second

func (a *Adapter) drain() {
	done := make(chan struct{})
	go func() {
		a.bg.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-a.after(drainWithin):
		a.log.Warn("discord: stopped with answers still being sent")
	}
}

// Permissions the bot asks for when invited: see channels, send messages
// (also how forum posts are created) and embed links (embeds). Replies to
// commands are interaction responses and need none.
const Permissions = discordgo.PermissionViewChannel | discordgo.PermissionSendMessages | discordgo.PermissionEmbedLinks

// InviteURL returns the OAuth2 URL that adds the bot to a server with the
// bot and applications.commands scopes and exactly Permissions.
func InviteURL(appID string) string {
	v := url.Values{}
	v.Set("client_id", appID)
	v.Set("scope", "bot applications.commands")
	v.Set("permissions", strconv.FormatInt(Permissions, 10))
	return "https://discord.com/oauth2/authorize?" + v.Encode()
}

// onReady registers the commands once per process (READY comes again after
// each reconnect) and logs the invite URL when the app id was not known.
func (a *Adapter) onReady(s *discordgo.Session, r *discordgo.Ready) {
	a.mu.Lock()
	if a.registered {
		a.mu.Unlock()
		return
	}
	if a.appID == "" {
		switch {
		case r.Application != nil && r.Application.ID != "":
			a.appID = r.Application.ID
		case r.User != nil:
			a.appID = r.User.ID
		}
		a.log.Info("discord invite", "url", InviteURL(a.appID))
	}
	appID := a.appID
	a.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := a.Register(ctx, appID); err != nil {
		a.log.Error("discord: register commands", "err", err)
		return
	}
	a.mu.Lock()
	a.registered = true
	a.mu.Unlock()
}

// Register replaces the application's commands with the core's registry:
// in each of GuildIDs, or globally when there are none.
func (a *Adapter) Register(ctx context.Context, appID string) error {
	cmds := applicationCommands(a.core.Commands())
	guilds := a.guilds
	if len(guilds) == 0 {
		guilds = []string{""}
	}
	for _, g := range guilds {
		err := a.retry(ctx, "register commands", retryREST, func(opts ...discordgo.RequestOption) error {
			_, err := a.session.ApplicationCommandBulkOverwrite(appID, g, cmds, opts...)
			return err
		})
		if err != nil {
			return fmt.Errorf("guild %q: %w", g, err)
		}
		a.log.Info("discord commands registered", "guild", g, "count", len(cmds))
	}
	return nil
}

// onInteraction answers an interaction that came over the gateway, unless
// another process claimed it (Options.Dedupe); the first response goes to
// the interaction callback endpoint.
func (a *Adapter) onInteraction(s *discordgo.Session, ic *discordgo.InteractionCreate) {
	i := ic.Interaction
	a.bg.Add(1)
	defer a.bg.Done()
	if !a.claim(i.ID) {
		return
	}
	resp, later := a.dispatch(context.Background(), i)
	if resp == nil {
		return
	}
	// Discord drops an interaction not answered within 3 s of its creation.
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	err := a.retry(ctx, "interaction response", retryREST, func(opts ...discordgo.RequestOption) error {
		return s.InteractionRespond(i, resp, opts...)
	})
	if err != nil {
		a.log.Error("discord: respond", "err", err, "interaction", i.ID)
		return
	}
	if later != nil {
		later()
	}
}

// claimWithin bounds a claim, which delays the answer Discord waits 3 s for
// (deferAfter leaves half a second): a store slower than this is treated as
// failing, and the interaction is answered.
const claimWithin = 250 * time.Millisecond

// claim reports whether this process answers the interaction: true without
// Options.Dedupe, when it wins the claim, or when the claim fails (logged;
// a rare duplicate beats a lost answer).
func (a *Adapter) claim(id string) bool {
	if a.dedupe == nil || id == "" {
		return true
	}
	ctx, cancel := context.WithTimeout(context.Background(), claimWithin)
	defer cancel()
	won, err := a.dedupe(ctx, "discord:"+id)
	if err != nil {
		a.log.Warn("discord: claiming the interaction failed; answering anyway", "interaction", id, "err", err)
		return true
	}
	if !won {
		a.log.Debug("discord interaction claimed by another process", "interaction", id)
	}
	return won
}

// rewrite sends requests for discord.com to base instead.
type rewrite struct {
	base *url.URL
	next http.RoundTripper
}

func (rw rewrite) RoundTrip(r *http.Request) (*http.Response, error) {
	next := rw.next
	if next == nil {
		next = http.DefaultTransport
	}
	if r.URL.Host != "discord.com" {
		return next.RoundTrip(r)
	}
	r2 := r.Clone(r.Context())
	path := r.URL.Path
	if rw.base.Path != "" {
		path = strings.TrimPrefix(path, "/api")
	}
	r2.URL.Scheme = rw.base.Scheme
	r2.URL.Host = rw.base.Host
	r2.URL.Path = rw.base.Path + path
	r2.URL.RawPath = ""
	r2.Host = rw.base.Host
	return next.RoundTrip(r2)
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
