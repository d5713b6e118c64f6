// Package eval measures answer accuracy on labelled question files (the
// format of `briefbot eval`: a question, a tab, the phrases a right
// answer holds or NONE for a question that must be declined) and writes
// the report people read.
//
// It reads answers through the Asker interface and may use
// briefings/cite (the Answer type) only, so the answerer's own tests can
// use it.
package eval
