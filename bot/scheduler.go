package bot

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/briefbot/briefbot/briefings"
	"github.com/robfig/cron/v3"
)

// ErrUnknownSchedule is returned for a schedule name that is not configured.
var ErrUnknownSchedule = errors.New("unknown schedule")

// Scheduler defaults.
const (
	DefaultCatchUp      = 6 * time.Hour
	DefaultBackoff      = 30 * time.Second
	DefaultMaxBackoff   = 30 * time.Minute
	DefaultExpire       = 24 * time.Hour
	DefaultLease        = 2 * time.Minute
	DefaultDeliverEvery = 30 * time.Second
	DefaultPostAttempts = 4
	// DefaultStoreTimeout is longer than the SQLite store's wait for a
	// locked database (15 s), and short enough that a post that took
	// three quarters of DefaultLease is still recorded within the lease.
	DefaultStoreTimeout = 20 * time.Second
)

// ScheduleSpec is one digest schedule.
type ScheduleSpec struct {
	Name string
	// Spec is a 5-field cron spec or a descriptor such as @daily.
	Spec string
	// Location is the zone Spec is read in; nil means UTC.
	Location *time.Location
	// Targets are "slack:CHANNEL" or "discord:CHANNEL_ID".
	Targets []string
	// IssueIDs limits the digest to these issues: ids, names or aliases,
	// each resolved with KB.FindIssue when a slot is claimed. Empty: all.
	IssueIDs []string
	// MaxItems caps the new articles listed (0: the KB's default).
	MaxItems int
	// SkipIfEmpty skips slots with nothing new (nil: true). A skipped slot
	// is still claimed, so it is never posted later.
	SkipIfEmpty *bool
	// CatchUp is how late a slot may still be posted, e.g. after downtime
	// (0: DefaultCatchUp).
	CatchUp time.Duration
}

// SchedulerOptions configure a Scheduler. Zero durations take the defaults.
type SchedulerOptions struct {
	Schedules []ScheduleSpec
	Store     Store
	// KB returns the current knowledge base (nil while none is loaded).
	KB func() *briefings.KB
	// Posters post by platform: "slack", "discord".
	Posters map[string]Poster
	Metrics *Metrics
	Logger  *slog.Logger
	// Now is the clock (nil: time.Now).
	Now func() time.Time
	// Sleep waits d or until ctx is done; PostLatest waits with it between
	// retries (nil: a timer).
	Sleep func(ctx context.Context, d time.Duration) error
	// Owner names this replica in outbox leases (empty: the host name).
	// The process id and a random suffix are always added, so two
	// processes never share leases.
	Owner string
	// Backoff is the wait after the first failed post; it doubles per
	// failure up to MaxBackoff.
	Backoff, MaxBackoff time.Duration
	// Expire is how long a queued message is retried before it is given up.
	Expire time.Duration
	// Lease is how long a process owns an outbox message it is posting;
	// one post may take up to three quarters of it.
	Lease time.Duration
	// DeliverEvery is how often Run checks the outbox and due slots.
	DeliverEvery time.Duration
	// StoreTimeout bounds each call to the store about slots and the
	// outbox (claim, lease, mark delivered or failed, count pending). A
	// call the store does not answer in time fails, and what it was about
	// stays queued for a later round.
	StoreTimeout time.Duration
	// PostAttempts bounds the delivery rounds of PostLatest.
	PostAttempts int
	// QueryRetention is how long the query log keeps entries; Run prunes
	// older ones hourly. 0: keep them.
	QueryRetention time.Duration
	// MaxChars is the length budget of a digest (0: the KB's default).
	MaxChars int
}

// Scheduler posts digests on their schedules, once per slot and target
// across restarts and replicas sharing the store. The cron trigger only
// wakes it up; what is due is decided from the store:
//
//   - A slot is a fire time of the schedule's cron in its zone (stored in
//     UTC). Claiming it inserts a unique row and queues one outbox message
//     per target in the same transaction, so of two processes racing for a
//     slot one claims it and the other queues nothing.
//   - Messages are delivered from the outbox under a lease: post, then mark
//     delivered. A process that dies after claiming leaves the messages
//     queued; one that dies while posting leaves a lease that runs out.
//     Either way the next Deliver (of any process) posts them. Only a crash
//     after the platform accepted a post and before it was marked
//     delivered can post twice.
//   - Failed posts are retried with exponential backoff until the message
//     expires; permanent errors give up at once. Nothing is deleted: given
//     up messages stay in the outbox, logged and counted.
//
// It is safe for concurrent use.
type Scheduler struct {
	opts   SchedulerOptions
	log    *slog.Logger
	scheds []*schedule
	byName map[string]*schedule

	mu         sync.Mutex       // serialises ticks
	deliverMu  sync.Mutex       // one delivery round at a time per process
	unrecorded map[int64]string // posted, not yet marked delivered: platform id by message; guarded by deliverMu
	lastPrune  time.Time        // guarded by mu
	skipMu     sync.Mutex
	skipped    map[string]time.Time // newest slot logged as skipped, by schedule
}

