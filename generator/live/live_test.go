package live

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ladder-ssg/ladder/assets"
	"github.com/ladder-ssg/ladder/content"
	"github.com/ladder-ssg/ladder/generator/load"
	"github.com/ladder-ssg/ladder/generator/pipeline"
	"github.com/ladder-ssg/ladder/generator/serve"
	"github.com/ladder-ssg/ladder/templates"
)

// built is what a build reported.
type built struct {
	res pipeline.Result
	err error
}

// harness runs the live loop over a site folder with the two seeds and
// records each build.
type harness struct {
	t       *testing.T
	src     string
	url     string
	builds  chan built
	settles chan error  // the full builds that follow quick ones
	events  chan string // SSE event names with data, "name data"
	// overlays counts the error overlays shown, however the test reads
	// events.
	overlays atomic.Int32
	overlay  atomic.Value // the last overlay's event data, a string
}

func start(t *testing.T) *harness {
	t.Helper()
	src := t.TempDir()
	for _, name := range []string{"frameworks/29-2012.00.json", "frameworks/19-4021.00.json", "about.md"} {
		data, err := fs.ReadFile(content.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(src, "content", name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	h := &harness{t: t, src: src, builds: make(chan built, 100), settles: make(chan error, 100), events: make(chan string, 1000)}
	ready := make(chan string, 1)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, Options{
			Build:    pipeline.Options{Source: src, Defaults: load.Defaults{Content: content.FS, Templates: templates.FS, Assets: assets.FS}, Preview: true},
			Serve:    true,
			Addr:     "127.0.0.1:0",
			Debounce: 50 * time.Millisecond,
			Ready:    func(url string) { ready <- url },
			Built:    func(res pipeline.Result, err error) { h.builds <- built{res, err} },
			Settled:  func(_ pipeline.Result, err error) { h.settles <- err },
		})
	}()
	select {
	case h.url = <-ready:
	case <-time.After(20 * time.Second):
		t.Fatal("the server did not start")
	}
	if b := <-h.builds; b.err != nil {
		t.Fatalf("first build: %v", b.err)
	}
	h.listen(ctx)
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	})
	return h
}

// listen connects a live-reload client and forwards its events.
func (h *harness) listen(ctx context.Context) {
	req, _ := http.NewRequestWithContext(ctx, "GET", strings.TrimSuffix(h.url, "/")+serve.EventsPath, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	connected := make(chan struct{})
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		var name string
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				if name == "error" {
					h.overlays.Add(1)
					h.overlay.Store(line)
				}
				if name == "hello" {
					close(connected)
				} else {
					// Never stop reading the stream: a test that does not
					// wait for events (the load test) must not stall it.
					select {
					case h.events <- name + " " + strings.TrimPrefix(line, "data: "):
					default:
					}
				}
			}
		}
	}()
	select {
	case <-connected:
	case <-time.After(5 * time.Second):
		h.t.Fatal("no hello from the event stream")
	}
}

// waitBuild waits for the next build and returns its error.
func (h *harness) waitBuild() error {
	h.t.Helper()
	select {
	case b := <-h.builds:
		return b.err
	case <-time.After(15 * time.Second):
		h.t.Fatal("no rebuild")
		return nil
	}
}

// waitChange waits for the next build that failed or changed files,
// passing over builds that changed nothing (a batch that came before the
// file it announces was written, or the last event of a save an earlier
// build read whole), and returns its error.
func (h *harness) waitChange() error {
	h.t.Helper()
	deadline := time.After(15 * time.Second)
	for {
		select {
		case b := <-h.builds:
			if b.err != nil || len(b.res.Changed) > 0 {
				return b.err
			}
		case <-deadline:
			h.t.Fatal("no rebuild that changed the site")
			return nil
		}
	}
}

// waitFixed waits for a good build that changed the site, passing over
// failed ones: the last event of the broken save may come after the
// build that read it, and make one more build of the broken file.
func (h *harness) waitFixed() {
	h.t.Helper()
	deadline := time.After(15 * time.Second)
	for {
		select {
		case b := <-h.builds:
			if b.err == nil && len(b.res.Changed) > 0 {
				return
			}
		case <-deadline:
			h.t.Fatal("no good rebuild")
		}
	}
}

