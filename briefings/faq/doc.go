// Package faq finds question and answer pairs in documents (FAQ pages,
// question headings, Q:/A: paragraphs, numbered questions) and merges
// them with the entries admins configure: admin entries come first and
// win over a found entry asking the same question; the same question found
// in several articles is one entry with several sources.
//
// It may use briefings/cite (question keys, cleaning, sources) and
// corpus/, nothing above them.
package faq