// schedule is a ScheduleSpec with its parsed cron.
type schedule struct {
	ScheduleSpec
	cron *CronSchedule
}

// NewScheduler checks the schedules and returns a scheduler. It fails on a
// bad or duplicate name, a bad cron spec or a bad target.
func NewScheduler(opts SchedulerOptions) (*Scheduler, error) {
	if opts.Store == nil {
		return nil, errors.New("scheduler: no store")
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Sleep == nil {
		opts.Sleep = sleep
	}
	opts.Owner = processOwner(opts.Owner)
	setDefault(&opts.Backoff, DefaultBackoff)
	setDefault(&opts.MaxBackoff, DefaultMaxBackoff)
	setDefault(&opts.Expire, DefaultExpire)
	setDefault(&opts.Lease, DefaultLease)
	setDefault(&opts.DeliverEvery, DefaultDeliverEvery)
	setDefault(&opts.StoreTimeout, DefaultStoreTimeout)
	if opts.PostAttempts <= 0 {
		opts.PostAttempts = DefaultPostAttempts
	}
	s := &Scheduler{opts: opts, log: opts.Logger, byName: map[string]*schedule{}, skipped: map[string]time.Time{},
		unrecorded: map[int64]string{}}
	for _, spec := range opts.Schedules {
		if spec.Name == "" {
			return nil, errors.New("scheduler: schedule without a name")
		}
		if s.byName[spec.Name] != nil {
			return nil, fmt.Errorf("scheduler: schedule %s: duplicate name", spec.Name)
		}
		loc := spec.Location
		if loc == nil {
			loc = time.UTC
		}
		c, err := parseCron(spec.Spec, loc, spec.Location != nil)
		if err != nil {
			return nil, fmt.Errorf("scheduler: schedule %s: %w", spec.Name, err)
		}
		for _, t := range spec.Targets {
			platform, dest, ok := strings.Cut(t, ":")
			if !ok || dest == "" || platform != "slack" && platform != "discord" {
				return nil, fmt.Errorf("scheduler: schedule %s: bad target %q (want slack:CHANNEL or discord:CHANNEL_ID)", spec.Name, t)
			}
		}
		setDefault(&spec.CatchUp, DefaultCatchUp)
		sc := &schedule{ScheduleSpec: spec, cron: c}
		s.scheds = append(s.scheds, sc)
		s.byName[spec.Name] = sc
	}
	return s, nil
}

func setDefault(d *time.Duration, def time.Duration) {
	if *d <= 0 {
		*d = def
	}
}

// processOwner returns name (default: the host name) with this process's
// id and a random suffix.
func processOwner(name string) string {
	if name == "" {
		name, _ = os.Hostname()
	}
	b := make([]byte, 4)
	rand.Read(b)
	return fmt.Sprintf("%s-%d-%s", name, os.Getpid(), hex.EncodeToString(b))
}

// sleep waits d or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (s *Scheduler) schedule(name string) (*schedule, error) {
	sc := s.byName[name]
	if sc == nil {
		return nil, fmt.Errorf("%w %q", ErrUnknownSchedule, name)
	}
	return sc, nil
}

// LatestSlot returns the newest fire time of the schedule not after now,
// in its zone, or the zero time when it never fired.
func (s *Scheduler) LatestSlot(name string, now time.Time) (time.Time, error) {
	sc, err := s.schedule(name)
	if err != nil {
		return time.Time{}, err
	}
	return sc.cron.Prev(now), nil
}

// NextRuns returns the next n fire times of the schedule after from, in
// its zone.
func (s *Scheduler) NextRuns(name string, from time.Time, n int) ([]time.Time, error) {
	sc, err := s.schedule(name)
	if err != nil {
		return nil, err
	}
	var out []time.Time
	for t := from; len(out) < n; {
		t = sc.cron.Next(t)
		if t.IsZero() {
			break
		}
		out = append(out, t)
	}
	return out, nil
}

// RunDue claims the latest due slot of every schedule not claimed yet and
// queues its messages. A slot older than the schedule's catch-up is
// skipped with a log line; missed slots older than the latest are covered
// by the latest's digest. It returns the errors of the schedules that
// failed; the others still run.
func (s *Scheduler) RunDue(ctx context.Context, now time.Time) error {
	var errs []error
	for _, sc := range s.scheds {
		if err := s.runDue(ctx, sc, now); err != nil {
			errs = append(errs, fmt.Errorf("schedule %s: %w", sc.Name, err))
		}
	}
	return errors.Join(errs...)
}

