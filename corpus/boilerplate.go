package corpus

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The generic furniture of web pages, matched against a whole short unit
// (case-insensitive). These are conventions of the web, not phrases of any
// particular corpus.
var (
	// boilerRe is a unit that is only page furniture.
	boilerRe = regexp.MustCompile(`(?i)^(leave a (reply|comment)|post a comment|add (a|your) comment|join the (conversation|discussion)|\d*\s*comments?( \(\d+\))?|no comments( yet)?|show comments|view comments|reply|share( this| the)?( article| story| post| page)?( on| via| with) \S+|share( this| the)?( article| story| post| page)?|tweet( this)?|pin it|print( this)?( article| page| story)?|e-?mail( this)?( article| page| story)?|copy( the)? link|save( article| story)?|bookmark|subscribe\b.{0,60}|sign up\b.{0,60}|log ?in|sign in|register|follow us( on \S+)?|read more|continue reading|read (the )?full (story|article)|load more|show more|see more|advertisement|advert|sponsored( content)?|skip to (main )?content|back to top|scroll to top|(table of )?contents|menu|search|home|close|next( article| story| post)?|previous( article| story| post)?|click (here )?to .*|click here.*|tap (here )?to .*|listen to (this )?(article|story).*|\d+ min(ute)?s? read|.*\bnewsletters?\b.*|all rights reserved.*|copyright .*|© .*|(updated|published|posted)( on)?:? .{0,40}\d{4}.*|by (?-i:\p{Lu}[\p{L}.'-]+(,? \p{Lu}[\p{L}.'-]+| and| &|,){0,7})|(updated|published|posted)?:? ?\d+ (minutes?|hours?|days?|weeks?) ago|(\d+ )?(shares?|views?|likes?)|powered by .{1,40}|was this (article|page|answer) (helpful|useful)\??|(\d+ )?(people )?found this (helpful|useful)|report an? (error|typo|correction)|cookies?( policy| settings)?|privacy( policy)?|terms( of (use|service))?)[\s:.!]*$`)

	// prefixBoilerRe is a unit that starts like page furniture and goes on
	// with a list of labels: "Tags: ...", "Filed under: ...".
	prefixBoilerRe = regexp.MustCompile(`(?i)^(tags?|topics?|categor(y|ies)|filed under|posted in|share this|keywords|more in|sections?)\s*:`)

	// listHeadRe is a heading that introduces a list of links to other
	// articles; it and the list after it go.
	listHeadRe = regexp.MustCompile(`(?i)^(read also|also read|read more|more to read|see also|related|related (articles?|posts?|stories|coverage|links|reading|content|news|topics)|more (on|from|about|stories|news|like this)\b.{0,40}|more\b.{0,30}\b(news|stories|coverage|articles|reading|videos)|further reading|you (may|might) also (like|enjoy)|recommended( for you| reading| stories)?|popular( posts| stories| now)?|trending( now| stories)?|latest( news| posts| stories)?|most (read|popular|viewed)|don'?t miss|editor'?s picks?|what to read next|other stories)[\s:.!]*$`)

	// captionStartRe is a caption or credit introduced by a label.
	captionStartRe = regexp.MustCompile(`(?i)^[(\[]?(image|photo|picture|photograph|illustration|graphic|video|gallery|slideshow|credit|credits|pictured|caption|foto|source|cover image|featured image|header image|top image|main image)s?( credits?| by| courtesy| source)?\s*[:|]`)
	// creditEndRe is a photo credit at the end of a caption: an agency
	// and a name ("AGENCY/First Last/File Photo"), or "(Photo: X)".
	creditEndRe = regexp.MustCompile(`((?:^|[.!?)”"]\s+|\()(?:\p{Lu}[\p{Lu}&.-]+|\p{Lu}\p{L}* (?i:photo|images?))/\p{Lu}[\p{L}.'-]*(?: \p{Lu}[\p{L}.'-]*){1,3}(?:/[\p{L} ]{0,20})?|(?i:\b(photo|image|picture)s?\s*(by|credit|courtesy|:)\s*[^()]{2,80}|file photo|via getty images|getty images|\((reuters|ap|afp|epa|dpa|pa|bloomberg|xinhua|anadolu|shutterstock|istock|alamy|ap photo[^)]{0,40})\)|shutterstock(\.com)?|ap photo[^.]{0,40}|afp via [^.]{0,30}|stock photo))\s*[)\]]?\.?$`)
	// dateOnlyRe is a line that is only a date: "January 2021", "2024-03-01".
	dateOnlyRe = regexp.MustCompile(`(?i)^((updated|published|posted|last modified)\s*(on)?:?\s*)?((mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?((\d{1,2}\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(\s+\d{1,2}(st|nd|rd|th)?,?)?\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4})([ T,]+(at\s+)?\d{1,2}:\d{2}(:\d{2})?\s*([ap]\.?m\.?)?(\s*[A-Z]{2,4}|Z|[+-]\d{2}:?\d{2})?)?\.?$`)
	// dateInRe finds a date or a time of day inside a line.
	dateInRe = regexp.MustCompile(`(?i)\b((jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2}(st|nd|rd|th)?(,? \d{4})?|\d{1,2} (jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,? \d{4}|\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2})\b`)
	// slugRe is a lone token of markup or file name left from a page:
	// "#image_title", "image-36", "hero.jpg", "{{ var }}".
	slugRe = regexp.MustCompile(`(?i)^([#@{<\[]\S*|\S*[_{}<>=]\S*|[a-z]+(-[a-z]+)*-\d+|\S+\.(jpe?g|png|gif|webp|svg|avif|mp4)|\S+://\S+|www\.\S+)$`)
	// counterRe is a row of counters: "0 18", "12 comments 3 shares".
	counterRe = regexp.MustCompile(`(?i)^(\d[\d.,]*[km]?\s*(comments?|shares?|views?|likes?|reactions?|replies|votes?)?[\s|·•]*)+$`)
	// ctaRe is a promotional line in the head of a page that invites the
	// reader instead of reporting: "Explore the latest developments as...".
	ctaRe = regexp.MustCompile(`(?i)^(explore|discover|learn (how|what|why|more|about)|find out|check out|stay (informed|updated|up to date)|get (the|all|your) (latest|news|full)|don'?t miss|catch up|here'?s (what|everything))\b`)
	// commentsRe opens the readers' comments under an article.
	commentsRe = regexp.MustCompile(`(?i)^(leave a (reply|comment)|post a comment|add (a|your) comment|join the (conversation|discussion)|\d+ (comments?|responses?|replies)|comments?( \(\d+\))?|discussion|responses?|what do you think\??|reader comments)[\s:.!]*$`)
	// backMatterRe is the heading of the back matter of a reference page.
	backMatterRe = regexp.MustCompile(`(?i)^(references|notes|footnotes|citations|sources|bibliography|external links|notes and references|references and notes|works cited)[\s:.]*$`)
	// citeRe is a citation or footnote mark, or an edit link in wiki text:
	// "[12]", "^[3]", "[edit]".
	citeRe = regexp.MustCompile(`\^?\[(\d{1,3}|edit|citation needed|clarification needed|note \d{1,3}|[a-z])\]`)
	// cookieRe is a cookie or consent banner: it says the site uses
	// cookies (or stores information on the device) ...
	cookieRe = regexp.MustCompile(`(?i)\b(we|this (web)?site|our (web)?site|this page|our partners)( \w+){0,4} (use|uses|store|stores|set|sets|place|places) (cookies|and access information)\b|\buse of cookies\b|\bcookies? (policy|settings|preferences|notice|consent)\b|\bcookies help us\b`)
	// ... and asks the reader to choose.
	consentRe = regexp.MustCompile(`(?i)\b(accept|agree|consent|got it|ok|okay|customi[sz]e|manage|preferences|settings|learn more|more information|find out more|reject|decline|privacy)\b`)
	// followRe invites the reader to a social network.
	followRe = regexp.MustCompile(`(?i)^(follow|like|join) (us|the \w+)( \w+)? on (twitter|x|facebook|instagram|linkedin|tiktok|youtube|threads|bluesky|mastodon|whatsapp|telegram)\b`)
	// correctionRe is an editor's note that the article was changed.
	correctionRe = regexp.MustCompile(`(?i)^(this|an earlier version of this) (article|story|piece|post|report)( \w+){0,3} (was|has been|have been|were|is) (amended|updated|corrected|edited|changed)\b|^an earlier version of this (article|story|piece|post|report)\b`)
	// pitchRe invites the reader to send a story or to sign up: "Do you
	// have a story? Email …", "Get the latest news sent to your inbox".
	pitchRe = regexp.MustCompile(`(?i)^((do you have|got|have you got) a (story|news tip|tip)\b|(get|have) (the latest|our|the best|all the)\b.{0,40}\b(to|in) your inbox\b|sign up (to|for) (our|the)\b.{0,40}\bnewsletter\b)`)
	// reviewedRe is a page's own review or update note: "Last reviewed by
	// the People Team on 1 September 2026."
	reviewedRe = regexp.MustCompile(`(?i)^(this (page|article|document|policy|guide|faq) (was|is) )?(last )?(reviewed|updated|modified|edited|revised|checked)( by [^.]{1,40})? (on|in) [^.]{0,20}\d{4}\b`)
	// authorHeadRe is the heading of an author box.
	authorHeadRe = regexp.MustCompile(`(?i)^(about the (author|authors|writer|reporter|contributor)s?|about (him|her)|author bio|the author|written by|author)\b\s*:?\s*(.*)$`)
	// bioRe is a third-person biography of the writer.
	bioRe = regexp.MustCompile(`(?i)^[\p{Lu}][\p{L}'.-]+( [\p{Lu}][\p{L}'.-]+){0,3},? (is|was) (an?|the) [^.]{0,120}\b(journalist|writer|reporter|editor|correspondent|author|contributor|columnist|analyst|producer|blogger|freelancer|veteran|fellow)\b`)
	// breadcrumbSepRe splits a breadcrumb trail.
	breadcrumbSepRe = regexp.MustCompile(`\s+[/>»›|\\]\s+`)
	// leadPunctRe is stray punctuation glued to the start of a sentence.
	leadPunctRe = regexp.MustCompile(`^[.,;:·]+\s*(\p{Lu})`)
	// chapterWordRe is a numbered chapter, part or section title.
	chapterWordRe = regexp.MustCompile(`(?i)^(chapter|part|section|appendix)\s+[\dA-Z]{1,4}[.:]?\s+\S`)
	// chapterRe is a chapter, part or section number before a title.
	chapterRe = regexp.MustCompile(`(?i)^((chapter|part|section|appendix)\s+[\dA-Z]+[.:]?\s+|\d{1,3}(\.\d{1,3})*\.?\s+)`)
)

