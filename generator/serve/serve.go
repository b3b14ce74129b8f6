// Package serve is the development server of `ladder serve`: it serves a
// built site from its output folder and reloads the open pages when the
// site is rebuilt.
//
// The output folder may be replaced at any moment, as a whole (publish
// exchanges it with a fresh staging folder) or file by file (write a
// temporary file, rename it over the old one). Every response is therefore
// read completely from one snapshot of the folder before it is written:
// the folder is opened once per request (os.OpenRoot keeps referring to
// the same folder even after it is renamed), and a file opened is read to
// its end whatever happens to its name. A request that finds nothing
// because the folder it opened was swapped out and deleted meanwhile is
// retried against the new folder, so a rebuild never causes a failed
// request or a partial page.
//
// The live-reload script is added to HTML responses here, as they are
// served; the files on disk never contain it.
package serve

import (
	"bytes"
	"context"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"errors"
	"fmt"
	"html"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path"
	"strings"
	"syscall"
	"time"

	"github.com/ladder-ssg/ladder/generator/transform"
)

const (
	// EventsPath is the URL of the live-reload event stream.
	EventsPath = "/__ladder/events"
	// ScriptPath is the URL of the live-reload script.
	ScriptPath = "/__ladder/reload.js"
)

//go:embed reload.js
var reloadJS []byte

// Server serves a site folder over HTTP, with live reload. It is an
// http.Handler.
type Server struct {
	dir      string
	notFound string
	logf     func(format string, args ...any)
	hub      *Hub

	scriptETag   string
	scriptLoaded time.Time
}

// Option configures a Server.
type Option func(*Server)

// WithNotFound names the page (relative to the folder) served, with status
// 404, for URLs that match no file. The default is "404.html"; when the
// site has no such page, a minimal one is sent (with the reload script, so
// it too shows errors and reloads).
func WithNotFound(page string) Option {
	return func(s *Server) { s.notFound = strings.TrimPrefix(page, "/") }
}

// WithLogf sets where the server reports problems that are not the
// client's fault, such as unreadable files. By default they are dropped.
func WithLogf(logf func(format string, args ...any)) Option {
	return func(s *Server) {
		if logf != nil {
			s.logf = logf
		}
	}
}

// New returns a Server for the site in dir, which need not exist yet.
func New(dir string, opts ...Option) *Server {
	s := &Server{
		dir:          dir,
		notFound:     "404.html",
		logf:         func(string, ...any) {},
		hub:          NewHub(),
		scriptETag:   etag(reloadJS),
		scriptLoaded: time.Now(),
	}
	for _, opt := range opts {
		opt(s)
	}
	return s
}

// Hub returns the Server's live-reload hub.
func (s *Server) Hub() *Hub { return s.hub }

// Reload tells the open pages that the changed files are new: see
// Hub.Reload.
func (s *Server) Reload(changed []string) { s.hub.Reload(changed) }

// ReloadPages reloads the open pages among pages: see Hub.ReloadPages.
func (s *Server) ReloadPages(pages []string) { s.hub.ReloadPages(pages) }

// ShowError shows diags in an overlay over every open page: see
// Hub.ShowError.
func (s *Server) ShowError(diags []Diagnostic) { s.hub.ShowError(diags) }

// ClearError hides the error overlay without reloading: see
// Hub.ClearError.
func (s *Server) ClearError() { s.hub.ClearError() }

// ListenAndServe listens on addr (such as "127.0.0.1:1313", or port 0 for
// any free port) and serves in the background until ctx is cancelled. It
// returns the site's URL once listening, and a channel that receives the
// result of the shutdown (nil when clean) and is then closed; after that,
// no goroutine of the server is left. An address that cannot be bound is
// reported at once.
func (s *Server) ListenAndServe(ctx context.Context, addr string) (url string, done <-chan error, err error) {
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", addr)
	if err != nil {
		return "", nil, fmt.Errorf("serve: %w", err)
	}
	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		// Requests inherit ctx, so the event streams end when it is
		// cancelled and Shutdown does not wait for them.
		BaseContext: func(net.Listener) context.Context { return ctx },
	}
	result := make(chan error, 1)
	go func() {
		defer close(result)
		served := make(chan error, 1)
		go func() { served <- srv.Serve(ln) }()
		select {
		case err := <-served:
			result <- fmt.Errorf("serve: %w", err)
			return
		case <-ctx.Done():
		}
		// Requests in flight get a moment to finish; then the connections
		// still open (a page that stopped reading its event stream, say)
		// are cut, which is as clean a stop for a preview server.
		sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
		defer cancel()
		var err error
		if serr := srv.Shutdown(sctx); errors.Is(serr, context.DeadlineExceeded) {
			srv.Close()
		} else if serr != nil {
			srv.Close()
			err = fmt.Errorf("serve: shutdown: %w", serr)
		}
		<-served // http.ErrServerClosed
		result <- err
	}()
	return siteURL(ln.Addr()), result, nil
}

