package pipeline

import (
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// collectNearLimit collects garbage at once when the process's memory is
// within a quarter of the runtime's soft memory limit (main.go sets
// one). Under the limit the collector paces itself by it and runs
// behind a step that leaves much garbage: the next step's allocations
// piled onto the search index a 10,160-framework build had just dropped,
// and the process's peak came from there, 30 MiB above the rest of the
// build (BENCHMARKS.md, the nineteenth session). A collection between
// the two costs one mark of what is live; a small site, far from the
// limit, skips it.
func collectNearLimit() {
	limit := debug.SetMemoryLimit(-1)
	if limit == math.MaxInt64 {
		return
	}
	s := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 || s[1].Value.Kind() != metrics.KindUint64 {
		return
	}
	if held := int64(s[0].Value.Uint64() - s[1].Value.Uint64()); held >= limit-limit/4 {
		runtime.GC()
	}
}
