package serve

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ladder-ssg/ladder/generator/diag"
)

type sseEvent struct {
	name string
	data string
}

// sseClient reads one event stream in the background.
type sseClient struct {
	resp   *http.Response
	events chan sseEvent
	done   chan struct{}
}

// dial connects to the event stream of the server at url; the connection
// is closed when the test ends.
func dial(t *testing.T, client *http.Client, url string) *sseClient {
	t.Helper()
	resp, err := client.Get(url + strings.TrimPrefix(EventsPath, "/"))
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/event-stream; charset=utf-8" {
		t.Fatalf("event stream: %d %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	c := &sseClient{resp: resp, events: make(chan sseEvent, 64), done: make(chan struct{})}
	go func() {
		defer close(c.done)
		defer close(c.events)
		sc := bufio.NewScanner(resp.Body)
		var ev sseEvent
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if ev.name != "" {
					c.events <- ev
				}
				ev = sseEvent{}
			case strings.HasPrefix(line, "event: "):
				ev.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				ev.data = strings.TrimPrefix(line, "data: ")
			}
		}
	}()
	t.Cleanup(c.close)
	return c
}

func (c *sseClient) close() {
	c.resp.Body.Close()
	<-c.done
}

// next waits for the next event and checks its name.
func (c *sseClient) next(t *testing.T, name string) sseEvent {
	t.Helper()
	select {
	case ev, ok := <-c.events:
		if !ok {
			t.Fatalf("stream ended, want %q", name)
		}
		if ev.name != name {
			t.Fatalf("event %q (%s), want %q", ev.name, ev.data, name)
		}
		return ev
	case <-time.After(5 * time.Second):
		t.Fatalf("no %q event", name)
	}
	return sseEvent{}
}

// none checks that no event arrives for a while.
func (c *sseClient) none(t *testing.T) {
	t.Helper()
	select {
	case ev := <-c.events:
		t.Fatalf("unexpected event %q (%s)", ev.name, ev.data)
	case <-time.After(100 * time.Millisecond):
	}
}

func buildOf(t *testing.T, ev sseEvent) string {
	t.Helper()
	var m struct{ Build string }
	if err := json.Unmarshal([]byte(ev.data), &m); err != nil || m.Build == "" {
		t.Fatalf("event data %q: %v", ev.data, err)
	}
	return m.Build
}

// served starts a Server over the fixture and connects one event stream,
// whose hello event it returns.
func served(t *testing.T) (s *Server, url string, client *http.Client, c *sseClient, hello sseEvent) {
	t.Helper()
	s = New(fixture(t))
	url = start(t, s)
	client = &http.Client{Transport: &http.Transport{}}
	t.Cleanup(client.CloseIdleConnections)
	c = dial(t, client, url)
	return s, url, client, c, c.next(t, "hello")
}

func TestLiveReloadEvents(t *testing.T) {
	s, url, client, c, hello := served(t)
	if buildOf(t, hello) != s.Hub().BuildID() {
		t.Errorf("hello build %s, want %s", hello.data, s.Hub().BuildID())
	}

	s.Reload([]string{"occupations/x/index.html", "assets/style.css"})
	if got := buildOf(t, c.next(t, "reload")); got != s.Hub().BuildID() || got == buildOf(t, hello) {
		t.Errorf("reload build %s; hub %s; hello %s", got, s.Hub().BuildID(), buildOf(t, hello))
	}
	s.Reload([]string{"assets/style.css", "/abs/out/assets/print.CSS"})
	c.next(t, "css")
	s.Reload(nil) // nothing changed, no error shown: nothing to say
	c.none(t)

	diags := []Diagnostic{
		{File: "content/frameworks/nurse.json", Line: 12, Column: 7, Path: "framework.levels[1].statements[0]", Message: "statement is empty"},
		{File: "ladder.toml", Message: `unknown key "titel"`},
	}
	s.ShowError(diags)
	ev := c.next(t, "error")
	var got struct {
		Build       string
		Diagnostics []Diagnostic
	}
	if err := json.Unmarshal([]byte(ev.data), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Diagnostics) != 2 || got.Diagnostics[0] != diags[0] || got.Diagnostics[1] != diags[1] {
		t.Errorf("diagnostics = %+v", got.Diagnostics)
	}

	// A page opened while the error is shown gets it at once.
	late := dial(t, client, url)
	late.next(t, "hello")
	if ev := late.next(t, "error"); !strings.Contains(ev.data, "statement is empty") {
		t.Errorf("replayed error %s", ev.data)
	}

	// Fixed: even with no file changed, the overlay goes and pages reload;
	// even a CSS-only change reloads.
	s.Reload([]string{"assets/style.css"})
	c.next(t, "reload")
	late.next(t, "reload")
	afterFix := dial(t, client, url)
	afterFix.next(t, "hello")
	afterFix.none(t)

	s.ShowError(diags[:1])
	c.next(t, "error")
	s.ClearError()
	c.next(t, "clear")
	s.ClearError() // nothing shown: nothing sent
	c.none(t)
	s.ShowError(diags[:1])
	c.next(t, "error")
	s.Reload(nil)
	c.next(t, "reload")
}

