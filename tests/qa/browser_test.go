package qa

import (
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestBrowserGoodPageIsClean(t *testing.T) {
	t.Parallel()
	b := NewBrowser(t)
	if err := b.Open("testdata/good/index.html"); err != nil {
		t.Fatal(err)
	}
	ev := b.Events()
	AssertNone(t, "browser events on good/index.html", ev.Findings())
	var sawCSS, sawJS bool
	for _, r := range ev.Requests {
		sawCSS = sawCSS || strings.HasSuffix(r.URL, "/assets/style.css")
		sawJS = sawJS || strings.HasSuffix(r.URL, "/assets/app.js")
	}
	if !sawCSS || !sawJS {
		t.Errorf("file:// sub-resource requests not recorded (css %v, js %v): %+v", sawCSS, sawJS, ev.Requests)
	}
}

func TestBrowserBrokenPageIsReported(t *testing.T) {
	t.Parallel()
	b := NewBrowser(t)
	if err := b.Open("testdata/broken/index.html"); err != nil {
		t.Fatal(err)
	}
	ev := b.Events()
	got := FormatFindings(ev.Findings())
	t.Logf("findings:\n%s", got)
	for _, want := range []string{
		"console: error: boom from fixture",
		"exception: Uncaught",
		"uncaught from fixture",
		"failed to load file://",
		"missing.css: net::ERR_FILE_NOT_FOUND",
		"nothere.png: net::ERR_FILE_NOT_FOUND",
		"banner-missing.png", // not rendered (no element uses .banner), so must not appear
		"request leaves the machine: Script https://cdn.example.com/x.js",
	} {
		if want == "banner-missing.png" {
			if strings.Contains(got, want) {
				t.Errorf("unexpected finding for an unused CSS rule: %s", want)
			}
			continue
		}
		if !strings.Contains(got, want) {
			t.Errorf("missing finding containing %q", want)
		}
	}
	if len(ev.External()) != 1 {
		t.Errorf("want exactly one external request, got %+v", ev.External())
	}
}

func TestBrowserNavigateMissingFile(t *testing.T) {
	t.Parallel()
	b := NewBrowser(t)
	if err := b.Open("testdata/good/nope.html"); err == nil {
		t.Error("navigating to a missing file: want an error")
	}
}

func TestBrowserLoopbackHTTP(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: http.FileServer(http.Dir("testdata/good"))}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })

	b := NewBrowser(t)
	if err := b.Navigate("http://" + ln.Addr().String() + "/index.html"); err != nil {
		t.Fatal(err)
	}
	if err := b.Navigate("http://" + ln.Addr().String() + "/absent.png"); err != nil {
		t.Fatal(err)
	}
	ev := b.Events()
	if len(ev.External()) != 0 {
		t.Errorf("loopback requests counted as external: %+v", ev.External())
	}
	if len(ev.Failed) != 1 || ev.Failed[0].Error != "HTTP 404" {
		t.Errorf("want one HTTP 404 failure, got %+v", ev.Failed)
	}
}

func TestBrowserColorScheme(t *testing.T) {
	t.Parallel()
	b := NewBrowser(t)
	for _, c := range []struct{ scheme, bg string }{
		{"light", "rgb(255, 255, 255)"},
		{"dark", "rgb(18, 18, 18)"},
		{"", "rgb(255, 255, 255)"},
	} {
		if err := b.ColorScheme(c.scheme); err != nil {
			t.Fatal(err)
		}
		if err := b.Open("testdata/good/index.html"); err != nil {
			t.Fatal(err)
		}
		var bg string
		if err := b.Eval(`getComputedStyle(document.body).backgroundColor`, &bg); err != nil {
			t.Fatal(err)
		}
		if bg != c.bg {
			t.Errorf("prefers-color-scheme %q: body background %s, want %s", c.scheme, bg, c.bg)
		}
	}
}

func TestBrowserDialogDoesNotHang(t *testing.T) {
	t.Parallel()
	b := NewBrowser(t)
	if err := b.Navigate(`data:text/html,<title>d</title><script>alert("hi")</script><p>after</p>`); err != nil {
		t.Fatal(err)
	}
	got := FormatFindings(b.Events().Findings())
	if !strings.Contains(got, "dialog: alert: hi") {
		t.Errorf("alert not reported:\n%s", got)
	}
}

func TestBrowserScreenshot(t *testing.T) {
	t.Parallel()
	b := NewBrowser(t)
	if err := b.Open("testdata/good/index.html"); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "good.png")
	if err := Screenshot(b.Context(), out); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(data), "\x89PNG") {
		t.Errorf("screenshot is not a PNG (%d bytes)", len(data))
	}
}

// TestBrowserLeavesNoProcess checks that the cleanup of NewBrowser kills
// every Chromium process that used the browser's profile directory.
func TestBrowserLeavesNoProcess(t *testing.T) {
	t.Parallel()
	var dir string
	t.Run("browser", func(t *testing.T) {
		b := NewBrowser(t)
		dir = b.UserDataDir()
		if err := b.Open("testdata/good/index.html"); err != nil {
			t.Fatal(err)
		}
		if n := processesUsing(t, dir); n == 0 {
			t.Fatal("found no browser process to watch; the check below would prove nothing")
		}
	})
	if dir == "" {
		t.Skip("no browser was started")
	}
	// A killed process may take a moment to leave /proc on a busy
	// machine: what counts is that it goes, not how fast.
	n := processesUsing(t, dir)
	for deadline := time.Now().Add(10 * time.Second); n > 0 && time.Now().Before(deadline); n = processesUsing(t, dir) {
		time.Sleep(50 * time.Millisecond)
	}
	if n > 0 {
		t.Errorf("%d browser process(es) still running 10 s after cleanup", n)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("profile directory %s not removed (%v)", dir, err)
	}
}

// processesUsing counts live processes whose command line mentions dir.
func processesUsing(t *testing.T, dir string) int {
	t.Helper()
	cmdlines, err := filepath.Glob("/proc/[0-9]*/cmdline")
	if err != nil {
		t.Fatal(err)
	}
	if len(cmdlines) == 0 {
		t.Skip("no /proc to inspect")
	}
	n := 0
	for _, p := range cmdlines {
		data, err := os.ReadFile(p)
		if err != nil {
			continue // the process ended meanwhile
		}
		stat, _ := os.ReadFile(filepath.Join(filepath.Dir(p), "stat"))
		if strings.Contains(string(data), dir) && !strings.Contains(string(stat), ") Z ") {
			n++
		}
	}
	return n
}

func TestAllowedURL(t *testing.T) {
	t.Parallel()
	cases := []struct {
		url  string
		want bool
	}{
		{"file:///tmp/a.html", true},
		{"data:text/css,a", true},
		{"blob:file:///1234", true},
		{"about:blank", true},
		{"http://127.0.0.1:8080/x", true},
		{"http://127.8.0.1/x", true},
		{"https://localhost/x", true},
		{"ws://[::1]:9/x", true},
		{"https://cdn.example.com/x.js", false},
		{"http://10.0.0.1/x", false},
		{"http://localhost.example.com/x", false},
		{"ftp://127.0.0.1/x", false},
		{"chrome://settings", false},
	}
	for _, c := range cases {
		if got := AllowedURL(c.url); got != c.want {
			t.Errorf("AllowedURL(%q) = %v, want %v", c.url, got, c.want)
		}
	}
}
