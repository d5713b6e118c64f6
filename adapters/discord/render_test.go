package discord

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/briefings"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

var (
	srcPlan  = bot.Citation{ID: "a1b2c3", Title: "Trump, Zelenskyy Negotiate Security Guarantees for Ukraine.", URL: "https://example.org/news/plan"}
	srcGas   = bot.Citation{ID: "d4e5f6", Title: "Gas transit talks stall (again)", URL: "https://example.org/news/gas?id=7"}
	srcNoURL = bot.Citation{ID: "g7h8i9", Title: "Wire report"}
)

// longText returns n distinct sentences of about 150 characters.
func longText(seed string, n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "Sentence %d of %s says that the negotiators met again, that the talks covered the ceasefire line, prisoner exchanges and reconstruction funds.", i+1, seed)
	}
	return b.String()
}

var renderCases = []struct {
	name string
	msg  bot.Message
}{
	{"answer", bot.Message{
		Title: "What is the “20-point plan,” and how close is it to completion?",
		Sections: []bot.Section{{
			Text:      "The plan is a framework for ending the war. Officials say most points are agreed; security guarantees and territory remain open. Talks resume next week.",
			Citations: []bot.Citation{srcPlan, srcGas},
		}},
		Buttons: []bot.Button{
			{Label: "Share", Action: bot.ActionShare, Value: "ask:how close is the 20 point plan?"},
			{Label: "Helpful", Action: bot.ActionHelpful, Value: "q42"},
			{Label: "Not helpful", Action: bot.ActionUnhelpful, Value: "q42"},
		},
		Footer: "Confidence 0.87 · FAQ",
	}},
	{"decline", bot.Message{
		Sections:    []bot.Section{{Text: "I don't know that yet. Try /issues to see what I can talk about. @everyone *stars* and <@123> stay text."}},
		Suggestions: []string{"What is the “20-point plan,” and how close is it to completion?", "Donbas", "Gas transit"},
		Footer:      "Ask again with different words, or pick a suggestion.",
	}},
	{"issue", bot.Message{
		Title: "Donbas",
		Sections: []bot.Section{
			{Heading: "Summary", Items: []bot.Item{
				{Text: "Russia demands the rest of the Donetsk region.", Citations: []bot.Citation{srcPlan}},
				{Text: "Ukraine proposes a demilitarised zone instead.", Citations: []bot.Citation{srcPlan, srcNoURL}},
				{Text: "No agreement yet on who would police it.", Citations: []bot.Citation{srcGas}},
			}},
			{Heading: "Also known as", Text: "Donetsk, Luhansk, eastern Ukraine"},
		},
		Buttons: []bot.Button{{Label: "Share", Action: bot.ActionShare, Value: "issue:donbas"}},
		Footer:  "4 articles",
	}},
	{"digest", bot.Message{
		Title:      "Briefing for 2 March 2026",
		Visibility: bot.Channel,
		Sections: []bot.Section{
			{Heading: "Donbas", Items: []bot.Item{
				{Text: "Negotiators discussed a demilitarised zone.", Citations: []bot.Citation{srcPlan}},
			}},
			{Heading: "Energy", Items: []bot.Item{
				{Text: "Gas transit talks stalled again.", Citations: []bot.Citation{srcGas}},
				{Text: "A wire report says a new round starts Monday.", Citations: []bot.Citation{srcNoURL}},
			}},
			{Heading: "New articles", Items: []bot.Item{
				{Text: srcPlan.Title + " Talks on guarantees went on.", Citations: []bot.Citation{srcPlan}},
			}},
		},
		Footer: "3 new articles since 1 March",
	}},
	{"long", bot.Message{
		Title: "A very long answer",
		Sections: []bot.Section{
			{Heading: "First", Text: longText("the first part", 30), Citations: []bot.Citation{srcPlan}},
			{Heading: "Second", Text: longText("the second part", 30)},
			{Heading: "Items", Items: func() []bot.Item {
				var its []bot.Item
				for i := 0; i < 40; i++ {
					its = append(its, bot.Item{Text: fmt.Sprintf("Item %d: a development worth a line of its own.", i+1), Citations: []bot.Citation{srcGas}})
				}
				return its
			}()},
		},
		Buttons: []bot.Button{{Label: "Share", Action: bot.ActionShare, Value: "ask:" + strings.Repeat("a long question ", 10)}},
		Footer:  "Confidence 0.51",
	}},
}