func TestReloadPages(t *testing.T) {
	s, _, _, c, hello := served(t)

	pagesOf := func(ev sseEvent) []string {
		t.Helper()
		var m struct{ Pages []string }
		if err := json.Unmarshal([]byte(ev.data), &m); err != nil {
			t.Fatal(err)
		}
		return m.Pages
	}
	s.ReloadPages([]string{"occupations/x/index.html", "compare/x/y/index.html"})
	ev := c.next(t, "reload")
	if got := pagesOf(ev); len(got) != 2 || got[0] != "occupations/x/index.html" || got[1] != "compare/x/y/index.html" {
		t.Errorf("pages = %v", got)
	}
	if buildOf(t, ev) == buildOf(t, hello) || buildOf(t, ev) != s.Hub().BuildID() {
		t.Error("the build id did not move")
	}
	s.ReloadPages(nil) // nothing changed
	c.none(t)

	// Too many to list: every page reloads.
	many := make([]string, maxListedPages+1)
	for i := range many {
		many[i] = fmt.Sprintf("p%d/index.html", i)
	}
	s.ReloadPages(many)
	if got := pagesOf(c.next(t, "reload")); got != nil {
		t.Errorf("a reload of %d pages lists them", len(got))
	}

	// After an error, the fix reloads every page.
	s.ShowError([]Diagnostic{{File: "a.json", Message: "broken"}})
	c.next(t, "error")
	s.ReloadPages([]string{"occupations/x/index.html"})
	if got := pagesOf(c.next(t, "reload")); got != nil {
		t.Errorf("the reload after a fix lists pages %v", got)
	}
	s.ShowError([]Diagnostic{{File: "a.json", Message: "broken"}})
	c.next(t, "error")
	s.ReloadPages(nil)
	c.next(t, "reload")
}

func TestManyClients(t *testing.T) {
	s := New(fixture(t))
	url := start(t, s)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	t.Cleanup(client.CloseIdleConnections)
	const n = 40
	cs := make([]*sseClient, n)
	for i := range cs {
		cs[i] = dial(t, client, url)
		cs[i].next(t, "hello")
	}
	if got := s.Hub().Clients(); got != n {
		t.Fatalf("%d clients, want %d", got, n)
	}
	var wg sync.WaitGroup
	for range 5 {
		wg.Go(func() { s.Reload([]string{"index.html"}) })
	}
	wg.Wait()
	for _, c := range cs {
		for range 5 {
			c.next(t, "reload")
		}
	}
	// Disconnected clients are removed.
	for _, c := range cs {
		c.close()
	}
	waitFor(t, func() bool { return s.Hub().Clients() == 0 }, "clients removed after disconnecting")
}

