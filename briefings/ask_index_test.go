package briefings

import (
	"reflect"
	"runtime"
	"testing"
)

// TestBuildParallelSame checks that reading the passages while the
// knowledge is built (more than one CPU) answers as building in turn does.
func TestBuildParallelSame(t *testing.T) {
	prev := runtime.GOMAXPROCS(1)
	serial := sampleKB(t, Options{})
	runtime.GOMAXPROCS(max(2, prev))
	parallel := sampleKB(t, Options{})
	runtime.GOMAXPROCS(prev)
	for _, it := range readEval(t, "sample.tsv") {
		if got, want := parallel.Ask(it.Question), serial.Ask(it.Question); !reflect.DeepEqual(got, want) {
			t.Errorf("%q: parallel build answers %+v, serial %+v", it.Question, got, want)
		}
	}
}
