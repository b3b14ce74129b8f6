package qa

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// DefaultTimeout bounds each browser operation (one navigation, one axe
// run, one keyboard walk) unless the caller's context sets a deadline.
const DefaultTimeout = 60 * time.Second

// browserFlags returns the Chromium switches every test browser gets. The
// resolver and proxy rules make every host but loopback fail at once, so a
// page's attempt to reach the network is recorded but nothing leaves the
// machine and no test waits for a DNS time-out.
func browserFlags() []chromedp.ExecAllocatorOption {
	return []chromedp.ExecAllocatorOption{
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("no-default-browser-check", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-breakpad", true),
		chromedp.Flag("disable-domain-reliability", true),
		chromedp.Flag("disable-client-side-phishing-detection", true),
		chromedp.Flag("safebrowsing-disable-auto-update", true),
		chromedp.Flag("metrics-recording-only", true),
		chromedp.Flag("mute-audio", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("force-color-profile", "srgb"),
		chromedp.Flag("password-store", "basic"),
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"),
		chromedp.Flag("proxy-server", "http://127.0.0.1:9"),
		chromedp.Flag("proxy-bypass-list", "<-loopback>;127.0.0.1;localhost;[::1]"),
		chromedp.WindowSize(1280, 900),
	}
}

// ConsoleMessage is an error the page reported: a console.error or
// console.assert call, an uncaught exception or rejected promise, a browser
// log entry at error level (failed resource, CSP violation), or an alert
// dialog.
type ConsoleMessage struct {
	Page   string // the URL the browser was showing
	Source string // "console", "exception", "log" or "dialog"
	Text   string
	URL    string // where the message came from, when known
	Line   int    // 1-based, when known
}

// Request is one request the page made.
type Request struct {
	Page string // the URL the browser was showing
	URL  string
	Type string // "Document", "Stylesheet", "Script", "Image", …
}

// FailedLoad is a request that did not succeed: a network error (a missing
// file under file://, a refused connection) or an HTTP status of 400 or more.
type FailedLoad struct {
	Page  string
	URL   string
	Error string // e.g. "net::ERR_FILE_NOT_FOUND" or "HTTP 404"
}

// Events is what a Browser recorded since it started or was last Reset.
type Events struct {
	Console  []ConsoleMessage
	Requests []Request
	Failed   []FailedLoad
}

// External returns the requests whose URL is not allowed by AllowedURL.
func (e Events) External() []Request {
	var out []Request
	for _, r := range e.Requests {
		if !AllowedURL(r.URL) {
			out = append(out, r)
		}
	}
	return out
}

// Findings returns every console error, failed load and external request as
// a finding, with File set to the page URL.
func (e Events) Findings() []Finding {
	console, failed, external := e.findings(func(f Finding) Finding { return f })
	return append(append(console, failed...), external...)
}

// findings returns the console, failed-load and external-request findings,
// each passed through fix (which may, for example, rename File).
func (e Events) findings(fix func(Finding) Finding) (console, failed, external []Finding) {
	for _, m := range e.Console {
		msg := m.Source + ": " + m.Text
		if m.URL != "" {
			msg += fmt.Sprintf(" (at %s:%d)", m.URL, m.Line)
		}
		console = append(console, fix(Finding{Check: "console", File: m.Page, Message: msg}))
	}
	for _, f := range e.Failed {
		failed = append(failed, fix(Finding{Check: "network", File: f.Page, Message: "failed to load " + f.URL + ": " + f.Error}))
	}
	for _, r := range e.External() {
		external = append(external, fix(Finding{Check: "network", File: r.Page, Message: "request leaves the machine: " + r.Type + " " + r.URL}))
	}
	return console, failed, external
}

// AllowedURL reports whether loading raw keeps the browser on this machine:
// file:, data:, blob: and about: URLs, and http(s)/ws(s) to loopback
// (127.0.0.0/8, ::1, localhost).
func AllowedURL(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	switch u.Scheme {
	case "file", "data", "blob", "about", "chrome-error":
		return true
	case "http", "https", "ws", "wss":
		host := u.Hostname()
		if host == "localhost" {
			return true
		}
		ip := net.ParseIP(host)
		return ip != nil && ip.IsLoopback()
	}
	return false
}

// Browser is one headless Chromium with one tab, recording what its pages
// do. It is safe to read its Events while a page runs. Create it with
// NewBrowser; it is closed, and its processes killed, when the test ends.
type Browser struct {
	ctx     context.Context // the tab's chromedp context
	timeout time.Duration
	dataDir string

	mu       sync.Mutex
	cmd      *exec.Cmd
	current  string                        // URL being shown
	pending  map[network.RequestID]Request // requests seen, for matching failures
	recorded Events
}

// NewBrowser starts Chromium (see Chromium for where it is found, and when
// a missing browser skips or fails t) with a fresh profile in a temporary
// directory. Its cleanup closes the browser, kills any process left in its
// process group and removes the profile.
func NewBrowser(t testing.TB) *Browser {
	t.Helper()
	exe := Chromium(t)
	dataDir, err := os.MkdirTemp("", "ladder-qa-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	b := &Browser{timeout: DefaultTimeout, dataDir: dataDir, pending: map[network.RequestID]Request{}}
	opts := append([]chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.UserDataDir(dataDir),
		// chromedp gives a browser 20 s to say where it listens; on a
		// busy machine Chromium has taken longer, so it gets as long as
		// any other browser operation.
		chromedp.WSURLReadTimeout(DefaultTimeout),
		chromedp.ModifyCmdFunc(func(cmd *exec.Cmd) {
			ownProcessGroup(cmd)
			b.mu.Lock()
			b.cmd = cmd
			b.mu.Unlock()
		}),
	}, browserFlags()...)
	allocCtx, allocCancel := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	b.ctx = ctx
	t.Cleanup(func() {
		closeCtx, closeCancel := context.WithTimeout(ctx, 5*time.Second)
		_ = chromedp.Cancel(closeCtx)
		closeCancel()
		cancel()
		allocCancel()
		b.mu.Lock()
		killProcessGroup(b.cmd)
		b.mu.Unlock()
		if err := os.RemoveAll(dataDir); err != nil {
			t.Logf("qa: removing browser profile: %v", err)
		}
	})

	chromedp.ListenTarget(ctx, b.onEvent)
	// The first Run starts the browser; it must not get a timeout context,
	// or the browser would die with it.
	start := make(chan error, 1)
	go func() {
		start <- chromedp.Run(ctx,
			network.Enable(),
			log.Enable(),
			emulation.SetFocusEmulationEnabled(true),
		)
	}()
	select {
	case err = <-start:
	case <-time.After(b.timeout):
		err = errors.New("timed out")
	}
	if err != nil {
		t.Fatalf("qa: starting %s: %v", exe, err)
	}
	return b
}

// UserDataDir returns the browser's temporary profile directory.
func (b *Browser) UserDataDir() string { return b.dataDir }

// Context returns the tab's chromedp context, for Axe, Keyboard, Screenshot
// and direct chromedp.Run calls. Derive a timeout from it; never cancel it.
func (b *Browser) Context() context.Context { return b.ctx }

// Run runs chromedp actions in the tab, bounded by DefaultTimeout.
func (b *Browser) Run(actions ...chromedp.Action) error {
	ctx, cancel := context.WithTimeout(b.ctx, b.timeout)
	defer cancel()
	return chromedp.Run(ctx, actions...)
}

// Navigate loads raw (a file://, http://127.0.0.1 or other URL) and waits
// for its load event, so that all the page's initial sub-resources have
// loaded or failed. A page that cannot be loaded at all (a missing file)
// is an error.
func (b *Browser) Navigate(raw string) error {
	b.mu.Lock()
	b.current = raw
	b.mu.Unlock()
	if err := b.Run(chromedp.Navigate(raw)); err != nil {
		return fmt.Errorf("navigating to %s: %w", raw, err)
	}
	return nil
}

// Open navigates to the local file at path through a file:// URL.
func (b *Browser) Open(path string) error {
	u, err := FileURL(path)
	if err != nil {
		return err
	}
	return b.Navigate(u)
}

// FileURL returns the file:// URL of the local file at path.
func FileURL(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String(), nil
}

// ColorScheme emulates prefers-color-scheme: "light" or "dark"; "" restores
// the default. It applies to the current page and the following ones.
func (b *Browser) ColorScheme(scheme string) error {
	return b.EmulateMedia(map[string]string{"prefers-color-scheme": scheme})
}

// EmulateMedia sets CSS media features such as prefers-color-scheme,
// prefers-reduced-motion or forced-colors. An empty map restores them all.
func (b *Browser) EmulateMedia(features map[string]string) error {
	var fs []*emulation.MediaFeature
	for name, value := range features {
		fs = append(fs, &emulation.MediaFeature{Name: name, Value: value})
	}
	return b.Run(emulation.SetEmulatedMedia().WithFeatures(fs))
}

// Eval evaluates a JavaScript expression in the page, awaiting it when it is
// a promise, and stores its JSON value in res (a pointer), when res is not nil.
func (b *Browser) Eval(expr string, res any) error {
	return b.Run(chromedp.Evaluate(expr, res, awaitPromise))
}

// awaitPromise makes chromedp.Evaluate wait for a returned promise.
func awaitPromise(p *runtime.EvaluateParams) *runtime.EvaluateParams {
	return p.WithAwaitPromise(true)
}

// Events returns a copy of what was recorded since the start or last Reset.
func (b *Browser) Events() Events {
	b.mu.Lock()
	defer b.mu.Unlock()
	return Events{
		Console:  append([]ConsoleMessage(nil), b.recorded.Console...),
		Requests: append([]Request(nil), b.recorded.Requests...),
		Failed:   append([]FailedLoad(nil), b.recorded.Failed...),
	}
}

// Reset forgets the recorded events.
func (b *Browser) Reset() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.recorded = Events{}
	b.pending = map[network.RequestID]Request{}
}

// onEvent records one DevTools event. It runs on chromedp's event loop, so it
// must not block or call back into the browser synchronously.
func (b *Browser) onEvent(ev any) {
	b.mu.Lock()
	defer b.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		r := Request{Page: b.current, URL: ev.Request.URL, Type: string(ev.Type)}
		b.pending[ev.RequestID] = r
		b.recorded.Requests = append(b.recorded.Requests, r)
	case *network.EventResponseReceived:
		if ev.Response != nil && ev.Response.Status >= 400 {
			b.recorded.Failed = append(b.recorded.Failed, FailedLoad{Page: b.current, URL: ev.Response.URL, Error: fmt.Sprintf("HTTP %d", int(ev.Response.Status))})
		}
	case *network.EventLoadingFailed:
		if ev.Canceled {
			return // aborted by a navigation, not a broken page
		}
		r := b.pending[ev.RequestID]
		b.recorded.Failed = append(b.recorded.Failed, FailedLoad{Page: b.current, URL: r.URL, Error: ev.ErrorText + blockedReason(ev)})
	case *runtime.EventConsoleAPICalled:
		if ev.Type != runtime.APITypeError && ev.Type != runtime.APITypeAssert {
			return
		}
		m := ConsoleMessage{Page: b.current, Source: "console", Text: string(ev.Type) + ": " + argsText(ev.Args)}
		if ev.StackTrace != nil && len(ev.StackTrace.CallFrames) > 0 {
			f := ev.StackTrace.CallFrames[0]
			m.URL, m.Line = f.URL, int(f.LineNumber)+1
		}
		b.recorded.Console = append(b.recorded.Console, m)
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		text := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			text += " " + d.Exception.Description
		}
		b.recorded.Console = append(b.recorded.Console, ConsoleMessage{Page: b.current, Source: "exception", Text: text, URL: d.URL, Line: int(d.LineNumber) + 1})
	case *log.EventEntryAdded:
		if ev.Entry.Level != log.LevelError || ev.Entry.Source == log.SourceNetwork {
			return // failed loads are recorded from the network events
		}
		b.recorded.Console = append(b.recorded.Console, ConsoleMessage{Page: b.current, Source: "log", Text: string(ev.Entry.Source) + ": " + ev.Entry.Text, URL: ev.Entry.URL, Line: int(ev.Entry.LineNumber) + 1})
	case *page.EventJavascriptDialogOpening:
		b.recorded.Console = append(b.recorded.Console, ConsoleMessage{Page: b.current, Source: "dialog", Text: string(ev.Type) + ": " + ev.Message})
		go func() {
			ctx, cancel := context.WithTimeout(b.ctx, 5*time.Second)
			defer cancel()
			_ = chromedp.Run(ctx, page.HandleJavaScriptDialog(false))
		}()
	}
}

