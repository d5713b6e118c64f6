package briefings

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/corpus"
)

// issueView is an Issue with its articles, as the golden files show it.
type issueView struct {
	Issue
	Articles []string `json:"articles"`
}

func issueViews(kb *KB) []issueView {
	var out []issueView
	for _, is := range kb.Issues() {
		out = append(out, issueView{Issue: is, Articles: is.ArticleIDs})
	}
	return out
}

func TestIssuesGolden(t *testing.T) {
	for _, tt := range []struct {
		name string
		arts func(testing.TB) []corpus.Article
		// want are issue ids a reader names for that corpus.
		want []string
	}{
		{"sample", func(testing.TB) []corpus.Article { return corpus.Sample() },
			[]string{"security-guarantees", "territorial-issues", "donbas", "ceasefire", "zaporizhzhia-nuclear-power-plant", "20-point-plan", "nato-membership"}},
		{"other", otherArticles,
			[]string{"old-town-route", "cost-overrun", "federal-transit-grant", "compensation-fund", "bus-cuts"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			kb := buildKB(t, tt.arts(t), Options{})
			ids := map[string]bool{}
			for _, is := range kb.Issues() {
				ids[is.ID] = true
				if is.Name == "" || len(is.ArticleIDs) == 0 || is.Aliases == nil {
					t.Errorf("issue %q: name %q, %d articles, aliases %v", is.ID, is.Name, len(is.ArticleIDs), is.Aliases)
				}
			}
			for _, id := range tt.want {
				if !ids[id] {
					t.Errorf("issue %q not discovered", id)
				}
			}
			golden(t, "issues_"+tt.name+".json", issueViews(kb))
		})
	}
}

func TestIssuesConfigured(t *testing.T) {
	spec := IssueSpec{Name: "Land", Aliases: []string{"Donbas"}, Keywords: []string{"territorial concessions", "territory"}}
	kb := buildKB(t, corpus.Sample(), Options{Issues: []IssueSpec{spec}})
	is := kb.Issues()
	if is[0].ID != "land" || is[0].Name != "Land" || len(is[0].Summary) < 3 || len(is[0].ArticleIDs) == 0 {
		t.Fatalf("first issue = %q (%q), %d sentences, %d articles; want the configured one", is[0].ID, is[0].Name, len(is[0].Summary), len(is[0].ArticleIDs))
	}
	if strings.Join(is[0].Keywords, ",") != "territorial concessions,territory" || strings.Join(is[0].Aliases, ",") != "Donbas" {
		t.Errorf("configured issue keeps keywords %q aliases %q", is[0].Keywords, is[0].Aliases)
	}
	for _, other := range is[1:] {
		if other.ID == "donbas" || other.ID == "territorial-issues" {
			t.Errorf("discovered issue %q kept beside the configured issue that covers it", other.ID)
		}
	}
	if got, _, ok := kb.FindIssue("donbs"); !ok || got.ID != "land" {
		t.Errorf("FindIssue(donbs) = %q, %v; want the configured issue", got.ID, ok)
	}
}

func TestFindIssue(t *testing.T) {
	kb := buildKB(t, corpus.Sample(), Options{})
	tests := []struct {
		query string
		want  string // "" = no match
	}{
		{"donbs", "donbas"},
		{"Donbass", "donbas"},
		{"donbas", "donbas"},
		{"security", "security-guarantees"},
		{"security assurances", "security-guarantees"},
		{"secuirty guarantes", "security-guarantees"},
		{"security-guarantees", "security-guarantees"},
		{"zaporizia", "zaporizhzhia-nuclear-power-plant"},
		{"nuclear plant", "zaporizhzhia-nuclear-power-plant"},
		{"nato", "nato-membership"},
		{"20 point plan", "20-point-plan"},
		{"ceasefre", "ceasefire"},
		{"territory", "territorial-issues"},
		{"bananas", ""},
		{"", ""},
		{"xq", ""},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			got, sug, ok := kb.FindIssue(tt.query)
			if tt.want == "" {
				if ok {
					t.Fatalf("matched %q, want no match", got.ID)
				}
				if len(sug) == 0 || len(sug) > 3 {
					t.Errorf("suggestions %q, want 1-3", sug)
				}
				return
			}
			if !ok || got.ID != tt.want {
				t.Errorf("got %q (ok=%v, suggestions %q), want %q", got.ID, ok, sug, tt.want)
			}
		})
	}
}

