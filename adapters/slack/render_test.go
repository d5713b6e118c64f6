package slack

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/briefings"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (run go test -update to create it): %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the rendering (run go test -update after checking the change)\ngot:\n%s", path, got)
	}
}

func renderJSON(t *testing.T, m bot.Message) []byte {
	t.Helper()
	parts, err := Render(m)
	if err != nil {
		t.Fatalf("Render: %v", err)
	}
	ws := make([]wireMsg, len(parts))
	for i, p := range parts {
		ws[i] = wire(p)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(ws); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

var (
	srcTalks = bot.Citation{ID: "a1b2c3", Title: "Trump, Zelenskyy Negotiate Security Guarantees for Ukraine.", URL: "https://news.example.com/talks?id=1&lang=en"}
	srcNoURL = bot.Citation{ID: "d4e5f6", Title: "Energy grid repairs continue"}
	shareVal = "ask|how close is the 20 point plan"
)

func answerMessage() bot.Message {
	return bot.Message{
		Title: "What is the “20-point plan,” and how close is it to completion?",
		Sections: []bot.Section{{
			Text:      "Officials said the plan is about 90% agreed. Remaining points concern territory & security guarantees.",
			Citations: []bot.Citation{srcTalks, srcNoURL},
		}},
		Buttons: []bot.Button{
			{Label: "Share to channel", Action: bot.ActionShare, Value: shareVal},
			{Label: "Helpful", Action: bot.ActionHelpful, Value: shareVal},
			{Label: "Not helpful", Action: bot.ActionUnhelpful, Value: shareVal},
		},
		Footer: "From the FAQ · confidence 87%",
	}
}

func declineMessage() bot.Message {
	return bot.Message{
		Title:       "No confident answer",
		Sections:    []bot.Section{{Text: "I don't know that yet. Try /faq or /issues."}},
		Suggestions: []string{"What is the 20-point plan?", "Security guarantees", "Energy <grid>"},
		Footer:      "Did you mean one of these? Ask again with /ask.",
	}
}

func issueMessage() bot.Message {
	return bot.Message{
		Title: "Security guarantees",
		Sections: []bot.Section{
			{Heading: "Summary", Items: []bot.Item{
				{Text: "Negotiators discussed guarantees modelled on NATO's Article 5.", Citations: []bot.Citation{srcTalks}},
				{Text: "Repairs depend on a ceasefire holding.", Citations: []bot.Citation{srcNoURL, srcTalks}},
			}},
			{Heading: "Newest articles", Items: []bot.Item{
				{Text: "Trump, Zelenskyy Negotiate Security Guarantees for Ukraine. (21 Nov 2026)", Citations: []bot.Citation{srcTalks}},
			}},
		},
		Buttons: []bot.Button{{Label: "Share to channel", Action: bot.ActionShare, Value: "issue|security"}},
		Footer:  "Also: guarantees, Article 5 · 2 articles",
	}
}

func issuesMessage() bot.Message {
	return bot.Message{
		Title: "Issues (3)",
		Sections: []bot.Section{{Items: []bot.Item{
			{Text: "Security guarantees (2 articles): Negotiators discussed guarantees modelled on NATO's Article 5."},
			{Text: "Energy grid (1 article): Repairs depend on a ceasefire holding."},
			{Text: "Peace plan (3 articles)"},
		}}},
		Footer: "Details: /issue NAME · News: /brief NAME",
	}
}

func digestMessage() bot.Message {
	until := time.Date(2026, 11, 22, 7, 0, 0, 0, time.UTC)
	src := briefings.Source{ID: "a1b2c3", Title: "Trump, Zelenskyy Negotiate Security Guarantees for Ukraine.", URL: "https://news.example.com/talks"}
	return bot.DigestMessage(briefings.Digest{
		Until: until,
		Lead:  "2 new articles on 2 issues.",
		Issues: []briefings.DigestIssue{
			{Name: "Security guarantees", Points: []briefings.Cited{{Text: "Negotiators discussed guarantees.", Sources: []briefings.Source{src}}}},
			{Name: "Energy grid", Points: []briefings.Cited{{Text: "Repairs continue <slowly>.", Sources: []briefings.Source{{ID: "d4e5f6", Title: "Energy grid repairs continue"}}}}},
		},
		Articles: []briefings.DigestArticle{{Source: src, Summary: "Talks on guarantees went on."}},
	})
}

// longMessage has more text and more items than one Slack message holds.
func longMessage() bot.Message {
	var items []bot.Item
	for i := range 60 {
		items = append(items, bot.Item{
			Text:      strings.Repeat("Point "+string(rune('A'+i%26))+" is long and detailed. ", 12),
			Citations: []bot.Citation{{ID: "art" + string(rune('a'+i%26)), Title: "Article " + string(rune('A'+i%26)), URL: "https://news.example.com/" + string(rune('a'+i%26))}},
		})
	}
	return bot.Message{
		Title:    "Briefing for Sun 22 Nov 2026",
		Sections: []bot.Section{{Text: strings.Repeat("A sentence of the lead paragraph. ", 120)}, {Heading: "Everything", Items: items}},
		Buttons:  []bot.Button{{Label: "Share to channel", Action: bot.ActionShare, Value: "brief|"}},
		Footer:   "End of the briefing",
	}
}

func TestRenderGolden(t *testing.T) {
	tests := []struct {
		name string
		msg  bot.Message
	}{
		{"answer", answerMessage()},
		{"decline", declineMessage()},
		{"issue", issueMessage()},
		{"issues", issuesMessage()},
		{"digest", digestMessage()},
		{"long", longMessage()},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := renderJSON(t, tc.msg)
			golden(t, tc.name+".golden.json", got)
		})
	}
}

