//go:build !linux

package briefings

// resetPeakRSS is not available here: benchmarks report no peak-rss-MB.
func resetPeakRSS() bool { return false }

func rss() (cur, peak uint64, ok bool) { return 0, 0, false }
