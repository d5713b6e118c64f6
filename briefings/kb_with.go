package briefings

import (
	"context"
	"maps"

	"github.com/briefbot/briefbot/briefings/answer"
	"github.com/briefbot/briefbot/briefings/faq"
	"github.com/briefbot/briefbot/corpus"
)

// With returns a knowledge base holding kb's articles followed by the
// added ones, without rebuilding what kb holds: the added articles'
// sentences, FAQ entries and passages are indexed on top of kb's. kb is
// not changed and may be read (and extended again) while With runs. Added
// articles whose ID kb already holds, or that an earlier added article
// has, are skipped; when none is left, With returns kb itself. It fails
// only when ctx is cancelled.
//
// With only adds. An article that changed or went away needs a Build,
// and so do new Options. What With gives is close to a Build of all the
// articles, not the same:
//
//   - FAQ entries of the added articles come after kb's, deduplicated as
//     Build does (admin entries still win); an added article asking an
//     existing question becomes one more source of it.
//   - Issues that are stories (a corpus of many stories): an added
//     article joins its story's issue, or starts a story, and so a new
//     issue, with an earlier article of no story; a story that gains an
//     article gets its summary recomputed. No issue is renamed or dropped.
//   - Issues that are phrases (configured ones, and the facets of a
//     one-story corpus): added sentences are attached to the issues whose
//     phrases they name, as Build attaches them; an issue that gains
//     sentences gets its articles and its summary recomputed (and so does
//     a later issue whose summary used a sentence the recomputed one now
//     uses).
//   - Answers search kb's answer index and small indexes of what was
//     added since the last Build (see ask_live.go), with the statistics
//     of kb's own words as of that Build.
//
// A Build now and then (the live corpus does one when articles change or
// go, or when many were added) brings all of it back to a full build.
func (kb *KB) With(ctx context.Context, added []corpus.Article) (*KB, error) {
	var fresh []corpus.Article
	seen := make(map[string]bool)
	for _, a := range added {
		if _, ok := kb.byID[a.ID]; ok || seen[a.ID] {
			continue
		}
		seen[a.ID] = true
		fresh = append(fresh, a)
	}
	if len(fresh) == 0 {
		return kb, nil
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	n := len(kb.articles)
	nk := &KB{opts: kb.opts, articles: append(kb.articles[:n:n], fresh...), byID: maps.Clone(kb.byID)}
	for i, a := range fresh {
		nk.byID[a.ID] = n + i
	}
	nk.faq = faq.Extend(kb.faq, len(kb.opts.FAQ), fresh)
	nk.index = kb.index.Extend(fresh)
	nk.stories = kb.stories.Extend(nk.index, nk.articles, kb.opts.Issues, n)
	nk.faqAll = withGenerated(nk.faq, nk.stories.Issues, nk.Article)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if kb.answers == nil {
		nk.answers = answer.Build(nk.answerBase())
	} else {
		a, err := kb.answers.With(ctx, nk.answerBase(), n)
		if err != nil {
			return nil, err
		}
		nk.answers = a
	}
	kb.opts.Logger.Debug("knowledge extended", "added", len(fresh), "articles", len(nk.articles),
		"sentences", len(nk.index.Sents), "faq", len(nk.faq))
	return nk, nil
}
