// Package corpus brings articles in: it loads text, Markdown and HTML files,
// cleans away what is not the article (captions, share prompts, link lists,
// bylines), rebuilds paragraphs and splits them into sentences.
//
// Everything downstream (the FAQ, issues, summaries, digests and answers in
// package briefings) is built from the Article values this package returns.
// Its subpackages hold the text primitives (tokens, stems, spelling) and the
// in-memory search index.
package corpus
