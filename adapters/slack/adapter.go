package slack

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"

	"github.com/briefbot/briefbot/bot"
)

// Core is what the adapter needs from the bot; *bot.Bot satisfies it.
type Core interface {
	// Handle runs a command and returns the message to show.
	Handle(ctx context.Context, req bot.Request) bot.Message
	// Click handles a button click and returns the message to show.
	Click(ctx context.Context, req bot.Request, action, value string) bot.Message
}

// Options configure the Slack adapter. Which credentials are set decides
// what it does: AppToken and BotToken run Socket Mode, SigningSecret
// enables the HTTP routes, BotToken alone posts (digests, direct messages).
type Options struct {
	BotToken      string
	AppToken      string
	SigningSecret string
	// APIURL is Slack's Web API base URL ("https://slack.com/api/"); empty
	// means the real one. A missing final slash is added.
	APIURL string
	// HTTPClient makes every outgoing request (Web API and response_url);
	// nil means a client with a 30 s timeout.
	HTTPClient *http.Client
	Logger     *slog.Logger
	// Now is the clock for signature timestamps; nil means time.Now.
	Now func() time.Time
	// Core answers commands and clicks; required for Socket Mode and the
	// HTTP routes.
	Core Core
	// Dedupe, when set, claims each Socket Mode envelope that carries a
	// command or a click (key "slack:" + envelope_id, the id Slack keeps
	// when it redelivers an envelope, possibly to another connection)
	// before answering it, and reports whether this process won. A lost
	// claim is acknowledged empty and not answered, so replicas sharing
	// the claims answer once. When the claim fails the envelope is
	// answered anyway (a rare duplicate beats a lost answer). On the HTTP
	// routes it claims each request's signature ("slack-sig:"), so a
	// replayed request fails on every replica and after a restart, not
	// only in this process. Nil: answer all.
	Dedupe func(ctx context.Context, key string) (bool, error)
}

// Timing defaults.
const (
	// answerBudget is how long a command may run before Slack gets a
	// "working on it" acknowledgement instead of the answer (Slack allows
	// 3 s).
	answerBudget = 2500 * time.Millisecond
	// followUpTimeout bounds work that continues after the acknowledgement.
	followUpTimeout = 2 * time.Minute
	// signatureWindow is how far a request timestamp may be from now.
	signatureWindow = 5 * time.Minute
	// maxRequestBody caps the body of a Slack webhook request.
	maxRequestBody = 1 << 20
)

// Adapter is the Slack adapter: Socket Mode, the HTTP routes and posting.
// It implements bot.Adapter, bot.Poster and bot.DirectMessager and is
// safe for concurrent use.
type Adapter struct {
	opts   Options
	log    *slog.Logger
	api    *slack.Client
	http   *http.Client
	now    func() time.Time
	verify *verifier

	// after and wait are the timers; tests replace them so nothing sleeps.
	after func(time.Duration) <-chan time.Time
	wait  func(ctx context.Context, d time.Duration) error
	// onEvent, when set, sees every Socket Mode event type (tests).
	onEvent func(socketmode.EventType)

	// bg tracks follow-ups still running after their acknowledgement.
	bg sync.WaitGroup
	// partials are unfinished multi-part posts (see Post).
	partials *bot.PartialPosts
}

// Interface checks.
var (
	_ bot.Adapter        = (*Adapter)(nil)
	_ bot.Poster         = (*Adapter)(nil)
	_ bot.DirectMessager = (*Adapter)(nil)
)

// New builds the adapter. It fails when no credential is set, when
// AppToken comes without BotToken, when Core is missing for Socket Mode or
// the HTTP routes, or when APIURL is not an http(s) URL.
func New(opts Options) (*Adapter, error) {
	switch {
	case opts.BotToken == "" && opts.AppToken == "" && opts.SigningSecret == "":
		return nil, errors.New("new slack adapter: no bot_token, app_token or signing_secret")
	case opts.AppToken != "" && opts.BotToken == "":
		return nil, errors.New("new slack adapter: app_token needs bot_token for Socket Mode")
	case (opts.AppToken != "" || opts.SigningSecret != "") && opts.Core == nil:
		return nil, errors.New("new slack adapter: no bot to answer commands")
	}
	a := &Adapter{
		opts:     opts,
		log:      opts.Logger,
		http:     opts.HTTPClient,
		now:      opts.Now,
		after:    time.After,
		wait:     sleepCtx,
		partials: bot.NewPartialPosts(),
	}
	if a.log == nil {
		a.log = slog.New(slog.DiscardHandler)
	}
	if a.http == nil {
		a.http = &http.Client{Timeout: 30 * time.Second}
	}
	if a.now == nil {
		a.now = time.Now
	}
	if opts.SigningSecret != "" {
		a.verify = newVerifier(opts.SigningSecret, a.now, signatureWindow, 100_000)
		a.verify.claim = opts.Dedupe
	}
	apiOpts := []slack.Option{
		slack.OptionHTTPClient(a.http),
		slack.OptionLog(slogWriter{a.log}),
	}
	if opts.APIURL != "" {
		u, err := url.Parse(opts.APIURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("new slack adapter: api_url %q is not an http(s) URL", opts.APIURL)
		}
		base := opts.APIURL
		if !strings.HasSuffix(base, "/") {
			base += "/"
		}
		apiOpts = append(apiOpts, slack.OptionAPIURL(base))
	}
	if opts.AppToken != "" {
		apiOpts = append(apiOpts, slack.OptionAppLevelToken(opts.AppToken))
	}
	a.api = slack.New(opts.BotToken, apiOpts...)
	return a, nil
}

// Name returns "slack".
func (a *Adapter) Name() string { return bot.PlatformSlack }

// Run serves Socket Mode when AppToken is set, until ctx ends or Slack
// rejects the tokens. Without AppToken it only waits for ctx (the HTTP
// routes are served by the bot's server). Either way it returns once the
// follow-ups already acknowledged have been delivered. It returns nil when
// ctx ends.
func (a *Adapter) Run(ctx context.Context) error {
	defer a.bg.Wait()
	if a.opts.AppToken == "" {
		<-ctx.Done()
		return nil
	}
	return a.runSocket(ctx)
}

// sleepCtx waits d or until ctx ends.
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

// slogWriter lets slack-go's loggers write to slog at debug level.
type slogWriter struct{ log *slog.Logger }

// Output implements slack-go's logger interface.
func (w slogWriter) Output(_ int, s string) error {
	w.log.Debug(strings.TrimSpace(s), "source", "slack-go")
	return nil
}
