package bot

// Visibility says who sees a message.
type Visibility int

const (
	// Private messages are seen only by the person who asked (Slack
	// ephemeral, Discord ephemeral).
	Private Visibility = iota
	// Channel messages are seen by everyone in the channel.
	Channel
)

// Citation is a source a piece of text is drawn from.
type Citation struct {
	ID    string
	Title string
	URL   string
}

// Item is one entry of a list: a summary sentence, an FAQ question, a new article.
type Item struct {
	Text      string
	Citations []Citation
}

// Section is a block of a message: an optional heading, text, list items
// and the citations of the text.
type Section struct {
	Heading   string
	Text      string
	Items     []Item
	Citations []Citation
}

// Button actions understood by the core.
const (
	ActionShare     = "share"
	ActionHelpful   = "helpful"
	ActionUnhelpful = "unhelpful"
)

// Button is an interactive button under a message. Value is opaque to the
// adapter and handed back on a click.
type Button struct {
	Label  string
	Action string
	Value  string
}

// Message is the neutral message every command returns and every adapter
// renders. All text is plain: adapters escape and format it.
type Message struct {
	Title       string
	Sections    []Section
	Suggestions []string // "did you mean" titles
	Buttons     []Button
	Visibility  Visibility
	// Footer is a short closing line (confidence, hints).
	Footer string
	// Mentions are platform user ids the message is addressed to (a
	// subscription notice in a Discord channel); an adapter that can
	// notify them does (a Discord mention allowed to ping exactly these
	// users). Empty: nobody is notified.
	Mentions []string
}
