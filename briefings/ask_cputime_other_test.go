//go:build !linux

package briefings

import "time"

// threadCPU is not available here: benchmarks report wall-clock only.
func threadCPU() (time.Duration, bool) { return 0, false }
