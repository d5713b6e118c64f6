// Package search is an in-memory BM25F index over small documents with
// several weighted text fields (an FAQ entry, an issue, a passage).
//
// Text is analysed the same way on both sides: corpus/text tokens, number
// words as digits, spelling variants of names folded to one form (learned
// from capitalisation in the indexed text), synonym groups folded to one
// term (a small built-in set plus configured groups), stopwords dropped and
// English stems. Query words unknown to the index are corrected against the
// index vocabulary with a symmetric-delete index and Damerau–Levenshtein
// distance (1 edit from 5 letters, 2 from 9, none on numbers).
//
// An Index is immutable after New and safe for concurrent use. Results are
// deterministic: equal scores are ordered by document position.
package search
