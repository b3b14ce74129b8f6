package cli

import (
	"github.com/ladder-ssg/ladder/generator/schema"
)

func (a *App) schemaCmd(args []string) int {
	fs := a.flags("schema")
	strict := fs.Bool("strict", false, "reject unknown members, as `ladder check --strict` does")
	if code, stop := a.parse(fs, args, 0); stop {
		return code
	}
	out := schema.JSON()
	if *strict {
		out = schema.StrictJSON()
	}
	a.Stdout.Write(out)
	return ExitOK
}
