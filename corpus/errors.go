package corpus

import "errors"

// Errors a load or parse can report. Load turns them into Warnings for one
// file; Parse returns them wrapped.
var (
	// ErrUnsupported is returned for a file whose format is not known
	// (not .txt, .md, .html, .adoc or .rst, nor sniffed as text or HTML).
	ErrUnsupported = errors.New("unsupported file type")
	// ErrEmpty is returned when nothing of an article is left after cleaning.
	ErrEmpty = errors.New("no article text")
	// ErrNotText is returned for a text-format file that holds binary data.
	ErrNotText = errors.New("binary data, not text")
	// ErrTooLarge is returned for a file over Options.MaxFileSize.
	ErrTooLarge = errors.New("file too large")
)
