// Package corpus brings articles in: it loads text, Markdown, AsciiDoc,
// reStructuredText and HTML files, cleans away what is not the article
// (captions, share prompts, link lists, bylines), rebuilds paragraphs and
// splits them into sentences.
//
// # One block model, a reader per format
//
// Every format has one reader (parse.go's readers table is the one place a
// format is chosen) that fills the same model: an Article's Blocks are
// headings with their level and anchor, paragraphs, list items with their
// depth, definition terms and their descriptions, code blocks kept
// verbatim, and quoted paragraphs. Markdown is parsed once by goldmark and
// its tree walked; HTML goes through readability and a walk of the DOM
// (schema.org FAQPage data, in JSON-LD or microdata, marks the questions);
// AsciiDoc, reST and plain text are read line by line. What comes after
// reading (cleaning, and the FAQ, issues and answers in package briefings)
// sees blocks only, so a new format is one reader.
//
// Everything downstream (the FAQ, issues, summaries, digests and answers in
// package briefings) is built from the Article values this package returns.
// Its subpackages hold the text primitives (tokens, stems, spelling) and the
// in-memory search index.
//
// # Entry points
//
//   - Load reads files and directories (deterministic order), with
//     warnings for what it skips; Sample returns the built-in corpus.
//   - Parse cleans one document, for instance a page fetched from a feed
//     (pass its URL as the name).
//   - SplitSentences, SentenceKey, NearDuplicate and Similarity are the
//     sentence helpers: splitting, a normalised key, and a test for two
//     sentences that say the same thing.
//
// # Cleaning
//
// Cleaning knows no particular site or corpus. It works from the shape of
// lines (short lines without sentence punctuation, headings, list items),
// their position (the head and tail of a page hold menus, breadcrumbs,
// counters, bylines and comment prompts), their repetition (a teaser said
// again below, a short line found in three or more files), link density in
// HTML, and a small set of the web's generic furniture: share, comment,
// subscribe and "read more" prompts, image credits, author boxes and
// "related articles" lists. Hard-wrapped plain text (FAQs, mail) is joined
// back into paragraphs; numbered section titles ("2.1. What is ...?") and
// questions become headings.
package corpus
