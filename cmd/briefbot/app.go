package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/briefbot/briefbot/bot/config"
	"github.com/briefbot/briefbot/briefings"
	"github.com/briefbot/briefbot/corpus"
)

// app is what most subcommands need: the config, a logger and the
// knowledge base.
type app struct {
	cfg      *config.Config
	cfgFile  string
	log      *slog.Logger
	articles []corpus.Article
	kb       *briefings.KB
	env      *env
	lib      *library
	// requireArticles makes corpus paths that give no article an error
	// (one-shot commands); otherwise it is a warning.
	requireArticles bool
	// feedSeq is the last stored feed change in the corpus.
	feedSeq int64
	// noArticles, when requireArticles and the corpus paths gave no
	// article while feeds are configured, is why: it is an error only
	// when the store holds no feed article either.
	noArticles error
	// listening is the address serve listens on (replicaID).
	listening string
}

// loadConfig reads the config file named by -config (or $BRIEFBOT_CONFIG),
// or without one the defaults with the common keys from the environment
// (config.EnvKeys), as a container is configured.
func loadConfig(e *env, g *globals) (*config.Config, string, error) {
	file := g.config
	if file == "" {
		file, _ = e.getenv(config.ConfigEnv)
	}
	opts := config.ValidateOptions{CheckSchedule: checkSchedule}
	if file == "" {
		cfg := config.FromEnv(e.getenv)
		return cfg, "", envProblems(cfg.Validate("", nil, opts))
	}
	f, err := os.Open(file)
	if err != nil {
		return nil, file, fmt.Errorf("config: %w", err)
	}
	defer f.Close()
	cfg, err := config.Read(file, f, e.getenv, opts)
	return cfg, file, err
}

// envProblems names, in each problem of a configuration made from the
// environment, the variable that set the field.
func envProblems(err error) error {
	ps, ok := config.IsProblems(err)
	if !ok {
		return err
	}
	out := make(config.Problems, len(ps))
	for i, p := range ps {
		p.File = "environment"
		if v := config.EnvField(p.Field); v != "" {
			p.Field = v + " (" + p.Field + ")"
		}
		out[i] = p
	}
	return out
}

// envKeysHelp lists the environment variables read without a config file.
func envKeysHelp() string {
	var b strings.Builder
	for _, k := range config.EnvKeys() {
		fmt.Fprintf(&b, "  %-24s %s: %s\n", k.Var, k.Field, k.Meaning)
	}
	fmt.Fprintf(&b, "  %-24s a config file to read instead (as -config)", config.ConfigEnv)
	return b.String()
}

// configError turns config problems into the one-line cause the contract
// asks for.
func configError(err error) error {
	ps, ok := config.IsProblems(err)
	if !ok {
		return err
	}
	if len(ps) == 1 {
		return fmt.Errorf("%s", ps[0])
	}
	return fmt.Errorf("%s (and %d more problems: run briefbot validate)", ps[0], len(ps)-1)
}

// load reads the config, sets up logging and builds the knowledge base,
// for a one-shot command: info lines are left out unless asked for.
func load(ctx context.Context, e *env, g *globals) (*app, error) {
	return loadFor(ctx, e, g, false)
}

// loadFor is load; a service logs at the configured level, a one-shot
// command (and the chat) only warnings unless log.level asks for debug.
func loadFor(ctx context.Context, e *env, g *globals, service bool) (*app, error) {
	cfg, file, err := loadConfig(e, g)
	if err != nil {
		return nil, configError(err)
	}
	lc := cfg.Log
	if !service && lc.Level != "debug" && lc.Level != "error" {
		lc.Level = "warn"
	}
	a := &app{cfg: cfg, cfgFile: file, env: e, log: newLogger(e.stderr, lc, isTerminal(e.stderr), secretsOf(cfg)...)}
	// A service may start with no article when feeds or a watched folder
	// will bring them; a one-shot command has nothing to work on.
	a.requireArticles = !service || (len(cfg.Corpus.Feeds) == 0 && !cfg.Corpus.Watch)
	if err := a.loadCorpus(ctx, g.corpora); err != nil {
		return nil, err
	}
	storeErr := a.loadStoredFeeds(ctx)
	if storeErr != nil && service {
		return nil, storeErr
	}
	if a.requireArticles && len(a.articles) == 0 {
		switch {
		case storeErr != nil:
			return nil, storeErr
		case a.noArticles != nil:
			return nil, a.noArticles
		}
		return nil, errors.New("the corpus has no articles: no corpus.paths, and the store holds no feed article yet (briefbot serve polls corpus.feeds into it)")
	}
	if storeErr != nil {
		a.log.Warn("without the stored feed articles", "err", storeErr)
	}
	kb, err := briefings.Build(ctx, a.articles, kbOptions(cfg, a.log))
	if err != nil {
		return nil, fmt.Errorf("build knowledge: %w", err)
	}
	a.kb = kb
	a.lib = newLibrary(cfg, a.articles)
	return a, nil
}