// TestRenderLimits checks every part of every fixture against Slack's limits.
func TestRenderLimits(t *testing.T) {
	for name, m := range map[string]bot.Message{
		"answer": answerMessage(), "decline": declineMessage(), "issue": issueMessage(),
		"issues": issuesMessage(), "digest": digestMessage(), "long": longMessage(),
		"long title":    {Title: strings.Repeat("Very long title words ", 20)},
		"one huge word": {Sections: []bot.Section{{Text: strings.Repeat("x&", 4000)}}},
	} {
		t.Run(name, func(t *testing.T) {
			parts, err := Render(m)
			if err != nil {
				t.Fatal(err)
			}
			for i, p := range parts {
				checkLimits(t, i, p)
			}
		})
	}
}

func checkLimits(t *testing.T, part int, p slack.Msg) {
	t.Helper()
	if p.Text == "" {
		t.Errorf("part %d: no fallback text", part)
	}
	if n := len(p.Blocks.BlockSet); n > maxBlocks {
		t.Errorf("part %d: %d blocks", part, n)
	}
	text := func(o *slack.TextBlockObject, limit int) {
		if o != nil && runes(o.Text) > limit {
			t.Errorf("part %d: text of %d characters (limit %d)", part, runes(o.Text), limit)
		}
	}
	for _, b := range p.Blocks.BlockSet {
		switch b := b.(type) {
		case *slack.HeaderBlock:
			text(b.Text, maxHeaderRunes)
		case *slack.SectionBlock:
			text(b.Text, maxTextRunes)
		case *slack.ContextBlock:
			if n := len(b.ContextElements.Elements); n > maxContextElems {
				t.Errorf("part %d: context with %d elements", part, n)
			}
			for _, e := range b.ContextElements.Elements {
				if o, ok := e.(*slack.TextBlockObject); ok {
					text(o, maxTextRunes)
				}
			}
		case *slack.ActionBlock:
			for _, e := range b.Elements.ElementSet {
				if btn, ok := e.(*slack.ButtonBlockElement); ok {
					text(btn.Text, maxButtonLabel)
					if runes(btn.Value) > maxButtonValue {
						t.Errorf("part %d: button value too long", part)
					}
				}
			}
		}
	}
}

// TestRenderKeepsEverything: splitting never drops text.
func TestRenderKeepsEverything(t *testing.T) {
	m := longMessage()
	parts, err := Render(m)
	if err != nil {
		t.Fatal(err)
	}
	if len(parts) < 2 {
		t.Fatalf("got %d parts, want a split", len(parts))
	}
	var all strings.Builder
	for _, p := range parts {
		for _, b := range p.Blocks.BlockSet {
			if s, ok := b.(*slack.SectionBlock); ok {
				all.WriteString(s.Text.Text + " ")
			}
		}
	}
	squash := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	got := squash(all.String())
	if !strings.Contains(got, squash(m.Sections[0].Text)) {
		t.Error("the lead paragraph was not kept whole across parts")
	}
	for i, it := range m.Sections[1].Items {
		if !strings.Contains(got, squash(it.Text)) {
			t.Errorf("item %d missing", i)
		}
	}
	if _, ok := parts[0].Blocks.BlockSet[0].(*slack.HeaderBlock); !ok {
		t.Error("first part does not open with the header")
	}
	last := parts[len(parts)-1].Blocks.BlockSet
	if _, ok := last[len(last)-1].(*slack.ActionBlock); !ok {
		t.Error("last part does not end with the buttons")
	}
}

// TestRenderEscapes: nothing in a question or an article can become a
// mention, a link or markup.
func TestRenderEscapes(t *testing.T) {
	evil := "<!channel> <@U123> <https://evil.example|click> & co"
	m := bot.Message{
		Title:       evil,
		Sections:    []bot.Section{{Heading: evil, Text: evil, Items: []bot.Item{{Text: evil}}, Citations: []bot.Citation{{Title: evil, URL: "javascript:alert(1)"}, {Title: "ok", URL: "https://x.example/a|b>c"}}}},
		Suggestions: []string{evil},
		Footer:      evil,
		Buttons:     []bot.Button{{Label: "<!here>", Action: bot.ActionShare, Value: "v"}},
	}
	s := string(renderJSON(t, m))
	for _, bad := range []string{"<!channel>", "<@U123>", "<https://evil", "<!here>", "javascript:", "|b>"} {
		if strings.Contains(s, bad) || strings.Contains(s, strings.ReplaceAll(bad, "<", `\u003c`)) {
			t.Errorf("rendered message contains %q:\n%s", bad, s)
		}
	}
	if !strings.Contains(s, "&lt;!channel&gt;") {
		t.Errorf("text not escaped:\n%s", s)
	}
	if !strings.Contains(s, `https://x.example/a%7Cb%3Ec|ok`) && !strings.Contains(s, `https://x.example/a%7Cb&gt;c|ok`) {
		t.Errorf("link not made safe:\n%s", s)
	}
}