// TestFindIssueSuggestsByContent: a query that names no issue suggests
// the issues whose summaries mention it before the others.
func TestFindIssueSuggestsByContent(t *testing.T) {
	kb := buildKB(t, corpus.Sample(), Options{})
	for query, want := range map[string]string{
		"industrial heart":     "Donbas",
		"prolonging the war":   "Ceasefire",
		"neutral peacekeepers": "Demilitarized Zone",
	} {
		t.Run(query, func(t *testing.T) {
			got, sug, ok := kb.FindIssue(query)
			if ok {
				t.Fatalf("matched %q, want suggestions", got.Name)
			}
			if len(sug) == 0 || sug[0] != want {
				t.Errorf("suggestions %q, want %q first", sug, want)
			}
		})
	}
}

// TestIssueNamesNotGeneric: words any release note or manual uses
// ("fix", "release", "files", "section") do not name an issue alone.
func TestIssueNamesNotGeneric(t *testing.T) {
	mail, _, err := corpus.Load(t.Context(), []string{filepath.Join("testdata", "mail")}, corpus.Options{})
	if err != nil || len(mail) != 2 {
		t.Fatalf("load mail: %d articles, %v", len(mail), err)
	}
	for name, arts := range map[string][]corpus.Article{"mail": mail, "debian": {debianFAQ(t)}} {
		t.Run(name, func(t *testing.T) {
			kb := buildKB(t, arts, Options{})
			if len(kb.Issues()) == 0 {
				t.Fatal("no issues")
			}
			for _, is := range kb.Issues() {
				switch strings.ToLower(is.Name) {
				case "fix", "release", "system", "files", "programs", "section", "pay", "information":
					t.Errorf("issue named by a generic word: %q", is.Name)
				}
			}
		})
	}
}

// TestSmallCorpusIssues: in a corpus of one article, the phrase its
// headline and text name is an issue ("Storm Fiona"), and no discovered
// issue comes without a summary.
func TestSmallCorpusIssues(t *testing.T) {
	for file, want := range map[string]string{
		"storm.txt":       "Storm Fiona",
		"library-faq.txt": "Library Card",
		"sewage.html":     "Severn Vale Water",
	} {
		t.Run(file, func(t *testing.T) {
			arts, _, err := corpus.Load(t.Context(), []string{filepath.Join("testdata", "small", file)}, corpus.Options{})
			if err != nil || len(arts) != 1 {
				t.Fatalf("load: %d articles, %v", len(arts), err)
			}
			kb := buildKB(t, arts, Options{})
			var names []string
			for _, is := range kb.Issues() {
				names = append(names, is.Name)
				if len(is.Summary) == 0 {
					t.Errorf("issue %q has no summary", is.Name)
				}
			}
			if len(names) == 0 || names[0] != want {
				t.Errorf("issues %q, want %q first", names, want)
			}
		})
	}
}

func TestIssuesSynonymsGroup(t *testing.T) {
	kb := buildKB(t, corpus.Sample(), Options{Synonyms: [][]string{{"Donbas", "territorial issues"}}})
	for _, is := range kb.Issues() {
		if is.ID == "donbas" {
			t.Fatalf("Donbas kept apart from the territorial issues it is a synonym of")
		}
	}
	if got, _, ok := kb.FindIssue("donbs"); !ok || got.ID != "territorial-issues" {
		t.Errorf("FindIssue(donbs) = %q, %v; want territorial-issues", got.ID, ok)
	}
}
