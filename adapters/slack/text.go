package slack

import (
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// runes counts characters the way Slack's limits do.
func runes(s string) int { return utf8.RuneCountInString(s) }

// escaper turns Slack's three control characters into entities, so text
// from users or the corpus cannot form links, mentions (<!channel>) or
// user references.
var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// unescaper reverses escaper; Slack sends slash-command text escaped.
var unescaper = strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&")

// escape makes plain text safe inside any Slack text object.
func escape(s string) string { return escaper.Replace(s) }

// unescape turns Slack-escaped text back into plain text.
func unescape(s string) string { return unescaper.Replace(s) }

// link renders a citation as "<url|title>" when the URL is a plain http(s)
// URL, else as the escaped title (or the escaped URL when there is no
// title). Anything that could break out of the link markup is escaped.
func link(title, rawURL string) string {
	title = strings.TrimSpace(title)
	u := safeURL(rawURL)
	switch {
	case u == "" && title == "":
		return ""
	case u == "":
		return escape(title)
	case title == "":
		return "<" + u + ">"
	default:
		return "<" + u + "|" + escape(title) + ">"
	}
}

// safeURL returns rawURL ready to sit inside <...|...>, or "" when it is
// not an absolute http or https URL.
func safeURL(rawURL string) string {
	rawURL = strings.TrimSpace(rawURL)
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	s := u.String()
	s = strings.NewReplacer("|", "%7C", " ", "%20").Replace(s)
	return escape(s)
}

// chunks splits already-escaped text into pieces of at most limit runes,
// preferring paragraph breaks, then sentence ends, then spaces. Nothing is
// dropped but the whitespace at the cuts; a word longer than limit is cut
// mid-word, never inside an entity such as &amp;.
func chunks(text string, limit int) []string {
	text = strings.TrimSpace(text)
	if text == "" {
		return nil
	}
	var out []string
	for runes(text) > limit {
		cut := cutPoint(text, limit)
		head := strings.TrimRightFunc(text[:cut], unicode.IsSpace)
		if head == "" { // cannot happen after TrimSpace; never loop forever
			head = text[:cut]
		}
		out = append(out, head)
		text = strings.TrimLeftFunc(text[cut:], unicode.IsSpace)
	}
	if text != "" {
		out = append(out, text)
	}
	return out
}

// cutPoint returns the byte offset at which to split text so that the head
// holds at most limit runes. text has more than limit runes.
func cutPoint(text string, limit int) int {
	// max is the byte offset just after the limit-th rune.
	max, n := 0, 0
	for i := range text {
		if n == limit {
			max = i
			break
		}
		n++
	}
	window := text[:max]
	if i := strings.LastIndex(window, "\n\n"); i > 0 {
		return i
	}
	if i := lastSentenceEnd(window); i > 0 {
		return i
	}
	if i := strings.LastIndex(window, "\n"); i > 0 {
		return i
	}
	if i := strings.LastIndexFunc(window, unicode.IsSpace); i > 0 {
		return i
	}
	// One long word: cut at the limit, but not inside an entity.
	if amp := strings.LastIndexByte(window, '&'); amp > 0 && max-amp < len("&amp;") &&
		!strings.Contains(window[amp:], ";") {
		return amp
	}
	return max
}

// lastSentenceEnd returns the offset of the space after the last sentence
// end (. ! ? … optionally followed by closing quotes or brackets) in s, or
// -1 when there is none.
func lastSentenceEnd(s string) int {
	for i := len(s) - 1; i > 0; i-- {
		if c := s[i]; c != ' ' && c != '\n' && c != '\t' {
			continue
		}
		j := i
		for j > 0 && strings.ContainsRune("\"'”’)]»", lastRune(s[:j])) {
			_, size := utf8.DecodeLastRuneInString(s[:j])
			j -= size
		}
		if j > 0 && strings.ContainsRune(".!?…", lastRune(s[:j])) {
			return i
		}
	}
	return -1
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// shorten returns s when it has at most limit runes, else its first words
// up to limit-1 runes followed by "…". It is used for notification
// fallback text only, never for message content.
func shorten(s string, limit int) string {
	s = strings.Join(strings.Fields(s), " ")
	if runes(s) <= limit {
		return s
	}
	head := []rune(s)[:limit-1]
	cut := string(head)
	if i := strings.LastIndexByte(cut, ' '); i > len(cut)/2 {
		cut = cut[:i]
	}
	// Do not leave half an entity behind.
	if amp := strings.LastIndexByte(cut, '&'); amp >= 0 && !strings.Contains(cut[amp:], ";") {
		cut = cut[:amp]
	}
	return strings.TrimSpace(cut) + "…"
}
