package discord

import (
	"strings"

	"github.com/bwmarrin/discordgo"
)

// maxMentionUsers is Discord's limit on allowed_mentions.users.
const maxMentionUsers = 100

// addMentions writes a mention of each user in ids into the content of
// parts, the first part first, and allows exactly those users to be
// pinged by the part that names them (parse stays empty, so "@everyone"
// in the text never pings). Ids that are not Discord snowflakes (digits)
// and repeats are dropped. Mentions beyond what one part's content holds
// (2,000 characters, 100 users) go in the next part, or in extra parts
// that carry only mentions.
func addMentions(parts []part, ids []string) []part {
	var groups [][]string
	var cur []string
	size := 0
	seen := map[string]bool{}
	for _, id := range ids {
		if !snowflake(id) || seen[id] {
			continue
		}
		seen[id] = true
		n := len(id) + 3 // <@id>
		if len(cur) > 0 {
			n++ // the space before it
		}
		if len(cur) == maxMentionUsers || size+n > maxContent {
			groups, cur, size, n = append(groups, cur), nil, 0, len(id)+3
		}
		cur = append(cur, id)
		size += n
	}
	if len(cur) > 0 {
		groups = append(groups, cur)
	}
	for i, g := range groups {
		if i == len(parts) {
			parts = append(parts, part{Embeds: []*discordgo.MessageEmbed{}})
		}
		parts[i].Content = mentionText(g)
		parts[i].AllowedMentions = &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}, Users: g}
	}
	return parts
}

// mentionText is "<@1> <@2> …".
func mentionText(ids []string) string {
	var b strings.Builder
	for i, id := range ids {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString("<@" + id + ">")
	}
	return b.String()
}

// snowflake reports whether id looks like a Discord id: 1 to 20 digits.
func snowflake(id string) bool {
	if id == "" || len(id) > 20 {
		return false
	}
	for _, c := range id {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// allowed is the allowed_mentions of a part: the users it mentions, or
// nobody.
func (p part) allowed() *discordgo.MessageAllowedMentions {
	if p.AllowedMentions != nil {
		return p.AllowedMentions
	}
	return noMentions()
}
