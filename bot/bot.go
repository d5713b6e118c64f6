package bot

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync/atomic"
	"time"

	"github.com/briefbot/briefbot/briefings"
)

// HandlerFunc runs one command.
type HandlerFunc func(ctx context.Context, req Request) (Message, error)

// Command is one chat command, as data. Help text, the Slack manifest and
// Discord's command registration are generated from the registry of these.
type Command struct {
	Name        string // without the slash: "ask"
	Description string
	// Arg names the single argument ("question"); empty when the command
	// takes none. It is the Discord option name.
	Arg            string
	ArgDescription string
	ArgRequired    bool
	// Autocomplete says the argument is completed with Bot.Complete.
	Autocomplete bool
	Examples     []string
	AdminOnly    bool
	// NeedsStore says the command exists only when a store is configured.
	NeedsStore bool
	Handler    HandlerFunc
}

// Usage returns the command as typed: "/ask <question>", "/brief [issue]".
func (c Command) Usage() string {
	switch {
	case c.Arg == "":
		return "/" + c.Name
	case c.ArgRequired:
		return "/" + c.Name + " <" + c.Arg + ">"
	default:
		return "/" + c.Name + " [" + c.Arg + "]"
	}
}

// RateLimit is a per-user token bucket: PerMinute tokens refill every
// minute, up to Burst. PerMinute 0 turns the limit off.
type RateLimit struct {
	PerMinute float64
	// Burst is the bucket size; 0 means max(1, PerMinute).
	Burst int
}

// Options configure a Bot.
type Options struct {
	// KB is the knowledge to answer from; required.
	KB *briefings.KB
	// Store keeps subscriptions, feedback and the query log; nil means
	// none, and then /subscribe and /unsubscribe do not exist.
	Store   Store
	Logger  *slog.Logger
	Metrics *Metrics // nil: no metrics
	// RateLimit limits commands per user; zero is off.
	RateLimit RateLimit
	// Admins lists the user ids allowed to run admin-only commands, by
	// platform ("slack" -> ["U123"]).
	Admins map[string][]string
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// HashSalt is mixed into the hashed user ids stored with feedback and
	// the query log.
	HashSalt string
	// DigestWindow is how far back /brief looks for news (0: 24h).
	DigestWindow time.Duration
	// Commands are extra commands appended to the built-in registry.
	Commands []Command
	// Middleware wraps every command inside the built-in middleware
	// (after logging, metrics, panic recovery, rate limit and admin check).
	Middleware []Middleware
}

// Bot is the platform-neutral core every adapter talks to. It is safe for
// concurrent use.
type Bot struct {
	commands []Command
	byName   map[string]int
	handlers []HandlerFunc // commands[i] wrapped in the middleware

	kb      atomic.Pointer[briefings.KB]
	store   Store
	log     *slog.Logger
	metrics *Metrics
	now     func() time.Time
	salt    string
	window  time.Duration
	admins  map[string]map[string]bool
	limiter *limiter
	shares  *shareCache
}

// New builds a bot from opts. It fails when opts.KB is nil or the
// registry is invalid (a duplicate or malformed command name).
func New(opts Options) (*Bot, error) {
	if opts.KB == nil {
		return nil, errors.New("new bot: no knowledge base")
	}
	b := &Bot{
		store:   opts.Store,
		log:     opts.Logger,
		metrics: opts.Metrics,
		now:     opts.Now,
		salt:    opts.HashSalt,
		window:  opts.DigestWindow,
		admins:  map[string]map[string]bool{},
		shares:  newShareCache(1024),
	}
	if b.log == nil {
		b.log = slog.New(slog.DiscardHandler)
	}
	if b.now == nil {
		b.now = time.Now
	}
	if b.window <= 0 {
		b.window = 24 * time.Hour
	}
	for platform, ids := range opts.Admins {
		set := map[string]bool{}
		for _, id := range ids {
			set[id] = true
		}
		b.admins[platform] = set
	}
	b.limiter = newLimiter(opts.RateLimit, b.now)
	b.kb.Store(opts.KB)
	b.metrics.SetCorpusSize(len(opts.KB.Articles()))
	cmds := append(b.builtins(), opts.Commands...)
	if err := b.register(cmds, opts.Middleware); err != nil {
		return nil, fmt.Errorf("new bot: %w", err)
	}
	return b, nil
}

// KB returns the knowledge base in use.
func (b *Bot) KB() *briefings.KB { return b.kb.Load() }

// SetKB swaps in a new knowledge base atomically: a command runs wholly
// against the old or wholly against the new one. A nil kb is ignored.
func (b *Bot) SetKB(kb *briefings.KB) {
	if kb == nil {
		return
	}
	b.kb.Store(kb)
	b.metrics.SetCorpusSize(len(kb.Articles()))
}

// Commands returns the registry, in help order. The caller must not
// change it.
func (b *Bot) Commands() []Command { return b.commands }

// Command returns the command with the given name (without the slash).
func (b *Bot) Command(name string) (Command, bool) {
	i, ok := b.byName[normalizeCommand(name)]
	if !ok {
		return Command{}, false
	}
	return b.commands[i], true
}

// Handle runs a request through the middleware and the command's handler.
// It always returns a message to show: unknown commands, bad arguments,
// rate limits and internal errors become a friendly explanation.
func (b *Bot) Handle(ctx context.Context, req Request) Message {
	msg, _ := b.run(ctx, req)
	return msg
}

// run is Handle that also reports the error behind a friendly message.
func (b *Bot) run(ctx context.Context, req Request) (Message, error) {
	req.Command = normalizeCommand(req.Command)
	req.Text = strings.TrimSpace(req.Text)
	i, ok := b.byName[req.Command]
	if !ok {
		b.metrics.Command("unknown", OutcomeUnknown, 0)
		b.log.Debug("unknown command", "platform", req.Platform, "command", req.Command)
		return unknownCommandMessage(req.Command), ErrUnknownCommand
	}
	msg, err := b.handlers[i](ctx, req)
	if err != nil && !isUserError(err) {
		msg = errorMessage()
	}
	return msg, err
}

// normalizeCommand turns "/Ask" into "ask".
func normalizeCommand(s string) string {
	return strings.ToLower(strings.TrimPrefix(strings.TrimSpace(s), "/"))
}

// hashUser returns the hashed user id stored with feedback and queries.
func (b *Bot) hashUser(platform, userID string) string {
	sum := sha256.Sum256([]byte(b.salt + "\x00" + platform + "\x00" + userID))
	return hex.EncodeToString(sum[:16])
}

// isAdmin reports whether the user may run admin-only commands.
func (b *Bot) isAdmin(platform, userID string) bool {
	return userID != "" && b.admins[platform][userID]
}

// Ready reports whether the bot can serve: a knowledge base is loaded and
// the store, when there is one, answers a ping. It suits
// ServerOptions.Ready.
func (b *Bot) Ready(ctx context.Context) error {
	if b.KB() == nil {
		return errors.New("knowledge base not loaded")
	}
	if b.store != nil {
		if err := b.store.Ping(ctx); err != nil {
			return fmt.Errorf("store: %w", err)
		}
	}
	return nil
}
