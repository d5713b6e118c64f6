// Package faq finds question and answer pairs in documents and merges
// them with the entries admins configure: admin entries come first and
// win over a found entry asking the same question; the same question found
// in several articles is one entry with several sources.
//
// It works on corpus blocks only, never on a format's markup: every
// reader (Markdown, AsciiDoc, reST, HTML, text) gives headings with their
// level, definition terms, paragraphs, list items and code, so a new
// format needs a reader and nothing here.
//
//   - An FAQ document is recognised from its titles (the rank of headings
//     or terms that asks most, or what the document calls itself); there,
//     every title of that rank with an answer is an entry, a statement
//     ("compress() returns Z_BUF_ERROR.") or two sentences included, and
//     the answer runs to the end of the title's section, lists and code
//     kept (code between ``` fences).
//   - In other articles, question headings, Q:/A: paragraphs, numbered
//     questions and a reader's own questions are entries; quotations,
//     speech, rhetorical questions (???, ?!) and questions put to "you"
//     in a paragraph are not.
//   - Generate writes an FAQ for news that asks no questions, from its
//     issues: what each is about, who is involved, what happened last,
//     answered with cited sentences and marked Generated.
//
// It may use briefings/cite (question keys, cleaning, sources) and
// corpus/, nothing above them.
package faq
