package serve

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"
)

// fixture writes a small built site and returns its folder. Beside the
// folder lies outside.txt, which no request may reach.
func fixture(t *testing.T) string {
	t.Helper()
	base := t.TempDir()
	dir := filepath.Join(base, "public")
	files := map[string]string{
		"index.html":                "<!doctype html><html><body><h1>Home</h1></body></html>",
		"occupations/x/index.html":  "<!doctype html><html><body><h1>X</h1></body></html>",
		"404.html":                  "<!doctype html><html><body><h1>Not here</h1></body></html>",
		"assets/style.css":          "body{color:#000}",
		"assets/app.js":             "console.log(1)",
		"data/x.json":               `{"x":1}`,
		"assets/logo.svg":           "<svg xmlns='http://www.w3.org/2000/svg'/>",
		"sitemap.xml":               "<urlset/>",
		"data/x.csv":                "a,b\n",
		"data/x.zip":                "PK\x05\x06" + strings.Repeat("\x00", 18),
		"assets/icon.png":           "\x89PNG\r\n\x1a\n",
		"assets/font.woff2":         "wOF2",
		"site.webmanifest":          "{}",
		"feed.atom":                 "<feed/>",
		"unknown.bin":               "\x00\x01",
		"UPPER.HTML":                "<html><body>upper</body></html>",
		".ladder-output":            "marker",
		"assets/.hidden/secret.txt": "hidden",
	}
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(filepath.Join(dir, "emptydir"), 0o755); err != nil {
		t.Fatal(err)
	}
	outside := filepath.Join(base, "outside.txt")
	if err := os.WriteFile(outside, []byte("TOP SECRET"), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, target := range map[string]string{
		"secret-rel.txt": "../outside.txt",
		"secret-abs.txt": outside,
		"secret-dir":     "..",
		"inside.txt":     "sitemap.xml",
	} {
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// get serves one request through the handler. target is sent as is.
func get(t *testing.T, h http.Handler, method, target string, header ...string) *http.Response {
	t.Helper()
	r := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w.Result()
}

func body(t *testing.T, resp *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestContentTypes(t *testing.T) {
	s := New(fixture(t))
	tests := []struct{ path, want string }{
		{"/", "text/html; charset=utf-8"},
		{"/UPPER.HTML", "text/html; charset=utf-8"},
		{"/assets/style.css", "text/css; charset=utf-8"},
		{"/assets/app.js", "text/javascript; charset=utf-8"},
		{"/data/x.json", "application/json"},
		{"/assets/logo.svg", "image/svg+xml"},
		{"/sitemap.xml", "application/xml"},
		{"/data/x.csv", "text/csv; charset=utf-8"},
		{"/data/x.zip", "application/zip"},
		{"/assets/icon.png", "image/png"},
		{"/assets/font.woff2", "font/woff2"},
		{"/site.webmanifest", "application/manifest+json"},
		{"/feed.atom", "application/atom+xml"},
		{"/unknown.bin", "application/octet-stream"},
		{"/inside.txt", "text/plain; charset=utf-8"}, // a symbolic link inside the folder
		{ScriptPath, "text/javascript; charset=utf-8"},
	}
	for _, tc := range tests {
		resp := get(t, s, "GET", tc.path)
		if resp.StatusCode != 200 {
			t.Errorf("%s: status %d", tc.path, resp.StatusCode)
		}
		if got := resp.Header.Get("Content-Type"); got != tc.want {
			t.Errorf("%s: Content-Type %q, want %q", tc.path, got, tc.want)
		}
		if got := resp.Header.Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("%s: X-Content-Type-Options %q", tc.path, got)
		}
	}
}

func TestFolderIndexRedirectAndNotFound(t *testing.T) {
	s := New(fixture(t))
	tests := []struct {
		target   string
		status   int
		contains string
		location string
	}{
		{"/", 200, "<h1>Home</h1>", ""},
		{"/index.html", 200, "<h1>Home</h1>", ""},
		{"/occupations/x/", 200, "<h1>X</h1>", ""},
		{"/occupations/x/index.html", 200, "<h1>X</h1>", ""},
		{"/occupations/x", 301, "", "/occupations/x/"},
		{"/occupations/x?tab=2", 301, "", "/occupations/x/?tab=2"},
		{"/occupations", 404, "<h1>Not here</h1>", ""}, // a folder without index.html: no listing
		{"/occupations/", 404, "<h1>Not here</h1>", ""},
		{"/emptydir/", 404, "<h1>Not here</h1>", ""},
		{"/nope", 404, "<h1>Not here</h1>", ""},
		{"/nope/deeper/page.html", 404, "<h1>Not here</h1>", ""},
		{"/index.html/x", 404, "<h1>Not here</h1>", ""}, // a file used as a folder
		{"/.ladder-output", 404, "<h1>Not here</h1>", ""},
		{"/assets/.hidden/secret.txt", 404, "<h1>Not here</h1>", ""},
	}
	for _, tc := range tests {
		resp := get(t, s, "GET", tc.target)
		b := body(t, resp)
		if resp.StatusCode != tc.status {
			t.Errorf("%s: status %d, want %d", tc.target, resp.StatusCode, tc.status)
		}
		if !strings.Contains(b, tc.contains) {
			t.Errorf("%s: body %q lacks %q", tc.target, b, tc.contains)
		}
		if got := resp.Header.Get("Location"); got != tc.location {
			t.Errorf("%s: Location %q, want %q", tc.target, got, tc.location)
		}
		if tc.status == 404 {
			if !strings.Contains(b, ScriptPath) {
				t.Errorf("%s: the 404 page has no reload script", tc.target)
			}
			if cc := resp.Header.Get("Cache-Control"); cc != "no-cache" {
				t.Errorf("%s: Cache-Control %q", tc.target, cc)
			}
		}
	}

	// Without a 404 page: a plain one.
	dir := fixture(t)
	os.Remove(filepath.Join(dir, "404.html"))
	resp := get(t, New(dir), "GET", "/nope")
	if b := body(t, resp); resp.StatusCode != 404 || !strings.Contains(b, "<h1>Page not found</h1>") || !strings.Contains(b, ScriptPath) {
		t.Errorf("no 404.html: %d %q", resp.StatusCode, b)
	}
	// A site not built yet: a page that can show the error overlay, and
	// reload once the site is built.
	resp = get(t, New(filepath.Join(t.TempDir(), "missing")), "GET", "/")
	if b := body(t, resp); resp.StatusCode != 404 || !strings.Contains(b, "not been built") || !strings.Contains(b, ScriptPath) {
		t.Errorf("missing folder: %d %q", resp.StatusCode, b)
	}
}

func TestMethods(t *testing.T) {
	s := New(fixture(t))
	resp := get(t, s, "POST", "/")
	if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != "GET, HEAD" {
		t.Errorf("POST: %d Allow=%q", resp.StatusCode, resp.Header.Get("Allow"))
	}
	resp = get(t, s, "HEAD", "/occupations/x/")
	if b := body(t, resp); resp.StatusCode != 200 || b != "" || resp.Header.Get("Content-Length") == "" {
		t.Errorf("HEAD: %d %q Content-Length=%q", resp.StatusCode, b, resp.Header.Get("Content-Length"))
	}
}

// traversals are request targets that try to leave the folder, as sent on
// the wire, with the status the handler answers: 400 for a malformed path,
// 403 for a symbolic link leading out of the folder.
var traversals = []struct {
	target string
	status int
}{
	{"/../outside.txt", 400},
	{"/..%2foutside.txt", 400},
	{"/%2e%2e/outside.txt", 400},
	{"/%2E%2E%2Foutside.txt", 400},
	{"/a/../../outside.txt", 400},
	{"/assets/../../outside.txt", 400},
	{"/./index.html", 400},
	{"/%2e/index.html", 400},
	{"/..\\outside.txt", 400},
	{"/%5c..%5coutside.txt", 400},
	{"/..%5coutside.txt", 400},
	{"/assets%2fstyle.css", 400},
	{"/%00", 400},
	{"/index.html%00.png", 400},
	{"//outside.txt", 400},
	{"/assets//style.css", 400},
	{"/secret-rel.txt", 403},
	{"/secret-abs.txt", 403},
	{"/secret-dir/outside.txt", 403},
	{"/secret-dir/", 403},
}

func TestTraversalHandler(t *testing.T) {
	s := New(fixture(t))
	for _, tc := range traversals {
		r, err := http.ReadRequest(bufio.NewReader(strings.NewReader("GET " + tc.target + " HTTP/1.1\r\nHost: x\r\n\r\n")))
		if err != nil {
			t.Fatalf("%s: %v", tc.target, err)
		}
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		if w.Code != tc.status || strings.Contains(w.Body.String(), "TOP SECRET") {
			t.Errorf("%s: status %d, want %d; body %q", tc.target, w.Code, tc.status, w.Body.String())
		}
	}
}

// TestTraversalLoopback sends the same targets over a real connection, so
// nothing between the wire and the handler cleans them first.
func TestTraversalLoopback(t *testing.T) {
	url := start(t, New(fixture(t)))
	addr := strings.TrimSuffix(strings.TrimPrefix(url, "http://"), "/")
	for _, tc := range traversals {
		target := tc.target
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", target, addr)
		conn.SetReadDeadline(time.Now().Add(5 * time.Second))
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			t.Fatalf("%s: %v", target, err)
		}
		b := body(t, resp)
		conn.Close()
		if resp.StatusCode == 200 || strings.Contains(b, "TOP SECRET") {
			t.Errorf("%s: status %d, body %q", target, resp.StatusCode, b)
		}
	}
}

func TestCacheValidators(t *testing.T) {
	s := New(fixture(t))
	for _, p := range []string{"/", "/assets/style.css", ScriptPath} {
		resp := get(t, s, "GET", p)
		et, lm := resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")
		if resp.Header.Get("Cache-Control") != "no-cache" || et == "" || lm == "" {
			t.Fatalf("%s: Cache-Control=%q ETag=%q Last-Modified=%q", p, resp.Header.Get("Cache-Control"), et, lm)
		}
		if resp := get(t, s, "GET", p, "If-None-Match", et); resp.StatusCode != http.StatusNotModified {
			t.Errorf("%s: If-None-Match current: status %d, want 304", p, resp.StatusCode)
		}
		if resp := get(t, s, "GET", p, "If-None-Match", `"stale"`); resp.StatusCode != 200 {
			t.Errorf("%s: If-None-Match stale: status %d, want 200", p, resp.StatusCode)
		}
	}

	// A rebuild changes the pages' validators (their script carries the
	// build id), even when the file is unchanged: never a stale page.
	before := get(t, s, "GET", "/").Header.Get("ETag")
	s.Reload([]string{"occupations/x/index.html"})
	resp := get(t, s, "GET", "/", "If-None-Match", before)
	if resp.StatusCode != 200 || resp.Header.Get("ETag") == before {
		t.Errorf("after a rebuild: status %d, ETag %q (before %q)", resp.StatusCode, resp.Header.Get("ETag"), before)
	}

	// A changed file gets a new ETag.
	dir := fixture(t)
	s = New(dir)
	css := filepath.Join(dir, "assets", "style.css")
	before = get(t, s, "GET", "/assets/style.css").Header.Get("ETag")
	os.WriteFile(css, []byte("body{color:red}"), 0o644)
	if resp := get(t, s, "GET", "/assets/style.css", "If-None-Match", before); resp.StatusCode != 200 || body(t, resp) != "body{color:red}" {
		t.Errorf("changed file: status %d", resp.StatusCode)
	}
}

var scriptTag = regexp.MustCompile(`<script src="/__ladder/reload\.js" data-ladder-build="([^"]+)" defer></script></body>`)

func TestInjectionOnlyWhenServed(t *testing.T) {
	dir := fixture(t)
	s := New(dir)
	resp := get(t, s, "GET", "/occupations/x/")
	b := body(t, resp)
	m := scriptTag.FindStringSubmatch(b)
	if m == nil {
		t.Fatalf("no reload script before </body>: %q", b)
	}
	if m[1] != s.Hub().BuildID() {
		t.Errorf("build id %q, want %q", m[1], s.Hub().BuildID())
	}
	if resp.Header.Get("Content-Length") != fmt.Sprint(len(b)) {
		t.Errorf("Content-Length %q for %d bytes", resp.Header.Get("Content-Length"), len(b))
	}
	disk, err := os.ReadFile(filepath.Join(dir, "occupations", "x", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(disk), "__ladder") {
		t.Error("the file on disk was changed")
	}
	if b := body(t, get(t, s, "GET", "/assets/style.css")); strings.Contains(b, "__ladder") {
		t.Error("script injected into CSS")
	}
	if b := body(t, get(t, s, "GET", ScriptPath)); b != string(reloadJS) {
		t.Error("reload.js differs from the embedded script")
	}
}

func TestListenAndServeShutsDownCleanly(t *testing.T) {
	before := runtime.NumGoroutine()
	ctx, cancel := context.WithCancel(context.Background())
	s := New(fixture(t))
	url, done, err := s.ListenAndServe(ctx, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(url, "http://127.0.0.1:") || strings.HasSuffix(url, ":0/") {
		t.Errorf("url = %q", url)
	}
	client := &http.Client{Transport: &http.Transport{}}
	resp, err := client.Get(url + "occupations/x/")
	if err != nil {
		t.Fatal(err)
	}
	if b := body(t, resp); resp.StatusCode != 200 || !strings.Contains(b, "<h1>X</h1>") {
		t.Errorf("GET: %d %q", resp.StatusCode, b)
	}
	resp.Body.Close()
	// Two event streams stay open across the shutdown.
	for range 2 {
		c := dial(t, client, url)
		c.next(t, "hello")
	}
	// The same address cannot be bound twice: reported at once.
	if _, _, err := New(t.TempDir()).ListenAndServe(ctx, strings.TrimSuffix(strings.TrimPrefix(url, "http://"), "/")); err == nil {
		t.Error("binding a busy address succeeded")
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("shutdown: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no shutdown")
	}
	if _, ok := <-done; ok {
		t.Error("done not closed")
	}
	client.CloseIdleConnections()
	deadline := time.Now().Add(3 * time.Second)
	for runtime.NumGoroutine() > before {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<16)
			t.Fatalf("%d goroutines before, %d after shutdown:\n%s", before, runtime.NumGoroutine(), buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// start serves s on a loopback port until the test ends.
func start(t *testing.T, s *Server) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	url, done, err := s.ListenAndServe(ctx, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("shutdown: %v", err)
		}
	})
	return url
}
