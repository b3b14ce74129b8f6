// Package live runs ladder's rebuild loop for `ladder serve` and
// `ladder build --watch`: it watches the site folder, rebuilds with a
// pipeline.Session (which renders and writes only what changed), and, when
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

	"github.com/ladder-ssg/ladder/generator/config"
	"github.com/ladder-ssg/ladder/generator/diag"
	"github.com/ladder-ssg/ladder/generator/load"
	"github.com/ladder-ssg/ladder/generator/pipeline"
	"github.com/ladder-ssg/ladder/generator/serve"
	"github.com/ladder-ssg/ladder/generator/watch"
)

// Options configure the loop.
type Options struct {
	Build pipeline.Options
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
	// Built, when set, is called after every build with its result, but
	// for one that found a file in the middle of a save: that one is
	// retried when the save is done.
	Built func(pipeline.Result, error)
	// Settled, when set, is called after every follow-up build that
	// completes a quick one (see pipeline.Session.Quick), and after one is
	// stopped because of newer changes (with a context error).
	Settled func(pipeline.Result, error)
}

// SaveSettle is how long after its last change a file that is empty or
// half-written is taken to be in the middle of a save (see
// load.Options.Settle): the rebuild waits for the rest of the save, or
// for this long, before it shows the file as broken.
const SaveSettle = time.Second

