package briefings

import (
	"slices"

	"github.com/briefbot/briefbot/briefings/cite"
	"github.com/briefbot/briefbot/briefings/faq"
	"github.com/briefbot/briefbot/corpus"
)

// withGenerated returns entries followed by the FAQ generated for the
// issues whose articles no entry was found in (faq.Generate); entries
// itself when every issue has one. A generated question already asked is
// left out.
func withGenerated(entries []FAQEntry, issues []Issue, article func(id string) (corpus.Article, bool)) []FAQEntry {
	answered := make(map[string]bool)
	asked := make(map[string]bool, len(entries))
	for _, e := range entries {
		asked[cite.QuestionKey(e.Question)] = true
		for _, s := range e.Sources {
			answered[s.ID] = true
		}
	}
	var ss []faq.Story
	for _, is := range issues {
		if slices.ContainsFunc(is.ArticleIDs, func(id string) bool { return answered[id] }) {
			continue
		}
		s := faq.Story{Name: is.Name, Summary: is.Summary}
		for _, id := range is.ArticleIDs {
			if a, ok := article(id); ok {
				s.Articles = append(s.Articles, a)
			}
		}
		ss = append(ss, s)
	}
	gen := faq.Generate(ss)
	if len(gen) == 0 {
		return entries
	}
	out := slices.Clip(entries)
	for _, e := range gen {
		if k := cite.QuestionKey(e.Question); !asked[k] {
			asked[k] = true
			out = append(out, e)
		}
	}
	return out
}
