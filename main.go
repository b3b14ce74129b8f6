// Command ladder builds a static website from competency framework JSON
// files. See README.md, or run `ladder help`.
package main

import (
	"os"
	"runtime/debug"

	"github.com/ladder-ssg/ladder/assets"
	"github.com/ladder-ssg/ladder/content"
	"github.com/ladder-ssg/ladder/generator/cli"
	"github.com/ladder-ssg/ladder/generator/load"
	"github.com/ladder-ssg/ladder/templates"
)

// memoryLimit is the soft limit of the Go runtime's memory unless the
// GOMEMLIMIT environment variable sets another: the collector works
// harder as the heap nears it instead of letting it grow to twice what
// is live (GOGC=100), which for a site of ten thousand frameworks (then
// about 420 MB live; 330–520 MB since the loader interns text) was 1.7 GB. It is soft: a build that needs more still
// gets it. It is well above what ten thousand frameworks keep live, as a
// limit near the live heap makes the collector run all the time: at
// 10,160 frameworks 512 MiB cut the peak to 0.8 GB but rendering took
// several times longer; at 3,048 frameworks (about 240 MB live) a limit
// 1.3 times the live heap cost a fifth more CPU time for half the memory.
const memoryLimit = 768 << 20

func main() {
	if _, set := os.LookupEnv("GOMEMLIMIT"); !set {
		debug.SetMemoryLimit(memoryLimit)
	}
	app := &cli.App{
		Stdout:   os.Stdout,
		Stderr:   os.Stderr,
		Defaults: load.Defaults{Content: content.FS, Templates: templates.FS, Assets: assets.FS},
	}
	os.Exit(app.Run(os.Args[1:]))
}
