// Package briefings turns a corpus of articles into knowledge: an FAQ
// (question/answer pairs found in the articles plus admin entries), the main
// issues the articles discuss with cited summaries, digests of what is new,
// and answers to free-text questions.
//
// It is the one package of the engine that bot/ and cmd/ use, and a
// façade: it composes the jobs below it and does none of them itself.
//
//	briefings/cite     the sentence index, summaries, the cited types
//	briefings/faq      question/answer pairs in documents, admin entries
//	briefings/stories  the issues: finding, naming, summarising, keeping
//	briefings/answer   answers to questions, confidence, suggestions
//	briefings/digest   what is new in a time window, per issue
//	briefings/eval     accuracy on labelled question files
//
// Arrows run one way: the façade imports the jobs, a job imports only the
// jobs below it (see TestImportDirection), and all of them import
// corpus/. The public types (Answer, Issue, FAQEntry, Digest…) are the
// job packages' own, named here.
//
// A KB is built from a set of articles and is read-only afterwards; it is
// safe for concurrent use. KB.With makes a new KB with articles added,
// without rebuilding: it finds no new issue and keeps the build's word
// statistics, so it answers nearly, not exactly, as a Build of all the
// articles would. Everything is deterministic: the same articles and
// options given to Build, and the same additions given to With in the
// same batches, give the same output, byte for byte.
package briefings
