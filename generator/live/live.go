// Package live runs ladder's rebuild loop for `ladder serve` and
// `ladder build --watch`: it watches the site folder, rebuilds with a
// build.Session (which renders and writes only what changed), and, when
// serving, reloads the open browser tabs or shows them the errors.
package live

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/ladder-ssg/ladder/generator/build"
	"github.com/ladder-ssg/ladder/generator/config"
	"github.com/ladder-ssg/ladder/generator/diag"
	"github.com/ladder-ssg/ladder/generator/serve"
	"github.com/ladder-ssg/ladder/generator/watch"
)

// Options configure the loop.
type Options struct {
	Build build.Options
	// Serve starts the HTTP server on Addr (host:port) over the output.
	Serve bool
	Addr  string
	// Poll, when positive, polls for changes at this interval instead of
	// using the operating system's notifications.
	Poll time.Duration
	// Debounce is how long a burst of changes may last before a rebuild;
	// zero means the watcher's default (100 ms).
	Debounce time.Duration
	// Log receives one line per build and every diagnostic.
	Log io.Writer
	// Ready, when set, is called with the site's URL (or output folder)
	// once the first build is done and the server listens.
	Ready func(where string)
	// Built, when set, is called after every build with its result.
	Built func(build.Result, error)
}

// Run builds, then rebuilds on every change until ctx is done. It returns
// nil after a clean stop. When serving without an output folder, the site
// is built into a temporary folder that Run removes before it returns.
func Run(ctx context.Context, opts Options) (err error) {
	logw := opts.Log
	if logw == nil {
		logw = io.Discard
	}
	src, err := filepath.Abs(opts.Build.Source)
	if err != nil {
		return err
	}
	opts.Build.Source = src
	if opts.Build.Out == "" {
		tmp, err := os.MkdirTemp("", "ladder-serve-*")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		opts.Build.Out = filepath.Join(tmp, "public")
	}
	out, err := filepath.Abs(opts.Build.Out)
	if err != nil {
		return err
	}
	opts.Build.Out = out

	var wopts []watch.Option
	wopts = append(wopts, watch.WithExclude(out))
	if opts.Poll > 0 {
		wopts = append(wopts, watch.WithPoll(opts.Poll))
	}
	if opts.Debounce > 0 {
		wopts = append(wopts, watch.WithDebounce(opts.Debounce))
	}
	roots := []string{
		filepath.Join(src, "content"), filepath.Join(src, "templates"),
		filepath.Join(src, "assets"), filepath.Join(src, config.FileName),
	}
	w, err := watch.New(roots, wopts...)
	if err != nil {
		return err
	}
	defer w.Close()

	var srv *serve.Server
	where := out
	var done <-chan error
	if opts.Serve {
		srv = serve.New(out)
		url, d, err := srv.ListenAndServe(ctx, opts.Addr)
		if err != nil {
			if strings.Contains(err.Error(), "address already in use") {
				return fmt.Errorf("%s is in use: choose another port with --port: %w", opts.Addr, err)
			}
			return err
		}
		where, done = url, d
	}

	sess := build.NewSession(opts.Build)
	rebuild := func(reason string) {
		res, err := sess.Build(ctx)
		report(logw, reason, res, err)
		if srv != nil {
			var list diag.List
			switch {
			case errors.As(err, &list):
				srv.ShowError(serve.FromDiag(list))
			case err != nil:
				srv.ShowError([]serve.Diagnostic{{Message: err.Error()}})
			default:
				srv.Reload(res.Changed)
			}
		}
		if opts.Built != nil {
			opts.Built(res, err)
		}
	}
	rebuild("")
	if opts.Ready != nil {
		opts.Ready(where)
	}
	for {
		select {
		case <-ctx.Done():
			if done != nil {
				if err := <-done; err != nil && !errors.Is(err, context.Canceled) {
					return err
				}
			}
			return nil
		case err, ok := <-w.Errors():
			if ok {
				fmt.Fprintf(logw, "ladder: watching: %v\n", err)
			}
		case b, ok := <-w.Events():
			if !ok {
				return errors.New("the file watcher stopped")
			}
			rebuild(describe(src, b))
		}
	}
}

// describe names what a batch changed, for the log line.
func describe(src string, b watch.Batch) string {
	if b.Rescan {
		return "many changes"
	}
	if len(b.Paths) == 1 {
		if rel, err := filepath.Rel(src, b.Paths[0]); err == nil {
			return filepath.ToSlash(rel)
		}
		return b.Paths[0]
	}
	return fmt.Sprintf("%d changes", len(b.Paths))
}

// report prints one line for a build, or its errors.
func report(w io.Writer, reason string, res build.Result, err error) {
	for _, d := range res.Warnings {
		fmt.Fprintf(w, "%s\n", d.Error())
	}
	var list diag.List
	switch {
	case errors.As(err, &list):
		fmt.Fprintf(w, "ladder: %d %s; still serving the last good build:\n", len(list), plural(len(list), "error", "errors"))
		for _, d := range list {
			fmt.Fprintf(w, "  %s\n", d.Error())
		}
	case err != nil:
		fmt.Fprintf(w, "ladder: build failed: %v\n", err)
	case reason == "":
		fmt.Fprintf(w, "ladder: built %d pages (%d files) in %s\n", res.Pages, res.Files, res.Duration.Round(time.Millisecond))
	default:
		fmt.Fprintf(w, "ladder: %s changed: rebuilt in %s, %d %s rendered, %d %s written\n", reason,
			res.Duration.Round(100*time.Microsecond), res.Rendered, plural(res.Rendered, "page", "pages"),
			res.Written, plural(res.Written, "file", "files"))
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
