// Package text holds the word-level primitives shared by indexing, issue
// discovery and answering: tokens, stems, stopwords and spelling distance.
//
// Tokens splits running text into lowercased word tokens; Terms turns text
// into the stemmed content terms that indexes and similarity measures use.
// Everything here is pure, deterministic and safe for concurrent use.
package text
