package serve

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ladder-ssg/ladder/generator/diag"
)

// Diagnostic is one problem shown in the error overlay: where it is (file,
// 1-based line and column, zero when unknown, and a JSON path such as
// framework.levels[2].statements[0]) and what it is.
type Diagnostic struct {
	File    string `json:"file"`
	Line    int    `json:"line,omitempty"`
	Column  int    `json:"column,omitempty"`
	Path    string `json:"path,omitempty"`
	Message string `json:"message"`
}

// FromDiag converts ladder's diagnostics for ShowError, keeping their
// order; a warning's message says it is one.
func FromDiag(l diag.List) []Diagnostic {
	out := make([]Diagnostic, 0, len(l))
	for _, d := range l {
		msg := d.Message
		if d.Severity == diag.Warning {
			msg = "warning: " + msg
		}
		out = append(out, Diagnostic{File: d.File, Line: d.Line, Column: d.Column, Path: d.Path, Message: msg})
	}
	return out
}

const (
	// clientBuffer is how many events may wait for one client; a client
	// that falls further behind is disconnected (its browser reconnects
	// and catches up through the build id).
	clientBuffer = 16
	// writeTimeout bounds one write to a client, so a client that stopped
	// reading does not hold its connection open forever.
	writeTimeout = 10 * time.Second
	// reconnectMillis is how soon a browser retries after the connection
	// drops, such as when the server restarts.
	reconnectMillis = 500
)

// Hub is the live-reload hub: it holds the browsers connected to its
// Server-Sent Events stream and tells them when to reload, to refresh
// their style sheets, or to show or hide the error overlay. A Hub belongs
// to one Server; its methods are safe for concurrent use and never block
// on a slow client.
//
// Events sent (each with a JSON object as data):
//
//	hello   {"build":id}                   first event on every connection
//	reload  {"build":id}                   load the page again
//	reload  {"build":id,"pages":[…]}       load the page again if it is one of
//	                                       these paths ("occupations/x/index.html");
//	                                       otherwise just take the new id
//	css     {"build":id}                   reload style sheets only
//	error   {"build":id,"diagnostics":[…]} show the error overlay
//	clear   {"build":id}                   hide the error overlay
type Hub struct {
	instance string        // random, new for every Hub: a restart changes the build id
	ping     time.Duration // interval of keep-alive comments

	mu      sync.Mutex
	clients map[*client]struct{}
	gen     uint64    // bumped by each Reload that sends an event
	changed time.Time // when gen last changed
	errMsg  []byte    // the error event, replayed to new clients; nil when none
	closed  bool
}

type client struct {
	ch chan []byte // closed by the hub when it drops the client
}

// NewHub returns a Hub with no clients and no error shown.
func NewHub() *Hub {
	var b [6]byte
	rand.Read(b[:])
	return &Hub{
		instance: hex.EncodeToString(b[:]),
		ping:     15 * time.Second,
		clients:  make(map[*client]struct{}),
		changed:  time.Now(),
	}
}

// BuildID identifies the site the Hub last announced: it changes with
// every Reload that sends an event, and with every new Hub (a restart of
// the server). Pages carry the id they were served with; a page whose id
// differs from the one in the hello event reloads itself.
func (h *Hub) BuildID() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.buildIDLocked()
}

func (h *Hub) buildIDLocked() string {
	return h.instance + "-" + strconv.FormatUint(h.gen, 10)
}

// lastChange returns when the build id last changed.
func (h *Hub) lastChange() time.Time {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.changed
}

// Clients returns the number of connected clients.
func (h *Hub) Clients() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.clients)
}

// Reload tells every client that the files changed (paths relative to the
// served folder, or absolute; only their extensions matter) are new. When
// every one is a style sheet (.css) the clients swap their style sheets in
// place, without reloading the page; otherwise they reload. A Reload after
// ShowError hides the overlay and always reloads, even with no changed
// files: the input was fixed. With no changed files and no error shown,
// Reload does nothing.
func (h *Hub) Reload(changed []string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	hadError := h.errMsg != nil
	h.errMsg = nil
	if len(changed) == 0 && !hadError {
		return
	}
	h.gen++
	h.changed = time.Now()
	kind := "reload"
	if !hadError && allCSS(changed) {
		kind = "css"
	}
	h.broadcastLocked(event(kind, struct {
		Build string `json:"build"`
	}{h.buildIDLocked()}))
}

// maxListedPages bounds the pages a reload event lists; beyond it every
// page reloads, which costs little more than matching a long list.
const maxListedPages = 500

