// Package digest makes the briefing of what is new in a time window: a
// lead, per issue the most central sentences the new articles add, and
// the new articles with a one-line summary each, all cited and within a
// length budget. Digests are platform-neutral; chat adapters render them.
//
// It may use briefings/cite (summaries), briefings/stories (the issues)
// and corpus/, nothing above them.
package digest
