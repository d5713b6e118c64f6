package faq

import (
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/briefbot/briefbot/briefings/cite"
	"github.com/briefbot/briefbot/corpus"
)

// Story is one issue of the news as the generated FAQ sees it.
type Story struct {
	Name string
	// Summary is the summary, most central sentence first.
	Summary []cite.Cited
	// Articles are the articles, most relevant first.
	Articles []corpus.Article
}

// Generate writes the questions a reader asks about each story and
// answers them with sentences of its articles, cited: what it is about
// (its summary), who is involved (the people and bodies its articles name
// most, each with a sentence that names them) and what happened last (the
// opening of its latest article). Every entry is marked Generated. It
// returns nil for no stories; a question it cannot answer is left out.
func Generate(stories []Story) []Entry {
	var out []Entry
	for _, s := range stories {
		name := strings.TrimSpace(s.Name)
		if name == "" {
			continue
		}
		if e, ok := aboutEntry(name, s); ok {
			out = append(out, e)
		}
		if e, ok := whoEntry(name, s); ok {
			out = append(out, e)
		}
		if e, ok := latestEntry(name, s); ok {
			out = append(out, e)
		}
	}
	return out
}

// maxCited is how many sentences a generated answer quotes.
const maxCited = 3

// generated makes an entry from cited sentences: their texts joined, their
// sources merged in order.
func generated(question, lead string, cs []cite.Cited) Entry {
	var texts []string
	if lead != "" {
		texts = append(texts, lead)
	}
	var srcs []cite.Source
	for _, c := range cs {
		texts = append(texts, c.Text)
		for _, s := range c.Sources {
			if !cite.HasSource(srcs, s.ID) {
				srcs = append(srcs, s)
			}
		}
	}
	if srcs == nil {
		srcs = []cite.Source{}
	}
	return Entry{Question: question, Answer: strings.Join(texts, " "), Alternates: []string{}, Sources: srcs, Generated: true}
}

// aboutEntry answers "what is it about?" with the first sentences of the
// story's summary.
func aboutEntry(name string, s Story) (Entry, bool) {
	cs := s.Summary[:min(2, len(s.Summary))]
	if len(cs) == 0 {
		return Entry{}, false
	}
	return generated(name+": what is it about?", "", cs), true
}

// latestEntry answers "what happened last?" with the first two sentences
// of the story's most recently published article (its first when none
// has a date).
func latestEntry(name string, s Story) (Entry, bool) {
	if len(s.Articles) == 0 {
		return Entry{}, false
	}
	latest := s.Articles[0]
	for _, a := range s.Articles[1:] {
		if a.Published.After(latest.Published) {
			latest = a
		}
	}
	var ss []string
	for _, b := range latest.Blocks {
		if b.Kind != corpus.Para || len(b.Sentences) == 0 || cite.StartsWithQuote(b.Text) {
			continue
		}
		ss = b.Sentences[:min(2, len(b.Sentences))]
		break
	}
	if len(ss) == 0 {
		return Entry{}, false
	}
	src := []cite.Source{{ID: latest.ID, Title: latest.Title, URL: latest.URL}}
	lead := ""
	if !latest.Published.IsZero() {
		lead = "On " + latest.Published.Format("2 January 2006") + ", " + strings.TrimSpace(latest.Title) + ":"
	}
	cs := []cite.Cited{{Text: cite.CleanLine(strings.Join(ss, " ")), Sources: src}}
	return generated(name+": what happened last?", lead, cs), true
}

// whoEntry answers "who is involved?": the names the story's articles use
// most (people and bodies: capitalised runs of two words or more, counted
// once an article, a speaker's name counting more), each with the first
// sentence that names it, from the summary when it does.
func whoEntry(name string, s Story) (Entry, bool) {
	names := namesOf(name, s.Articles)
	if len(names) == 0 {
		return Entry{}, false
	}
	names = names[:min(len(names), 4)]
	var cs []cite.Cited
	used := make(map[string]bool)
	for _, n := range names {
		if len(cs) == maxCited {
			break
		}
		if c, ok := sentenceNaming(n, s, used); ok {
			cs = append(cs, c)
			used[c.Text] = true
		}
	}
	if len(cs) == 0 {
		return Entry{}, false
	}
	lead := "Named most: " + joinNames(names) + "."
	return generated(name+": who is involved?", lead, cs), true
}

// joinNames writes "A", "A and B", "A, B and C".
func joinNames(ns []string) string {
	if len(ns) <= 1 {
		return strings.Join(ns, "")
	}
	return strings.Join(ns[:len(ns)-1], ", ") + " and " + ns[len(ns)-1]
}

