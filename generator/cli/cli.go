// Package cli is ladder's command line: it parses commands and flags,
// runs the build, check and init steps, and prints their results and
// diagnostics. Exit codes: 0 success, 1 input errors, 2 usage errors.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"

	"github.com/ladder-ssg/ladder/generator/diag"
	"github.com/ladder-ssg/ladder/generator/host"
	"github.com/ladder-ssg/ladder/generator/load"
	"github.com/ladder-ssg/ladder/generator/pipeline"
	"github.com/ladder-ssg/ladder/generator/preflight"
	"github.com/ladder-ssg/ladder/generator/redirect"
)

// Exit codes.
const (
	ExitOK    = 0
	ExitInput = 1
	ExitUsage = 2
	// ExitInterrupted is a build stopped by Ctrl-C or SIGTERM, reported
	// the way shells report SIGINT (128 + 2).
	ExitInterrupted = 130
)

// Version is ladder's version, printed by `ladder version`.
const Version = "0.1.0"

// App is one invocation's environment: where to print, and the embedded
// defaults a site falls back on.
type App struct {
	Stdout, Stderr io.Writer
	Defaults       load.Defaults
}

type command struct {
	name, args, summary string
	run                 func(a *App, args []string) int
}

func commands() []command {
	return []command{
		{"build", "[--source DIR] [--out DIR] [--base-url URL] [--no-minify] [--strict] [--summary FILE] [--host HOST] [--previous-urls FILE] [--cpuprofile FILE] [--memprofile FILE] [--watch [--poll DURATION]]", "build the site into the output folder", (*App).build},
		{"serve", "[--source DIR] [--bind 127.0.0.1] [--port 1313] [--open] [--poll DURATION]", "build, serve on loopback, and rebuild and reload the browser as files change", (*App).serve},
		{"check", "[--source DIR] [--strict] [--format text|json|github] [--lms moodle|canvas|brightspace|blackboard]", "validate the site's input without writing anything; with --lms, also what that LMS's importers enforce", (*App).check},
		{"align", "[--source DIR] [--top K] [--format text|json|tsv]", "print each statement's best O*NET work activities, skills or knowledge", (*App).alignCmd},
		{"new", "framework CODE --title TITLE [--source DIR] [--group G] [--sector NN] [--job-zone N]", "create a framework file with the site's level scheme", (*App).newCmd},
		{"diff", "[--format text|markdown] [--reword RATIO] OLD NEW", "show what changed between two versions of frameworks (files or folders)", (*App).diffCmd},
		{"schema", "[--strict]", "print the JSON Schema of the framework format, for editors", (*App).schemaCmd},
		{"init", "DIR", "create a new site folder with an example framework and page", (*App).init},
		{"version", "", "print ladder's version", (*App).version},
		{"help", "[COMMAND]", "show help for ladder or one command", (*App).help},
	}
}

// Run executes the command line args (without the program name) and
// returns the exit code.
func (a *App) Run(args []string) int {
	if len(args) == 0 {
		a.usage(a.Stderr)
		return ExitUsage
	}
	name := args[0]
	if name == "-h" || name == "--help" || name == "-help" {
		a.usage(a.Stdout)
		return ExitOK
	}
	if name == "--version" {
		return a.version(nil)
	}
	for _, c := range commands() {
		if c.name == name {
			return c.run(a, args[1:])
		}
	}
	fmt.Fprintf(a.Stderr, "ladder: unknown command %q\n\n", name)
	a.usage(a.Stderr)
	return ExitUsage
}

func (a *App) usage(w io.Writer) {
	fmt.Fprintln(w, "ladder builds a static website from competency framework JSON files.")
	fmt.Fprintln(w, "\nUsage:\n  ladder COMMAND [flags]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'ladder help COMMAND' or 'ladder COMMAND -h' for a command's flags.")
}

// flags returns a flag set for a command that prints its usage to the
// right stream and never exits the process.
func (a *App) flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet("ladder "+name, flag.ContinueOnError)
	fs.SetOutput(a.Stderr)
	fs.Usage = func() {
		for _, c := range commands() {
			if c.name == name {
				fmt.Fprintf(fs.Output(), "Usage: ladder %s %s\n\n%s.\n", c.name, c.args, strings.ToUpper(c.summary[:1])+c.summary[1:])
			}
		}
		if hasFlags(fs) {
			fmt.Fprintln(fs.Output(), "\nFlags:")
			fs.PrintDefaults()
		}
	}
	return fs
}

