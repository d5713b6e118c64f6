// Package feed polls RSS, Atom and JSON feeds and turns their new items
// into articles.
//
// A Poller fetches each feed when its refresh interval is due, sending
// conditional requests (If-None-Match, If-Modified-Since) so an unchanged
// feed costs one 304. For every item it has not seen before it fetches the
// item's page and extracts the article with corpus.Parse, falling back to
// the item's own content or description when the page cannot be had. A
// page that fails for a passing reason (5xx, 429, a refused or reset
// connection, a timeout) is tried again at the feed's next polls, up to
// Options.PageAttempts polls within Options.PageRetryFor, the count kept in
// the feed's State; a page that is gone (404, 410) or not an article falls
// back at once. With a Store, the seen key of an item is renewed while its
// feed lists it and forgotten Options.ForgetSeen after the feed last did.
//
// Feeds are polled on their own by a pool of Concurrency workers (Run
// polls each feed when it is due), each feed's poll bounded by
// FeedTimeout, so a slow or dead feed delays no other. The Poller is
// polite: one request at a time per host, a timeout per request, a
// response size limit, a bounded number of redirects, an honest
// User-Agent, and exponential backoff for a feed that keeps failing. A
// failing feed is logged and reported through Options.OnFailure and in
// Result.Failed; it never stops the others.
//
// What a poller remembers lives in a StateStore: validators, failures,
// next check and the items seen per feed. A Store keeps the articles too:
// each feed's new articles are saved with its seen items in one
// transaction, so a crash between fetching and storing means the item is
// fetched again, never lost; every change takes the next number of one
// sequence, so other processes follow the stored articles (Changes,
// LoadAll). A failing store pauses Run until it answers again.
//
// The same story reached through two feeds is one article: links are
// compared after NormalizeURL, texts by a hash of their normalised
// sentences, and near-identical texts (a syndicated copy with a credit
// line added) by the share of long sentences they have in common. The
// article keeps every link it was reached by.
package feed
