// Package search is an in-memory BM25F index over small documents with
// several weighted text fields (an FAQ entry, an issue, a passage).
//
// Text is analysed the same way on both sides of a search: corpus/text
// tokens; number words as digits ("twenty" -> "20"); British spellings as
// American ("finalised" -> "finalized"); spelling variants of names folded
// to one form (Zelensky, Zelenskyy, Zelenskiy), learned from how words are
// capitalised in the indexed text; roles folded into the person who holds
// them when the text always names the same one ("Ukrainian President
// Volodymyr Zelenskyy" makes "the Ukrainian president" mean Zelenskyy);
// synonym groups folded to one term (US / U.S. / United States /
// Washington, common abbreviations such as docs / documentation, and
// configured groups); stopwords dropped; English stems.
//
// Query words unknown to the index are corrected against the index
// vocabulary with a symmetric-delete index and Damerau–Levenshtein distance
// (1 edit from 5 letters, 2 from 9, none on numbers, the first letter kept).
//
// Postings are sorted int32 slices with precomputed BM25 impacts and idf;
// a posting's impact and fields are a 2-byte code into a table of the
// corpus's distinct ones (held in full past 65,536 of them);
// a search accumulates into dense per-document arrays reused across
// searches. Very common words only rescore documents found by rarer ones,
// and a query of common words only starts from their champion lists, so
// searches stay around a millisecond on hundreds of thousands of documents.
//
// New indexes documents whose fields are strings. A Builder builds the same
// index from documents whose fields are made of shared texts joined by
// spaces (a passage's sentence, its neighbours, its article's title): each
// text is tokenised once, each distinct token analysed once, and the
// postings are counted first and then filled into flat arrays.
//
// An index can be built as a segment of another (Options.Base): it shares
// the base's analysis, average field lengths and term ids, and weighs its
// terms by the document counts of the whole chain, so that the hits of
// both compare; a corpus grows by small segments instead of a rebuild.
//
// An Index is immutable after New and safe for concurrent use. Results are
// deterministic: equal scores are ordered by document position.
package search
