// Package stories finds the issues a corpus discusses, names them and
// keeps them. NewPlan decides how: a corpus of many stories gets one issue
// per story, the articles grouped by briefings/stories/cluster and named
// by their distinctive phrases, each summarised from its own articles
// (most informative sentence first, none leaning on a sentence left out);
// a corpus that is one story (or two articles) gets that story's facets,
// its recurring phrases, each with the sentences that name it. Issues
// admins name in the config come first and replace a found issue they
// overlap. Set.Extend places the articles added to a live corpus (an
// article joins its story, or starts one with an earlier article of no
// story) and attaches added sentences to the phrase issues; Set.Find
// matches a user's words against issue names fuzzily.
//
// It may use briefings/cite (the sentence index, the lexicon, summaries),
// briefings/stories/cluster and corpus/, nothing above them.
package stories
