// Package stories finds the issues a corpus discusses, names them and
// keeps them: issues admins name in the config come first and replace a
// discovered issue they overlap; each issue gets its sentences, its
// articles (most mentions first) and a cited summary. Set.Extend attaches
// the sentences of added articles to the existing issues, and Set.Find
// matches a user's words against issue names fuzzily.
//
// It may use briefings/cite (the sentence index, the lexicon, summaries)
// and corpus/, nothing above them.
package stories