func waitFor(t *testing.T, cond func() bool, what string) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting: %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestSlowClientDoesNotBlock subscribes a client that never reads: Reload
// must not wait for it, and the hub drops it once its queue is full, while
// a client that keeps up gets every event.
func TestSlowClientDoesNotBlock(t *testing.T) {
	h := NewHub()
	slow, ok := h.subscribe()
	if !ok {
		t.Fatal("subscribe refused")
	}
	fast, _ := h.subscribe()
	<-fast.ch // hello
	for i := range 10 * clientBuffer {
		returned := make(chan struct{})
		go func() {
			defer close(returned)
			h.Reload([]string{fmt.Sprintf("page%d.html", i)})
		}()
		select {
		case <-returned:
		case <-time.After(5 * time.Second):
			t.Fatal("Reload blocked on a slow client")
		}
		select {
		case msg := <-fast.ch:
			if !strings.HasPrefix(string(msg), "event: reload\n") {
				t.Fatalf("fast client got %q", msg)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("fast client missed reload %d", i)
		}
	}
	n := 0
	for range slow.ch { // ends: the hub closed the slow client's queue
		n++
	}
	if n != clientBuffer {
		t.Errorf("slow client had %d queued events, want %d", n, clientBuffer)
	}
	if got := h.Clients(); got != 1 {
		t.Errorf("%d clients, want 1 (the fast one)", got)
	}
	h.Close()
	if _, open := <-fast.ch; open {
		t.Error("Close left a client connected")
	}
	if _, ok := h.subscribe(); ok {
		t.Error("subscribe after Close succeeded")
	}
}

func TestHubRejectsNonGet(t *testing.T) {
	resp := get(t, New(t.TempDir()), "POST", EventsPath)
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST events: %d", resp.StatusCode)
	}
}

func TestAllCSS(t *testing.T) {
	for _, tc := range []struct {
		paths []string
		want  bool
	}{
		{[]string{"a.css"}, true},
		{[]string{"assets/A.CSS", `assets\b.css`}, true},
		{[]string{"a.css", "index.html"}, false},
		{[]string{"a.css.map"}, false},
		{[]string{"style.scss"}, false},
		// Packages that bundle the style sheet change with it; no page
		// loads them, so the swap still shows everything.
		{[]string{"assets/style.css", "downloads/scorm/29-2012.00.zip", "downloads/frameworks.imscc"}, true},
		{[]string{"assets/style.css", "assets/ladder.js"}, false},
		{[]string{"assets/style.css", "search/index-0.js"}, false},
	} {
		if got := allCSS(tc.paths); got != tc.want {
			t.Errorf("allCSS(%v) = %v", tc.paths, got)
		}
	}
}

func TestFromDiag(t *testing.T) {
	got := FromDiag(diag.List{
		{File: "a.json", Line: 3, Column: 4, Path: "framework.code", Message: "duplicate code"},
		{File: "b.md", Severity: diag.Warning, Message: "no title"},
	})
	want := []Diagnostic{
		{File: "a.json", Line: 3, Column: 4, Path: "framework.code", Message: "duplicate code"},
		{File: "b.md", Message: "warning: no title"},
	}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("FromDiag = %+v", got)
	}
}

// TestStalledClientDoesNotHoldShutdown connects an event stream that never
// reads, fills its connection with reload events, and stops the server:
// the stop must come within the grace period and count as clean.
func TestStalledClientDoesNotHoldShutdown(t *testing.T) {
	s := New(fixture(t))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	url, done, err := s.ListenAndServe(ctx, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	conn, err := net.Dial("tcp", strings.TrimPrefix(strings.TrimSuffix(url, "/"), "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: x\r\n\r\n", EventsPath)
	waitFor(t, func() bool { return s.Hub().Clients() == 1 }, "the stalled client connected")
	pages := make([]string, maxListedPages)
	for i := range pages {
		pages[i] = fmt.Sprintf("occupations/%04d/a-fairly-long-level-name/index.html", i)
	}
	// Megabytes of events, slowly enough that the hub's queue keeps up
	// while the socket buffers fill: the server's write then blocks.
	for range 400 {
		s.ReloadPages(pages)
		time.Sleep(time.Millisecond)
	}
	began := time.Now()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("stop with a stalled client: %v", err)
		}
	case <-time.After(4 * shutdownGrace):
		t.Fatal("the server did not stop")
	}
	if d := time.Since(began); d > 2*shutdownGrace {
		t.Errorf("stopping took %v", d)
	}
}
