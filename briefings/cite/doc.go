// Package cite holds the sentences of a corpus and chooses and cites
// them: the sentence index (every sentence of every article with its
// terms, block kind and position), the lexicon that reads words into
// terms and knows their roles (titles, speech verbs, organisations,
// places), extractive summaries (LexRank centrality, MMR against
// redundancy, no boilerplate, each sentence cited with every article that
// states the same fact), and the cited types every job hands out: Source,
// Cited and Answer.
//
// It is the lowest job of the engine: stories, faq, answer, digest and
// eval build on it. It may use corpus/ and corpus/text only, never another
// package of briefings/.
//
// An Index is immutable once built; Index.Extend makes a new one with
// articles added, sharing the old one's storage copy-on-write.
package cite
