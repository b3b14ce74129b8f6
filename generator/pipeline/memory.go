package pipeline

import (
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// collectNearLimit collects garbage at once when the process's memory is
// near the runtime's soft memory limit (main.go sets one). Under the
// limit the collector paces itself by it and runs behind a step that
// leaves much garbage: the next step's allocations piled onto the search
// index a 10,160-framework build had just dropped, and the process's
// peak came from there, 32–40 MiB above the rest of the build
// (BENCHMARKS.md, the nineteenth session). A collection between the two
// costs one mark of what is live; a small site, far from the limit,
// skips it.
func collectNearLimit() {
	if nearLimit(debug.SetMemoryLimit(-1), heldMemory()) {
		runtime.GC()
	}
}

// nearLimit reports whether held bytes are within a quarter of limit
// (math.MaxInt64: no limit).
func nearLimit(limit, held int64) bool {
	return limit != math.MaxInt64 && held >= limit-limit/4
}

// heldMemory is the memory the runtime holds, as the soft limit counts
// it: all of it but what it has given back to the system.
func heldMemory() int64 {
	s := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 || s[1].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return int64(s[0].Value.Uint64() - s[1].Value.Uint64())
}