// loadCorpus loads -corpus paths, else the configured ones, else the
// built-in sample. Broken files are warnings; a missing path is an error,
// and so are paths that give no article at all when a.requireArticles
// (with feeds configured, only if the store holds none either: loadFor):
// the error names a skipped file and why.
func (a *app) loadCorpus(ctx context.Context, override []string) error {
	paths := a.cfg.Corpus.Paths
	if len(override) > 0 {
		paths = override
	}
	if len(paths) == 0 && len(a.cfg.Corpus.Feeds) == 0 {
		a.articles = corpus.Sample()
		return nil
	}
	if len(paths) == 0 {
		return nil
	}
	pr := newProgress(a.env.stderr, isTerminal(a.env.stderr), a.log)
	arts, warns, err := corpus.Load(ctx, paths, corpus.Options{Logger: a.log, Progress: pr.update, CacheDir: a.corpusCacheDir(), ModTimeDates: true})
	pr.done()
	if err != nil {
		return err // corpus.Load names its cause ("load corpus: ...")
	}
	if len(arts) == 0 && a.requireArticles {
		if len(a.cfg.Corpus.Feeds) == 0 {
			return emptyCorpusError(paths, warns)
		}
		// the stored feed articles may make up for it: loadFor decides
		a.noArticles = emptyCorpusError(paths, warns)
	}
	for _, w := range warns {
		a.log.Warn("skipped part of the corpus", "source", w.Source, "err", w.Err)
	}
	if len(arts) == 0 && !a.requireArticles {
		a.log.Warn("the corpus has no articles yet", "paths", strings.Join(paths, ", "))
	}
	a.articles = arts
	return nil
}

// corpusCacheDir is where corpus.Load keeps parsed files between runs:
// briefbot/cache in $XDG_STATE_HOME or ~/.local/state; none without either.
func (a *app) corpusCacheDir() string {
	dir, _ := a.env.getenv("XDG_STATE_HOME")
	if dir == "" {
		home, _ := a.env.getenv("HOME")
		if home == "" {
			return ""
		}
		dir = filepath.Join(home, ".local", "state")
	}
	return filepath.Join(dir, "briefbot", "cache")
}

func kbOptions(cfg *config.Config, log *slog.Logger) briefings.Options {
	o := briefings.Options{
		Synonyms:      cfg.Synonyms,
		MinConfidence: cfg.Answer.MinConfidence,
		DefaultAnswer: cfg.Answer.DefaultAnswer,
		Logger:        log,
	}
	for _, f := range cfg.FAQ {
		o.FAQ = append(o.FAQ, briefings.FAQEntry{Question: f.Question, Answer: f.Answer, Alternates: f.Alternates, Sources: []briefings.Source{}})
	}
	for _, is := range cfg.Issues {
		o.Issues = append(o.Issues, briefings.IssueSpec{Name: is.Name, Aliases: is.Aliases, Keywords: is.Keywords})
	}
	return o
}

// emptyCorpusError says why paths gave no article: the first skipped file
// and its cause, or that the folders hold no file.
func emptyCorpusError(paths []string, warns []corpus.Warning) error {
	if len(warns) == 0 {
		return fmt.Errorf("the corpus has no articles: %s holds no file to read (.txt, .md, .html and the other supported types)", strings.Join(paths, ", "))
	}
	msg := fmt.Sprintf("the corpus has no articles: %s: %v", warns[0].Source, warns[0].Err)
	if len(warns) > 1 {
		msg += fmt.Sprintf(" (and %d more files skipped)", len(warns)-1)
	}
	return errors.New(msg)
}
