// Command storyeval measures story clustering on labelled news sets.
//
//	go run ./briefings/stories/cluster/internal/storyeval [-threshold X] DIR...
//
// Each DIR holds articles/ (files any corpus reader reads) and gold.tsv
// (file name, label, date): for an event set the label is the event, for a
// sectioned set the section. It prints, per set, the stories found, B-cubed
// precision, recall and F1 against the labels, the share of labels (events)
// covered by a story of precision >= 0.6 holding at least half of the
// event's articles, the share of stories whose articles come >= 80% from
// one label (section), the share of names that are one common word, the
// time and memory clustering took, and the ten top names.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"syscall"
	"time"

	"github.com/briefbot/briefbot/briefings/stories/cluster"
	"github.com/briefbot/briefbot/corpus"
	"github.com/briefbot/briefbot/corpus/text"
)

var verbose *bool

func main() {
	threshold := flag.Float64("threshold", 0, "join threshold (0: the default)")
	top := flag.Int("top", 10, "names to print")
	window := flag.Duration("window", 0, "time window (0: the default; negative: none)")
	verbose = flag.Bool("v", false, "print every story's labels")
	prof := flag.String("cpuprofile", "", "write a CPU profile of the clustering to this file")
	flag.Parse()
	if *prof != "" {
		f, err := os.Create(*prof)
		if err != nil {
			fmt.Fprintln(os.Stderr, "storyeval:", err)
			os.Exit(1)
		}
		defer pprof.StopCPUProfile()
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintln(os.Stderr, "storyeval:", err)
			os.Exit(1)
		}
	}
	for _, dir := range flag.Args() {
		if err := run(dir, cluster.Options{Threshold: *threshold, Window: *window}, *top); err != nil {
			fmt.Fprintln(os.Stderr, "storyeval:", err)
			return
		}
	}
}

func run(dir string, opts cluster.Options, top int) error {
	gold, err := readGold(filepath.Join(dir, "gold.tsv"), 1)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	desks, _ := readGold(filepath.Join(dir, "gold.tsv"), 3)
	src := filepath.Join(dir, "articles")
	if _, err := os.Stat(src); err != nil {
		src = dir
	}
	arts, _, err := corpus.Load(context.Background(), []string{src}, corpus.Options{})
	if err != nil {
		return fmt.Errorf("load %s: %w", dir, err)
	}
	runtime.GC()
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	start, cpu0 := time.Now(), cpuTime()
	stories := cluster.Find(arts, opts)
	took, cpu := time.Since(start), cpuTime()-cpu0
	runtime.ReadMemStats(&m1)
	label, desk := labels(arts, gold), labels(arts, desks)
	r := score(stories, label)
	fmt.Printf("%s: %d articles (%d labelled), %d labels; %d stories\n", filepath.Base(dir), len(arts), len(label), r.labels, len(stories))
	fmt.Printf("  B-cubed P %.3f R %.3f F1 %.3f; events covered %.1f%% (of %d with 2+ articles); one-label stories %.1f%%; one-common-word names %.1f%%\n",
		r.p, r.r, r.f1, 100*r.covered, r.events, 100*r.pure, 100*r.common)
	fmt.Printf("  clustering: %v wall, %v CPU, %.0f MB allocated\n", took.Round(time.Millisecond), cpu.Round(time.Millisecond), float64(m1.TotalAlloc-m0.TotalAlloc)/1e6)
	if len(desk) > 0 {
		fmt.Printf("  stories >= 80%% from one desk: %.1f%%\n", 100*score(stories, desk).pure)
	}
	if *verbose {
		misses(stories, label)
	}
	for i, s := range stories {
		if i == top {
			break
		}
		fmt.Printf("  %2d. %-40s %3d articles  %s\n", i+1, s.Name, s.Size, strings.Join(s.Phrases[:min(4, len(s.Phrases))], " | "))
	}
	return nil
}

// readGold reads gold.tsv; col is the column of the label (1: event or
// topic, 3: desk).
// labels maps article IDs to the gold label of their file.
func labels(arts []corpus.Article, gold map[string]string) map[string]string {
	label := map[string]string{}
	for _, a := range arts {
		if g, ok := gold[filepath.Base(a.Source)]; ok {
			label[a.ID] = g
		}
		for _, d := range a.Duplicates {
			if g, ok := gold[filepath.Base(d)]; ok && label[a.ID] == "" {
				label[a.ID] = g
			}
		}
	}
	return label
}

// misses prints, for each story, its labels, to see what mixes.
func misses(stories []cluster.Story, label map[string]string) {
	for i, s := range stories {
		m := map[string]int{}
		for _, id := range s.Members {
			m[label[id]]++
		}
		fmt.Printf("  [%d] %s %v\n", i, s.Name, m)
	}
}

func readGold(path string, col int) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fs := strings.Split(sc.Text(), "\t")
		if len(fs) > col && fs[col] != "" {
			out[fs[0]] = fs[col]
		}
	}
	return out, sc.Err()
}

type result struct {
	p, r, f1, covered, pure, common float64
	labels, events                  int
}

// score compares stories with gold labels. An article in no story is a
// cluster of its own.
func score(stories []cluster.Story, label map[string]string) result {
	var res result
	of := map[string]int{}
	for i, s := range stories {
		for _, m := range s.Members {
			of[m] = i
		}
	}
	byLabel := map[string][]string{}
	for id, l := range label {
		byLabel[l] = append(byLabel[l], id)
	}
	res.labels = len(byLabel)
	// cluster -> label -> count, over labelled articles
	inter := map[int]map[string]int{}
	size := map[int]int{}
	for id, l := range label {
		c, ok := of[id]
		if !ok {
			continue
		}
		if inter[c] == nil {
			inter[c] = map[string]int{}
		}
		inter[c][l]++
		size[c]++
	}
	n := 0
	for id, l := range label {
		n++
		c, ok := of[id]
		if !ok {
			res.p += 1
			res.r += 1 / float64(len(byLabel[l]))
			continue
		}
		k := float64(inter[c][l])
		res.p += k / float64(size[c])
		res.r += k / float64(len(byLabel[l]))
	}
	if n > 0 {
		res.p /= float64(n)
		res.r /= float64(n)
		res.f1 = 2 * res.p * res.r / (res.p + res.r)
	}
	for l, ids := range byLabel {
		if len(ids) < 2 {
			continue
		}
		res.events++
		for c, m := range inter {
			k := m[l]
			if float64(k)/float64(size[c]) >= 0.6 && 2*k >= len(ids) {
				res.covered++
				break
			}
		}
	}
	if res.events > 0 {
		res.covered /= float64(res.events)
	}
	for i, s := range stories {
		best := 0
		for _, k := range inter[i] {
			best = max(best, k)
		}
		if size[i] > 0 && float64(best) >= 0.8*float64(size[i]) {
			res.pure++
		}
		if !strings.Contains(s.Name, " ") && (s.Name == "" || text.Common(strings.ToLower(s.Name))) {
			res.common++
		}
	}
	if len(stories) > 0 {
		res.pure /= float64(len(stories))
		res.common /= float64(len(stories))
	}
	return res
}

// cpuTime is the CPU time this process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
