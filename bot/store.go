package bot

import (
	"context"
	"errors"
	"time"
)

// ErrNotFound is returned by Store methods when the thing asked for does not exist.
var ErrNotFound = errors.New("not found")

// Store keeps the bot's state: when articles were first seen, digest
// deliveries and their outbox, subscriptions, answer feedback and the query
// log. Implementations live in bot/sqlite and bot/postgres and pass the
// shared contract suite in bot/storetest. All methods are safe for
// concurrent use by several processes sharing one database.
type Store interface {
	// SeeArticles records now as the first-seen time of every id not seen
	// before and returns the first-seen time of every id.
	SeeArticles(ctx context.Context, ids []string, now time.Time) (map[string]time.Time, error)

	// LastSlot returns the newest slot of schedule that was claimed, or
	// the zero time when none was.
	LastSlot(ctx context.Context, schedule string) (time.Time, error)
	// Claim atomically claims one slot of a schedule and queues its
	// messages in the outbox. It returns false, and queues nothing, when
	// the slot was claimed before (by this or another process).
	Claim(ctx context.Context, c Claim) (bool, error)
	// Lease hands out up to limit outbox messages that are due at now and
	// not leased by someone else, leasing them to owner until now+lease.
	Lease(ctx context.Context, owner string, now time.Time, lease time.Duration, limit int) ([]OutboxMessage, error)
	// Delivered marks an outbox message delivered.
	Delivered(ctx context.Context, id int64, platformID string, now time.Time) error
	// Failed records a failed attempt: retry at next, or give up when
	// next is zero (the message is kept as failed, never deleted).
	Failed(ctx context.Context, id int64, cause string, next time.Time) error
	// Pending counts outbox messages not yet delivered and not given up.
	Pending(ctx context.Context) (int, error)

	// Subscribe adds a subscription; subscribing twice is not an error.
	Subscribe(ctx context.Context, s Subscription) error
	// Unsubscribe removes a subscription and reports whether it existed.
	Unsubscribe(ctx context.Context, s Subscription) (bool, error)
	// Subscribers returns the subscriptions to an issue.
	Subscribers(ctx context.Context, issueID string) ([]Subscription, error)
	// SubscriptionsOf returns a user's subscriptions.
	SubscriptionsOf(ctx context.Context, platform, userID string) ([]Subscription, error)

	// RecordFeedback stores one helpful / not helpful mark.
	RecordFeedback(ctx context.Context, f Feedback) error
	// LogQuery appends to the query log.
	LogQuery(ctx context.Context, q QueryLog) error
	// PruneQueries deletes query log entries older than before.
	PruneQueries(ctx context.Context, before time.Time) (int, error)
	// DeclinedQueries returns the query log entries at or after since
	// that were declined (Answered false), oldest first.
	DeclinedQueries(ctx context.Context, since time.Time) ([]QueryLog, error)

	// Ping checks the store is reachable.
	Ping(ctx context.Context) error
	Close() error
}

// Claim is one schedule slot with the messages to deliver for it.
type Claim struct {
	Schedule string
	Slot     time.Time
	Messages []OutboxMessage // ID, Attempts and state fields are ignored
	Now      time.Time
}

// OutboxMessage is a message waiting to be delivered to one target.
type OutboxMessage struct {
	ID       int64
	Schedule string
	Slot     time.Time
	// Target is "slack:CHANNEL" or "discord:CHANNEL_ID" (or a DM target).
	Target string
	// Payload is the JSON of the neutral Message.
	Payload   []byte
	Attempts  int
	NextTry   time.Time
	ExpiresAt time.Time // zero: never
	LastError string
}

// Subscription is one user following one issue.
type Subscription struct {
	Platform  string
	UserID    string
	ChannelID string
	IssueID   string
	Created   time.Time
}

// Feedback is one helpful / not helpful mark on an answer.
type Feedback struct {
	Platform string
	UserHash string // hashed user id
	Question string
	Kind     string
	Helpful  bool
	At       time.Time
}

// QueryLog is one asked question and its outcome.
type QueryLog struct {
	Platform   string
	UserHash   string // hashed user id, never the raw id
	Question   string
	Kind       string
	Answered   bool
	Confidence float64
	At         time.Time
}
