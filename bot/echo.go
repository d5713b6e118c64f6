package bot

import (
	"strings"
	"unicode"
)

// echo returns user text to repeat in a message (a title, "I don't know
// /x"): cleaned by cleanEcho and shortened to max characters.
func echo(s string, max int) string { return shorten(strings.TrimSpace(cleanEcho(s)), max) }

// cleanEcho removes from user text what would let it disguise a message
// it is echoed in: bidirectional overrides, embeddings, isolates and marks
// (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C), zero-width
// characters (U+200B-U+200D, U+2060, U+FEFF), and control characters
// and the line and paragraph separators (U+2028, U+2029), which become
// spaces.
func cleanEcho(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069, r == 0x200E, r == 0x200F, r == 0x061C:
			return -1
		case r >= 0x200B && r <= 0x200D, r == 0x2060, r == 0xFEFF:
			return -1
		case unicode.IsControl(r), r == 0x2028, r == 0x2029:
			return ' '
		}
		return r
	}, s)
}
