package corpus

import (
	"encoding/json"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// qaPair is one question and its answer from a page's schema.org FAQPage
// data; the answer may hold HTML.
type qaPair struct {
	question, answer string
}

// structuredFAQ returns the question-and-answer pairs a page declares as a
// schema.org FAQPage: in microdata (itemtype .../Question with itemprop
// name and acceptedAnswer), else in JSON-LD scripts. It returns nil for a
// page without one.
func structuredFAQ(root *html.Node) []qaPair {
	if qs := microdataFAQ(root); len(qs) > 0 {
		return qs
	}
	var out []qaPair
	var find func(n *html.Node)
	find = func(n *html.Node) {
		if n.Type == html.ElementNode && n.DataAtom == atom.Script {
			if strings.EqualFold(strings.TrimSpace(attr(n, "type")), "application/ld+json") && n.FirstChild != nil {
				var v any
				if json.Unmarshal([]byte(n.FirstChild.Data), &v) == nil {
					out = append(out, jsonLDFAQ(v, 0)...)
				}
			}
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			find(c)
		}
	}
	find(root)
	return out
}

// jsonLDFAQ collects the questions of the FAQPage objects in a decoded
// JSON-LD value (a page, a list of them, or an @graph).
func jsonLDFAQ(v any, depth int) []qaPair {
	if depth > 8 {
		return nil
	}
	switch v := v.(type) {
	case []any:
		var out []qaPair
		for _, x := range v {
			out = append(out, jsonLDFAQ(x, depth+1)...)
		}
		return out
	case map[string]any:
		if g, ok := v["@graph"]; ok {
			return jsonLDFAQ(g, depth+1)
		}
		if !hasType(v, "FAQPage") {
			return nil
		}
		var out []qaPair
		for _, q := range asList(v["mainEntity"]) {
			m, ok := q.(map[string]any)
			if !ok || !hasType(m, "Question") {
				continue
			}
			name, _ := m["name"].(string)
			var answer string
			for _, a := range asList(m["acceptedAnswer"]) {
				if am, ok := a.(map[string]any); ok {
					if t, ok := am["text"].(string); ok {
						answer = t
						break
					}
				}
			}
			if strings.TrimSpace(name) != "" && strings.TrimSpace(answer) != "" {
				out = append(out, qaPair{question: name, answer: answer})
			}
		}
		return out
	}
	return nil
}

// hasType reports whether a JSON-LD object's @type is (or lists) t.
func hasType(m map[string]any, t string) bool {
	for _, x := range asList(m["@type"]) {
		if s, ok := x.(string); ok && (s == t || strings.HasSuffix(s, "/"+t)) {
			return true
		}
	}
	return false
}

func asList(v any) []any {
	if l, ok := v.([]any); ok {
		return l
	}
	if v == nil {
		return nil
	}
	return []any{v}
}

// microdataFAQ collects the schema.org Question items of a page's
// microdata: the text of the itemprop "name" and of the "text" inside
// the itemprop "acceptedAnswer" (or of the whole answer).
func microdataFAQ(root *html.Node) []qaPair {
	var out []qaPair
	var find func(n *html.Node)
	find = func(n *html.Node) {
		if n.Type == html.ElementNode && strings.HasSuffix(strings.TrimRight(attr(n, "itemtype"), "/ "), "schema.org/Question") {
			name := itempropNode(n, "name")
			var answer string
			if a := itempropNode(n, "acceptedAnswer"); a != nil {
				if t := itempropNode(a, "text"); t != nil {
					a = t
				}
				answer = renderHTML(a)
			}
			if name != nil && strings.TrimSpace(answer) != "" {
				out = append(out, qaPair{question: textOf(name), answer: answer})
			}
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			find(c)
		}
	}
	find(root)
	return out
}

// itempropNode returns the first element under n whose itemprop lists
// prop, or nil.
func itempropNode(n *html.Node, prop string) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		for _, p := range strings.Fields(attr(c, "itemprop")) {
			if p == prop {
				return c
			}
		}
		if f := itempropNode(c, prop); f != nil {
			return f
		}
	}
	return nil
}

// renderHTML returns the inner HTML of n.
func renderHTML(n *html.Node) string {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		_ = html.Render(&b, c)
	}
	return b.String()
}

// mergeStructuredFAQ makes the questions a page declares as FAQPage data
// definition terms of its units: a unit that says a question becomes its
// Term; a question the readable text lacks (an answer hidden in a script
// or cut by the extraction) is added at the end with its answer.
func mergeStructuredFAQ(units []unit, qs []qaPair) []unit {
	at := make(map[string]int, len(units))
	for i, u := range units {
		if k := SentenceKey(u.text); k != "" {
			if _, ok := at[k]; !ok {
				at[k] = i
			}
		}
	}
	for _, q := range qs {
		question := fold(normalize(q.question))
		if i, ok := at[SentenceKey(question)]; ok && question != "" {
			units[i].kind, units[i].hard = Term, true
			continue
		}
		if question == "" {
			continue
		}
		units = append(units, unit{kind: Term, hard: true, text: question, lines: 1})
		for _, u := range htmlFragmentUnits(q.answer) {
			if u.kind == Para {
				u.kind, u.hard = Desc, true
			}
			units = append(units, u)
		}
	}
	return units
}

// htmlFragmentUnits reads a fragment of HTML (or plain text) into units.
func htmlFragmentUnits(s string) []unit {
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(s), body)
	if err != nil {
		return nil
	}
	w := htmlWalker{}
	for _, c := range nodes {
		w.walk(c)
	}
	w.flush(Para)
	return w.out
}

// questionTitles returns the keys of the questions a page asks in its
// headings, definition terms and summaries, outside navigation and other
// skipped elements: an FAQ page's entries.
func questionTitles(root *html.Node) []string {
	var out []string
	var find func(n *html.Node)
	find = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if skipped[n.DataAtom] {
				return
			}
			switch n.DataAtom {
			case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Dt, atom.Summary:
				if t := fold(normalize(textOf(n))); isQuestion(t) {
					out = append(out, SentenceKey(t))
				}
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			find(c)
		}
	}
	find(root)
	return out
}

// lost reports whether the extraction of a page that asks three questions
// or more in its titles lost one of them.
func lost(asked []string, units []unit) bool {
	if len(asked) < 3 {
		return false
	}
	have := make(map[string]bool, len(units))
	for _, u := range units {
		if u.kind.Titles() {
			have[SentenceKey(u.text)] = true
		}
	}
	for _, k := range asked {
		if !have[k] {
			return true
		}
	}
	return false
}

// wholeBody reads the whole <body> of a page into units, for an FAQ page
// whose readable-article extraction cut entries (readability drops short
// answers dense with links); cleaning then removes the page's furniture.
// It returns fallback when the page does not parse or gives no more.
func wholeBody(page []byte, fallback []unit) []unit {
	root, err := html.Parse(strings.NewReader(string(page)))
	if err != nil {
		return fallback
	}
	var body *html.Node
	var find func(n *html.Node)
	find = func(n *html.Node) {
		if body != nil {
			return
		}
		if n.Type == html.ElementNode && n.DataAtom == atom.Body {
			body = n
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			find(c)
		}
	}
	find(root)
	if body == nil {
		return fallback
	}
	w := htmlWalker{}
	w.walk(body)
	w.flush(Para)
	if len(w.out) <= len(fallback) {
		return fallback
	}
	return w.out
}
