package discord

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot"
)

// Discord's limits on command registration.
const (
	maxCommandName = 32
	maxCommandDesc = 100
)

// numberArgs are the argument names that hold a count from 1 (/faq page:),
// registered as integer options.
var numberArgs = map[string]bool{"page": true}

var minPage = 1.0

// applicationCommands turns the registry into Discord slash commands: one
// option named after Command.Arg (an integer for numberArgs, else a
// string), autocompleted when the command says so. Admin-only commands are hidden from members without Manage
// Server by default (the core still checks).
func applicationCommands(cmds []bot.Command) []*discordgo.ApplicationCommand {
	out := make([]*discordgo.ApplicationCommand, 0, len(cmds))
	for _, c := range cmds {
		ac := &discordgo.ApplicationCommand{
			Type:        discordgo.ChatApplicationCommand,
			Name:        commandName(c.Name),
			Description: describe(c.Description, c.Name),
			Options:     []*discordgo.ApplicationCommandOption{},
		}
		if c.AdminOnly {
			perm := int64(discordgo.PermissionManageGuild)
			ac.DefaultMemberPermissions = &perm
		}
		if c.Arg != "" {
			opt := &discordgo.ApplicationCommandOption{
				Type:         discordgo.ApplicationCommandOptionString,
				Name:         commandName(c.Arg),
				Description:  describe(c.ArgDescription, c.Arg),
				Required:     c.ArgRequired,
				Autocomplete: c.Autocomplete,
			}
			if numberArgs[opt.Name] && !c.Autocomplete {
				// Discord's client then takes only whole numbers from 1.
				opt.Type = discordgo.ApplicationCommandOptionInteger
				opt.MinValue = &minPage
			}
			ac.Options = append(ac.Options, opt)
		}
		out = append(out, ac)
	}
	return out
}

// commandName lower-cases s and keeps it within Discord's 32 characters.
func commandName(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if r := []rune(s); len(r) > maxCommandName {
		s = string(r[:maxCommandName])
	}
	return s
}

// describe returns a description of 1 to 100 characters.
func describe(desc, name string) string {
	desc = strings.TrimSpace(desc)
	if desc == "" {
		desc = name
	}
	return clip(desc, maxCommandDesc)
}

// request translates an interaction into the core's request. Text is the
// command's option value (the focused one, for autocomplete).
func request(i *discordgo.Interaction) bot.Request {
	req := bot.Request{Platform: bot.PlatformDiscord, ChannelID: i.ChannelID, GuildID: i.GuildID}
	u := i.User
	if i.Member != nil && i.Member.User != nil {
		u = i.Member.User
	}
	if u != nil {
		req.UserID = u.ID
		req.UserName = u.GlobalName
		if req.UserName == "" {
			req.UserName = u.Username
		}
	}
	if i.Type == discordgo.InteractionApplicationCommand || i.Type == discordgo.InteractionApplicationCommandAutocomplete {
		d := i.ApplicationCommandData()
		req.Command = d.Name
		req.Text = optionText(d.Options, i.Type == discordgo.InteractionApplicationCommandAutocomplete)
	}
	return req
}

// optionText returns the value of the focused option (focused), or of the
// first option with a value.
func optionText(opts []*discordgo.ApplicationCommandInteractionDataOption, focused bool) string {
	for _, o := range opts {
		if o.Value != nil && (!focused || o.Focused) {
			if f, ok := o.Value.(float64); ok && f == math.Trunc(f) && math.Abs(f) < 1<<53 {
				return strconv.FormatInt(int64(f), 10) // an integer option: "2", never "2e+06"
			}
			return strings.TrimSpace(fmt.Sprint(o.Value))
		}
	}
	return ""
}

// choices turns completions into at most 25 autocomplete choices, names
// and values clipped to 100 characters, duplicates dropped.
func choices(names []string) []*discordgo.ApplicationCommandOptionChoice {
	out := []*discordgo.ApplicationCommandOptionChoice{}
	seen := map[string]bool{}
	for _, n := range names {
		n = strings.TrimSpace(n)
		value := n
		if r := []rune(value); len(r) > maxChoiceLen {
			value = strings.TrimSpace(string(r[:maxChoiceLen]))
		}
		if value == "" || seen[value] {
			continue
		}
		seen[value] = true
		out = append(out, &discordgo.ApplicationCommandOptionChoice{Name: clip(n, maxChoiceLen), Value: value})
		if len(out) == maxChoices {
			break
		}
	}
	return out
}