// words counts the words of a folded text (single spaces between words).
func words(s string) int {
	if s == "" {
		return 0
	}
	return strings.Count(s, " ") + 1
}

// hasLetter reports whether s has at least one letter.
func hasLetter(s string) bool {
	return strings.IndexFunc(s, unicode.IsLetter) >= 0
}

// isBoilerplate reports whether one unit on its own is page furniture.
func isBoilerplate(u unit) bool {
	t := u.text
	if !hasLetter(t) {
		return true
	}
	n := words(t)
	digits := strings.ContainsAny(t, "0123456789")
	if t[0] >= '0' && t[0] <= '9' && counterRe.MatchString(t) || digits && n <= 10 && dateOnlyRe.MatchString(t) {
		return true
	}
	// A lone token of markup; but an item of a list the markup made may
	// be an identifier ("Client.get_user", "foo_bar").
	if !strings.Contains(t, " ") && slugRe.MatchString(t) && !(u.hard && u.kind == Item) || strings.HasPrefix(t, "^ ") {
		return true // markup left over, or a footnote's back-link
	}
	if n <= 12 && mayBeFurniture(t) && (boilerRe.MatchString(t) || prefixBoilerRe.MatchString(t)) {
		return true
	}
	if digits && (n <= 12 || n <= 20 && (strings.ContainsAny(t, "|·•") || strings.HasPrefix(strings.ToLower(t), "by "))) && isMetaLine(t) {
		return true
	}
	if n <= 45 && containsFold(t, "cookie") && cookieRe.MatchString(t) && consentRe.MatchString(t) ||
		n <= 45 && containsFold(t, "information on your device") && consentRe.MatchString(t) {
		return true
	}
	if n <= 30 && pitchRe.MatchString(t) || n <= 25 && followRe.MatchString(t) || n <= 40 && correctionRe.MatchString(t) || digits && n <= 20 && reviewedRe.MatchString(t) {
		return true
	}
	if n <= 40 && mayBeCaption(t) && captionStartRe.MatchString(t) {
		return true
	}
	if n <= 60 && mayHaveCredit(t) && creditEndRe.MatchString(creditTail(t)) && !isQuoteOnly(t) {
		return true
	}
	// In HTML, a short unit that is mostly link text is navigation.
	if u.links > 0.6 && (n <= 15 || u.kind == Item) {
		return true
	}
	return false
}

