package corpus

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// headSpan is how many units from the top count as the head of a page,
// where breadcrumbs, counters, captions and teasers sit.
const headSpan = 8

// clean removes from one document's units what is not the article, in
// this order: furniture units (counters, slugs, captions, share prompts,
// byline and date lines), breadcrumbs and promotional teasers in the head,
// menus, comment sections, link lists with their heading, author boxes
// with the bio after them, table-of-contents entries, exact and near
// repeats, and short non-sentence lines trailing at the end. It then
// guesses which of the remaining units are headings, and returns what the
// dropped lines said about the byline and the publication date.
func clean(units []unit) ([]unit, meta) {
	for i := range units {
		if units[i].verbatim() {
			continue
		}
		t := fold(units[i].text)
		if t != "" && strings.IndexByte(".,;:", t[0]) >= 0 || strings.HasPrefix(t, "·") {
			t = fold(leadPunctRe.ReplaceAllString(t, "$1"))
		}
		if strings.Contains(t, "[") {
			t = fold(citeRe.ReplaceAllString(t, ""))
		}
		units[i].text = t
	}
	units = splitQA(units)
	var m meta
	drop := make([]bool, len(units))
	introduced := false // in a list a paragraph introduces ("Apps purchased on:")
	for i, u := range units {
		if u.kind != Item {
			introduced = u.kind == Para && strings.HasSuffix(u.text, ":") && words(u.text) >= 2 && !listHeadRe.MatchString(u.text)
		}
		if u.verbatim() {
			drop[i] = strings.TrimSpace(u.text) == ""
			continue
		}
		if u.text == "" || isBoilerplate(u) {
			if (i > 0 && titleAsks(units[i-1]) || introduced && u.kind == Item) && u.links > 0.6 && !isBoilerplate(unit{kind: u.kind, text: u.text}) {
				// A short answer that is mostly a link ("See the guide."),
				// or the links a paragraph introduces.
				continue
			}
			drop[i] = true
			m.note(u.text, i < headSpan)
			continue
		}
		if i < headSpan && (isBreadcrumb(u.text) || words(u.text) <= 40 && ctaRe.MatchString(u.text)) {
			drop[i] = true
		}
	}
	dropNavigation(units, drop)
	dropComments(units, drop)
	dropBackMatter(units, drop)
	dropLinkLists(units, drop)
	if b := dropAuthorBoxes(units, drop); b != "" {
		m.byline = b
	}
	dropTOC(units, drop)
	dropRepeats(units, drop)
	kept := units[:0:0]
	for i, u := range units {
		if !drop[i] {
			kept = append(kept, u)
		}
	}
	kept = trimTail(kept)
	kept = numberedEntries(kept)
	guessKinds(kept)
	return kept, m
}

// meta is what cleaning learns from the lines it drops.
type meta struct {
	byline    string
	published time.Time
}

// note reads a byline ("By Jane Roe") and, in the head of the page, a
// publication date from a dropped line, keeping the first of each.
func (m *meta) note(t string, head bool) {
	if words(t) > 12 {
		return
	}
	if m.byline == "" && strings.HasPrefix(strings.ToLower(t), "by ") {
		name := dateInRe.ReplaceAllString(t[3:], "")
		if i := strings.IndexAny(name, "|·•"); i >= 0 {
			name = name[:i]
		}
		m.byline = strings.Trim(fold(name), " ,;:-–—")
	}
	if m.published.IsZero() && head {
		for _, loc := range dateInRe.FindAllStringIndex(t, -1) {
			if p, err := parseDate(t[loc[0]:loc[1]]); err == nil {
				m.published = withTimeOfDay(p, t[loc[1]:])
				break
			}
		}
	}
}

// timeOfDayRe is a time of day right after a date: ", 07:12 GMT",
// " at 9:41 a.m. ET", " 10:15 am".
var timeOfDayRe = regexp.MustCompile(`^,?\s*(?:at\s+)?(\d{1,2}):(\d{2})(?::\d{2})?(?:\s*([aApP])\.?[mM]\.?)?(?:\s*(GMT|UTC|Z|BST|CET|CEST|EST|EDT|ET|CST|CDT|PST|PDT|PT)\b)?`)

// zoneOffsets are the hours east of UTC of the zone names bylines use;
// ET and PT are taken as standard time.
var zoneOffsets = map[string]int{"GMT": 0, "UTC": 0, "Z": 0, "BST": 1, "CET": 1, "CEST": 2,
	"EST": -5, "EDT": -4, "ET": -5, "CST": -6, "CDT": -5, "PST": -8, "PDT": -7, "PT": -8}