// noMoreBuilds asserts that no further build that did something happens
// for a while. A build that changed nothing, from the last event of a
// save an earlier build already read whole, is no rebuild.
func (h *harness) noMoreBuilds() {
	h.t.Helper()
	deadline := time.After(400 * time.Millisecond)
	for {
		select {
		case b := <-h.builds:
			if b.err != nil || len(b.res.Changed) > 0 {
				h.t.Fatalf("an extra rebuild happened (err %v, changed %v)", b.err, b.res.Changed)
			}
		case <-deadline:
			return
		}
	}
}

// waitRedirect waits, build by build (quick ones and the full builds that
// settle them), until the page at path is a redirect to target; in
// between it may be gone (404) or still the page.
func (h *harness) waitRedirect(path, target string) {
	h.t.Helper()
	deadline := time.After(15 * time.Second)
	for {
		code, body := h.get(path)
		if code == 200 && strings.Contains(body, `<meta http-equiv="refresh" content="0; url=`+target+`">`) {
			return
		}
		select {
		case b := <-h.builds:
			if b.err != nil {
				h.t.Fatal(b.err)
			}
		case <-h.settles: // the full build behind a quick one
		case <-deadline:
			h.t.Fatalf("%s is not a redirect to %s: status %d\n%s", path, target, code, body)
		}
	}
}

// waitEvent waits for a live-reload event whose name is want.
func (h *harness) waitEvent(want string) string {
	h.t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		select {
		case ev := <-h.events:
			if strings.HasPrefix(ev, want+" ") {
				return ev
			}
		case <-deadline:
			h.t.Fatalf("no %q event", want)
		}
	}
}

