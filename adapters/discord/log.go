package discord

import (
	"context"
	"fmt"
	"log/slog"
	"sync"

	"github.com/bwmarrin/discordgo"
)

// discordgo logs through one package-level hook; the first adapter created
// in a process routes it to its slog logger, so the library's warnings
// (gateway reconnects, heartbeats) land with the rest of the logs instead
// of on stderr.
var routeLibraryLogs sync.Once

func routeLogs(log *slog.Logger) {
	routeLibraryLogs.Do(func() {
		discordgo.Logger = func(level, _ int, format string, args ...any) {
			l := slog.LevelDebug
			switch level {
			case discordgo.LogError:
				l = slog.LevelError
			case discordgo.LogWarning:
				l = slog.LevelWarn
			}
			log.Log(context.Background(), l, "discordgo: "+fmt.Sprintf(format, args...))
		}
	})
}
