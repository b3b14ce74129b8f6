package site_test

import (
	"io"
	"testing"

	"github.com/ladder-ssg/ladder/generator/cli"
)

// runCLI runs a ladder command line in-process and returns its exit code.
func runCLI(t *testing.T, args ...string) int {
	t.Helper()
	app := &cli.App{Stdout: io.Discard, Stderr: io.Discard, Defaults: defaults()}
	return app.Run(args)
}
