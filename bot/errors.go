package bot

import "errors"

// ErrPermanent marks a delivery failure that retrying will not fix.
var ErrPermanent = errors.New("permanent failure")