func TestRenderGolden(t *testing.T) {
	r := renderer{customID: newButtonIDs().encode}
	for _, tc := range renderCases {
		t.Run(tc.name, func(t *testing.T) {
			parts := r.render(tc.msg)
			checkLimits(t, parts)
			var got bytes.Buffer
			enc := json.NewEncoder(&got)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			if err := enc.Encode(parts); err != nil {
				t.Fatal(err)
			}
			golden(t, filepath.Join("testdata", tc.name+".golden.json"), got.Bytes())
		})
	}
}

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (go test -update rewrites it); got:\n%s", path, got)
	}
}

// checkLimits fails when a part breaks one of Discord's limits.
func checkLimits(t *testing.T, parts []part) {
	t.Helper()
	if len(parts) == 0 {
		t.Fatal("no parts")
	}
	for pi, p := range parts {
		if len(p.Embeds) == 0 || len(p.Embeds) > maxEmbeds {
			t.Errorf("part %d: %d embeds", pi, len(p.Embeds))
		}
		if runes(p.Content) > maxContent {
			t.Errorf("part %d: content of %d characters", pi, runes(p.Content))
		}
		total := 0
		for ei, e := range p.Embeds {
			lim := func(what string, n, max int) {
				if n > max {
					t.Errorf("part %d embed %d: %s has %d characters, limit %d", pi, ei, what, n, max)
				}
				total += n
			}
			lim("title", runes(e.Title), maxTitle)
			lim("description", runes(e.Description), maxDescription)
			if len(e.Fields) > maxFields {
				t.Errorf("part %d embed %d: %d fields", pi, ei, len(e.Fields))
			}
			for _, f := range e.Fields {
				lim("field name", runes(f.Name), maxFieldName)
				lim("field value", runes(f.Value), maxFieldValue)
			}
			if e.Footer != nil {
				lim("footer", runes(e.Footer.Text), maxFooter)
			}
		}
		if total > maxEmbedChars {
			t.Errorf("part %d: %d characters in embeds, limit %d", pi, total, maxEmbedChars)
		}
		if pi < len(parts)-1 && len(p.Components) > 0 {
			t.Errorf("part %d: buttons before the last part", pi)
		}
		for _, row := range p.Components {
			for _, c := range row.(discordgo.ActionsRow).Components {
				b := c.(discordgo.Button)
				if runes(b.CustomID) > maxCustomID || runes(b.Label) > maxButtonLabel {
					t.Errorf("part %d: button %q/%q over the limits", pi, b.Label, b.CustomID)
				}
			}
		}
	}
}

// TestRenderSplitsAtSentences checks, over sizes around every limit, that
// each sentence and item arrives whole, in order, and nothing is lost.
func TestRenderSplitsAtSentences(t *testing.T) {
	r := renderer{customID: newButtonIDs().encode}
	for _, n := range []int{1, 10, 26, 27, 28, 40, 41, 80, 200} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			text := longText("a test", n)
			var items []bot.Item
			for i := 0; i < n; i++ {
				items = append(items, bot.Item{Text: fmt.Sprintf("Item number %d is here.", i)})
			}
			var sugg []string
			for i := 0; i < n/5; i++ {
				sugg = append(sugg, fmt.Sprintf("Suggestion %d", i))
			}
			parts := r.render(bot.Message{Title: "T", Sections: []bot.Section{{Text: text, Items: items}}, Suggestions: sugg, Footer: "f"})
			checkLimits(t, parts)
			var all strings.Builder
			for _, p := range parts {
				for _, e := range p.Embeds {
					all.WriteString(e.Description)
					all.WriteByte('\n')
				}
			}
			rest := all.String()
			want := append(sentences(text), func() (s []string) {
				for _, it := range items {
					s = append(s, "• "+it.Text)
				}
				return
			}()...)
			for _, s := range want {
				i := strings.Index(rest, s)
				if i < 0 {
					t.Fatalf("sentence %q cut or out of order", s)
				}
				rest = rest[i+len(s):]
			}
		})
	}
}

