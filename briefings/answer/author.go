package answer

import (
	"strings"

	"github.com/briefbot/briefbot/briefings/cite"
	"github.com/briefbot/briefbot/corpus/text"
)

// authorWords ask who wrote something; documentWords name what was
// written. Neither says what the piece is about, so a question about an
// author is searched without them.
var (
	authorWords = map[string]bool{
		"wrote": true, "write": true, "writes": true, "written": true, "writer": true,
		"author": true, "authors": true, "authored": true, "byline": true,
	}
	documentWords = map[string]bool{
		"article": true, "articles": true, "piece": true, "pieces": true, "story": true,
		"stories": true, "column": true, "essay": true, "post": true, "analysis": true,
		"op": true, "ed": true, "oped": true, "text": true, "report": true,
	}
)

// aboutAuthor reports whether a question asks who wrote an article ("who
// wrote the piece on ...", "who is the author of the article ..."), and returns what
// it says about the article: the question without its author and
// document words.
func aboutAuthor(q string) (rest string, ok bool) {
	toks := text.Tokens(q)
	who, wrote, doc := false, false, false
	var keep []string
	for _, t := range toks {
		switch {
		case t == "who" || t == "whose" || t == "whom":
			who = true
		case authorWords[t]:
			wrote = true
		case documentWords[t]:
			doc = true
		default:
			keep = append(keep, t)
		}
	}
	// "who wrote the kernel" asks about the kernel, not about an article.
	if !who || !wrote || !doc {
		return "", false
	}
	return strings.Join(keep, " "), true
}

// askAuthor answers a question about who wrote an article: the article is
// the one the rest of the question best matches, its author the byline it
// was published with. An article without a byline, or a question that
// matches no article well, is declined: the bot does not guess authors.
func (a *Answerer) askAuthor(question, rest string) Answer {
	res, ms, ok := a.matches(rest)
	if !ok {
		return a.decline(question, nil)
	}
	best := &ms[0]
	// The rule-based confidence: how well the question names an article,
	// which is what decides whether the byline answers it.
	raw, _ := a.confidence(res, ms)
	conf := round3(raw)
	var art int
	switch {
	case best.cand.kind == KindPassage:
		art = best.cand.article
	case len(best.cand.sources) > 0:
		i, found := a.kb.ByID[best.cand.sources[0].ID]
		if !found {
			return a.decline(question, &res)
		}
		art = i
	default:
		return a.decline(question, &res)
	}
	arts := a.kb.Articles
	if conf < a.kb.MinConfidence || arts[art].Byline == "" {
		ans := a.decline(question, &res)
		ans.Confidence = conf
		return ans
	}
	src := a.kb.source(arts[art].ID)
	answer := arts[art].Byline + " wrote it."
	if t := strings.TrimRight(src.Title, "."); t != "" {
		answer = arts[art].Byline + " wrote “" + t + "”"
		if !strings.HasSuffix(t, "?") && !strings.HasSuffix(t, "!") {
			answer += "."
		}
	}
	return Answer{
		Question:    question,
		Answered:    true,
		Kind:        KindPassage,
		Title:       src.Title,
		Answer:      answer,
		Confidence:  conf,
		Sources:     []cite.Source{src},
		Suggestions: []string{},
	}
}