// withTimeOfDay adds to day (a date at midnight UTC) the time of day that
// rest starts with, in its zone when named (UTC otherwise); day as it is
// when rest does not start with a time.
func withTimeOfDay(day time.Time, rest string) time.Time {
	m := timeOfDayRe.FindStringSubmatch(rest)
	if m == nil {
		return day
	}
	h, _ := strconv.Atoi(m[1])
	mins, _ := strconv.Atoi(m[2])
	switch strings.ToLower(m[3]) {
	case "p":
		if h < 12 {
			h += 12
		}
	case "a":
		if h == 12 {
			h = 0
		}
	}
	if h > 23 || mins > 59 {
		return day
	}
	return day.Add(time.Duration(h-zoneOffsets[m[4]])*time.Hour + time.Duration(mins)*time.Minute)
}

// dropComments drops a comment section: everything from a "Leave a
// Reply" or "12 Comments" line in the second half of the document on.
func dropComments(units []unit, drop []bool) {
	for i := len(units) / 2; i < len(units); i++ {
		if words(units[i].text) <= 5 && commentsRe.MatchString(units[i].text) {
			for j := i; j < len(units); j++ {
				drop[j] = true
			}
			return
		}
	}
}

// dropBackMatter drops the references, notes and external links that
// close a reference article: from such a heading in the second half of
// the document to the end.
func dropBackMatter(units []unit, drop []bool) {
	for i := len(units) / 2; i < len(units); i++ {
		if words(units[i].text) <= 4 && backMatterRe.MatchString(units[i].text) {
			for j := i; j < len(units); j++ {
				drop[j] = true
			}
			return
		}
	}
}

// dropNavigation drops menus: runs of three or more one- to three-word
// capitalised lines without punctuation near the top or the bottom of the
// page, and a section label (kicker) of one or two words right before the
// headline.
func dropNavigation(units []unit, drop []bool) {
	isMenu := func(u unit) bool {
		return u.kind != Heading && u.kind != Code && words(u.text) <= 3 && startsLikeHeading(u.text) &&
			!strings.ContainsAny(u.text, ".?!:;,") && !chapterRe.MatchString(u.text)
	}
	// Menus sit at the top or the bottom of a page.
	for i := 0; i < len(units); {
		if i >= headSpan && i < len(units)-headSpan {
			i = len(units) - headSpan
			continue
		}
		j := i
		for j < len(units) && isMenu(units[j]) {
			j++
		}
		if j-i >= 3 {
			for k := i; k < j; k++ {
				drop[k] = true
			}
		}
		i = max(j, i+1)
	}
	// A kicker: the first kept unit is one or two words and the next is a
	// longer line without final punctuation (the headline).
	first := -1
	for i := range units {
		if !drop[i] {
			first = i
			break
		}
	}
	if first < 0 || first+1 >= len(units) || words(units[first].text) > 2 || endsSentence(units[first].text) {
		return
	}
	next := units[first+1]
	if !drop[first+1] && words(next.text) >= 4 && words(next.text) <= maxTitleWords && (!endsSentence(next.text) || isTitleCase(next.text)) {
		drop[first] = true
	}
}

// dropLinkLists drops a "Read also:"-style heading and the list of links
// after it: the list items, or short lines that are not sentences. Under
// a question ("See also: conflict handling") it is the answer, and stays.
func dropLinkLists(units []unit, drop []bool) {
	for i, u := range units {
		if words(u.text) > 8 || !mayBeListHead(u.text) || !listHeadRe.MatchString(u.text) || i > 0 && titleAsks(units[i-1]) {
			continue
		}
		drop[i] = true
		for j := i + 1; j < len(units); j++ {
			v := units[j]
			if v.kind == Item || v.links > 0.5 || words(v.text) <= 15 && !endsSentence(v.text) {
				drop[j] = true
				continue
			}
			break
		}
	}
}

// dropAuthorBoxes drops "About the Author: NAME" and the biography that
// follows it, and a third-person biography near the end on its own. It
// returns the name from the box.
func dropAuthorBoxes(units []unit, drop []bool) string {
	name := ""
	for i, u := range units {
		if drop[i] {
			continue
		}
		m := authorHeadRe.FindStringSubmatch(u.text)
		if m != nil && words(u.text) <= 10 && !endsSentence(u.text) {
			drop[i] = true
			name = strings.TrimSpace(m[len(m)-1])
			for j := i + 1; j < len(units) && j <= i+2; j++ {
				v := units[j]
				first := ""
				if f := strings.Fields(name); len(f) > 0 {
					first = f[0]
				}
				if v.kind == Para && (first != "" && strings.HasPrefix(v.text, first) || bioRe.MatchString(v.text)) {
					drop[j] = true
				}
			}
			continue
		}
		if i >= len(units)-3 && u.kind == Para && bioRe.MatchString(u.text) {
			drop[i] = true
		}
	}
	return name
}