func hasFlags(fs *flag.FlagSet) bool {
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	return n > 0
}

// parse parses flags and reports the exit code when the command must stop:
// ExitOK after -h, ExitUsage for bad flags or stray arguments.
func (a *App) parse(fs *flag.FlagSet, args []string, positional int) (int, bool) {
	// The flag package prints the usage itself on -h and on a bad flag,
	// always to the one output; hold it back and print it here, once,
	// to stdout for help and to stderr for a mistake.
	usage := fs.Usage
	fs.Usage = func() {}
	err := fs.Parse(args)
	fs.Usage = usage
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(a.Stdout)
			fs.Usage()
			return ExitOK, true
		}
		fs.Usage()
		return ExitUsage, true
	}
	if fs.NArg() != positional {
		if fs.NArg() > positional {
			fmt.Fprintf(a.Stderr, "%s: unexpected argument %q\n", fs.Name(), fs.Arg(positional))
		} else {
			fmt.Fprintf(a.Stderr, "%s: missing argument\n", fs.Name())
		}
		fs.Usage()
		return ExitUsage, true
	}
	return 0, false
}

func (a *App) build(args []string) int {
	fs := a.flags("build")
	source := fs.String("source", ".", "the site `folder`: content/, ladder.toml, templates/, assets/")
	out := fs.String("out", "", "the output `folder` (default SOURCE/public)")
	baseURL := fs.String("base-url", "", "the absolute `URL` the site is published at (overrides ladder.toml)")
	noMinify := fs.Bool("no-minify", false, "write HTML, CSS, JS, JSON, SVG and XML as rendered")
	strict := fs.Bool("strict", false, "treat unknown fields and keys as errors")
	summary := fs.String("summary", "", "also write the build summary as JSON to `FILE`")
	hostName := fs.String("host", "", "fail, before publishing, if the site exceeds the limits of `HOST`: "+strings.Join(host.Names(), ", ")+" (overrides ladder.toml's host)")
	previousURLs := fs.String("previous-urls", "", "the `FILE` of pages the published site has ("+redirect.ManifestName+" fetched from it), to redirect those this build lacks (default: the output folder's)")
	watchFlag := fs.Bool("watch", false, "keep running: rebuild the changed pages whenever a file changes")
	poll := fs.Duration("poll", 0, "with --watch: poll every `DURATION` instead of using file system events")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the build to `FILE` (go tool pprof)")
	memProfile := fs.String("memprofile", "", "write a memory profile (allocations and the heap at the end) to `FILE`")
	if code, stop := a.parse(fs, args, 0); stop {
		return code
	}
	if *out == "" {
		*out = filepath.Join(*source, "public")
	}
	if *hostName != "" {
		if _, err := host.Lookup(*hostName); err != nil {
			fmt.Fprintf(a.Stderr, "ladder: --host: %v\n", err)
			return ExitUsage
		}
	}
	stopProfiles, err := startProfiles(*cpuProfile, *memProfile)
	if err != nil {
		fmt.Fprintf(a.Stderr, "ladder: %v\n", err)
		return ExitUsage
	}
	defer func() {
		if err := stopProfiles(); err != nil {
			fmt.Fprintf(a.Stderr, "ladder: %v\n", err)
		}
	}()
	if *watchFlag {
		return a.watchBuild(pipeline.Options{Source: *source, Out: *out, BaseURL: *baseURL, NoMinify: *noMinify, Strict: *strict, Defaults: a.Defaults, Host: *hostName, PreviousURLs: *previousURLs}, *poll)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	res, err := pipeline.Build(ctx, pipeline.Options{
		Source: *source, Out: *out, BaseURL: *baseURL, NoMinify: *noMinify, Strict: *strict, Defaults: a.Defaults, Host: *hostName,
		PreviousURLs: *previousURLs,
	})
	a.printWarnings(res.Warnings)
	if err != nil {
		code := a.fail(err)
		if *summary != "" {
			writeSummary(*summary, res, err)
		}
		return code
	}
	fmt.Fprintf(a.Stdout, "ladder: wrote %d pages (%d files, %s) to %s in %s, %d %s\n",
		res.Pages, res.Files, humanBytes(res.Bytes), res.Out, res.Duration.Round(100_000),
		len(res.Warnings), diag.Plural(len(res.Warnings), "warning", "warnings"))
	if res.Host != "" {
		fmt.Fprintf(a.Stdout, "ladder: %s\n", res.Host)
	}
	for _, n := range res.Notes {
		fmt.Fprintf(a.Stdout, "ladder: note: %s\n", n)
	}
	if *summary != "" {
		if err := writeSummary(*summary, res, nil); err != nil {
			fmt.Fprintf(a.Stderr, "ladder: %v\n", err)
			return ExitInput
		}
	}
	return ExitOK
}

func (a *App) check(args []string) int {
	fs := a.flags("check")
	source := fs.String("source", ".", "the site `folder`")
	strict := fs.Bool("strict", false, "treat unknown fields and keys as errors")
	format := fs.String("format", "text", "how to print problems: text, json (an array of objects) or github (Actions annotations)")
	lms := fs.String("lms", "", "also check what this LMS's importers enforce: "+strings.Join(preflight.LMSs(), ", "))
	if code, stop := a.parse(fs, args, 0); stop {
		return code
	}
	if *format != "text" && *format != "json" && *format != "github" {
		fmt.Fprintf(a.Stderr, "ladder check: unknown --format %q: use text, json or github\n", *format)
		return ExitUsage
	}
	if *lms != "" && !slices.Contains(preflight.LMSs(), *lms) {
		fmt.Fprintf(a.Stderr, "ladder check: unknown --lms %q: use %s\n", *lms, strings.Join(preflight.LMSs(), ", "))
		return ExitUsage
	}
	res, err := pipeline.Check(pipeline.Options{Source: *source, Strict: *strict, Defaults: a.Defaults, LMS: *lms})
	if *format != "text" {
		var all diag.List
		if !errors.As(err, &all) && err != nil {
			all = diag.List{{File: *source, Severity: diag.Error, Message: err.Error()}}
		}
		all = append(all, res.Warnings...)
		all.Sort()
		write := diag.WriteJSON
		if *format == "github" {
			write = diag.WriteGitHub
		}
		write(a.Stdout, all)
		if err != nil {
			return ExitInput
		}
		return ExitOK
	}
	a.printWarnings(res.Warnings)
	if err != nil {
		return a.fail(err)
	}
	fmt.Fprintf(a.Stdout, "ladder: %s is valid: %d %s, %d pages\n", *source, res.Frameworks, diag.Plural(res.Frameworks, "framework", "frameworks"), res.Pages)
	if *lms != "" {
		fmt.Fprintf(a.Stdout, "ladder: ready to import into %s\n", *lms)
	}
	for _, n := range res.Notes {
		fmt.Fprintf(a.Stdout, "  %s\n", n)
	}
	return ExitOK
}

func (a *App) version(args []string) int {
	if len(args) > 0 {
		fs := a.flags("version")
		if code, stop := a.parse(fs, args, 0); stop {
			return code
		}
	}
	fmt.Fprintf(a.Stdout, "ladder %s\n", Version)
	return ExitOK
}

func (a *App) help(args []string) int {
	if len(args) == 0 {
		a.usage(a.Stdout)
		return ExitOK
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(a, []string{"-h"})
		}
	}
	fmt.Fprintf(a.Stderr, "ladder help: unknown command %q\n", args[0])
	return ExitUsage
}