// shutdownGrace is how long a stopping server waits for requests in flight.
const shutdownGrace = 2 * time.Second

// siteURL is the http URL of a listening address, naming the loopback
// address when the server listens on all of them.
func siteURL(a net.Addr) string {
	ta, ok := a.(*net.TCPAddr)
	if !ok {
		return "http://" + a.String() + "/"
	}
	ip := ta.IP
	if ip.IsUnspecified() {
		ip = net.IPv4(127, 0, 0, 1)
	}
	return "http://" + net.JoinHostPort(ip.String(), fmt.Sprint(ta.Port)) + "/"
}

// ServeHTTP serves the live-reload stream and script, and the site's files.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case EventsPath:
		s.hub.ServeHTTP(w, r)
		return
	case ScriptPath:
		s.serveScript(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "405 method not allowed", http.StatusMethodNotAllowed)
		return
	}
	rel, ok := cleanPath(r)
	if !ok {
		http.Error(w, "400 bad request: the path is not allowed", http.StatusBadRequest)
		return
	}
	var (
		res response
		err error
	)
	for attempt := range maxAttempts {
		if attempt > 0 {
			time.Sleep(time.Duration(attempt) * time.Millisecond)
		}
		res, err = s.find(rel)
		if !errors.Is(err, errSwapped) {
			break
		}
	}
	switch {
	case errors.Is(err, errSwapped), errors.Is(err, fs.ErrNotExist):
		// The folder itself is missing (not built yet), or kept changing
		// under us. The page is HTML, so it gets the reload script: it
		// shows the error overlay and reloads once a build succeeds.
		s.write(w, r, response{status: http.StatusNotFound, name: "404.html", body: placeholder("The site has not been built yet")})
		return
	case err != nil:
		s.logf("serve %s: %v", r.URL.Path, err)
		http.Error(w, "403 forbidden", http.StatusForbidden)
		return
	}
	if res.redirect {
		u := r.URL.EscapedPath() + "/"
		if r.URL.RawQuery != "" {
			u += "?" + r.URL.RawQuery
		}
		http.Redirect(w, r, u, http.StatusMovedPermanently)
		return
	}
	s.write(w, r, res)
}

// maxAttempts bounds the retries of a request whose folder was swapped.
const maxAttempts = 10

// errSwapped means a file was missing from the folder a request opened,
// and that folder is no longer the one being served: retry.
var errSwapped = errors.New("output folder replaced during the request")

// response is a file read completely, ready to be written.
type response struct {
	status   int
	name     string // the file's name, for its type
	body     []byte
	modTime  time.Time
	redirect bool // a folder asked for without its trailing slash
}

// cleanPath returns the file path that r asks for, relative to the
// folder, with a trailing slash for folders; false when the path is
// malformed or tries to leave the folder: "." or ".." segments (after
// decoding), encoded slashes or backslashes, backslashes, NUL bytes, empty
// segments.
func cleanPath(r *http.Request) (string, bool) {
	p := r.URL.Path
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") {
		return "", false
	}
	if raw := strings.ToLower(r.URL.RawPath); strings.Contains(raw, "%2f") || strings.Contains(raw, "%5c") {
		return "", false
	}
	rel := p[1:]
	segs := strings.Split(rel, "/")
	for i, seg := range segs {
		if seg == "." || seg == ".." || seg == "" && i != len(segs)-1 {
			return "", false
		}
	}
	return rel, true
}

// hidden reports whether a segment of rel starts with a dot: the publish
// marker and other files no page links to.
func hidden(rel string) bool {
	return strings.HasPrefix(rel, ".") || strings.Contains(rel, "/.")
}

// find reads the file for rel from a fresh snapshot of the folder.
func (s *Server) find(rel string) (response, error) {
	root, err := os.OpenRoot(s.dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			// Between the two renames of a swap where exchange is not
			// available, the folder is missing for an instant.
			return response{}, errSwapped
		}
		return response{}, err
	}
	defer root.Close()

	name := rel
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	if !hidden(name) {
		body, fi, err := readFile(root, name)
		switch {
		case err == nil && fi.IsDir():
			if _, err := root.Stat(name + "/index.html"); err == nil {
				return response{redirect: true}, nil
			}
		case err == nil:
			return response{status: http.StatusOK, name: name, body: body, modTime: fi.ModTime()}, nil
		case !missing(err):
			return response{}, err
		}
	}
	// Nothing there. Was it there in the folder now being served?
	if !s.current(root) {
		return response{}, errSwapped
	}
	res := response{status: http.StatusNotFound, name: "404.html", body: placeholder("Page not found")}
	body, fi, err := readFile(root, s.notFound)
	switch {
	case err == nil && !fi.IsDir():
		res.name, res.body = s.notFound, body
	case err == nil:
	case !missing(err):
		s.logf("serve: %s: %v", s.notFound, err)
	case !s.current(root):
		// Swapped out, and removed, since the check above.
		return response{}, errSwapped
	}
	return res, nil
}

