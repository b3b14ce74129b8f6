// Command ladder builds a static website from competency framework JSON
// files. See README.md, or run `ladder help`.
package main

import (
	"os"

	"github.com/ladder-ssg/ladder/assets"
	"github.com/ladder-ssg/ladder/content"
	"github.com/ladder-ssg/ladder/generator/cli"
	"github.com/ladder-ssg/ladder/generator/load"
	"github.com/ladder-ssg/ladder/templates"
)

func main() {
	app := &cli.App{
		Stdout:   os.Stdout,
		Stderr:   os.Stderr,
		Defaults: load.Defaults{Content: content.FS, Templates: templates.FS, Assets: assets.FS},
	}
	os.Exit(app.Run(os.Args[1:]))
}
