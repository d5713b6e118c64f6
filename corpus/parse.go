package corpus

import (
	"bytes"
	nurl "net/url"
	"path"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// doc is one document between reading and cleaning.
type doc struct {
	source    string
	url       string
	site      string
	title     string
	byline    string
	published time.Time
	tags      []string
	units     []unit
}

// format is the kind of a document's markup.
type format int

const (
	formatUnknown format = iota
	formatText
	formatMarkdown
	formatHTML
	formatAsciiDoc
	formatRST
)

// formatOf decides a document's format from its name's extension, and
// from its content when the name has none (a URL, a bare name).
func formatOf(name string, data []byte) format {
	p, isURL := name, false
	if u, err := nurl.Parse(name); err == nil && u.Scheme != "" && u.Host != "" {
		p, isURL = u.Path, true
	}
	switch strings.ToLower(path.Ext(p)) {
	case ".txt", ".text":
		if startsLikeHTML(data) {
			return formatHTML
		}
		if looksLikeMarkdown(data) {
			return formatMarkdown
		}
		return formatText
	case ".md", ".markdown", ".mdown", ".mkd":
		return formatMarkdown
	case ".adoc", ".asciidoc", ".asc":
		return formatAsciiDoc
	case ".rst", ".rest":
		return formatRST
	case ".html", ".htm", ".xhtml":
		return formatHTML
	}
	// A web address ends as it likes (".php", ".aspx", "/2024/05/slug"),
	// and so does a name without extension: the content decides.
	if isURL || path.Ext(p) == "" {
		if looksLikeHTML(data) {
			return formatHTML
		}
		if looksLikeMarkdown(data) {
			return formatMarkdown
		}
		return formatText
	}
	return formatUnknown
}

var (
	// mdFrontRe is a YAML front matter that opens a Markdown file.
	mdFrontRe = regexp.MustCompile(`^---\r?\n(?:[\w-]+:.*\r?\n){1,40}?---\r?\n`)
	// mdHeadingLineRe is an ATX heading line.
	mdHeadingLineRe = regexp.MustCompile(`(?m)^#{1,6} \S.*$`)
	// mdMarkRe is inline Markdown: a link, a code fence, bold text.
	mdMarkRe = regexp.MustCompile("\\]\\([^)\\s]+\\)|(?m)^```|\\*\\*\\S[^*]*\\*\\*")
)

// looksLikeMarkdown sniffs a text named without a telling extension for
// Markdown: a YAML front matter at the top, or three ATX headings or more
// with links, fences or bold text among them.
func looksLikeMarkdown(data []byte) bool {
	head := data[:min(len(data), 16384)]
	if mdFrontRe.Match(head) {
		return true
	}
	return len(mdHeadingLineRe.FindAllIndex(head, 4)) >= 3 && mdMarkRe.Match(head)
}

// startsLikeHTML reports whether data opens with an HTML doctype or tag.
func startsLikeHTML(data []byte) bool {
	head := bytes.TrimLeft(data[:min(len(data), 512)], " \t\r\n\ufeff")
	head = bytes.ToLower(head)
	return bytes.HasPrefix(head, []byte("<!doctype html")) || bytes.HasPrefix(head, []byte("<html"))
}

// cp1252 maps the bytes 0x80-0x9F of Windows-1252 to their characters
// (0 where the code page has none).
var cp1252 = [32]rune{'€', 0, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0, 'Ž', 0,
	0, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0, 'ž', 'Ÿ'}

// decodeText returns data as a string: as is when it is valid UTF-8,
// otherwise read as Windows-1252 (a superset of Latin-1), the usual
// encoding of older text files.
func decodeText(data []byte) string {
	if utf8.Valid(data) {
		return string(data)
	}
	var b strings.Builder
	b.Grow(len(data) + len(data)/8)
	for _, c := range data {
		switch {
		case c < 0x80:
			b.WriteByte(c)
		case c < 0xA0:
			if r := cp1252[c-0x80]; r != 0 {
				b.WriteRune(r)
			}
		default:
			b.WriteRune(rune(c))
		}
	}
	return b.String()
}

// isBinary reports whether data looks like binary: a NUL byte, or many
// bytes that are neither valid UTF-8 nor printable, in its first 8 KB.
func isBinary(data []byte) bool {
	head := data[:min(len(data), 8192)]
	if bytes.IndexByte(head, 0) >= 0 {
		return true
	}
	bad := 0
	for len(head) > 0 {
		r, size := utf8.DecodeRune(head)
		if r == utf8.RuneError && size == 1 || r < 0x20 && r != '\n' && r != '\r' && r != '\t' && r != '\f' {
			bad++
		}
		head = head[size:]
	}
	return bad*10 > min(len(data), 8192)
}

// looksLikeHTML sniffs the first kilobyte for HTML tags.
func looksLikeHTML(data []byte) bool {
	head := data
	if len(head) > 1024 {
		head = head[:1024]
	}
	head = bytes.ToLower(head)
	for _, tag := range []string{"<!doctype html", "<html", "<head", "<body", "<article", "<p>", "<div"} {
		if bytes.Contains(head, []byte(tag)) {
			return true
		}
	}
	return false
}

// Parse cleans one document into an article. The name picks the format by
// its extension (.txt, .md, .html, .adoc, .rst); a URL with any other ending, and a name
// without extension, are sniffed for HTML and otherwise read as text. When
// name is an http(s) URL, it becomes the article's URL and Source and is
// used to resolve the page's relative links.
//
// Parse applies every cleaning rule that needs only this document; Load
// adds the rule that needs several (lines repeated across files are
// boilerplate). It returns ErrUnsupported for an unknown extension,
// ErrNotText for binary data in a text, Markdown, AsciiDoc or reST file, ErrEmpty when
// nothing is left after cleaning, and an error for a Markdown front matter
// that is not valid YAML. The ID depends on the cleaned title and blocks
// only; a caller that changes them afterwards keeps the old ID.
func Parse(name string, data []byte) (Article, error) {
	d, err := readDoc(name, data)
	if err != nil {
		return Article{}, err
	}
	return finish(d)
}

// A reader fills a document from the bytes of one format: its metadata,
// and its body as units whose kinds come from the markup (headings with
// their level, paragraphs, list items, definition terms and descriptions,
// code, quotes). Cleaning and everything after it see units only, so a
// new format is one reader.
type reader func(d *doc, data []byte) error

// readers is the reader of each format: the one place a format is chosen.
var readers = map[format]reader{
	formatText:     textReader(readText),
	formatMarkdown: textReader(readMarkdown),
	formatAsciiDoc: textReader(readAsciiDoc),
	formatRST:      textReader(readRST),
	formatHTML:     htmlDoc,
}

// textReader makes a reader of a plain-text format: binary data is
// ErrNotText, and the text reaches read decoded and normalized.
func textReader(read func(d *doc, s string) error) reader {
	return func(d *doc, data []byte) error {
		if isBinary(data) {
			return ErrNotText
		}
		return read(d, normalize(decodeText(data)))
	}
}

// readDoc reads a document's metadata and raw units with the reader of
// its format.
func readDoc(name string, data []byte) (*doc, error) {
	d := &doc{source: name}
	if u, err := nurl.Parse(name); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
		d.url = name
	}
	read, ok := readers[formatOf(name, data)]
	if !ok {
		return nil, ErrUnsupported
	}
	if err := read(d, data); err != nil {
		return nil, err
	}
	return d, nil
}