// placeholder is the page served, with status 404, when the site has no
// page of its own to show.
func placeholder(title string) []byte {
	return []byte(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>` + title +
		`</title></head><body><main><h1>` + title + `</h1><p>ladder serve</p></main></body></html>`)
}

// missing reports whether err means that no file is there (or a file
// stands where a folder was asked for).
func missing(err error) bool {
	return errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR)
}

// current reports whether root is still the folder at s.dir.
func (s *Server) current(root *os.Root) bool {
	a, err := root.Stat(".")
	if err != nil {
		return false
	}
	b, err := os.Stat(s.dir)
	return err == nil && os.SameFile(a, b)
}

// readFile reads a regular file completely, or returns the FileInfo of a
// folder with no body. Anything else (a device, a socket) is reported as
// missing: the server does not serve it.
func readFile(root *os.Root, name string) ([]byte, fs.FileInfo, error) {
	f, err := root.Open(name)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	if fi.IsDir() {
		return nil, fi, nil
	}
	if !fi.Mode().IsRegular() {
		return nil, nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	var b bytes.Buffer
	b.Grow(int(fi.Size()) + bytes.MinRead)
	if _, err := b.ReadFrom(f); err != nil {
		return nil, nil, err
	}
	return b.Bytes(), fi, nil
}

// write sends a response with its type, no-cache headers and validators.
// HTML gets the live-reload script; its validators cover the script's
// build id, so a page cached before a rebuild is never taken as current.
func (s *Server) write(w http.ResponseWriter, r *http.Request, res response) {
	ctype := contentType(res.name)
	body := res.body
	modTime := res.modTime
	if strings.HasPrefix(ctype, "text/html") {
		build := s.hub.BuildID()
		body = s.inject(body, build)
		if c := s.hub.lastChange(); c.After(modTime) {
			modTime = c
		}
	}
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Content-Type-Options", "nosniff")
	if res.status != http.StatusOK {
		h.Set("Content-Length", fmt.Sprint(len(body)))
		w.WriteHeader(res.status)
		if r.Method != http.MethodHead {
			w.Write(body)
		}
		return
	}
	h.Set("ETag", etag(body))
	http.ServeContent(w, r, "", modTime, bytes.NewReader(body))
}

// inject adds the live-reload script before the page's </body>.
func (s *Server) inject(page []byte, build string) []byte {
	tag := `<script src="` + ScriptPath + `" data-ladder-build="` + html.EscapeString(build) + `" defer></script>`
	var out bytes.Buffer
	out.Grow(len(page) + len(tag))
	step := transform.Chain{transform.InjectBeforeBodyEnd([]byte(tag))}
	if err := step.Apply(&out, bytes.NewReader(page)); err != nil {
		return page
	}
	return out.Bytes()
}

func (s *Server) serveScript(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", "text/javascript; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("ETag", s.scriptETag)
	http.ServeContent(w, r, "", s.scriptLoaded, bytes.NewReader(reloadJS))
}

// etag is a strong validator of body.
func etag(body []byte) string {
	sum := sha256.Sum256(body)
	return `"` + hex.EncodeToString(sum[:12]) + `"`
}

// contentType returns the media type for a file name, by its extension,
// from a table of the files a ladder site holds that does not depend on
// the system's MIME database.
func contentType(name string) string {
	switch strings.ToLower(path.Ext(name)) {
	case ".html", ".htm":
		return "text/html; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".js", ".mjs":
		return "text/javascript; charset=utf-8"
	case ".json", ".map":
		return "application/json"
	case ".jsonld":
		return "application/ld+json"
	case ".webmanifest":
		return "application/manifest+json"
	case ".xml", ".xsd":
		return "application/xml"
	case ".atom":
		return "application/atom+xml"
	case ".rss":
		return "application/rss+xml"
	case ".xsl":
		return "application/xslt+xml"
	case ".svg":
		return "image/svg+xml"
	case ".png":
		return "image/png"
	case ".jpg", ".jpeg":
		return "image/jpeg"
	case ".gif":
		return "image/gif"
	case ".webp":
		return "image/webp"
	case ".avif":
		return "image/avif"
	case ".ico":
		return "image/x-icon"
	case ".woff2":
		return "font/woff2"
	case ".woff":
		return "font/woff"
	case ".ttf":
		return "font/ttf"
	case ".otf":
		return "font/otf"
	case ".csv":
		return "text/csv; charset=utf-8"
	case ".txt":
		return "text/plain; charset=utf-8"
	case ".md":
		return "text/markdown; charset=utf-8"
	case ".zip":
		return "application/zip"
	case ".pdf":
		return "application/pdf"
	case ".wasm":
		return "application/wasm"
	}
	return "application/octet-stream"
}