func (s *Scheduler) runDue(ctx context.Context, sc *schedule, now time.Time) error {
	latest := sc.cron.Prev(now)
	if latest.IsZero() {
		return nil
	}
	var last time.Time
	err := s.storeCall(ctx, func(ctx context.Context) (err error) {
		last, err = s.opts.Store.LastSlot(ctx, sc.Name)
		return err
	})
	if err != nil {
		return err
	}
	if !latest.After(last) {
		return nil
	}
	if late := now.Sub(latest); late > sc.CatchUp {
		s.logSkip(sc, latest, late)
		return nil
	}
	if !last.IsZero() {
		missed := 0
		for t := sc.cron.Next(last); !t.IsZero() && t.Before(latest) && missed < 10000; t = sc.cron.Next(t) {
			missed++
		}
		if missed > 0 {
			s.log.Info("missed digest slots folded into the latest", "schedule", sc.Name, "missed", missed, "slot", latest)
		}
	}
	_, err = s.claim(ctx, sc, latest, now)
	return err
}

// storeCall runs one call to the store about slots or the outbox with
// a time limit of its own, StoreTimeout, so that a store that does not
// answer fails the call instead of holding up the scheduler.
func (s *Scheduler) storeCall(ctx context.Context, call func(context.Context) error) error {
	ctx, cancel := context.WithTimeout(ctx, s.opts.StoreTimeout)
	defer cancel()
	err := call(ctx)
	if err != nil && errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return fmt.Errorf("the store did not answer within %s: %w", s.opts.StoreTimeout, err)
	}
	return err
}

// logSkip logs a slot skipped for being too late, once per slot.
func (s *Scheduler) logSkip(sc *schedule, slot time.Time, late time.Duration) {
	s.skipMu.Lock()
	defer s.skipMu.Unlock()
	if s.skipped[sc.Name].Equal(slot) {
		return
	}
	s.skipped[sc.Name] = slot
	s.log.Warn("digest slot skipped: older than catch_up", "schedule", sc.Name, "slot", slot,
		"late", late.Round(time.Second), "catch_up", sc.CatchUp)
}

// Run runs the scheduler until ctx is done: first it delivers what the
// outbox holds and claims slots missed while down (within catch-up), then
// the cron trigger claims each slot when it comes and delivers, and a
// periodic tick retries the outbox, catches slots the trigger missed and
// prunes the query log past QueryRetention.
func (s *Scheduler) Run(ctx context.Context) error {
	s.log.Info("scheduler started", "schedules", len(s.scheds), "owner", s.opts.Owner)
	s.tick(ctx)
	l := cronLogger{s.log}
	c := cron.New(cron.WithLogger(l), cron.WithChain(cron.Recover(l), cron.SkipIfStillRunning(l)))
	for _, sc := range s.scheds {
		c.Schedule(sc.cron, cron.FuncJob(func() { s.tick(ctx) }))
	}
	c.Start()
	defer func() { <-c.Stop().Done() }()
	t := time.NewTicker(s.opts.DeliverEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			s.log.Info("scheduler stopped")
			return nil
		case <-t.C:
			s.tick(ctx)
		}
	}
}

// tick claims due slots and delivers the outbox, logging what fails.
func (s *Scheduler) tick(ctx context.Context) {
	s.mu.Lock()
	defer s.mu.Unlock()
	defer func() {
		if r := recover(); r != nil {
			s.log.Error("scheduler tick panicked", "panic", r)
		}
	}()
	if ctx.Err() != nil {
		return
	}
	now := s.opts.Now()
	if err := s.RunDue(ctx, now); err != nil {
		s.log.Error("claim due digests", "err", err)
	}
	if err := s.Deliver(ctx, now); err != nil {
		s.log.Error("deliver outbox", "err", err)
	}
	if s.opts.QueryRetention > 0 && now.Sub(s.lastPrune) >= time.Hour {
		s.lastPrune = now
		var n int
		err := s.storeCall(ctx, func(ctx context.Context) (err error) {
			n, err = s.opts.Store.PruneQueries(ctx, now.Add(-s.opts.QueryRetention))
			return err
		})
		if err != nil {
			s.log.Error("prune query log", "err", err)
		} else if n > 0 {
			s.log.Info("query log pruned", "deleted", n, "retention", s.opts.QueryRetention)
		}
	}
}

// cronLogger adapts slog to cron.Logger.
type cronLogger struct{ l *slog.Logger }

func (c cronLogger) Info(msg string, kv ...any) { c.l.Debug("cron: "+msg, kv...) }
func (c cronLogger) Error(err error, msg string, kv ...any) {
	c.l.Error("cron: "+msg, append(kv, "err", err)...)
}