// readText reads plain text: a mail or news post's header gives the
// title, author and date; the body is split into units by the shape of
// its lines.
func readText(d *doc, text string) error {
	h, body, mail := splitMailHeader(text)
	if mail {
		// A mail or news post: the subject is the headline.
		d.title, d.byline, d.published, text = h.subject, h.from, h.published, body
	}
	d.units = textUnits(text, false)
	if mail && len(d.units) > 1 && words(d.units[0].text) <= 6 && salutationRe.MatchString(d.units[0].text) {
		d.units = d.units[1:]
	}
	return nil
}

// finish cleans a document's units and builds the article.
func finish(d *doc) (Article, error) {
	units, m := clean(d.units)
	title, units := takeTitle(units, d.title)
	if len(units) == 0 {
		return Article{}, ErrEmpty
	}
	a := Article{
		Title:     title,
		URL:       d.url,
		Source:    d.source,
		Byline:    authorName(firstOf(d.byline, m.byline)),
		Published: d.published,
		Tags:      d.tags,
		Blocks:    make([]Block, 0, len(units)),
	}
	if a.Published.IsZero() {
		a.Published = m.published
	}
	if a.URL == "" && strings.HasPrefix(d.site, "http") && strings.Contains(d.site, "://") {
		a.URL = d.site
	} else {
		a.Site = d.site
	}
	for _, u := range units {
		b := Block{Kind: u.kind, Level: u.level, Anchor: u.anchor, Lang: u.lang, Text: u.text}
		switch {
		case u.kind.Titles():
			b.Sentences = []string{u.text}
		case u.kind != Code:
			b.Sentences = SplitSentences(u.text)
		}
		a.Blocks = append(a.Blocks, b)
	}
	a.ID = contentID(&a)
	return a, nil
}
