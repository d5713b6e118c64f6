package corpus

import (
	"net/mail"
	"regexp"
	"strings"
	"time"
)

// mailHeader is what a plain text takes from the header block of a mail
// or news post saved as text.
type mailHeader struct {
	subject   string
	from      string
	published time.Time
}

var (
	// headerLineRe is one header field: "Subject: ...".
	headerLineRe = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9-]*):[ \t]*(.*)$`)
	// listTagRe is a mailing list's tag or a reply mark before a subject:
	// "[ANNOUNCE]", "Re:", "Fwd:".
	// salutationRe is the greeting that opens a mail: "Hi all,", "Dear
	// colleagues,", "Hello everyone!".
	salutationRe = regexp.MustCompile(`(?i)^(hi|hello|hey|dear|greetings|good (morning|afternoon|evening))\b[^.?]*[,!:]?$`)
	listTagRe    = regexp.MustCompile(`(?i)^(\[[^\]]{1,30}\]|re:|fwd?:|aw:|sv:)\s*`)
)

// mailFields are the header fields that open a saved mail or news post.
var mailFields = set("from", "to", "cc", "subject", "date", "sender", "reply-to", "newsgroups",
	"message-id", "in-reply-to", "references", "organization", "mime-version", "content-type",
	"content-transfer-encoding", "return-path", "received", "delivered-to", "user-agent", "x-mailer")

// splitMailHeader reads the header block at the top of s (a mail or news
// post saved as text): from the first line, "Field: value" lines with
// continuations indented, up to a blank line. It is a header only when it
// starts with a known mail field and has a Subject or a From and a Date;
// otherwise ok is false and s is left to the caller as it was.
func splitMailHeader(s string) (h mailHeader, body string, ok bool) {
	rest := strings.TrimLeft(s, "\n")
	fields := map[string]string{}
	last, n := "", 0
	for {
		line, after, more := strings.Cut(rest, "\n")
		if strings.TrimSpace(line) == "" {
			rest = after
			break
		}
		if (line[0] == ' ' || line[0] == '\t') && last != "" {
			fields[last] += " " + strings.TrimSpace(line)
		} else {
			m := headerLineRe.FindStringSubmatch(line)
			if m == nil {
				return mailHeader{}, s, false
			}
			last = strings.ToLower(m[1])
			if n == 0 && !mailFields[last] {
				return mailHeader{}, s, false
			}
			if _, seen := fields[last]; !seen {
				fields[last] = strings.TrimSpace(m[2])
			}
			n++
		}
		if !more {
			rest = ""
			break
		}
		rest = after
	}
	_, hasSubject := fields["subject"]
	_, hasFrom := fields["from"]
	_, hasDate := fields["date"]
	if !hasSubject && !(hasFrom && hasDate) {
		return mailHeader{}, s, false
	}
	subject := fold(fields["subject"])
	for {
		m := listTagRe.FindStringIndex(subject)
		if m == nil || m[1] >= len(subject) {
			break
		}
		subject = subject[m[1]:]
	}
	h.subject = subject
	if a, err := mail.ParseAddress(fields["from"]); err == nil {
		h.from = firstOf(a.Name, a.Address)
	} else {
		h.from = fold(fields["from"])
	}
	if t, err := mail.ParseDate(fields["date"]); err == nil {
		h.published = t.UTC()
	}
	return h, rest, true
}