// fail prints an error, every diagnostic on its own line, and returns
// the exit code for it.
func (a *App) fail(err error) int {
	if errors.Is(err, context.Canceled) {
		fmt.Fprintln(a.Stderr, "ladder: interrupted: the output folder was left as it was")
		return ExitInterrupted
	}
	var list diag.List
	if errors.As(err, &list) {
		fmt.Fprintf(a.Stderr, "ladder: %d %s:\n", len(list), diag.Plural(len(list), "error", "errors"))
		for _, d := range list {
			fmt.Fprintf(a.Stderr, "  %s\n", d.Error())
		}
		return ExitInput
	}
	fmt.Fprintf(a.Stderr, "ladder: %v\n", err)
	return ExitInput
}

func (a *App) printWarnings(ws diag.List) {
	for _, w := range ws {
		fmt.Fprintf(a.Stderr, "%s\n", w.Error())
	}
}

// humanBytes writes a size in decimal units (1 MB = 1,000,000 bytes), as
// hosts state their limits and the host check counts.
func humanBytes(n int64) string {
	switch {
	case n >= 1_000_000_000:
		return fmt.Sprintf("%.2f GB", float64(n)/1e9)
	case n >= 1_000_000:
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	case n >= 1_000:
		return fmt.Sprintf("%.1f kB", float64(n)/1e3)
	}
	return fmt.Sprintf("%d B", n)
}