// sentenceNaming returns the first sentence of the story that names n and
// is not in used: from the summary, else from its articles.
func sentenceNaming(n string, s Story, used map[string]bool) (cite.Cited, bool) {
	for _, c := range s.Summary {
		if strings.Contains(c.Text, n) && !used[c.Text] {
			return c, true
		}
	}
	for _, a := range s.Articles {
		for _, b := range a.Blocks {
			if b.Kind == corpus.Code || b.Kind.Titles() {
				continue
			}
			for _, sent := range b.Sentences {
				t := cite.CleanLine(sent)
				if strings.Contains(t, n) && !used[t] && utf8.RuneCountInString(t) <= 320 {
					return cite.Cited{Text: t, Sources: []cite.Source{{ID: a.ID, Title: a.Title, URL: a.URL}}}, true
				}
			}
		}
	}
	return cite.Cited{}, false
}

var (
	// nameRunRe is a run of two to five capitalised words, joined by
	// spaces or by a lower-case particle ("Bank of England").
	nameRunRe = regexp.MustCompile(`\p{Lu}[\p{L}’'.-]+(?:\s+(?:(?:of|de|da|van|von|al|bin|the|for|and)\s+)?\p{Lu}[\p{L}’'.-]+){1,4}`)
	// speakerRe is a speech verb right after a name: "X said", "X told".
	speakerRe = regexp.MustCompile(`^,?\s*(?:\p{Ll}+\s+)?(said|says|told|added|warned|argued|wrote|announced|asked)\b`)
	// notNames open capitalised runs that are not names.
	notNames = map[string]bool{"The": true, "A": true, "An": true, "In": true, "On": true, "At": true, "But": true, "And": true,
		"This": true, "That": true, "It": true, "He": true, "She": true, "They": true, "We": true, "If": true, "When": true,
		"Monday": true, "Tuesday": true, "Wednesday": true, "Thursday": true, "Friday": true, "Saturday": true, "Sunday": true,
		"January": true, "February": true, "March": true, "April": true, "May": true, "June": true, "July": true,
		"August": true, "September": true, "October": true, "November": true, "December": true}
)

// honorifics are titles before a name, left out of it ("Mayor Elena
// Ruiz" is Elena Ruiz).
var honorifics = map[string]bool{"Mr": true, "Mrs": true, "Ms": true, "Dr": true, "Sir": true, "Dame": true, "Lord": true,
	"Lady": true, "Mayor": true, "Councillor": true, "Councilman": true, "Councilwoman": true, "President": true,
	"Senator": true, "Sen": true, "Rep": true, "Governor": true, "Gov": true, "Minister": true, "Chancellor": true,
	"Judge": true, "Justice": true, "Professor": true, "Prof": true, "General": true, "Gen": true, "Chief": true,
	"Inspector": true, "Detective": true, "Officer": true, "Pope": true, "King": true, "Queen": true, "Prince": true, "Princess": true}

// namesOf returns the names the articles use most, best first: each
// counted once an article it appears in, plus two for each time it speaks;
// names inside the story's own name, and names seen once, are left out.
func namesOf(story string, arts []corpus.Article) []string {
	score := make(map[string]int)
	first := make(map[string]int)
	storyKey := strings.ToLower(story)
	for _, a := range arts {
		seen := make(map[string]bool)
		for _, b := range a.Blocks {
			if b.Kind == corpus.Code || b.Kind.Titles() {
				continue
			}
			for _, sent := range b.Sentences {
				for _, loc := range nameRunRe.FindAllStringIndex(sent, -1) {
					n := trimName(sent[loc[0]:loc[1]])
					if n == "" || strings.Contains(storyKey, strings.ToLower(n)) {
						continue
					}
					if _, ok := first[n]; !ok {
						first[n] = len(first)
					}
					if !seen[n] {
						seen[n] = true
						score[n]++
					}
					if speakerRe.MatchString(sent[loc[1]:]) {
						score[n] += 2
					}
				}
			}
		}
	}
	var names []string
	for n, sc := range score {
		if sc >= 2 {
			names = append(names, n)
		}
	}
	sort.Slice(names, func(i, j int) bool {
		if score[names[i]] != score[names[j]] {
			return score[names[i]] > score[names[j]]
		}
		return first[names[i]] < first[names[j]]
	})
	// A shorter name inside a longer one kept ("Trump" in "Donald Trump")
	// is the same party.
	var out []string
	for _, n := range names {
		if !slices.ContainsFunc(out, func(o string) bool { return strings.Contains(o, n) || strings.Contains(n, o) }) {
			out = append(out, n)
		}
	}
	return out
}

// trimName drops the words that open a capitalised run without being
// part of a name ("The", "On Monday"), and possessive endings; "" when
// fewer than two words are left.
func trimName(n string) string {
	f := strings.Fields(n)
	for len(f) > 0 && (notNames[f[0]] || len(f) > 2 && honorifics[strings.TrimSuffix(f[0], ".")]) {
		f = f[1:]
	}
	for len(f) > 0 && notNames[f[len(f)-1]] {
		f = f[:len(f)-1]
	}
	if len(f) < 2 {
		return ""
	}
	last := strings.TrimSuffix(strings.TrimSuffix(f[len(f)-1], "’s"), "'s")
	f[len(f)-1] = strings.TrimRightFunc(last, func(r rune) bool { return !unicode.IsLetter(r) })
	return strings.Join(f, " ")
}