// ReloadPages tells the clients showing one of pages (HTML files relative
// to the served folder, such as occupations/x/index.html) to reload; the
// others take the new build id and stay as they are, since nothing they
// show changed. A client at a URL that was missing reloads when its page
// appears. After ShowError it hides the overlay and reloads every page,
// as Reload does. With no pages and no error shown it does nothing.
func (h *Hub) ReloadPages(pages []string) {
	h.mu.Lock()
	hadError := h.errMsg != nil
	h.mu.Unlock()
	if hadError || len(pages) > maxListedPages {
		h.Reload(pages)
		return
	}
	if len(pages) == 0 {
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.gen++
	h.changed = time.Now()
	h.broadcastLocked(event("reload", struct {
		Build string   `json:"build"`
		Pages []string `json:"pages"`
	}{h.buildIDLocked(), pages}))
}

// allCSS reports whether a style sheet swap shows every change in paths:
// each is a style sheet or a file no page loads (see notLoaded).
func allCSS(paths []string) bool {
	for _, p := range paths {
		ext := strings.ToLower(path.Ext(strings.ReplaceAll(p, `\`, "/")))
		if ext != ".css" && !notLoaded(ext) {
			return false
		}
	}
	return true
}

// notLoaded reports whether files with the extension ext are ones no page
// loads while it is shown: downloads and data files (packages, exports,
// feeds), which a style sheet edit rewrites too when they bundle it.
func notLoaded(ext string) bool {
	switch ext {
	case ".zip", ".imscc", ".json", ".csv", ".xml", ".txt":
		return true
	}
	return false
}

// ShowError shows diags in an overlay over every open page, which keeps
// showing the last good site beneath it. Clients that connect later get
// the overlay too, until ClearError or Reload.
func (h *Hub) ShowError(diags []Diagnostic) {
	if diags == nil {
		diags = []Diagnostic{}
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.errMsg = event("error", struct {
		Build       string       `json:"build"`
		Diagnostics []Diagnostic `json:"diagnostics"`
	}{h.buildIDLocked(), diags})
	h.broadcastLocked(h.errMsg)
}

// ClearError hides the overlay without reloading the pages, for when the
// input was fixed and the site came out unchanged. It does nothing when no
// error is shown.
func (h *Hub) ClearError() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.errMsg == nil {
		return
	}
	h.errMsg = nil
	h.broadcastLocked(event("clear", struct {
		Build string `json:"build"`
	}{h.buildIDLocked()}))
}

// Close disconnects every client and refuses new ones.
func (h *Hub) Close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closed = true
	for c := range h.clients {
		delete(h.clients, c)
		close(c.ch)
	}
}

// broadcastLocked queues msg for every client, dropping those whose queue
// is full rather than waiting for them.
func (h *Hub) broadcastLocked(msg []byte) {
	for c := range h.clients {
		select {
		case c.ch <- msg:
		default:
			delete(h.clients, c)
			close(c.ch)
		}
	}
}

// subscribe adds a client whose queue starts with the hello event and, if
// an error is shown, the error event.
func (h *Hub) subscribe() (*client, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return nil, false
	}
	c := &client{ch: make(chan []byte, clientBuffer)}
	hello := "retry: " + strconv.Itoa(reconnectMillis) + "\n" + string(event("hello", struct {
		Build string `json:"build"`
	}{h.buildIDLocked()}))
	c.ch <- []byte(hello)
	if h.errMsg != nil {
		c.ch <- h.errMsg
	}
	h.clients[c] = struct{}{}
	return c, true
}

func (h *Hub) unsubscribe(c *client) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.clients, c)
}

// event formats one Server-Sent Event. JSON without indentation has no
// newlines, so the data fits one data: line.
func event(name string, data any) []byte {
	j, err := json.Marshal(data)
	if err != nil {
		j = []byte("{}")
	}
	return []byte("event: " + name + "\ndata: " + string(j) + "\n\n")
}

// ServeHTTP is the event stream: it sends the client every event of the
// hub until the client disconnects, falls too far behind, or the hub or
// the request's context is closed.
func (h *Hub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		w.Header().Set("Allow", "GET")
		http.Error(w, "405 method not allowed", http.StatusMethodNotAllowed)
		return
	}
	c, ok := h.subscribe()
	if !ok {
		http.Error(w, "503 server shutting down", http.StatusServiceUnavailable)
		return
	}
	defer h.unsubscribe(c)

	rc := http.NewResponseController(w)
	hd := w.Header()
	hd.Set("Content-Type", "text/event-stream; charset=utf-8")
	hd.Set("Cache-Control", "no-store")
	hd.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	write := func(b []byte) bool {
		if err := rc.SetWriteDeadline(time.Now().Add(writeTimeout)); err != nil && !errors.Is(err, http.ErrNotSupported) {
			return false
		}
		if _, err := w.Write(b); err != nil {
			return false
		}
		return rc.Flush() == nil
	}

	ping := time.NewTicker(h.ping)
	defer ping.Stop()
	for {
		select {
		case msg, ok := <-c.ch:
			if !ok || !write(msg) {
				return
			}
		case <-ping.C:
			if !write([]byte(": ping\n\n")) {
				return
			}
		case <-r.Context().Done():
			return
		}
	}
}
