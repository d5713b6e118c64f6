package slack

import (
	"bytes"
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/briefbot/briefbot/bot"
)

// ManifestOptions describe the Slack app a manifest creates.
type ManifestOptions struct {
	// Name is the app's and the bot user's name; empty means "briefbot".
	Name string
	// Description is the app's short description; empty means a default.
	Description string
	// BackgroundColor is the app's colour ("#1d3557"); empty means that.
	BackgroundColor string
	// RequestURL is the public base URL of the bot's HTTP server
	// ("https://bot.example.com") for HTTP mode: slash commands and
	// interactivity then point at /slack/commands and /slack/interactions.
	// Empty means Socket Mode, which needs no public URL.
	RequestURL string
}

// Scopes are the bot token scopes the adapter needs: slash commands,
// posting answers and digests (also in public channels the bot has not
// joined) and opening direct messages.
var Scopes = []string{"commands", "chat:write", "chat:write.public", "im:write"}

// manifest is the part of Slack's app manifest the bot uses, in the order
// Slack documents it.
type manifest struct {
	Display  manifestDisplay  `yaml:"display_information"`
	Features manifestFeatures `yaml:"features"`
	OAuth    manifestOAuth    `yaml:"oauth_config"`
	Settings manifestSettings `yaml:"settings"`
}

type manifestDisplay struct {
	Name            string `yaml:"name"`
	Description     string `yaml:"description,omitempty"`
	BackgroundColor string `yaml:"background_color,omitempty"`
}

type manifestFeatures struct {
	AppHome       manifestAppHome        `yaml:"app_home"`
	BotUser       manifestBotUser        `yaml:"bot_user"`
	SlashCommands []manifestSlashCommand `yaml:"slash_commands"`
}

// manifestAppHome shows the bot's direct messages (subscriptions) in its
// Messages tab, read-only: the bot answers slash commands, not chat.
type manifestAppHome struct {
	HomeTabEnabled             bool `yaml:"home_tab_enabled"`
	MessagesTabEnabled         bool `yaml:"messages_tab_enabled"`
	MessagesTabReadOnlyEnabled bool `yaml:"messages_tab_read_only_enabled"`
}

type manifestBotUser struct {
	DisplayName  string `yaml:"display_name"`
	AlwaysOnline bool   `yaml:"always_online"`
}

type manifestSlashCommand struct {
	Command      string `yaml:"command"`
	URL          string `yaml:"url,omitempty"`
	Description  string `yaml:"description"`
	UsageHint    string `yaml:"usage_hint,omitempty"`
	ShouldEscape bool   `yaml:"should_escape"`
}

type manifestOAuth struct {
	Scopes struct {
		Bot []string `yaml:"bot"`
	} `yaml:"scopes"`
}

type manifestSettings struct {
	Interactivity struct {
		IsEnabled  bool   `yaml:"is_enabled"`
		RequestURL string `yaml:"request_url,omitempty"`
	} `yaml:"interactivity"`
	OrgDeployEnabled     bool `yaml:"org_deploy_enabled"`
	SocketModeEnabled    bool `yaml:"socket_mode_enabled"`
	TokenRotationEnabled bool `yaml:"token_rotation_enabled"`
}

// Slack's limits on manifest fields.
var (
	manifestCommandName = regexp.MustCompile(`^[a-z0-9_-]{1,31}$`)
	maxAppName          = 35
	maxCommandDesc      = 100
	maxUsageHint        = 100
)

const manifestHeader = "# Slack app manifest for briefbot, generated from the command registry.\n" +
	"# Create the app at https://api.slack.com/apps -> Create New App -> From a manifest, and paste this.\n" +
	"# Regenerate with: go test ./adapters/slack -run TestManifest -update\n"

// Manifest returns the YAML app manifest that creates the Slack app in one
// paste: display information, the bot user, one slash command per
// command (description and usage hint from the registry), the scopes in
// Scopes, interactivity for the buttons, and Socket Mode unless
// o.RequestURL is set. It fails on a command name or text Slack would
// reject, or a RequestURL that is not an absolute http(s) URL.
func Manifest(cmds []bot.Command, o ManifestOptions) ([]byte, error) {
	if o.Name == "" {
		o.Name = "briefbot"
	}
	if o.Description == "" {
		o.Description = "Answers questions about the news with sources, summarises issues and posts briefings."
	}
	if o.BackgroundColor == "" {
		o.BackgroundColor = "#1d3557"
	}
	if runes(o.Name) > maxAppName {
		return nil, fmt.Errorf("slack manifest: name %q is longer than %d characters", o.Name, maxAppName)
	}
	base := ""
	if o.RequestURL != "" {
		u, err := url.Parse(o.RequestURL)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return nil, fmt.Errorf("slack manifest: request URL %q is not an http(s) URL", o.RequestURL)
		}
		base = strings.TrimRight(o.RequestURL, "/")
	}
	var m manifest
	m.Display = manifestDisplay{Name: o.Name, Description: o.Description, BackgroundColor: o.BackgroundColor}
	m.Features.AppHome = manifestAppHome{MessagesTabEnabled: true, MessagesTabReadOnlyEnabled: true}
	m.Features.BotUser = manifestBotUser{DisplayName: o.Name, AlwaysOnline: true}
	seen := map[string]bool{}
	for _, c := range cmds {
		if !manifestCommandName.MatchString(c.Name) || seen[c.Name] {
			return nil, fmt.Errorf("slack manifest: bad or duplicate command name %q", c.Name)
		}
		seen[c.Name] = true
		desc := strings.TrimSpace(c.Description)
		if desc == "" || runes(desc) > maxCommandDesc {
			return nil, fmt.Errorf("slack manifest: /%s: description must have 1 to %d characters", c.Name, maxCommandDesc)
		}
		sc := manifestSlashCommand{Command: "/" + c.Name, Description: desc}
		if c.Arg != "" {
			sc.UsageHint = strings.TrimPrefix(c.Usage(), "/"+c.Name+" ")
			if runes(sc.UsageHint) > maxUsageHint {
				return nil, fmt.Errorf("slack manifest: /%s: usage hint longer than %d characters", c.Name, maxUsageHint)
			}
		}
		if base != "" {
			sc.URL = base + "/slack/commands"
		}
		m.Features.SlashCommands = append(m.Features.SlashCommands, sc)
	}
	m.OAuth.Scopes.Bot = append([]string(nil), Scopes...)
	m.Settings.Interactivity.IsEnabled = true
	if base != "" {
		m.Settings.Interactivity.RequestURL = base + "/slack/interactions"
	} else {
		m.Settings.SocketModeEnabled = true
	}
	var buf bytes.Buffer
	buf.WriteString(manifestHeader)
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(m); err != nil {
		return nil, fmt.Errorf("slack manifest: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("slack manifest: %w", err)
	}
	return buf.Bytes(), nil
}
