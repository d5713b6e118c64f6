// Package briefings turns a corpus of articles into knowledge: an FAQ
// (question/answer pairs found in the articles plus admin entries), the main
// issues the articles discuss with cited summaries, digests of what is new,
// and answers to free-text questions.
//
// A KB is built from a set of articles and is read-only afterwards; it is
// safe for concurrent use. KB.With makes a new KB with articles added,
// without rebuilding: it finds no new issue and keeps the build's word
// statistics, so it answers nearly, not exactly, as a Build of all the
// articles would. Everything is deterministic: the same articles and
// options given to Build, and the same additions given to With in the
// same batches, give the same output, byte for byte.
package briefings
