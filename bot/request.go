package bot

// Platform names.
const (
	PlatformConsole = "console"
	PlatformSlack   = "slack"
	PlatformDiscord = "discord"
)

// Request is one command invocation from any platform.
type Request struct {
	Platform  string
	UserID    string
	UserName  string
	ChannelID string
	// GuildID is the Slack team or Discord guild, when there is one.
	GuildID string
	// Command is the command name without the slash: "ask", "issue".
	Command string
	// Text is everything after the command (Discord: the option's value).
	Text string
}
