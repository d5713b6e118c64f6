package slack

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/slack-go/slack"

	"github.com/briefbot/briefbot/bot"
)

// Slack's Block Kit limits, and the size of one message part.
const (
	maxBlocks         = 50
	maxTextRunes      = 3000
	maxHeaderRunes    = 150
	maxButtonLabel    = 75
	maxButtonValue    = 2000
	maxActionID       = 255
	maxContextElems   = 10
	maxActionElements = 25
	// maxPartRunes bounds the text of one message part, so a long digest
	// arrives as a few readable messages and each part stays well inside
	// Socket Mode's 20 KB response limit.
	maxPartRunes = 8000
	// fallbackRunes bounds the notification text of a message.
	fallbackRunes = 300
)

// Render turns a neutral message into Slack messages: a header (or a bold
// line when the title is longer than a header may be), one or more mrkdwn
// sections per section with its items as a bulleted list, a context line
// listing the sources as links, the suggestions, the footer and the
// buttons. Every text is escaped, so a question or an article cannot
// inject mentions or links; only m.Mentions are mentioned, in a line
// under the title.
//
// A message too big for one Slack message (50 blocks, 3,000 characters per
// text, maxPartRunes in all) is split into several parts at paragraph,
// sentence or item boundaries; nothing is cut. The header opens the first
// part, the buttons close the last. Every part carries a fallback text and
// a response_type from the message's visibility (ephemeral unless
// bot.Channel).
//
// It fails only when a button breaks Slack's limits (label over 75
// characters, value over 2,000, an empty action); the buttons come from the
// core, so that is a programming error.
func Render(m bot.Message) ([]slack.Msg, error) {
	var units []unit
	units = append(units, titleUnits(m.Title)...)
	units = append(units, mentionUnits(m.Mentions)...)
	for _, s := range m.Sections {
		units = append(units, sectionUnits(s)...)
	}
	units = append(units, suggestionUnits(m.Suggestions)...)
	if f := escape(strings.TrimSpace(m.Footer)); f != "" {
		units = append(units, contextUnits(splitPieces([]string{f}, maxTextRunes), "")...)
	}
	buttons, err := buttonUnits(m.Buttons)
	if err != nil {
		return nil, err
	}
	units = append(units, buttons...)

	respType := slack.ResponseTypeEphemeral
	if m.Visibility == bot.Channel {
		respType = slack.ResponseTypeInChannel
	}
	parts := pack(units)
	base := fallback(m)
	out := make([]slack.Msg, len(parts))
	for i, p := range parts {
		text := base
		if len(parts) > 1 {
			text += fmt.Sprintf(" (part %d of %d)", i+1, len(parts))
		}
		msg := slack.Msg{Text: text, ResponseType: respType}
		for _, u := range p {
			msg.Blocks.BlockSet = append(msg.Blocks.BlockSet, u.block)
		}
		out[i] = msg
	}
	return out, nil
}

// unit is one block and the characters of text it holds.
type unit struct {
	block slack.Block
	size  int
}

func mrkdwn(s string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.MarkdownType, s, false, true)
}

func plain(s string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.PlainTextType, s, false, false)
}

// titleUnits renders the title as a header, or as bold sections when it is
// longer than a header allows.
func titleUnits(title string) []unit {
	t := escape(strings.Join(strings.Fields(title), " "))
	if t == "" {
		return nil
	}
	if runes(t) <= maxHeaderRunes {
		return []unit{{slack.NewHeaderBlock(plain(t)), runes(t)}}
	}
	var out []unit
	for _, c := range chunks(t, maxTextRunes-2) {
		out = append(out, sectionUnit("*"+c+"*"))
	}
	return out
}

func sectionUnit(text string) unit {
	return unit{slack.NewSectionBlock(mrkdwn(text), nil, nil), runes(text)}
}

