package slack

import (
	"encoding/json"
	"net/http"

	"github.com/slack-go/slack"
)

// Route patterns of the HTTP mode, for bot.ServerOptions.Routes.
const (
	RouteCommands     = "POST /slack/commands"
	RouteInteractions = "POST /slack/interactions"
)

// Routes returns the HTTP handlers of the HTTP mode by ServeMux pattern:
// RouteCommands for slash commands and RouteInteractions for button
// clicks. Every request is verified first (signature, 5-minute window, no
// replay); one that fails gets 401 and changes nothing. It returns nil
// when no signing secret is set.
//
// A slash command is answered in the response body when the answer is
// ready within 2.5 s and fits one message; otherwise Slack gets a short
// private "working on it" (or an empty acknowledgement) and the answer
// follows on the command's response_url. Clicks are acknowledged at once
// and their result follows on response_url.
func (a *Adapter) Routes() map[string]http.Handler {
	if a.verify == nil {
		return nil
	}
	return map[string]http.Handler{
		RouteCommands:     a.verify.middleware(a.log, http.HandlerFunc(a.serveCommand)),
		RouteInteractions: a.verify.middleware(a.log, http.HandlerFunc(a.serveInteraction)),
	}
}

func (a *Adapter) serveCommand(w http.ResponseWriter, r *http.Request) {
	cmd, err := slack.SlashCommandParse(r)
	if err != nil || cmd.Command == "" {
		http.Error(w, "not a slash command", http.StatusBadRequest)
		return
	}
	req := requestFromCommand(cmd)
	a.log.Debug("slack command", "command", req.Command, "user", req.UserID, "channel", req.ChannelID)
	reply := a.command(r.Context(), req, cmd.ResponseURL, fitsHTTP)
	if reply == nil {
		w.WriteHeader(http.StatusOK)
		return
	}
	writeJSON(w, reply)
}

func (a *Adapter) serveInteraction(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, "bad form", http.StatusBadRequest)
		return
	}
	var cb slack.InteractionCallback
	if err := json.Unmarshal([]byte(r.PostForm.Get("payload")), &cb); err != nil {
		http.Error(w, "bad interaction payload", http.StatusBadRequest)
		return
	}
	a.click(r.Context(), cb)
	w.WriteHeader(http.StatusOK)
}

func writeJSON(w http.ResponseWriter, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, "encode response", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_, _ = w.Write(b)
}
