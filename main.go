// Command ladder builds a static website from competency framework JSON
// files. See README.md, or run `ladder help`.
package main

import (
	"os"
	"runtime"
	"runtime/debug"

	"github.com/ladder-ssg/ladder/assets"
	"github.com/ladder-ssg/ladder/content"
	"github.com/ladder-ssg/ladder/generator/cli"
	"github.com/ladder-ssg/ladder/generator/load"
	"github.com/ladder-ssg/ladder/templates"
)

// memoryLimit is the soft limit of the Go runtime's memory unless the
// GOMEMLIMIT environment variable sets another: the collector works
// harder as the heap nears it instead of letting it grow to a multiple
// of what is live (collectPercent), which at GOGC=100 was 1.7 GB for a
// site of ten thousand frameworks. It is soft: a build that needs more
// still gets it. A limit near the live heap makes the collector run all
// the time, so it sits above what ten thousand frameworks keep live:
// about 165 MiB after the model step, 190–270 MiB while the pages,
// exports and packages are written. The process's resident set is the
// limit and about 27 MiB more (the binary's pages and the runtime's
// own), and was higher still where the collector ran behind a step that
// dropped much garbage, which the pipeline now collects at once
// (pipeline.collectNearLimit): there 430 MiB peaks at 457–459 MiB
// (479–481 MB), under the 500 MB a large site is held to with room for
// another machine's accounting, as 400 MiB did before (449–464 MiB);
// 440 MiB peaked at 466–467 MiB (489–490 MB). Each MiB of room above
// what is live spares the collector work: a 10,160-framework build took
// about 6% less CPU time at 430 than at 400 (BENCHMARKS.md, the
// nineteenth session). A small site never comes near it (1,016
// frameworks: about 230 MiB).
const memoryLimit = 430 << 20

// collectFrom is the heap below which the collector does not run. A build
// is a batch job: the default site's build (the seeds), about 30 MB
// allocated, was collected seven times as the heap grew from the
// runtime's 4 MB (GODEBUG=gctrace=1), and now not at all, in 0.86 of the
// CPU time (BENCHMARKS.md, the eleventh session). Large sites pass it in
// their first step and are collected as before.
const collectFrom = 64 << 20

// collectPercent is the collector's GOGC once the heap passes
// collectFrom: it lets the heap grow to three times what is live, not
// twice, before collecting again. On the 1,016-framework corpus that
// took 13% off the CPU time and 15% off the wall time of a build, for
// 100 MiB more memory (about 300 MiB in all; BENCHMARKS.md, the
// thirteenth session); 400 saved 3–5% more for another 100 MiB. A large
// site meets memoryLimit first, which then paces the collector as before.
const collectPercent = 200

func main() {
	tuneCollector(os.LookupEnv)
	app := &cli.App{
		Stdout:   os.Stdout,
		Stderr:   os.Stderr,
		Defaults: load.Defaults{Content: content.FS, Templates: templates.FS, Assets: assets.FS},
	}
	os.Exit(app.Run(os.Args[1:]))
}

// tuneCollector sets the collector's policy unless the GOGC or GOMEMLIMIT
// environment variables set their own: no collection until the heap
// reaches collectFrom, then GOGC=collectPercent under the memoryLimit
// soft limit.
func tuneCollector(lookupEnv func(string) (string, bool)) {
	if _, set := lookupEnv("GOMEMLIMIT"); set {
		return
	}
	if _, set := lookupEnv("GOGC"); set {
		debug.SetMemoryLimit(memoryLimit)
		return
	}
	collectOnceAbove(collectFrom, memoryLimit)
}

// collectOnceAbove turns the collector off until the heap reaches floor;
// the first collection, which that limit starts, turns it back on
// (GOGC=collectPercent) with limit as the soft limit. The sentinel's
// finalizer runs after the first collection that finds it unreachable,
// which is the first collection.
func collectOnceAbove(floor, limit int64) {
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(floor)
	// A pointer field keeps the sentinel out of the tiny allocator,
	// whose shared blocks may never be freed, and so never finalized.
	sentinel := &struct{ _ *byte }{}
	runtime.SetFinalizer(sentinel, func(*struct{ _ *byte }) {
		debug.SetGCPercent(collectPercent)
		debug.SetMemoryLimit(limit)
	})
}
