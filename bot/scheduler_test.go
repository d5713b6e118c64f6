package bot_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/sqlite"
	"github.com/briefbot/briefbot/briefings"
	"github.com/briefbot/briefbot/corpus"
)

// clock is an injected clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

// Sleep advances the clock instead of waiting.
func (c *clock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	c.t = c.t.Add(max(d, 0))
	c.mu.Unlock()
	return ctx.Err()
}

type post struct {
	Target string
	Msg    bot.Message
}

// fakePoster records posts; script lists the errors of the next calls
// (nil: success).
type fakePoster struct {
	mu     sync.Mutex
	posts  []post
	calls  int
	script []error
	onPost func()
}

func (p *fakePoster) Post(ctx context.Context, target string, msg bot.Message) (string, error) {
	p.mu.Lock()
	p.calls++
	var err error
	if len(p.script) > 0 {
		err, p.script = p.script[0], p.script[1:]
	}
	if err == nil {
		p.posts = append(p.posts, post{target, msg})
	}
	n, hook := len(p.posts), p.onPost
	p.mu.Unlock()
	if err != nil {
		return "", err
	}
	if hook != nil {
		hook()
	}
	return fmt.Sprint("m", n), nil
}

func (p *fakePoster) Posts() []post {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]post(nil), p.posts...)
}

// kbs builds knowledge bases over the sample corpus: the first n articles.
var (
	kbMu    sync.Mutex
	kbCache = map[int]*briefings.KB{}
)

func sampleKB(t testing.TB, n int) *briefings.KB {
	t.Helper()
	kbMu.Lock()
	defer kbMu.Unlock()
	if kb := kbCache[n]; kb != nil {
		return kb
	}
	arts := corpus.Sample()
	if n > len(arts) {
		t.Fatalf("sample has %d articles", len(arts))
	}
	kb, err := briefings.Build(context.Background(), arts[:n], briefings.Options{})
	if err != nil {
		t.Fatal(err)
	}
	kbCache[n] = kb
	return kb
}

