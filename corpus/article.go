package corpus

import "time"

// BlockKind says what a block of an article is.
type BlockKind int

// The kinds of block every reader fills. New kinds are added at the end,
// so a kind's number never changes (the cache and content IDs store it).
const (
	// Para is an ordinary paragraph of running text.
	Para BlockKind = iota
	// Heading is a headline or section heading inside the article. Its
	// Level is 1-6 when the markup ranks it (h1-h6, "##", an AsciiDoc or
	// reST section), 0 when it does not (a bold line, a guessed heading).
	Heading
	// Item is one bullet or numbered list item; Level is its depth (1 for
	// a top-level item) when the markup says, else 0.
	Item
	// Term is the term of a definition list: a <dt>, a <summary>, an
	// AsciiDoc "term::", a reST definition or a Markdown "term\n: ..." entry.
	// In an FAQ written as a definition list it is the question.
	Term
	// Desc is one paragraph of the description of the Term before it.
	Desc
	// Code is a code or literal block, kept verbatim: its Text keeps its
	// line breaks and indentation (common indentation removed), and it has
	// no Sentences, as it is not prose.
	Code
	// Quote is one paragraph of a block quotation.
	Quote
)

// String returns the kind's name ("para", "heading", ...).
func (k BlockKind) String() string {
	switch k {
	case Para:
		return "para"
	case Heading:
		return "heading"
	case Item:
		return "item"
	case Term:
		return "term"
	case Desc:
		return "desc"
	case Code:
		return "code"
	case Quote:
		return "quote"
	}
	return "unknown"
}

// Titles reports whether a block of kind k names what follows it: a
// heading or a definition term.
func (k BlockKind) Titles() bool { return k == Heading || k == Term }

// EndedBy reports whether block b, met after t (a heading or a term),
// ends t's section: after a heading, a heading of its rank or above (a
// heading without level ranks below every levelled one, a term below
// every heading); after a term, any levelled heading or a term at its
// depth or above. It is false when t is neither a heading nor a term.
func (t Block) EndedBy(b Block) bool {
	switch t.Kind {
	case Heading:
		if b.Kind != Heading {
			return false
		}
		if t.Level == 0 {
			return true
		}
		return b.Level > 0 && b.Level <= t.Level
	case Term:
		return b.Kind == Heading && b.Level > 0 || b.Kind == Term && b.Level <= t.Level
	}
	return false
}

// Block is one paragraph, heading, list item, definition term or
// description, code block or quoted paragraph of a cleaned article.
type Block struct {
	Kind BlockKind
	// Level is a heading's level (1-6) or a list item's depth (1 at the
	// top); 0 when the markup gives none.
	Level int
	// Anchor is the identifier the document gives a heading or term
	// ("{#no_goroutine_id}", "[[faq-track]]", id="..."), when it gives one.
	Anchor string
	// Lang is the language a code block is marked with ("go", "shell"),
	// when it is marked.
	Lang string
	// Text is the cleaned text, hard-wrapped lines joined back together;
	// a code block's text is verbatim.
	Text string
	// Sentences is Text split into sentences (a heading or term is one
	// sentence; a code block has none).
	Sentences []string
}

// Article is one cleaned article. Its ID is a stable hash of its cleaned
// content, so the same article loaded twice has the same ID.
type Article struct {
	ID        string
	Title     string
	URL       string
	Source    string // where it came from: a file path, "sample:NAME" or a feed URL
	Site      string // the publisher or site name, when the document names it
	Byline    string
	Published time.Time // zero when unknown
	Tags      []string
	Blocks    []Block
	// Duplicates lists the other sources of the same content (same ID)
	// that Load folded into this article.
	Duplicates []string
}

// Warning is a problem with one input that did not stop the load.
type Warning struct {
	Source string
	Err    error
}

func (w Warning) Error() string { return w.Source + ": " + w.Err.Error() }

// Unwrap returns the cause, so errors.Is(w, ErrEmpty) works on a Warning.
func (w Warning) Unwrap() error { return w.Err }
