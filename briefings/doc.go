// Package briefings turns a corpus of articles into knowledge: an FAQ
// (question/answer pairs found in the articles plus admin entries), the main
// issues the articles discuss with cited summaries, digests of what is new,
// and answers to free-text questions.
//
// A KB is built once from a set of articles and is read-only afterwards; it
// is safe for concurrent use. Everything it produces is deterministic: the
// same articles and options give the same output, byte for byte.
package briefings