func openStore(t testing.TB, path string) bot.Store {
	t.Helper()
	s, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// env is one test's world: a store file, a clock, posters and a KB.
type env struct {
	t      *testing.T
	path   string
	clock  *clock
	slack  *fakePoster
	disc   *fakePoster
	kb     atomic.Pointer[briefings.KB]
	logs   *bytes.Buffer
	logsMu *sync.Mutex
}

func newEnv(t *testing.T, now time.Time) *env {
	e := &env{t: t, path: filepath.Join(t.TempDir(), "state.db"), clock: &clock{t: now},
		slack: &fakePoster{}, disc: &fakePoster{}, logs: &bytes.Buffer{}, logsMu: &sync.Mutex{}}
	e.kb.Store(sampleKB(t, len(corpus.Sample())))
	return e
}

type lockedWriter struct {
	mu *sync.Mutex
	w  *bytes.Buffer
}

func (l lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

func (e *env) Logs() string { e.logsMu.Lock(); defer e.logsMu.Unlock(); return e.logs.String() }

// scheduler opens a new store connection and a scheduler on it, as a new
// process would.
func (e *env) scheduler(owner string, specs ...bot.ScheduleSpec) *bot.Scheduler {
	e.t.Helper()
	return e.schedulerOn(openStore(e.t, e.path), owner, specs...)
}

func (e *env) schedulerOn(st bot.Store, owner string, specs ...bot.ScheduleSpec) *bot.Scheduler {
	e.t.Helper()
	s, err := bot.NewScheduler(bot.SchedulerOptions{
		Schedules: specs,
		Store:     st,
		KB:        e.kb.Load,
		Posters:   map[string]bot.Poster{"slack": e.slack, "discord": e.disc},
		Metrics:   bot.NewMetrics(nil),
		Logger:    slog.New(slog.NewTextHandler(lockedWriter{e.logsMu, e.logs}, &slog.HandlerOptions{Level: slog.LevelDebug})),
		Now:       e.clock.Now,
		Sleep:     e.clock.Sleep,
		Owner:     owner,
	})
	if err != nil {
		e.t.Fatal(err)
	}
	return s
}

// tick runs one scheduler round at the clock's time.
func (e *env) tick(s *bot.Scheduler) {
	e.t.Helper()
	ctx, now := context.Background(), e.clock.Now()
	if err := s.RunDue(ctx, now); err != nil {
		e.t.Fatalf("RunDue: %v", err)
	}
	if err := s.Deliver(ctx, now); err != nil {
		e.t.Fatalf("Deliver: %v", err)
	}
}

func daily(name string, targets ...string) bot.ScheduleSpec {
	return bot.ScheduleSpec{Name: name, Spec: "0 9 * * *", Targets: targets}
}

func boolp(b bool) *bool { return &b }

// articlesListed returns the items of the message's "New articles" section.
func articlesListed(m bot.Message) []bot.Item {
	for _, s := range m.Sections {
		if s.Heading == "New articles" {
			return s.Items
		}
	}
	return nil
}

var day = time.Date(2026, 5, 4, 0, 0, 0, 0, time.UTC)

func TestSchedulerFirstRunThenNothingNew(t *testing.T) {
	e := newEnv(t, day.Add(9*time.Hour+5*time.Second))
	spec := daily("morning", "slack:C1", "discord:900")
	spec.MaxItems = 3
	s := e.scheduler("a", spec)
	e.tick(s)
	e.tick(s) // the same slot again: nothing more
	posts := append(e.slack.Posts(), e.disc.Posts()...)
	if len(posts) != 2 {
		t.Fatalf("first run: %d posts, want one per target", len(posts))
	}
	items := articlesListed(posts[0].Msg)
	if len(items) == 0 || len(items) > 3 {
		t.Errorf("first run listed %d articles, want 1..3 (a normal-size digest, not the back catalogue)", len(items))
	}
	if !strings.Contains(posts[0].Msg.Title, "Mon 4 May 2026") || posts[0].Target != "C1" {
		t.Errorf("post = %s to %s", posts[0].Msg.Title, posts[0].Target)
	}
	// The next day nothing arrived: the slot is claimed and skipped.
	e.clock.Set(day.Add(33 * time.Hour))
	e.tick(s)
	if n := len(e.slack.Posts()); n != 1 {
		t.Errorf("nothing new: %d slack posts, want still 1", n)
	}
	if !strings.Contains(e.Logs(), "nothing new") {
		t.Error("skipping an empty slot is not logged")
	}
	last, _ := s.LatestSlot("morning", e.clock.Now())
	if !last.Equal(day.Add(33 * time.Hour)) {
		t.Errorf("LatestSlot = %v", last)
	}
}

func TestSchedulerPostsOnlyNewArticles(t *testing.T) {
	e := newEnv(t, day.Add(9*time.Hour))
	e.kb.Store(sampleKB(t, 3))
	s := e.scheduler("a", daily("morning", "slack:C1"))
	e.tick(s)
	e.kb.Store(sampleKB(t, 5)) // two articles arrive during the day
	e.clock.Set(day.Add(33 * time.Hour))
	e.tick(s)
	posts := e.slack.Posts()
	if len(posts) != 2 {
		t.Fatalf("%d posts, want 2", len(posts))
	}
	want := map[string]bool{}
	for _, a := range corpus.Sample()[3:5] {
		want[a.ID] = true
	}
	items := articlesListed(posts[1].Msg)
	if len(items) != len(want) {
		t.Fatalf("second digest lists %d articles, want the %d new ones", len(items), len(want))
	}
	for _, it := range items {
		if !want[it.Citations[0].ID] {
			t.Errorf("second digest lists an old article %s", it.Citations[0].ID)
		}
	}
}

func TestSchedulerPostEmpty(t *testing.T) {
	e := newEnv(t, day.Add(9*time.Hour))
	spec := daily("morning", "slack:C1")
	spec.SkipIfEmpty = boolp(false)
	s := e.scheduler("a", spec)
	e.tick(s)
	e.clock.Set(day.Add(33 * time.Hour))
	e.tick(s)
	posts := e.slack.Posts()
	if len(posts) != 2 || len(articlesListed(posts[1].Msg)) != 0 || !strings.Contains(posts[1].Msg.Sections[0].Text, "Nothing new") {
		t.Fatalf("skip_if_empty false: posts = %+v", posts)
	}
}

func TestSchedulerCatchUp(t *testing.T) {
	e := newEnv(t, day.Add(9*time.Hour))
	e.kb.Store(sampleKB(t, 2))
	s := e.scheduler("a", daily("morning", "slack:C1"))
	e.tick(s)
	// Down from day 0 until day 1 13:00: 4h late, within the 6h catch-up.
	e.kb.Store(sampleKB(t, 3))
	e.clock.Set(day.Add(24*time.Hour + 13*time.Hour))
	s = e.scheduler("b", daily("morning", "slack:C1"))
	e.tick(s)
	if n := len(e.slack.Posts()); n != 2 {
		t.Fatalf("within catch-up: %d posts, want 2", n)
	}
	// Down again until day 3 16:00: day 2 was missed, day 3 is 7h late.
	e.kb.Store(sampleKB(t, 4))
	e.clock.Set(day.Add(3*24*time.Hour + 16*time.Hour))
	s = e.scheduler("c", daily("morning", "slack:C1"))
	e.tick(s)
	e.tick(s)
	if n := len(e.slack.Posts()); n != 2 {
		t.Fatalf("beyond catch-up: %d posts, want still 2", n)
	}
	if logs := e.Logs(); strings.Count(logs, "older than catch_up") != 1 {
		t.Errorf("the skipped slot is not logged exactly once:\n%s", logs)
	}
	// Day 4 posts what arrived since the last digest (day 1).
	e.clock.Set(day.Add(4*24*time.Hour + 9*time.Hour))
	e.tick(s)
	posts := e.slack.Posts()
	if len(posts) != 3 {
		t.Fatalf("day 4: %d posts, want 3", len(posts))
	}
	if items := articlesListed(posts[2].Msg); len(items) != 1 || items[0].Citations[0].ID != corpus.Sample()[3].ID {
		t.Errorf("day 4 digest lists %+v, want the one article that arrived while down", items)
	}
	if !strings.Contains(e.Logs(), "missed digest slots folded") {
		t.Error("missed slots are not logged")
	}
}

// stepThrough ticks every 10 minutes from from to to.
func (e *env) stepThrough(s *bot.Scheduler, from, to time.Time) {
	for x := from; !x.After(to); x = x.Add(10 * time.Minute) {
		e.clock.Set(x)
		e.tick(s)
	}
}

func TestSchedulerDST(t *testing.T) {
	ny := mustZone(t, "America/New_York")
	tests := []struct {
		name, spec string
		from, to   time.Time
		wantAt     time.Time // the one post's slot
	}{
		{"repeated hour", "30 1 * * *",
			time.Date(2026, 11, 1, 0, 0, 0, 0, ny), time.Date(2026, 11, 1, 4, 0, 0, 0, ny),
			time.Date(2026, 11, 1, 5, 30, 0, 0, time.UTC)}, // 01:30 EDT
		{"skipped hour", "30 2 * * *",
			time.Date(2026, 3, 8, 0, 0, 0, 0, ny), time.Date(2026, 3, 8, 5, 0, 0, 0, ny),
			time.Date(2026, 3, 8, 7, 0, 0, 0, time.UTC)}, // 03:00 EDT
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, tt.from)
			spec := bot.ScheduleSpec{Name: "night", Spec: tt.spec, Location: ny, Targets: []string{"slack:C1"}, SkipIfEmpty: boolp(false)}
			s := e.scheduler("a", spec)
			e.stepThrough(s, tt.from, tt.to)
			posts := e.slack.Posts()
			if len(posts) != 1 {
				t.Fatalf("%d posts on the DST day, want exactly 1", len(posts))
			}
			if last, _ := s.LatestSlot("night", tt.to); !last.Equal(tt.wantAt) {
				t.Errorf("slot = %s, want %s", last.UTC(), tt.wantAt)
			}
		})
	}
}

