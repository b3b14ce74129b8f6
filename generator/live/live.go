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
	"runtime"
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
	// Settled, when set, is called after every follow-up build that
	// completes a quick one (see build.Session.Quick), and after one is
	// stopped because of newer changes (with a context error).
	Settled func(build.Result, error)
}

// Run builds, then rebuilds on every change until ctx is done. It returns
// nil after a clean stop. When serving without an output folder, the site
// is built into a temporary folder that Run removes before it returns.
func Run(ctx context.Context, opts Options) (err error) {
	logw := opts.Log
	if logw == nil {
		logw = io.Discard
	}
	// The watcher needs the absolute folder; the build keeps the folder
	// as given, so its messages name files as the person typed them.
	src, err := filepath.Abs(opts.Build.Source)
	if err != nil {
		return err
	}
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
	// The show step: the quick build, so the edited page reloads first.
	rebuild := func(reason string) build.Result {
		res, err := sess.Quick(ctx)
		report(logw, reason, res, err)
		if srv != nil {
			announce(srv, res, err)
		}
		if opts.Built != nil {
			opts.Built(res, err)
		}
		return res
	}
	// The settle step: a full build after a quick one, in the background
	// and stopped by the next change, which starts over with a quick one.
	var settling *settle
	stopSettling := func() {
		if settling != nil {
			settling.stop()
			settling = nil
		}
	}
	defer stopSettling()
	startSettling := func(res build.Result) {
		if !res.Pending {
			return
		}
		settling = startSettle(ctx, func(sctx context.Context) {
			res, err := sess.Build(sctx)
			if sctx.Err() == nil {
				reportSettled(logw, res, err)
				if srv != nil {
					announce(srv, res, err)
				}
				// Collect the builds' garbage now, while the person reads,
				// rather than during the next quick build.
				runtime.GC()
			}
			if opts.Settled != nil {
				opts.Settled(res, err)
			}
		})
	}

	startSettling(rebuild(""))
	if opts.Ready != nil {
		opts.Ready(where)
	}
	for {
		var settled <-chan struct{}
		if settling != nil {
			settled = settling.done
		}
		select {
		case <-ctx.Done():
			stopSettling()
			if done != nil {
				if err := <-done; err != nil && !errors.Is(err, context.Canceled) {
					return err
				}
			}
			return nil
		case <-settled:
			settling = nil
		case err, ok := <-w.Errors():
			if ok {
				fmt.Fprintf(logw, "ladder: watching: %v\n", err)
			}
		case b, ok := <-w.Events():
			if !ok {
				return errors.New("the file watcher stopped")
			}
			stopSettling()
			startSettling(rebuild(describe(src, b)))
		}
	}
}

// announce tells the open pages what a build did: the error overlay for
// bad input; otherwise a reload of the pages that changed, of every page
// when anything a page loads changed, or a style sheet swap when only
// style sheets did.
func announce(srv *serve.Server, res build.Result, err error) {
	var list diag.List
	switch {
	case errors.As(err, &list):
		srv.ShowError(serve.FromDiag(list))
	case errors.Is(err, context.Canceled):
	case err != nil:
		srv.ShowError([]serve.Diagnostic{{Message: err.Error()}})
	case loadsChanged(res):
		srv.Reload(res.Changed)
	default:
		srv.ReloadPages(res.ChangedPages)
	}
}

// loadsChanged reports whether a file that pages load with them (a style
// sheet, script, image or font under assets/) changed: every page must
// then reload, or swap its style sheets.
func loadsChanged(res build.Result) bool {
	for _, rel := range res.Changed {
		if strings.HasPrefix(rel, "assets/") {
			return true
		}
	}
	return false
}

// settle is a follow-up build running in the background.
type settle struct {
	cancel context.CancelFunc
	done   chan struct{}
}

func startSettle(ctx context.Context, run func(context.Context)) *settle {
	sctx, cancel := context.WithCancel(ctx)
	s := &settle{cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(s.done)
		run(sctx)
	}()
	return s
}

// stop cancels the build and waits for it to return, as the session
// serves one build at a time.
func (s *settle) stop() {
	s.cancel()
	<-s.done
}

// describe names what a batch changed, for the log line.
func describe(src string, b watch.Batch) string {
	if b.Rescan {
		return "many files"
	}
	if len(b.Paths) == 1 {
		if rel, err := filepath.Rel(src, b.Paths[0]); err == nil {
			return filepath.ToSlash(rel)
		}
		return b.Paths[0]
	}
	return fmt.Sprintf("%d files", len(b.Paths))
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

// reportSettled prints one line for a follow-up build that changed files.
func reportSettled(w io.Writer, res build.Result, err error) {
	switch {
	case err != nil:
		report(w, "", res, err)
	case res.Written > 0 || len(res.Changed) > 0:
		fmt.Fprintf(w, "ladder: search index, downloads and related pages updated in %s, %d %s written\n",
			res.Duration.Round(100*time.Microsecond), len(res.Changed), plural(len(res.Changed), "file", "files"))
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
