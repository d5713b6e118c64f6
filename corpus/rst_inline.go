package corpus

import (
	"regexp"
	"strings"
	"unicode"
)

var (
	rstRoleRe     = regexp.MustCompile(`(?::[\w:.-]+:)?` + "`" + `([^` + "`" + `]+)` + "`" + `(?::[\w:.-]+:)?(__?)?`)
	rstLiteralRe  = regexp.MustCompile("``(.+?)``")
	rstStrongRe   = regexp.MustCompile(`(^|[\s(\["'])\*\*(\S(?:.*?\S)?)\*\*`)
	rstEmphRe     = regexp.MustCompile(`(^|[\s(\["'])\*(\S(?:[^*]*?\S)?)\*`)
	rstSubRefRe   = regexp.MustCompile(`\|([^|\s][^|]*)\|(__?)?`)
	rstFootRefRe  = regexp.MustCompile(`\s?\[(#[\w-]*|\d+|\*|[\w-]+)\]_`)
	rstRefNameRe  = regexp.MustCompile(`\b([\w-]+)__?(\W|$)`)
	rstLinkTarget = regexp.MustCompile(`^(.*?)\s*<([^<>]+)>$`)
)

// inline strips reST inline markup: literals keep their text, roles and
// references keep their title (a "~module.name" its last part), emphasis
// marks go, substitutions are replaced, escapes resolved.
func (p *rstParser) inline(t string) string {
	if !strings.ContainsAny(t, "`*|_\\[") {
		return fold(t)
	}
	var lits []string
	t = rstLiteralRe.ReplaceAllStringFunc(t, func(m string) string {
		lits = append(lits, m[2:len(m)-2])
		return "\uE010" + itoa(len(lits)-1) + "\uE011"
	})
	t = rstSubRefRe.ReplaceAllStringFunc(t, func(m string) string {
		name := rstSubRefRe.FindStringSubmatch(m)[1]
		if v, ok := p.subs[name]; ok {
			return v
		}
		return name
	})
	t = rstRoleRe.ReplaceAllStringFunc(t, func(m string) string {
		s := rstRoleRe.FindStringSubmatch(m)[1]
		if l := rstLinkTarget.FindStringSubmatch(s); l != nil && l[1] != "" {
			s = l[1]
		}
		s = strings.TrimPrefix(s, "!")
		if strings.HasPrefix(s, "~") {
			s = s[strings.LastIndex(s, ".")+1:]
		}
		return s
	})
	t = rstStrongRe.ReplaceAllString(t, "$1$2")
	t = rstEmphRe.ReplaceAllString(t, "$1$2")
	t = rstFootRefRe.ReplaceAllString(t, "")
	t = rstRefNameRe.ReplaceAllStringFunc(t, func(m string) string {
		s := rstRefNameRe.FindStringSubmatch(m)
		if strings.ContainsFunc(s[1], unicode.IsLetter) && !strings.Contains(s[1], "_") {
			return s[1] + s[2]
		}
		return m
	})
	t = unescapeRST(t)
	if len(lits) > 0 {
		t = adocMonoMark.ReplaceAllStringFunc(t, func(m string) string {
			i := 0
			for _, c := range m[3 : len(m)-3] {
				i = 10*i + int(c-'0')
			}
			if i < len(lits) {
				return lits[i]
			}
			return ""
		})
	}
	return fold(t)
}

// unescapeRST resolves backslash escapes: "\?" is "?", "\ " is nothing.
func unescapeRST(t string) string {
	if !strings.Contains(t, "\\") {
		return t
	}
	var b strings.Builder
	for i := 0; i < len(t); i++ {
		if t[i] == '\\' && i+1 < len(t) {
			i++
			if t[i] != ' ' {
				b.WriteByte(t[i])
			}
			continue
		}
		b.WriteByte(t[i])
	}
	return b.String()
}