func TestSchedulerIssueFilter(t *testing.T) {
	e := newEnv(t, day.Add(9*time.Hour))
	kb := e.kb.Load()
	var issue briefings.Issue
	for _, is := range kb.Issues() {
		if len(is.ArticleIDs) > 0 && len(is.ArticleIDs) < len(kb.Articles()) {
			issue = is
			break
		}
	}
	if issue.ID == "" {
		t.Skip("no issue covers only part of the sample")
	}
	spec := daily("focus", "slack:C1")
	spec.IssueIDs = []string{issue.Name}
	spec.MaxItems = 10
	s := e.scheduler("a", spec)
	e.tick(s)
	posts := e.slack.Posts()
	if len(posts) != 1 {
		t.Fatalf("%d posts, want 1", len(posts))
	}
	about := map[string]bool{}
	for _, id := range issue.ArticleIDs {
		about[id] = true
	}
	for _, it := range articlesListed(posts[0].Msg) {
		if !about[it.Citations[0].ID] {
			t.Errorf("filtered digest lists article %s, not about %s", it.Citations[0].ID, issue.Name)
		}
	}
	for _, sec := range posts[0].Msg.Sections {
		if sec.Heading != "" && sec.Heading != "New articles" && sec.Heading != issue.Name {
			t.Errorf("filtered digest has a section on %q", sec.Heading)
		}
	}

	bad := daily("bad", "slack:C1")
	bad.IssueIDs = []string{"zzzz qqqq xxxx"}
	s = e.scheduler("a", bad)
	if err := s.RunDue(context.Background(), e.clock.Now()); err == nil || !strings.Contains(err.Error(), "no issue matches") {
		t.Errorf("unknown issue filter: RunDue = %v", err)
	}
}