func TestRenderBadButton(t *testing.T) {
	for name, b := range map[string]bot.Button{
		"long label": {Label: strings.Repeat("x", 76), Action: "share", Value: "v"},
		"long value": {Label: "Share", Action: "share", Value: strings.Repeat("v", 2001)},
		"no action":  {Label: "Share", Value: "v"},
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := Render(bot.Message{Title: "t", Buttons: []bot.Button{b}}); err == nil {
				t.Error("Render accepted a button Slack rejects")
			}
		})
	}
}

func TestDuplicateActionIDs(t *testing.T) {
	parts, err := Render(bot.Message{Title: "t", Buttons: []bot.Button{
		{Label: "A", Action: "share", Value: "1"}, {Label: "B", Action: "share", Value: "2"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	act := parts[0].Blocks.BlockSet[1].(*slack.ActionBlock)
	ids := []string{}
	for _, e := range act.Elements.ElementSet {
		ids = append(ids, e.(*slack.ButtonBlockElement).ActionID)
	}
	if ids[0] == ids[1] || parseActionID(ids[1]) != "share" {
		t.Errorf("action ids %v", ids)
	}
}

func TestChunks(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		limit int
		want  []string
	}{
		{"short", "Hello.", 10, []string{"Hello."}},
		{"sentences", "One two. Three four. Five.", 12, []string{"One two.", "Three four.", "Five."}},
		{"paragraph", "Aaa bbb.\n\nCcc.", 12, []string{"Aaa bbb.", "Ccc."}},
		{"words", "alpha beta gamma", 11, []string{"alpha beta", "gamma"}},
		{"hard", "abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
		{"entity kept whole", "abc&amp;def", 5, []string{"abc", "&amp;", "def"}},
		{"quote after stop", `He said "no." Then left.`, 15, []string{`He said "no."`, "Then left."}},
		{"multibyte", "ééé ééé", 4, []string{"ééé", "ééé"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := chunks(tc.text, tc.limit)
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("chunks(%q, %d) = %q, want %q", tc.text, tc.limit, got, tc.want)
			}
		})
	}
}

func BenchmarkRenderAnswer(b *testing.B) {
	m := answerMessage()
	for b.Loop() {
		if _, err := Render(m); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRenderLong(b *testing.B) {
	m := longMessage()
	for b.Loop() {
		if _, err := Render(m); err != nil {
			b.Fatal(err)
		}
	}
}

// TestDigestArticleTitleLinks: a new article whose headline ends a
// sentence is linked by its whole title, and never reads "Title.:".
func TestDigestArticleTitleLinks(t *testing.T) {
	for _, title := range []string{"Talks resume in Geneva.", "Who pays for the grain corridor?", "Ceasefire holds!"} {
		t.Run(title, func(t *testing.T) {
			src := briefings.Source{ID: "a1", Title: title, URL: "https://news.example.com/a1"}
			got := string(renderJSON(t, bot.DigestMessage(briefings.Digest{
				Articles: []briefings.DigestArticle{{Source: src, Summary: "Negotiators returned."}},
			})))
			if want := "• <https://news.example.com/a1|" + title + "> Negotiators returned."; !strings.Contains(got, want) {
				t.Errorf("want %q in:\n%s", want, got)
			}
			if strings.Contains(got, title+":") || strings.Contains(got, title+">:") {
				t.Errorf("a colon after the headline's own mark:\n%s", got)
			}
		})
	}
}

// TestRenderCodeBlock: a fenced code block in an answer (an FAQ entry's
// code) reaches Slack's mrkdwn as a code block, its lines intact and its
// angle brackets escaped.
func TestRenderCodeBlock(t *testing.T) {
	text := "Run this:\n\n```\n$ git add --renormalize .\n$ cat <file> | wc -l\n```"
	parts, err := Render(bot.Message{Title: "Q", Sections: []bot.Section{{Text: text}}})
	if err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	for _, p := range parts {
		for _, b := range p.Blocks.BlockSet {
			if s, ok := b.(*slack.SectionBlock); ok {
				all.WriteString(s.Text.Text)
			}
		}
	}
	if want := "```\n$ git add --renormalize .\n$ cat &lt;file&gt; | wc -l\n```"; !strings.Contains(all.String(), want) {
		t.Errorf("sections %q lack the code block %q", all.String(), want)
	}
}