func TestSentences(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     []string
	}{
		{"plain", "One. Two! Three?", []string{"One.", "Two!", "Three?"}},
		{"abbreviation", "Mr. Smith met Dr. Jones. They talked.", []string{"Mr. Smith met Dr. Jones.", "They talked."}},
		{"initials and U.S.", "J. Smith of the U.S. Army spoke. Then left.", []string{"J. Smith of the U.S. Army spoke.", "Then left."}},
		{"quotes", `He said "no." Then he left.`, []string{`He said "no."`, "Then he left."}},
		{"lower case after period", "Version 2.5 is out. e.g. this.", []string{"Version 2.5 is out. e.g. this."}},
		{"numbers", "It cost 3.5 million. 12 people came.", []string{"It cost 3.5 million.", "12 people came."}},
		{"empty", "  ", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := sentences(tc.in)
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("sentences(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestEscape(t *testing.T) {
	for in, want := range map[string]string{
		"*bold* _it_":        `\*bold\* \_it\_`,
		"<@123> hi":          `\<@123\> hi`,
		"# not a header":     `\# not a header`,
		"a - b":              "a - b",
		"- item\n> quote":    "\\- item\n\\> quote",
		"[x](http://evil)":   `\[x\](http://evil)`,
		"@everyone look":     "@everyone look",
		"back\\slash `code`": "back\\\\slash \\`code\\`",
	} {
		if got := escape(in); got != want {
			t.Errorf("escape(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestButtonIDs(t *testing.T) {
	ids := newButtonIDs()
	for _, tc := range []struct{ name, action, value string }{
		{"short", bot.ActionShare, "ask:what is up?"},
		{"with colons", bot.ActionHelpful, "a:b:c"},
		{"long", bot.ActionShare, "ask:" + strings.Repeat("é long question ", 20)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			id := ids.encode(tc.action, tc.value)
			if runes(id) > maxCustomID {
				t.Fatalf("custom_id %q is %d characters", id, runes(id))
			}
			a, v, ok := ids.decode(context.Background(), id)
			if !ok || a != tc.action || v != tc.value {
				t.Errorf("decode(%q) = %q, %q, %v", id, a, v, ok)
			}
		})
	}
	if _, _, ok := newButtonIDs().decode(context.Background(), ids.encode("share", strings.Repeat("x", 200))); ok {
		t.Error("a forgotten long value decoded")
	}
	if _, _, ok := ids.decode(context.Background(), "someone-else"); ok {
		t.Error("a foreign custom_id decoded")
	}
}

func TestApplicationCommandsGolden(t *testing.T) {
	var got bytes.Buffer
	enc := json.NewEncoder(&got)
	enc.SetIndent("", "  ")
	if err := enc.Encode(applicationCommands(registry)); err != nil {
		t.Fatal(err)
	}
	golden(t, filepath.Join("testdata", "commands.golden.json"), got.Bytes())
}

// TestDigestArticleTitleLinks: a new article whose headline ends a
// sentence is linked in place by its whole title, and never reads
// "Title.:".
func TestDigestArticleTitleLinks(t *testing.T) {
	r := renderer{customID: newButtonIDs().encode}
	for _, title := range []string{"Talks resume in Geneva.", "Who pays for the grain corridor?", "Ceasefire holds!"} {
		t.Run(title, func(t *testing.T) {
			src := briefings.Source{ID: "a1", Title: title, URL: "https://news.example.com/a1"}
			parts := r.render(bot.DigestMessage(briefings.Digest{
				Articles: []briefings.DigestArticle{{Source: src, Summary: "Negotiators returned."}},
			}))
			got := parts[0].Embeds[0].Description
			if want := "• [" + escape(title) + "](https://news.example.com/a1) Negotiators returned."; !strings.Contains(got, want) {
				t.Errorf("want %q in:\n%s", want, got)
			}
			if strings.Contains(got, title+":") || strings.Contains(got, escape(title)+":") || strings.Contains(got, ") :") || strings.Contains(got, "):") {
				t.Errorf("a colon after the headline's own mark:\n%s", got)
			}
		})
	}
}

// TestPageOptionIsAnInteger: /faq page: is registered as an integer from
// 1, and its value reaches the core as the plain number.
func TestPageOptionIsAnInteger(t *testing.T) {
	cmds := applicationCommands([]bot.Command{
		{Name: "faq", Description: "FAQ", Arg: "page", ArgDescription: "Which page"},
		{Name: "ask", Description: "Ask", Arg: "question", ArgRequired: true},
	})
	page := cmds[0].Options[0]
	if page.Type != discordgo.ApplicationCommandOptionInteger || page.MinValue == nil || *page.MinValue != 1 {
		t.Errorf("/faq page: is %v (min %v), want an integer from 1", page.Type, page.MinValue)
	}
	if q := cmds[1].Options[0]; q.Type != discordgo.ApplicationCommandOptionString {
		t.Errorf("/ask question: is %v, want a string", q.Type)
	}
	for _, tc := range []struct {
		value any
		want  string
	}{{float64(2), "2"}, {float64(2000000), "2000000"}, {"words", "words"}} {
		opts := []*discordgo.ApplicationCommandInteractionDataOption{{Name: "page", Value: tc.value}}
		if got := optionText(opts, false); got != tc.want {
			t.Errorf("option value %v reads %q, want %q", tc.value, got, tc.want)
		}
	}
}
