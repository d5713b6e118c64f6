package bot

import "context"

// Adapter connects the bot to one chat platform. Run blocks until ctx is
// cancelled or the connection fails for good.
type Adapter interface {
	Name() string
	Run(ctx context.Context) error
}

// Poster is an adapter that can post a message to a channel on its own
// (digests, subscriptions). target is a platform channel id or name. It
// returns the platform's id for the posted message.
//
// A Poster retries throttled and failed posts itself within ctx; an error
// means the message was not delivered. Errors that retrying cannot fix
// (unknown channel, missing permission) wrap ErrPermanent.
type Poster interface {
	Post(ctx context.Context, target string, msg Message) (messageID string, err error)
}

// DirectMessager is an adapter that can message one user directly.
type DirectMessager interface {
	DirectMessage(ctx context.Context, userID string, msg Message) error
}
