//go:build linux

package briefings

import (
	"bufio"
	"os"
	"strconv"
	"strings"
)

// resetPeakRSS resets the process's peak resident set size (VmHWM) to its
// current resident set, so that peakRSS tells the peak of what follows.
func resetPeakRSS() bool {
	return os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) == nil
}

// rss returns the process's resident set size and its peak since the
// last resetPeakRSS, in bytes.
func rss() (cur, peak uint64, ok bool) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0, 0, false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, found := strings.Cut(sc.Text(), ":")
		if !found || k != "VmRSS" && k != "VmHWM" {
			continue
		}
		kb, err := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
		if err != nil {
			return 0, 0, false
		}
		if k == "VmRSS" {
			cur = kb << 10
		} else {
			peak = kb << 10
		}
	}
	return cur, peak, cur > 0 && peak > 0
}
