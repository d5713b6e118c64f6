// Package entity finds the kinds of fact a sentence holds (numbers,
// amounts of money, percentages, dates, times, durations, persons,
// places, organisations, and words naming a religion, a colour, a
// language or a nationality) and the kind of fact a question asks for.
//
// It works without a statistical model: Find reads a sentence's
// capitalisation, titles (Mr, King, President), prepositions (in, at,
// from), company and institution suffixes (Inc, Ltd, University,
// Ministry), number words and units, and the gazetteers shipped in
// gazetteer/ (countries, capitals and major cities; given names). Expect
// maps a question's wording (who, where, when, how many, what religion)
// to the kinds that can answer it. Together they let an answerer check
// that a passage holds something of the kind asked for.
//
// Everything here is pure, deterministic and safe for concurrent use.
package entity
