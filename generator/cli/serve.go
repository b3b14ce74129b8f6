package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"strconv"
	"syscall"
	"time"

	"github.com/ladder-ssg/ladder/generator/live"
	"github.com/ladder-ssg/ladder/generator/pipeline"
)

func (a *App) serve(args []string) int {
	fs := a.flags("serve")
	source := fs.String("source", ".", "the site `folder`")
	out := fs.String("out", "", "build into this `folder` instead of a temporary one")
	bind := fs.String("bind", "127.0.0.1", "the `address` to listen on; loopback keeps the site private")
	port := fs.Int("port", 1313, "the TCP `port`")
	open := fs.Bool("open", false, "open the site in the default browser")
	poll := fs.Duration("poll", 0, "poll for changes every `DURATION` (e.g. 500ms) instead of using file system events")
	baseURL := fs.String("base-url", "", "the `URL` the site will be published at (for canonical links)")
	strict := fs.Bool("strict", false, "treat unknown fields and keys as errors")
	if code, stop := a.parse(fs, args, 0); stop {
		return code
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := live.Run(ctx, live.Options{
		Build: pipeline.Options{Source: *source, Out: *out, BaseURL: *baseURL, Strict: *strict, Defaults: a.Defaults, Preview: true},
		Serve: true,
		Addr:  net.JoinHostPort(*bind, strconv.Itoa(*port)),
		Poll:  *poll,
		Log:   a.Stderr,
		Ready: func(url string) {
			fmt.Fprintf(a.Stdout, "ladder: serving %s (Ctrl-C to stop)\n", url)
			if *open {
				openBrowser(url)
			}
		},
	})
	// Ctrl-C is how serve is meant to stop, even during the first build.
	if err != nil && !errors.Is(err, context.Canceled) {
		fmt.Fprintf(a.Stderr, "ladder serve: %v\n", err)
		return ExitInput
	}
	fmt.Fprintln(a.Stdout, "ladder: stopped")
	return ExitOK
}

// watchBuild is `ladder build --watch`: the rebuild loop without a server.
func (a *App) watchBuild(opts pipeline.Options, poll time.Duration) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := live.Run(ctx, live.Options{
		Build: opts,
		Poll:  poll,
		Log:   a.Stderr,
		Ready: func(out string) {
			fmt.Fprintf(a.Stdout, "ladder: watching %s, writing %s (Ctrl-C to stop)\n", opts.Source, out)
		},
	})
	if err != nil && !errors.Is(err, context.Canceled) {
		fmt.Fprintf(a.Stderr, "ladder build --watch: %v\n", err)
		return ExitInput
	}
	fmt.Fprintln(a.Stdout, "ladder: stopped")
	return ExitOK
}

// opener is the command that opens a file or URL with the desktop's
// default application on the operating system goos.
func opener(goos string) string {
	switch goos {
	case "darwin":
		return "open"
	case "windows":
		return "start"
	}
	return "xdg-open"
}

// openBrowser asks the desktop to open url; failing quietly is fine, as
// the URL is printed anyway.
func openBrowser(url string) {
	cmd := exec.Command(opener(runtime.GOOS), url)
	if runtime.GOOS == "windows" {
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	}
	if cmd.Start() == nil {
		go cmd.Wait()
	}
}
