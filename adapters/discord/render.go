package discord

import (
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot"
)

// Discord's message limits, in characters (code points).
// https://discord.com/developers/docs/resources/message#embed-object-embed-limits
const (
	maxTitle       = 256
	maxDescription = 4096
	maxFields      = 25
	maxFieldName   = 256
	maxFieldValue  = 1024
	maxFooter      = 2048
	maxEmbedChars  = 6000 // all embeds of one message together
	maxEmbeds      = 10
	maxContent     = 2000
	maxButtonLabel = 80
	maxButtons     = 25 // 5 rows of 5
	maxChoices     = 25
	maxChoiceLen   = 100
	maxThreadName  = 100
)

// embedColor is the accent stripe of every embed.
const embedColor = 0x3B6FD8

// part is one Discord message: a rendered bot.Message is one or more parts,
// posted in order. Only the last part of the text carries the buttons.
// Content holds mentions only, with AllowedMentions naming exactly the
// users mentioned (nil: nobody is pinged).
type part struct {
	Content         string                            `json:"content,omitempty"`
	Embeds          []*discordgo.MessageEmbed         `json:"embeds"`
	Components      []discordgo.MessageComponent      `json:"components,omitempty"`
	AllowedMentions *discordgo.MessageAllowedMentions `json:"allowed_mentions,omitempty"`
}

// noMentions is the allowed_mentions of every message: nothing pings, so
// "@everyone" typed into a question stays text.
func noMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

// renderer turns neutral messages into Discord parts. customID encodes a
// button's action and value into a custom_id of at most 100 characters.
type renderer struct {
	customID func(action, value string) string
}

// render turns msg into one or more parts that each respect Discord's
// limits. Body text is split between sentences and list items, never inside
// a sentence (except a single sentence longer than a whole embed).
// msg.Mentions are mentioned in the content of the first part (see
// addMentions); text never pings anyone.
func (r renderer) render(msg bot.Message) []part {
	refs := newRefs()
	p := newPacker(clip(strings.TrimSpace(msg.Title), maxTitle))
	for i, s := range msg.Sections {
		p.section(i > 0)
		if h := strings.TrimSpace(s.Heading); h != "" {
			p.unit("\n\n", "**"+escape(clip(h, maxTitle))+"**")
		}
		lines := strings.Split(strings.TrimSpace(s.Text), "\n")
		for li := 0; li < len(lines); li++ {
			line := lines[li]
			if strings.HasPrefix(line, "```") {
				// A fenced code block goes as it is, in one code block.
				end := li + 1
				for end < len(lines) && !strings.HasPrefix(lines[end], "```") {
					end++
				}
				p.unit("\n", codeBlock(lines[li+1:min(end, len(lines))]))
				if end >= len(lines)-1 {
					if m := refs.marks(s.Citations); m != "" {
						p.unit("\n", m)
					}
				}
				li = end
				continue
			}
			ss := sentences(line)
			for si, sent := range ss {
				text := escape(sent)
				if li == len(lines)-1 && si == len(ss)-1 {
					text += refs.marks(s.Citations)
				}
				sep := " "
				if si == 0 {
					sep = "\n"
				}
				p.unit(sep, text)
			}
		}
		for _, it := range s.Items {
			if t := strings.TrimSpace(it.Text); t != "" {
				p.unit("\n", "• "+itemText(t, it.Citations, refs))
			}
		}
	}
	if len(msg.Suggestions) > 0 {
		var lines []string
		for _, s := range msg.Suggestions {
			lines = append(lines, "• "+escape(clip(strings.TrimSpace(s), 200)))
		}
		p.fields("Did you mean", lines)
	}
	if lines := refs.lines(); len(lines) > 0 {
		p.fields("Sources", lines)
	}
	if f := strings.TrimSpace(msg.Footer); f != "" {
		p.footer(clip(f, maxFooter))
	}
	parts := p.finish()
	parts[len(parts)-1].Components = r.buttons(msg.Buttons)
	return addMentions(parts, msg.Mentions)
}

// itemText renders one list item. An item that starts with the title of
// its only source (an article listed by its title) links that title in
// place; other cited items end with the numbers of their sources.
func itemText(text string, cs []bot.Citation, refs *refs) string {
	if len(cs) == 1 {
		t := strings.TrimSpace(cs[0].Title)
		if u := linkURL(cs[0].URL); t != "" && u != "" && runes(u) < maxFieldValue-260 && strings.HasPrefix(text, t) {
			return "[" + escape(t) + "](" + u + ")" + escape(text[len(t):])
		}
	}
	return escape(text) + refs.marks(cs)
}

// buttons renders up to 25 buttons, five to a row.
func (r renderer) buttons(bs []bot.Button) []discordgo.MessageComponent {
	if len(bs) > maxButtons {
		bs = bs[:maxButtons]
	}
	var rows []discordgo.MessageComponent
	var row discordgo.ActionsRow
	for _, b := range bs {
		style := discordgo.SecondaryButton
		if b.Action == bot.ActionShare {
			style = discordgo.PrimaryButton
		}
		row.Components = append(row.Components, discordgo.Button{
			Label:    clip(b.Label, maxButtonLabel),
			Style:    style,
			CustomID: r.customID(b.Action, b.Value),
		})
		if len(row.Components) == 5 {
			rows = append(rows, row)
			row = discordgo.ActionsRow{}
		}
	}
	if len(row.Components) > 0 {
		rows = append(rows, row)
	}
	return rows
}