// sectionUnits renders one section: heading and text, items as a bulleted
// list with citation numbers, and the sources. Each block of items is
// followed by the sources its numbers refer to, so a section split across
// messages stays readable; the section's own citations come last.
func sectionUnits(s bot.Section) []unit {
	var cites citeList
	var pieces []piece
	if h := escape(strings.Join(strings.Fields(s.Heading), " ")); h != "" {
		for _, c := range chunks(h, maxTextRunes-2) {
			pieces = append(pieces, piece{text: "*" + c + "*"})
		}
	}
	for _, c := range chunks(escape(s.Text), maxTextRunes) {
		pieces = append(pieces, piece{text: c})
	}
	for _, it := range s.Items {
		line, nums := itemLine(it, &cites)
		for i, c := range chunks(line, maxTextRunes) {
			p := piece{text: c}
			if i == 0 {
				p.cites = nums
			}
			pieces = append(pieces, p)
		}
	}
	var out []unit
	shown := map[int]bool{}
	for _, blk := range joinPieces(pieces, maxTextRunes) {
		out = append(out, sectionUnit(blk.text))
		if len(blk.cites) > 0 {
			out = append(out, sourceUnits(cites.list, blk.cites, true)...)
			for _, n := range blk.cites {
				shown[n] = true
			}
		}
	}
	// The section's own citations, numbered only when items use numbers.
	numbered := len(cites.list) > 0
	var rest []int
	for _, c := range s.Citations {
		if n := cites.add(c); !shown[n] && !slices.Contains(rest, n) {
			rest = append(rest, n)
		}
	}
	return append(out, sourceUnits(cites.list, rest, numbered)...)
}

// piece is a line of a section and the citation numbers it refers to.
type piece struct {
	text  string
	cites []int
}

// sourceUnits renders the citations numbered nums (1-based) as a context
// line of links.
func sourceUnits(list []bot.Citation, nums []int, numbered bool) []unit {
	if len(nums) == 0 {
		return nil
	}
	var srcs []string
	for _, n := range nums {
		c := list[n-1]
		l := link(c.Title, c.URL)
		if l == "" {
			l = escape(c.ID)
		}
		if numbered {
			l = "[" + strconv.Itoa(n) + "] " + l
		}
		srcs = append(srcs, l)
	}
	label := "Sources: "
	if len(srcs) == 1 {
		label = "Source: "
	}
	return contextUnits(splitPieces(srcs, maxTextRunes-len(label)), label)
}

// itemLine renders one list item and returns the citation numbers it
// shows. An item that starts with the title of its only source (an
// article listed by its title) links that title in place; other cited
// items end with the numbers of their sources.
func itemLine(it bot.Item, cites *citeList) (string, []int) {
	text := strings.TrimSpace(it.Text)
	if len(it.Citations) == 1 {
		c := it.Citations[0]
		if t := strings.TrimSpace(c.Title); t != "" && strings.HasPrefix(text, t) {
			if l := link(t, c.URL); strings.HasPrefix(l, "<") {
				return "• " + l + escape(text[len(t):]), nil
			}
			return "• " + escape(text), nil
		}
	}
	line := "• " + escape(text)
	if len(it.Citations) == 0 {
		return line, nil
	}
	nums := make([]int, 0, len(it.Citations))
	for _, c := range it.Citations {
		nums = append(nums, cites.add(c))
	}
	slices.Sort(nums)
	nums = slices.Compact(nums)
	strs := make([]string, len(nums))
	for i, n := range nums {
		strs[i] = strconv.Itoa(n)
	}
	return line + " [" + strings.Join(strs, ", ") + "]", nums
}

// citeList numbers distinct citations in order of first use.
type citeList struct {
	list []bot.Citation
	seen map[string]int
}

func (l *citeList) add(c bot.Citation) int {
	key := c.ID
	if key == "" {
		key = c.URL + "\x00" + c.Title
	}
	if n, ok := l.seen[key]; ok {
		return n
	}
	if l.seen == nil {
		l.seen = map[string]int{}
	}
	l.list = append(l.list, c)
	l.seen[key] = len(l.list)
	return len(l.list)
}

// joinPieces packs pieces (each at most limit runes) into texts of at most
// limit runes, one piece per line, with the sorted citation numbers of the
// pieces in each.
func joinPieces(pieces []piece, limit int) []piece {
	var out []piece
	var cur piece
	flush := func() {
		if cur.text != "" {
			slices.Sort(cur.cites)
			cur.cites = slices.Compact(cur.cites)
			out = append(out, cur)
		}
		cur = piece{}
	}
	for _, p := range pieces {
		if p.text == "" {
			continue
		}
		if cur.text != "" && runes(cur.text)+1+runes(p.text) > limit {
			flush()
		}
		if cur.text == "" {
			cur.text = p.text
		} else {
			cur.text += "\n" + p.text
		}
		cur.cites = append(cur.cites, p.cites...)
	}
	flush()
	return out
}

