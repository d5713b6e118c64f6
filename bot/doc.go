// Package bot is the platform-neutral core of briefbot: the command registry
// and its middleware, the Request and the neutral Message every command
// returns, the Adapter interface chat platforms implement, the Store
// interface state backends implement, and the digest scheduler.
//
// It imports no chat SDK; adapters translate between a platform and these
// types.
package bot