func (h *harness) get(path string) (int, string) {
	h.t.Helper()
	resp, err := http.Get(strings.TrimSuffix(h.url, "/") + "/" + path)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

func (h *harness) framework(name string) string {
	return filepath.Join(h.src, "content", "frameworks", name)
}

func (h *harness) seed(code string) string {
	data, err := os.ReadFile(h.framework(code + ".json"))
	if err != nil {
		h.t.Fatal(err)
	}
	return string(data)
}

const level = "occupations/29-2012.00/emerging/index.html"

// TestEditorSaves performs the file operations of real editors and checks
// that each makes exactly one rebuild that shows the new text.
func TestEditorSaves(t *testing.T) {
	h := start(t)
	target := h.framework("29-2012.00.json")
	dir := filepath.Dir(target)
	saves := []struct {
		name string
		save func(data []byte)
	}{
		{"plain write", func(data []byte) { os.WriteFile(target, data, 0o644) }},
		{"vim", func(data []byte) {
			// vim probes the folder, renames the original to a backup,
			// writes the new file and removes the backup.
			os.WriteFile(filepath.Join(dir, "4913"), nil, 0o644)
			os.Remove(filepath.Join(dir, "4913"))
			os.Rename(target, target+"~")
			os.WriteFile(target, data, 0o644)
			os.Remove(target + "~")
		}},
		{"JetBrains", func(data []byte) {
			tmp := target + "___jb_tmp___"
			os.WriteFile(tmp, data, 0o644)
			os.Rename(target, target+"___jb_old___")
			os.Rename(tmp, target)
			os.Remove(target + "___jb_old___")
		}},
		{"atomic temp and rename", func(data []byte) {
			tmp := filepath.Join(dir, ".goutputstream-ABC123")
			os.WriteFile(tmp, data, 0o644)
			os.Rename(tmp, target)
		}},
		{"sed -i", func(data []byte) {
			tmp := filepath.Join(dir, "sedX1y2Z3")
			os.WriteFile(tmp, data, 0o644)
			os.Rename(tmp, target)
		}},
		// A save in place whose writer is held up between truncating the
		// file and writing it: for less than the watcher's debounce, then
		// for longer, so a build reads the empty file.
		{"truncate, pause, write", func(data []byte) { slowWrite(target, data, 1, 30*time.Millisecond) }},
		{"truncate, long pause, write", func(data []byte) { slowWrite(target, data, 1, 300*time.Millisecond) }},
		// A writer that writes a few bytes at a time, pausing for longer
		// than the debounce: builds read the JSON cut short.
		{"slow writer", func(data []byte) { slowWrite(target, data, 4, 120*time.Millisecond) }},
	}
	for i, s := range saves {
		t.Run(s.name, func(t *testing.T) {
			h.t = t
			marker := fmt.Sprintf("handle (save %d)", i)
			data := strings.Replace(h.seed("29-2012.00"), "identify and handle", "identify and "+marker, 1)
			data = strings.Replace(data, fmt.Sprintf("handle (save %d)", i-1), "handle", 1)
			s.save([]byte(data))
			if err := h.waitChange(); err != nil {
				t.Fatal(err)
			}
			h.noMoreBuilds()
			if n := h.overlays.Load(); n != 0 {
				t.Fatalf("%d error overlays shown, the last: %v", n, h.overlay.Load())
			}
			h.waitEvent("reload")
			if code, body := h.get(level); code != 200 || !strings.Contains(body, marker) {
				t.Errorf("served page (status %d) does not show %q", code, marker)
			}
			if !strings.Contains(h.get2(level), serve.ScriptPath) {
				t.Error("the served page lacks the reload script")
			}
		})
	}
}

func (h *harness) get2(path string) string { _, b := h.get(path); return b }

// slowWrite saves data in place in parts pieces as a slow writer does:
// it truncates the file, then writes each piece after pause.
func slowWrite(target string, data []byte, parts int, pause time.Duration) {
	f, err := os.OpenFile(target, os.O_WRONLY|os.O_TRUNC, 0o644)
	if err != nil {
		panic(err)
	}
	defer f.Close()
	size := (len(data) + parts - 1) / parts
	for len(data) > 0 {
		time.Sleep(pause)
		n := min(size, len(data))
		f.Write(data[:n])
		data = data[n:]
	}
}

func TestStructureChanges(t *testing.T) {
	h := start(t)
	seed := h.seed("19-4021.00")
	nested := filepath.Join(h.src, "content", "frameworks", "new", "deeper")

	// A new nested folder with a framework inside, created at once.
	os.MkdirAll(nested, 0o755)
	os.WriteFile(filepath.Join(nested, "19-9999.00.json"), []byte(strings.Replace(seed, `"soc":"19-4021.00"`, `"soc":"19-9999.00"`, 1)), 0o644)
	if err := h.waitChange(); err != nil {
		t.Fatal(err)
	}
	if code, _ := h.get("occupations/19-9999.00/index.html"); code != 200 {
		t.Fatalf("new framework's page: status %d", code)
	}

	// A rename keeps the occupation: its rebuild changes nothing.
	os.Rename(filepath.Join(nested, "19-9999.00.json"), filepath.Join(nested, "renamed.json"))
	if err := h.waitBuild(); err != nil {
		t.Fatal(err)
	}
	h.noMoreBuilds()
	if code, _ := h.get("occupations/19-9999.00/index.html"); code != 200 {
		t.Fatalf("renamed framework's page: status %d", code)
	}

	// A delete removes its pages: the quick rebuild drops them, and the
	// full build behind it leaves a redirect to the nearest page above
	// at each address, as any build does for a page gone since the last.
	os.Remove(filepath.Join(nested, "renamed.json"))
	h.waitRedirect("occupations/19-9999.00/index.html", "../index.html")

	// A burst of 200 writes is coalesced into a few rebuilds and ends
	// current. os.WriteFile truncates before it writes, so a rebuild that
	// the watcher's latency cap starts mid-burst may read an empty file:
	// it must wait for the save, not fail.
	target := h.framework("19-4021.00.json")
	for i := 0; i < 200; i++ {
		os.WriteFile(target, []byte(strings.Replace(seed, "Lab glassware", fmt.Sprintf("Lab glassware %d", i), 1)), 0o644)
	}
	builds, last := 1, h.waitBuild()
	if last != nil {
		t.Errorf("a rebuild during the burst failed: %v", last)
	}
	for quiet := false; !quiet; {
		select {
		case b := <-h.builds:
			last = b.err
			builds++
			if last != nil {
				t.Errorf("a rebuild during the burst failed: %v", last)
			}
		case <-time.After(1500 * time.Millisecond):
			quiet = true
		}
	}
	if last != nil {
		t.Fatalf("the last rebuild after the burst failed: %v", last)
	}
	if builds > 3 {
		t.Errorf("200 writes made %d rebuilds, want at most 3", builds)
	}
	if _, body := h.get("occupations/19-4021.00/emerging/index.html"); !strings.Contains(body, "Lab glassware 199") {
		t.Error("the served page does not show the last write")
	}
}

// TestSettle checks that after the quick rebuild that shows an edit, the
// full build brings the rest of the site up to date: the search index and
// the downloads know the new text.
func TestSettle(t *testing.T) {
	h := start(t)
	target := h.framework("29-2012.00.json")
	const word = "quasarwidget"
	os.WriteFile(target, []byte(strings.Replace(h.seed("29-2012.00"), "identify and handle", "identify and "+word, 1)), 0o644)
	if err := h.waitChange(); err != nil {
		t.Fatal(err)
	}
	if _, body := h.get(level); !strings.Contains(body, word) {
		t.Fatal("the quick rebuild does not show the edit")
	}
	select {
	case err := <-h.settles:
		if err != nil {
			t.Fatalf("the full build after the quick one: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("no full build after the quick one")
	}
	indexed := false
	for i := 0; ; i++ {
		code, body := h.get(fmt.Sprintf("search/texts-%03d.js", i))
		if code != 200 {
			break
		}
		indexed = indexed || strings.Contains(body, word)
	}
	if !indexed {
		t.Error("the search index does not have the edit")
	}
	if _, body := h.get("occupations/29-2012.00/29-2012.00.moodle.csv"); !strings.Contains(body, word) {
		t.Error("the Moodle export does not have the edit")
	}
}

func TestBrokenThenFixed(t *testing.T) {
	h := start(t)
	target := h.framework("29-2012.00.json")
	good := h.seed("29-2012.00")
	_, before := h.get(level)

	os.WriteFile(target, []byte(strings.Replace(good, `"jobZone":3`, `"jobZone":"3"`, 1)), 0o644)
	if err := h.waitChange(); err == nil {
		t.Fatal("a broken file built")
	}
	ev := h.waitEvent("error")
	for _, want := range []string{"29-2012.00.json", "occupation.jobZone", `expected an integer, found string \"3\"`, `"line":1`} {
		if !strings.Contains(ev, want) {
			t.Errorf("error event lacks %s: %s", want, ev)
		}
	}
	if code, body := h.get(level); code != 200 || body != before {
		t.Error("the last good page is not served while the input is broken")
	}

	os.WriteFile(target, []byte(strings.Replace(good, "identify and handle", "identify and carefully handle", 1)), 0o644)
	h.waitFixed()
	h.waitEvent("reload")
	if _, body := h.get(level); !strings.Contains(body, "carefully handle") {
		t.Error("the fixed page is not served")
	}
}

func TestCSSOnlyChange(t *testing.T) {
	h := start(t)
	p := filepath.Join(h.src, "assets", "print.css")
	os.MkdirAll(filepath.Dir(p), 0o755)
	os.WriteFile(p, []byte("body{color:#000}"), 0o644)
	if err := h.waitChange(); err != nil {
		t.Fatal(err)
	}
	if ev := h.waitEvent("css"); !strings.Contains(ev, "print.css") && !strings.HasPrefix(ev, "css") {
		t.Errorf("event %q", ev)
	}
}

// TestLoadDuringRebuilds sends a bounded loop of requests while the site
// is rebuilt 50 times: no request may fail and every page must be whole.
func TestLoadDuringRebuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("load test")
	}
	h := start(t)
	target := h.framework("19-4021.00.json")
	seed := h.seed("19-4021.00")
	var wg sync.WaitGroup
	stop := make(chan struct{})
	var mu sync.Mutex
	requests, failures := 0, 0
	pages := []string{"index.html", "occupations/19-4021.00/emerging/index.html", "occupations/19-4021.00/index.html", "about/index.html", "assets/style.css"}
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 5000; i++ {
				select {
				case <-stop:
					return
				default:
				}
				p := pages[(i+g)%len(pages)]
				resp, err := http.Get(strings.TrimSuffix(h.url, "/") + "/" + p)
				ok := err == nil && resp.StatusCode == 200
				if err == nil {
					body, _ := io.ReadAll(resp.Body)
					resp.Body.Close()
					if strings.HasSuffix(p, ".html") && !strings.Contains(string(body), "</html>") {
						ok = false
					}
				}
				mu.Lock()
				requests++
				if !ok {
					failures++
				}
				mu.Unlock()
			}
		}(g)
	}
	for i := 0; i < 50; i++ {
		os.WriteFile(target, []byte(strings.Replace(seed, "Lab glassware", fmt.Sprintf("Lab glassware v%d", i), 1)), 0o644)
		if err := h.waitBuild(); err != nil {
			t.Fatal(err)
		}
	}
	close(stop)
	wg.Wait()
	t.Logf("%d requests during 50 rebuilds, %d failed", requests, failures)
	if n := h.overlays.Load(); n != 0 {
		t.Errorf("%d error overlays shown during saves in place, the last: %v", n, h.overlay.Load())
	}
	if failures != 0 || requests < 1000 {
		t.Errorf("%d of %d requests failed or were partial", failures, requests)
	}
}