// splitPieces joins pieces with " · " into texts of at most limit runes,
// splitting a single piece that is longer than limit.
func splitPieces(pieces []string, limit int) []string {
	const sep = " · "
	var out []string
	cur := ""
	for _, p := range pieces {
		for _, c := range chunks(p, limit) {
			if cur != "" && runes(cur)+runes(sep)+runes(c) > limit {
				out = append(out, cur)
				cur = ""
			}
			if cur == "" {
				cur = c
			} else {
				cur += sep + c
			}
		}
	}
	if cur != "" {
		out = append(out, cur)
	}
	return out
}

// contextUnits renders texts as context blocks of at most ten elements;
// label prefixes the first text.
func contextUnits(texts []string, label string) []unit {
	var out []unit
	for start := 0; start < len(texts); start += maxContextElems {
		end := min(start+maxContextElems, len(texts))
		var elems []slack.MixedElement
		size := 0
		for i, t := range texts[start:end] {
			if start+i == 0 {
				t = label + t
			}
			elems = append(elems, mrkdwn(t))
			size += runes(t)
		}
		out = append(out, unit{slack.NewContextBlock("", elems...), size})
	}
	return out
}

// suggestionUnits renders "did you mean" titles as a context line.
func suggestionUnits(sugs []string) []unit {
	var pieces []string
	for _, s := range sugs {
		if s = escape(strings.Join(strings.Fields(s), " ")); s != "" {
			pieces = append(pieces, "“"+s+"”")
		}
	}
	if len(pieces) == 0 {
		return nil
	}
	const label = "Did you mean: "
	return contextUnits(splitPieces(pieces, maxTextRunes-len(label)), label)
}

// buttonUnits renders buttons as actions blocks. An action id is the
// button's Action, suffixed "#n" when the same action appears twice
// (Slack wants them unique in a block); parseActionID undoes that.
func buttonUnits(buttons []bot.Button) ([]unit, error) {
	var out []unit
	var elems []slack.BlockElement
	count := map[string]int{}
	size := 0
	for _, b := range buttons {
		label := escape(strings.TrimSpace(b.Label))
		switch {
		case b.Action == "" || strings.Contains(b.Action, "#"):
			return nil, fmt.Errorf("render: button %q: bad action %q", b.Label, b.Action)
		case label == "" || runes(label) > maxButtonLabel:
			return nil, fmt.Errorf("render: button %q: label must have 1 to %d characters", b.Label, maxButtonLabel)
		case runes(b.Value) > maxButtonValue:
			return nil, fmt.Errorf("render: button %q: value longer than %d characters", b.Label, maxButtonValue)
		}
		count[b.Action]++
		id := b.Action
		if n := count[b.Action]; n > 1 {
			id += "#" + strconv.Itoa(n)
		}
		if len(id) > maxActionID {
			return nil, fmt.Errorf("render: button %q: action longer than %d characters", b.Label, maxActionID)
		}
		elems = append(elems, slack.NewButtonBlockElement(id, b.Value, plain(label)))
		size += runes(label)
		if len(elems) == maxActionElements {
			out = append(out, unit{slack.NewActionBlock("", elems...), size})
			elems, size = nil, 0
		}
	}
	if len(elems) > 0 {
		out = append(out, unit{slack.NewActionBlock("", elems...), size})
	}
	return out, nil
}

// parseActionID returns the action a rendered button's action id stands for.
func parseActionID(id string) string {
	action, _, _ := strings.Cut(id, "#")
	return action
}

// pack groups units into message parts of at most maxBlocks blocks and
// maxPartRunes characters, keeping their order.
func pack(units []unit) [][]unit {
	var parts [][]unit
	var cur []unit
	size := 0
	for _, u := range units {
		if len(cur) > 0 && (len(cur)+1 > maxBlocks || size+u.size > maxPartRunes) {
			parts = append(parts, cur)
			cur, size = nil, 0
		}
		cur = append(cur, u)
		size += u.size
	}
	if len(cur) > 0 || len(parts) == 0 {
		parts = append(parts, cur)
	}
	return parts
}

// fallback is the notification text of a message: its title, else the
// start of its first text.
func fallback(m bot.Message) string {
	candidates := []string{m.Title}
	for _, s := range m.Sections {
		candidates = append(candidates, s.Heading, s.Text)
		for _, it := range s.Items {
			candidates = append(candidates, it.Text)
		}
	}
	candidates = append(candidates, m.Footer)
	for _, c := range candidates {
		if c = strings.TrimSpace(c); c != "" {
			return shorten(escape(c), fallbackRunes)
		}
	}
	if len(m.Suggestions) > 0 {
		return shorten("Did you mean: "+escape(strings.Join(m.Suggestions, ", ")), fallbackRunes)
	}
	return "(empty message)"
}
