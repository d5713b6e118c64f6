package corpus

import "time"

// BlockKind says what a block of an article is.
type BlockKind int

const (
	// Para is an ordinary paragraph of running text.
	Para BlockKind = iota
	// Heading is a headline or section heading inside the article.
	Heading
	// Item is one bullet or numbered list item.
	Item
)

// Block is one paragraph, heading or list item of a cleaned article.
type Block struct {
	Kind BlockKind
	// Text is the cleaned text, hard-wrapped lines joined back together.
	Text string
	// Sentences is Text split into sentences (a heading is one sentence).
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