func TestSchedulerSubscriptions(t *testing.T) {
	e := newEnv(t, day.Add(9*time.Hour))
	st := openStore(t, e.path)
	ctx := context.Background()
	kb := e.kb.Load()
	d := kb.Digest(briefings.DigestOptions{MaxItems: 5})
	if len(d.Issues) == 0 {
		t.Skip("the sample digest names no issue")
	}
	issue := d.Issues[0]
	for _, sub := range []bot.Subscription{
		{Platform: "slack", UserID: "U1", IssueID: issue.IssueID},
		{Platform: "discord", UserID: "42", ChannelID: "900", IssueID: issue.IssueID},
		{Platform: "discord", UserID: "43", ChannelID: "900", IssueID: issue.IssueID},
		{Platform: "slack", UserID: "U2", IssueID: "no-such-issue"},
	} {
		if err := st.Subscribe(ctx, sub); err != nil {
			t.Fatal(err)
		}
	}
	s := e.schedulerOn(st, "a", daily("morning", "discord:900"))
	e.tick(s)
	dm := e.slack.Posts()
	if len(dm) != 1 || dm[0].Target != "U1" || dm[0].Msg.Sections[0].Heading != issue.Name || len(dm[0].Msg.Mentions) != 0 {
		t.Errorf("slack subscriber messages = %+v", dm)
	}
	var mention *post
	for _, p := range e.disc.Posts() {
		if strings.Contains(p.Msg.Title, "follow") {
			mention = &p
		}
	}
	if len(e.disc.Posts()) != 2 || mention == nil || mention.Target != "900" ||
		strings.Join(mention.Msg.Mentions, ",") != "42,43" || mention.Msg.Sections[0].Heading != issue.Name {
		t.Errorf("discord posts = %+v, want the digest and one message mentioning both subscribers", e.disc.Posts())
	}
}

func TestSchedulerRunCatchesUpOnStart(t *testing.T) {
	e := newEnv(t, day.Add(10*time.Hour))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	e.slack.onPost = cancel
	s := e.scheduler("a", daily("morning", "slack:C1"))
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	if err := <-done; err != nil {
		t.Fatalf("Run = %v", err)
	}
	if n := len(e.slack.Posts()); n != 1 {
		t.Errorf("Run on start: %d posts, want the missed slot posted once", n)
	}
}

func TestNewSchedulerErrors(t *testing.T) {
	st := openStore(t, filepath.Join(t.TempDir(), "s.db"))
	tests := []struct {
		name  string
		specs []bot.ScheduleSpec
		want  string
	}{
		{"no name", []bot.ScheduleSpec{{Spec: "@daily"}}, "without a name"},
		{"duplicate", []bot.ScheduleSpec{daily("a"), daily("a")}, "duplicate"},
		{"bad spec", []bot.ScheduleSpec{{Name: "a", Spec: "0 9 31 2 *"}}, "never fires"},
		{"bad target", []bot.ScheduleSpec{daily("a", "teams:1")}, "bad target"},
		{"empty target", []bot.ScheduleSpec{daily("a", "slack:")}, "bad target"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := bot.NewScheduler(bot.SchedulerOptions{Store: st, Schedules: tt.specs})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("NewScheduler = %v, want %q", err, tt.want)
			}
		})
	}
	s, _ := bot.NewScheduler(bot.SchedulerOptions{Store: st, Schedules: []bot.ScheduleSpec{daily("a")}})
	if _, err := s.NextRuns("nope", day, 3); err == nil {
		t.Error("NextRuns of an unknown schedule succeeded")
	}
	runs, err := s.NextRuns("a", day, 3)
	if err != nil || len(runs) != 3 || !runs[2].Equal(day.Add(57*time.Hour)) {
		t.Errorf("NextRuns = %v, %v", runs, err)
	}
}
