// Package feed polls RSS, Atom and JSON feeds and turns their new items
// into articles.
//
// A Poller fetches each feed when its refresh interval is due, sending
// conditional requests (If-None-Match, If-Modified-Since) so an unchanged
// feed costs one 304. For every item it has not seen before it fetches the
// item's page and extracts the article with corpus.Parse, falling back to
// the item's own content or description when the page cannot be had.
//
// The Poller is polite: one request at a time per host, a timeout per
// request, a response size limit, a bounded number of redirects, an honest
// User-Agent, and exponential backoff for a feed that keeps failing. A
// failing feed is logged and reported through Options.OnFailure and in
// Result.Failed; it never stops the others.
//
// The same story reached through two feeds is one article: links are
// compared after NormalizeURL, texts by a hash of their normalised
// sentences, and near-identical texts (a syndicated copy with a credit
// line added) by the share of long sentences they have in common. The
// article keeps every link it was reached by.
package feed