// refs numbers the citations of a message in order of first use.
type refs struct {
	index map[string]int
	list  []bot.Citation
}

func newRefs() *refs { return &refs{index: map[string]int{}} }

// marks returns " [1][2]" for cs, numbering new citations.
func (r *refs) marks(cs []bot.Citation) string {
	var b strings.Builder
	seen := map[int]bool{}
	for _, c := range cs {
		key := c.ID
		if key == "" {
			key = c.URL + "\x00" + c.Title
		}
		n, ok := r.index[key]
		if !ok {
			r.list = append(r.list, c)
			n = len(r.list)
			r.index[key] = n
		}
		if !seen[n] {
			seen[n] = true
			fmt.Fprintf(&b, "[%d]", n)
		}
	}
	if b.Len() == 0 {
		return ""
	}
	return " " + b.String()
}

// lines returns one "[n] [title](url)" line per citation.
func (r *refs) lines() []string {
	var out []string
	for i, c := range r.list {
		title := strings.TrimSpace(c.Title)
		if title == "" {
			title = c.ID
		}
		title = escape(clip(title, 200))
		if u := linkURL(c.URL); u != "" && runes(u) < maxFieldValue-260 {
			title = "[" + title + "](" + u + ")"
		}
		out = append(out, fmt.Sprintf("\\[%d\\] %s", i+1, title))
	}
	return out
}

// packer fills embeds and parts, keeping every limit.
type packer struct {
	title string
	parts []part
	emb   *discordgo.MessageEmbed
	total int // characters in the current part's embeds
	// newSection says the next unit starts a section: it is joined with a
	// blank line instead of its own separator.
	newSection bool
}

func newPacker(title string) *packer {
	p := &packer{title: title}
	p.newPart()
	p.emb.Title = title
	p.total = runes(title)
	return p
}

func (p *packer) newPart() {
	p.parts = append(p.parts, part{})
	p.total = 0
	p.newEmbed()
}

func (p *packer) newEmbed() {
	p.emb = &discordgo.MessageEmbed{Type: discordgo.EmbedTypeRich, Color: embedColor}
	last := &p.parts[len(p.parts)-1]
	last.Embeds = append(last.Embeds, p.emb)
}

// room makes room for n more characters, in the current embed's
// description when inDescription, opening a new embed or part when needed.
func (p *packer) room(n int, inDescription bool) {
	fits := p.total+n <= maxEmbedChars
	if inDescription {
		fits = fits && runes(p.emb.Description)+n <= maxDescription && len(p.emb.Fields) == 0 && p.emb.Footer == nil
	}
	if !fits {
		p.fresh(n)
	}
}

// fresh opens a new embed for n characters: in the current part when it
// has an embed and the characters to spare, else in a new part.
func (p *packer) fresh(n int) {
	if len(p.parts[len(p.parts)-1].Embeds) < maxEmbeds && p.total+n <= maxEmbedChars {
		p.newEmbed()
		return
	}
	p.newPart()
}

func (p *packer) section(notFirst bool) { p.newSection = notFirst }

// unit adds one unsplittable piece of text (a sentence, a list item, a
// heading) to the description, joined by sep unless it starts an embed.
func (p *packer) unit(sep, text string) {
	if p.newSection {
		sep, p.newSection = "\n\n", false
	}
	for _, chunk := range hardSplit(text, maxDescription) {
		n := runes(chunk)
		if p.emb.Description != "" {
			n += runes(sep)
		}
		p.room(n, true)
		if p.emb.Description != "" {
			chunk = sep + chunk
		}
		p.emb.Description += chunk
		p.total += runes(chunk)
	}
}

// fields adds lines as fields named name, splitting at line boundaries into
// as many fields as needed.
func (p *packer) fields(name string, lines []string) {
	var value string
	flush := func() {
		if value == "" {
			return
		}
		n := runes(name) + runes(value)
		if len(p.emb.Fields) == maxFields || p.emb.Footer != nil || p.total+n > maxEmbedChars {
			p.fresh(n)
		}
		p.emb.Fields = append(p.emb.Fields, &discordgo.MessageEmbedField{Name: name, Value: value})
		p.total += n
		value = ""
		name = clip(strings.TrimSuffix(name, " (cont.)")+" (cont.)", maxFieldName)
	}
	for _, l := range lines {
		l = clip(l, maxFieldValue)
		if value != "" && runes(value)+1+runes(l) > maxFieldValue {
			flush()
		}
		if value != "" {
			value += "\n"
		}
		value += l
	}
	flush()
}

// footer sets the footer of the last embed.
func (p *packer) footer(text string) {
	p.room(runes(text), false)
	p.emb.Footer = &discordgo.MessageEmbedFooter{Text: text}
	p.total += runes(text)
}

// finish drops empty embeds and returns the parts.
func (p *packer) finish() []part {
	var out []part
	for _, pt := range p.parts {
		var es []*discordgo.MessageEmbed
		for _, e := range pt.Embeds {
			if e.Title != "" || e.Description != "" || len(e.Fields) > 0 || e.Footer != nil {
				es = append(es, e)
			}
		}
		if len(es) > 0 {
			pt.Embeds = es
			out = append(out, pt)
		}
	}
	if len(out) == 0 {
		// An empty message still needs something to show.
		out = []part{{Embeds: []*discordgo.MessageEmbed{{Type: discordgo.EmbedTypeRich, Color: embedColor, Description: "…"}}}}
	}
	return out
}