// Run builds, then rebuilds on every change until ctx is done. It returns
// nil after a clean stop. When serving without an output folder, the site
// is built into a temporary folder that Run removes before it returns.
func Run(ctx context.Context, opts Options) (err error) {
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	if opts.Build.Settle == 0 {
		opts.Build.Settle = SaveSettle
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
	if opts.Build.Out, err = filepath.Abs(opts.Build.Out); err != nil {
		return err
	}
	w, err := watchSite(src, opts)
	if err != nil {
		return err
	}
	defer w.Close()

	l := &loop{opts: opts, sess: pipeline.NewSession(opts.Build)}
	where := opts.Build.Out
	var done <-chan error
	if opts.Serve {
		l.srv = serve.New(opts.Build.Out)
		url, d, err := l.srv.ListenAndServe(ctx, opts.Addr)
		if err != nil {
			if strings.Contains(err.Error(), "address already in use") {
				return fmt.Errorf("%s is in use: choose another port with --port: %w", opts.Addr, err)
			}
			return err
		}
		where, done = url, d
	}
	defer l.stopSettling()
	l.rebuild(ctx, "")
	if opts.Ready != nil {
		opts.Ready(where)
	}
	if err := l.run(ctx, w); err != nil {
		return err
	}
	if done != nil {
		if err := <-done; err != nil && !errors.Is(err, context.Canceled) {
			return err
		}
	}
	return nil
}

// watchSite starts watching the parts of the site folder a build reads.
func watchSite(src string, opts Options) (*watch.Watcher, error) {
	wopts := []watch.Option{watch.WithExclude(opts.Build.Out)}
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
	return watch.New(roots, wopts...)
}

// loop is the state of one Run: the session, the server (nil without
// one), the follow-up build in the background, and the retry of a build
// that found a file mid-save.
type loop struct {
	opts     Options
	sess     *pipeline.Session
	srv      *serve.Server
	settling *settle
	retry    *time.Timer // set while a build waits for a save to finish
	reason   string      // what the build that retry repeats was for
	failed   bool        // whether the last build reported failed
}

// run rebuilds on every batch of changes until ctx is done.
func (l *loop) run(ctx context.Context, w *watch.Watcher) error {
	for {
		var settled <-chan struct{}
		if l.settling != nil {
			settled = l.settling.done
		}
		var retry <-chan time.Time
		if l.retry != nil {
			retry = l.retry.C
		}
		select {
		case <-ctx.Done():
			l.stopSettling()
			if l.retry != nil {
				l.retry.Stop()
			}
			return nil
		case <-settled:
			l.settling = nil
		case <-retry:
			l.retry = nil
			l.rebuild(ctx, l.reason)
		case err, ok := <-w.Errors():
			if ok {
				fmt.Fprintf(l.opts.Log, "ladder: watching: %v\n", err)
			}
		case b, ok := <-w.Events():
			if !ok {
				return errors.New("the file watcher stopped")
			}
			l.rebuild(ctx, describe(l.opts.Build.Source, b))
		}
	}
}

// rebuild is the show step: it stops the follow-up build of the last
// change, runs the quick build, so the edited page reloads first, and
// starts the follow-up. A build that found a file mid-save reports
// nothing: it is retried when the save's next change arrives, or when
// the file has settled. A build that changed nothing after a good one (a
// touched file, or the last event of a save that an earlier build already
// read whole) is neither logged nor shown: there is nothing new to show.
func (l *loop) rebuild(ctx context.Context, reason string) {
	l.stopSettling()
	if l.retry != nil {
		l.retry.Stop()
		l.retry = nil
	}
	res, err := l.sess.Quick(ctx)
	if l.waitForSave(reason, err) {
		return
	}
	if err != nil || l.failed || reason == "" || len(res.Changed) > 0 {
		report(l.opts.Log, reason, res, err)
		if l.srv != nil {
			announce(l.srv, res, err)
		}
	}
	l.failed = err != nil
	if l.opts.Built != nil {
		l.opts.Built(res, err)
	}
	if res.Pending {
		l.settling = startSettle(ctx, l.settle)
	}
}

// waitForSave arms the retry when err says a file is being saved, and
// reports whether it did.
func (l *loop) waitForSave(reason string, err error) bool {
	var saving *load.Saving
	if !errors.As(err, &saving) {
		return false
	}
	l.retry, l.reason = time.NewTimer(time.Until(saving.Until)), reason
	return true
}

// settle is the settle step: a full build after a quick one, in the
// background and stopped by the next change, which starts over with a
// quick one.
func (l *loop) settle(sctx context.Context) {
	res, err := l.sess.Build(sctx)
	var saving *load.Saving
	if sctx.Err() == nil && !errors.As(err, &saving) {
		// A file being saved brings a new change and a new quick build.
		reportSettled(l.opts.Log, res, err)
		if l.srv != nil {
			announce(l.srv, res, err)
		}
		// Collect the builds' garbage now, while the person reads,
		// rather than during the next quick build.
		runtime.GC()
	}
	if l.opts.Settled != nil {
		l.opts.Settled(res, err)
	}
}

func (l *loop) stopSettling() {
	if l.settling != nil {
		l.settling.stop()
		l.settling = nil
	}
}

// announce tells the open pages what a build did: the error overlay for
// bad input; otherwise a reload of the pages that changed, of every page
// when anything a page loads changed, or a style sheet swap when only
// style sheets did.
func announce(srv *serve.Server, res pipeline.Result, err error) {
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
func loadsChanged(res pipeline.Result) bool {
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
func report(w io.Writer, reason string, res pipeline.Result, err error) {
	for _, d := range res.Warnings {
		fmt.Fprintf(w, "%s\n", d.Error())
	}
	var list diag.List
	switch {
	case errors.As(err, &list):
		fmt.Fprintf(w, "ladder: %d %s; still serving the last good build:\n", len(list), diag.Plural(len(list), "error", "errors"))
		for _, d := range list {
			fmt.Fprintf(w, "  %s\n", d.Error())
		}
	case err != nil:
		fmt.Fprintf(w, "ladder: build failed: %v\n", err)
	case reason == "":
		fmt.Fprintf(w, "ladder: built %d pages (%d files) in %s\n", res.Pages, res.Files, res.Duration.Round(time.Millisecond))
	default:
		fmt.Fprintf(w, "ladder: %s changed: rebuilt in %s, %d %s rendered, %d %s written\n", reason,
			res.Duration.Round(100*time.Microsecond), res.Rendered, diag.Plural(res.Rendered, "page", "pages"),
			res.Written, diag.Plural(res.Written, "file", "files"))
	}
}

// reportSettled prints one line for a follow-up build that changed files.
func reportSettled(w io.Writer, res pipeline.Result, err error) {
	switch {
	case err != nil:
		report(w, "", res, err)
	case res.Written > 0 || len(res.Changed) > 0:
		fmt.Fprintf(w, "ladder: search index, downloads and related pages updated in %s, %d %s written\n",
			res.Duration.Round(100*time.Microsecond), len(res.Changed), diag.Plural(len(res.Changed), "file", "files"))
	}
}