// sectionKey returns a key that a table-of-contents entry shares with the
// section it lists: the section number and the title's key ("8.1.3|
// aptitude" for "8.1.3. aptitude", "Chapter 8.1.3 aptitude" or a list item
// numbered 8.1.3), and false for a unit without a number.
func sectionKey(u unit) (string, bool) {
	if u.verbatim() {
		return "", false
	}
	if u.enum && u.num != "" {
		return u.num + "|" + SentenceKey(u.text), true
	}
	m := chapterRe.FindString(u.text)
	if m == "" {
		return "", false
	}
	num := m
	if r, _ := utf8.DecodeRuneInString(m); unicode.IsLetter(r) {
		_, num, _ = strings.Cut(m, " ") // "Chapter 8." -> "8."
	}
	num = strings.Trim(sectionNumRe.FindString(num), ".")
	return num + "|" + SentenceKey(u.text[len(m):]), true
}

var sectionNumRe = regexp.MustCompile(`[\dA-Z]+(\.\d+)*`)

// dropTOC drops the entries of a table of contents: numbered lines and
// numbered list items that come back later in the same document, with the
// same number and title, as the sections they list.
func dropTOC(units []unit, drop []bool) {
	last := make(map[string]int)
	for i, u := range units {
		if words(u.text) > 80 || u.enum {
			continue
		}
		if k, ok := sectionKey(u); ok {
			last[k] = i
		}
	}
	if len(last) == 0 {
		return
	}
	for i, u := range units {
		if drop[i] || words(u.text) > 80 {
			continue
		}
		if k, ok := sectionKey(u); ok {
			if j, found := last[k]; found && j > i {
				drop[i] = true
			}
		}
	}
}

// trimTail drops short lines that are not sentences from the end of the
// document (comment prompts, tags, navigation) and a heading left with
// nothing under it.
func trimTail(units []unit) []unit {
	for len(units) > 0 {
		u := units[len(units)-1]
		if u.verbatim() {
			break
		}
		if u.kind.Titles() || u.kind != Item && words(u.text) <= 8 && !endsSentence(u.text) {
			units = units[:len(units)-1]
			continue
		}
		break
	}
	return units
}

var (
	// qaLabelRe is the "Q:" or "A:" before a question or an answer of an
	// FAQ ("Q. ", "Answer: ").
	qaLabelRe = regexp.MustCompile(`^(?i:(q|question|a|answer))\s?[:.)]\s+`)
	// inlineQARe is a labelled question and its labelled answer run
	// together in one paragraph (wrapped lines with no blank line between
	// them); group 1 ends the question.
	inlineQARe = regexp.MustCompile(`^(?i:q|question)\s?[:.)]\s*.+?\?()\s+(?i:a|answer)\s?[:.)]\s+\S`)
)

// splitQA undoes the "Q:" and "A:" labels of an FAQ written as labelled
// paragraphs, when the document has both kinds: a question and its answer
// in one paragraph become two, and the labels go, so that the question
// reads as a question and the answer, quoted on its own, does not start
// with "A:". A document with only one kind of label keeps it ("A: the old
// tariff" in a list).
func splitQA(units []unit) []unit {
	hasQ, hasA := false, false
	for _, u := range units {
		if inlineQARe.MatchString(u.text) {
			hasQ, hasA = true, true
			break
		}
		if m := qaLabelRe.FindStringSubmatch(u.text); m != nil {
			switch strings.ToLower(m[1]) {
			case "q", "question":
				hasQ = true
			default:
				hasA = true
			}
		}
	}
	if !hasQ || !hasA {
		return units
	}
	out := make([]unit, 0, len(units)+len(units)/2)
	for _, u := range units {
		if m := inlineQARe.FindStringSubmatchIndex(u.text); m != nil {
			q, a := u, u
			q.text, a.text = u.text[:m[2]], strings.TrimSpace(u.text[m[2]:])
			out = append(out, unlabel(q), unlabel(a))
			continue
		}
		out = append(out, unlabel(u))
	}
	return out
}

// unlabel removes a "Q:" or "A:" label from the start of u; a question
// so labelled is a heading, whatever the markup.
func unlabel(u unit) unit {
	if loc := qaLabelRe.FindStringSubmatchIndex(u.text); loc != nil && loc[1] < len(u.text) {
		if l := strings.ToLower(u.text[loc[2]:loc[3]]); (l == "q" || l == "question") && u.kind == Para && isQuestion(u.text) {
			u.kind, u.hard = Heading, true
		}
		u.text = u.text[loc[1]:]
	}
	return u
}

// titleAsks reports whether u titles an answer: a definition term, or a
// heading that asks a question.
func titleAsks(u unit) bool {
	return u.kind == Term || u.kind == Heading && isQuestion(u.text)
}
