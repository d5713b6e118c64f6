package corpus

import (
	"regexp"
	"strings"
)

var (
	adocLinkRe     = regexp.MustCompile(`(?:link:|mailto:)?((?:https?|ftp|file|irc)://[^\s\[]+|[^\s\[]+@[^\s\[]+)\[([^\]]*)\]`)
	adocLinkMacro  = regexp.MustCompile(`\blink:([^\s\[]+)\[([^\]]*)\]`)
	adocXrefRe     = regexp.MustCompile(`<<([^,>]+)(?:,\s*([^>]+))?>>`)
	adocXrefMacro  = regexp.MustCompile(`\bxref:([^\s\[]+)\[([^\]]*)\]`)
	adocMacroIn    = regexp.MustCompile(`\b(?:kbd|btn|menu|pass|footnote|footnoteref|indexterm|indexterm2|image|icon|anchor):[^\s\[]*\[([^\]]*)\]`)
	adocMono       = regexp.MustCompile("(^|[^\\p{L}\\p{N}_\\\\])(`+)([^`]+)(`+)($|[^\\p{L}\\p{N}_])")
	adocConstrain  = constrainedMarks("*_#")
	adocAttrRef    = regexp.MustCompile(`\{([\w-]+)\}`)
	adocInlineAnc  = regexp.MustCompile(`\[\[[\w:.-]+(?:,[^\]]*)?\]\]`)
	adocSmartQuote = regexp.MustCompile("\"`([^`]*)`\"|'`([^`]*)`'")
)

// inline strips AsciiDoc inline markup from t: links and cross references
// keep their text, formatting marks and inline anchors go, attribute
// references are replaced by their values, a hard line break "+" goes.
func (p *adocParser) inline(t string) string {
	t = strings.TrimSuffix(strings.TrimSpace(t), " +")
	if strings.Contains(t, "{") {
		t = adocAttrRef.ReplaceAllStringFunc(t, func(m string) string {
			if v, ok := p.attrs[m[1:len(m)-1]]; ok {
				return v
			}
			return m
		})
	}
	if !strings.ContainsAny(t, "[]<>*_`#+:\\'\"") {
		return fold(t)
	}
	t = adocInlineAnc.ReplaceAllString(t, "")
	t = adocSmartQuote.ReplaceAllString(t, "\u201c$1$2\u201d")
	t = adocLinkMacro.ReplaceAllStringFunc(t, func(m string) string {
		s := adocLinkMacro.FindStringSubmatch(m)
		return firstNonEmpty(s[2], s[1])
	})
	t = adocLinkRe.ReplaceAllStringFunc(t, func(m string) string {
		s := adocLinkRe.FindStringSubmatch(m)
		return firstNonEmpty(strings.Split(s[2], ",")[0], s[1])
	})
	t = adocXrefRe.ReplaceAllStringFunc(t, func(m string) string {
		s := adocXrefRe.FindStringSubmatch(m)
		return firstNonEmpty(strings.TrimSpace(s[2]), s[1])
	})
	t = adocXrefMacro.ReplaceAllStringFunc(t, func(m string) string {
		s := adocXrefMacro.FindStringSubmatch(m)
		return firstNonEmpty(s[2], s[1])
	})
	t = adocMacroIn.ReplaceAllStringFunc(t, func(m string) string {
		if strings.HasPrefix(m, "footnote") || strings.HasPrefix(m, "indexterm") || strings.HasPrefix(m, "image") || strings.HasPrefix(m, "anchor") {
			return ""
		}
		return adocMacroIn.FindStringSubmatch(m)[1]
	})
	// Monospace first, its text set aside so that marks inside it stay.
	var mono []string
	t = adocMono.ReplaceAllStringFunc(t, func(m string) string {
		s := adocMono.FindStringSubmatch(m)
		if s[2] != s[4] {
			return m
		}
		mono = append(mono, s[3])
		return s[1] + "\uE010" + itoa(len(mono)-1) + "\uE011" + s[5]
	})
	for _, re := range adocConstrain {
		for range 2 {
			t = re.ReplaceAllString(t, "$1$2$3")
		}
	}
	t = strings.ReplaceAll(t, `\*`, "*")
	t = strings.ReplaceAll(t, `\_`, "_")
	if len(mono) > 0 {
		t = adocMonoMark.ReplaceAllStringFunc(t, func(m string) string {
			i := 0
			for _, c := range m[3 : len(m)-3] {
				i = 10*i + int(c-'0')
			}
			if i < len(mono) {
				return mono[i]
			}
			return ""
		})
	}
	return fold(t)
}

// adocMonoMark stands for a monospace span set aside by inline.
var adocMonoMark = regexp.MustCompile("\uE010[0-9]+\uE011")

// constrainedMarks returns, for each formatting mark, a pattern for the
// mark around a phrase (bold "*a b*", italic "_a_", highlight "#a#") and
// doubled anywhere ("**a**b"); the phrase holds no mark of its kind.
func constrainedMarks(marks string) []*regexp.Regexp {
	var out []*regexp.Regexp
	for _, m := range marks {
		q := regexp.QuoteMeta(string(m))
		out = append(out,
			regexp.MustCompile(q+q+"()([^"+q+"]+?)()"+q+q),
			regexp.MustCompile("(^|[^\\p{L}\\p{N}_\\\\])"+q+"(\\S(?:[^"+q+"]*?\\S)?)"+q+"($|[^\\p{L}\\p{N}_])"))
	}
	return out
}