// blockedReason describes why a request was blocked, when it was.
func blockedReason(ev *network.EventLoadingFailed) string {
	if ev.BlockedReason != "" {
		return " (blocked: " + string(ev.BlockedReason) + ")"
	}
	return ""
}

// argsText renders console call arguments the way the console shows them.
func argsText(args []*runtime.RemoteObject) string {
	parts := make([]string, 0, len(args))
	for _, a := range args {
		switch {
		case a.Type == runtime.TypeString:
			var s string
			if err := json.Unmarshal(a.Value, &s); err == nil {
				parts = append(parts, s)
				continue
			}
			parts = append(parts, string(a.Value))
		case a.Description != "":
			parts = append(parts, a.Description)
		case len(a.Value) > 0:
			parts = append(parts, string(a.Value))
		default:
			parts = append(parts, string(a.Type))
		}
	}
	return strings.Join(parts, " ")
}

// Screenshot saves a full-page PNG of the page shown in the tab ctx (see
// Browser.Context) to path, for a person to look at.
func Screenshot(ctx context.Context, path string) error {
	ctx, cancel := withDefaultTimeout(ctx)
	defer cancel()
	var png []byte
	if err := chromedp.Run(ctx, chromedp.FullScreenshot(&png, 100)); err != nil {
		return fmt.Errorf("screenshot: %w", err)
	}
	return os.WriteFile(path, png, 0o644)
}

// withDefaultTimeout bounds ctx by DefaultTimeout unless it has a deadline.
func withDefaultTimeout(ctx context.Context) (context.Context, context.CancelFunc) {
	if _, ok := ctx.Deadline(); ok {
		return context.WithCancel(ctx)
	}
	return context.WithTimeout(ctx, DefaultTimeout)
}
