package discord

import (
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// runes counts characters the way Discord's limits do (code points).
func runes(s string) int { return utf8.RuneCountInString(s) }

// sentences splits text into sentences, keeping each sentence's closing
// punctuation. It splits after . ! ? or … (and any closing quotes or
// brackets) when whitespace and an upper-case letter, digit or opening
// quote follow, and not after common abbreviations or initials.
func sentences(text string) []string {
	text = strings.TrimSpace(text)
	if text == "" {
		return nil
	}
	var out []string
	rs := []rune(text)
	start := 0
	for i := 0; i < len(rs); i++ {
		if !strings.ContainsRune(".!?…", rs[i]) {
			continue
		}
		end := i + 1
		for end < len(rs) && strings.ContainsRune(".!?…\"'”’)]»", rs[end]) {
			end++
		}
		j := end
		for j < len(rs) && unicode.IsSpace(rs[j]) {
			j++
		}
		if j == end || j == len(rs) {
			i = end - 1
			continue
		}
		next := rs[j]
		if !(unicode.IsUpper(next) || unicode.IsDigit(next) || strings.ContainsRune("\"'“‘«(", next)) {
			i = end - 1
			continue
		}
		if rs[i] == '.' && abbreviation(rs[start:i]) {
			i = end - 1
			continue
		}
		out = append(out, strings.TrimSpace(string(rs[start:end])))
		start = j
		i = j - 1
	}
	if rest := strings.TrimSpace(string(rs[start:])); rest != "" {
		out = append(out, rest)
	}
	return out
}

var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "st": true,
	"vs": true, "etc": true, "e.g": true, "i.e": true, "gen": true, "sen": true,
	"rep": true, "gov": true, "lt": true, "col": true, "sgt": true, "jr": true,
	"sr": true, "no": true, "jan": true, "feb": true, "mar": true, "apr": true,
	"jun": true, "jul": true, "aug": true, "sep": true, "sept": true, "oct": true,
	"nov": true, "dec": true, "u.s": true, "u.k": true, "u.n": true, "inc": true,
}

// abbreviation reports whether the word ending text (before a period) is an
// abbreviation or an initial, after which a period does not end a sentence.
func abbreviation(text []rune) bool {
	i := len(text)
	for i > 0 && !unicode.IsSpace(text[i-1]) && text[i-1] != '(' {
		i--
	}
	word := strings.ToLower(string(text[i:]))
	if runes(word) == 1 && unicode.IsLetter([]rune(word)[0]) {
		return true // an initial: "J. Smith"
	}
	return abbreviations[word]
}

// clip shortens s to at most max characters at a word boundary, ending it
// with an ellipsis. It is for short labels (titles, footers, button labels),
// never for body text, which is split instead.
func clip(s string, max int) string {
	if runes(s) <= max {
		return s
	}
	rs := []rune(s)[:max-1]
	cut := len(rs)
	for i := len(rs) - 1; i > max/2; i-- {
		if unicode.IsSpace(rs[i]) {
			cut = i
			break
		}
	}
	return strings.TrimRightFunc(string(rs[:cut]), func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r)
	}) + "…"
}

// hardSplit cuts s into chunks of at most max characters at word
// boundaries. It is the last resort for a single sentence longer than a
// whole embed description, which no boundary can save.
func hardSplit(s string, max int) []string {
	var out []string
	for runes(s) > max {
		rs := []rune(s)
		cut := max
		for i := max; i > max/2; i-- {
			if unicode.IsSpace(rs[i]) {
				cut = i
				break
			}
		}
		out = append(out, strings.TrimSpace(string(rs[:cut])))
		s = strings.TrimSpace(string(rs[cut:]))
	}
	if s != "" {
		out = append(out, s)
	}
	return out
}

// escape makes plain text safe in Discord markdown: formatting characters
// are backslash-escaped, as are line-leading header, quote and list
// markers, and angle brackets (so "<@123>" is never a mention).
func escape(s string) string {
	var b strings.Builder
	lineStart := true
	for _, r := range s {
		switch {
		case strings.ContainsRune("\\*_~`|[]<>", r):
			b.WriteByte('\\')
		case lineStart && strings.ContainsRune("#->", r):
			b.WriteByte('\\')
		}
		b.WriteRune(r)
		lineStart = r == '\n' || (lineStart && (r == ' ' || r == '\t'))
	}
	return b.String()
}

// linkURL returns u made safe inside a markdown link, or "" when u is not
// an absolute http(s) URL.
func linkURL(u string) string {
	p, err := url.Parse(strings.TrimSpace(u))
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return ""
	}
	s := p.String()
	return strings.NewReplacer("(", "%28", ")", "%29", " ", "%20", "<", "%3C", ">", "%3E").Replace(s)
}

// codeBlock renders lines of code as a Discord code block, clipped to
// fit one embed; a fence inside the code is broken with a zero-width
// space so that it cannot close the block.
func codeBlock(lines []string) string {
	code := strings.ReplaceAll(strings.Join(lines, "\n"), "```", "`\u200b``")
	if runes(code) > maxDescription-8 {
		code = string([]rune(code)[:maxDescription-9]) + "…"
	}
	return "```\n" + code + "\n```"
}