// metaWords may appear in a byline-and-date line besides names.
var metaWords = set("by", "and", "on", "at", "published", "updated", "posted", "last", "modified",
	"am", "pm", "a.m", "p.m", "min", "mins", "minute", "minutes", "read", "et", "pt", "gmt", "utc", "bst", "cet", "est", "pst", "edt", "pdt", "|", "-", "–", "—", "·", "•")

// isMetaLine reports whether t is a line of article metadata: a date or a
// time with nothing else but names and a few words such as "By",
// "Published" or "Updated" ("By Jane Roe March 3, 2025").
func isMetaLine(t string) bool {
	loc := dateInRe.FindAllStringIndex(t, -1)
	if loc == nil {
		return false
	}
	rest := dateInRe.ReplaceAllString(t, " ")
	for _, w := range strings.Fields(rest) {
		w = strings.Trim(w, "(),.:;!\"'“”‘’")
		if w == "" || metaWords[strings.ToLower(strings.TrimSuffix(w, "."))] {
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// furnitureStarts are the first words boilerRe and prefixBoilerRe can
// match; mayBeFurniture checks them before the regular expressions run.
var furnitureStarts = set("leave", "post", "add", "join", "comment", "comments", "no", "show", "view",
	"reply", "share", "tweet", "pin", "print", "email", "e-mail", "copy", "save", "bookmark",
	"subscribe", "sign", "log", "login", "register", "follow", "read", "continue", "load", "see",
	"advertisement", "advert", "sponsored", "skip", "back", "scroll", "table", "contents", "menu",
	"search", "home", "close", "next", "previous", "click", "tap", "listen", "all", "copyright",
	"©", "updated", "published", "posted", "by", "shares", "share", "views", "likes", "was",
	"report", "cookie", "cookies", "privacy", "terms", "tag", "tags", "topic", "topics",
	"category", "categories", "filed", "keywords", "more", "section", "sections")

func mayBeFurniture(t string) bool {
	if t[0] >= '0' && t[0] <= '9' {
		return true
	}
	first, _, _ := strings.Cut(t, " ")
	first = strings.ToLower(strings.TrimRight(first, ":.!"))
	if furnitureStarts[first] {
		return true
	}
	return containsFold(t, "newsletter")
}

// listHeadStarts are the first words listHeadRe can match.
var listHeadStarts = set("read", "also", "more", "see", "related", "further", "you", "recommended",
	"popular", "trending", "latest", "most", "don't", "dont", "don’t", "editor's", "editors",
	"editor’s", "what", "other")

// mayBeListHead is a quick test before listHeadRe.
func mayBeListHead(t string) bool {
	first, _, _ := strings.Cut(t, " ")
	return listHeadStarts[strings.ToLower(strings.TrimRight(first, ":.!"))]
}

// captionStarts are the first words captionStartRe can match.
var captionStarts = set("image", "images", "photo", "photos", "picture", "pictures", "photograph",
	"photographs", "illustration", "graphic", "video", "gallery", "slideshow", "credit", "credits",
	"pictured", "caption", "foto", "fotos", "source", "sources", "cover", "featured", "header", "top", "main")

// mayBeCaption is a quick test before captionStartRe.
func mayBeCaption(t string) bool {
	first, _, _ := strings.Cut(strings.TrimLeft(t, "(["), " ")
	return captionStarts[strings.ToLower(strings.TrimRight(first, ":|"))]
}

// mayHaveCredit is a quick test before creditEndRe: a credit ends the
// text and has a slash or names a picture.
func mayHaveCredit(t string) bool {
	tail := t
	if len(tail) > 90 {
		tail = tail[len(tail)-90:]
	}
	if strings.Contains(tail, "/") || strings.HasSuffix(strings.TrimRight(tail, "."), ")") {
		return true
	}
	for _, w := range []string{"photo", "image", "picture", "getty", "shutterstock", "afp"} {
		if containsFold(tail, w) {
			return true
		}
	}
	return false
}

// creditTail returns the end of t where a credit can be, for creditEndRe:
// the last 160 bytes, after a NUL so that "^" cannot match at the cut.
func creditTail(t string) string {
	if len(t) <= 160 {
		return t
	}
	i := len(t) - 160
	for i < len(t) && !utf8.RuneStart(t[i]) {
		i++
	}
	return "\x00" + t[i:]
}

// containsFold reports whether s contains the lower-case ASCII word w, in
// any case.
func containsFold(s, w string) bool {
	for i := 0; i+len(w) <= len(s); i++ {
		if s[i]|0x20 == w[0] && strings.EqualFold(s[i:i+len(w)], w) {
			return true
		}
	}
	return false
}

// isBreadcrumb reports whether t is a trail like "News / World / Title".
func isBreadcrumb(t string) bool {
	seps := 0
	for _, sep := range []string{" / ", " > ", " » ", " › ", " | ", " \\ "} {
		seps += strings.Count(t, sep)
	}
	if seps < 2 {
		return false
	}
	parts := breadcrumbSepRe.Split(t, -1)
	if len(parts) < 3 {
		return false
	}
	for _, p := range parts[:len(parts)-1] {
		if words(p) > 5 || endsSentence(p) {
			return false
		}
	}
	return words(parts[len(parts)-1]) <= 20
}

// isQuoteOnly reports whether t is a quotation and nothing else (a pull
// quote): it opens with a quote mark and ends with its closing mark.
func isQuoteOnly(t string) bool {
	t = strings.TrimSpace(t)
	first, _ := utf8.DecodeRuneInString(t)
	if len(t) < 2 || !isOpenQuote(first) {
		return false
	}
	last, size := utf8.DecodeLastRuneInString(t)
	if last == '.' || last == '!' || last == '?' {
		last, _ = utf8.DecodeLastRuneInString(t[:len(t)-size])
	}
	return isCloseQuote(last)
}

// smallWords stay lower-case in a title-cased headline.
var smallWords = set("a", "an", "the", "and", "or", "but", "nor", "for", "of", "to", "in", "on",
	"at", "by", "from", "with", "as", "vs", "via", "into", "onto", "over", "per", "than", "up")

// isTitleCase reports whether most words of t (small words aside) start
// with an upper-case letter or a digit, as headlines do.
func isTitleCase(t string) bool {
	n, up := 0, 0
	for _, w := range strings.Fields(t) {
		w = strings.TrimLeftFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if w == "" || smallWords[strings.ToLower(w)] {
			continue
		}
		n++
		r := []rune(w)[0]
		if unicode.IsUpper(r) || unicode.IsDigit(r) {
			up++
		}
	}
	return n >= 3 && up*5 >= n*4
}
