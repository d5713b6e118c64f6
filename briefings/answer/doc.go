// Package answer answers free-text questions from what it is given: the
// FAQ entries, the issues and the passages of the articles (a Base),
// never the whole knowledge base. It reads the question (answer type,
// framing words, typos, related words), searches one BM25 index of FAQ
// entries, issue summaries and passages, ranks the candidates, computes a
// confidence, and declines below the threshold with "did you mean"
// suggestions.
//
// It may use briefings/cite, briefings/faq and briefings/stories (their
// types), corpus/search and corpus/, nothing above them.
//
// An Answerer is immutable and safe for concurrent use. Answerer.With
// answers over articles added after a Build by searching the base index
// and small segments of what was added, with the base's word statistics:
// close to, not the same as, an answerer built from all the articles.
package answer
