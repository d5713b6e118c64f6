// Package live keeps the current corpus of a running bot: the articles
// from files, feeds and pages, keyed by source, as they are added,
// replaced and removed.
//
// A Set is the one place that knows what the corpus is right now. The
// caller applies changes (Put, Remove, AddLink, Reload), then, when
// Version has moved, builds a new knowledge base from Articles aside and
// swaps it in; readers keep using the old one until the swap, so they
// never see a half-updated corpus.
package live
