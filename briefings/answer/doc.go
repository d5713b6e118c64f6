// Package answer answers free-text questions from what it is given: the
// FAQ entries, the issues and the passages of the articles (a Base),
// never the whole knowledge base. It reads the question (answer type,
// framing words, typos, related words), searches one BM25 index of FAQ
// entries, issue summaries and passages, ranks the candidates, computes a
// confidence, and declines below the threshold with "did you mean"
// suggestions.
//
// The confidence estimates the probability that the answer is right: the
// rule-based confidence of the ranking (coverage, margin, unknown words),
// lowered by a logistic regression (confidence_model.go, fitted by
// fit_test.go on labelled questions in testdata/) for what the answer
// lacks: the kind of fact asked for (corpus/entity), a negation or a name
// of the question, or a name the corpus never writes; and for a corpus of
// many passages, where a good match by chance is likelier.
//
// It may use briefings/cite, briefings/faq and briefings/stories (their
// types), corpus/search and corpus/, nothing above them.
//
// An Answerer is immutable and safe for concurrent use. Answerer.With
// answers over articles added after a Build by searching the base index
// and small segments of what was added, with the base's word statistics:
// close to, not the same as, an answerer built from all the articles.
package answer
