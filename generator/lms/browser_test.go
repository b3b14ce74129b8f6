package lms

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/ladder-ssg/ladder/tests/qa"
)

// hostPage plays the LMS: with ?api=1 it puts scorm-again's SCORM 1.2
// runtime at window.API (preloaded with ?suspend=, ?status= and
// ?location=, as an LMS would for a returning learner, and counting
// LMSFinish calls), then frames
// the page given by ?src=; its button opens ?popup= in a new window.
const hostPage = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Test LMS</title>
<script src="/scorm-again/scorm12.min.js"></script>
<script>
var q = new URLSearchParams(location.search);
window.finishCalls = 0;
if (q.get("api")) {
  window.API = new Scorm12API({});
  var data = {};
  if (q.get("suspend")) { data.suspend_data = q.get("suspend"); }
  data.core = {};
  if (q.get("status")) { data.core.lesson_status = q.get("status"); }
  if (q.get("location")) { data.core.lesson_location = q.get("location"); }
  API.loadFromJSON(data);
  var finish = API.LMSFinish;
  API.LMSFinish = function () { window.finishCalls++; return finish.apply(API, arguments); };
}
function launchDoc() { return document.getElementById("sco").contentDocument; }
function innerFrame() { return launchDoc().getElementById("ladder-frame"); }
function levelLinks() { return launchDoc().querySelectorAll("a[data-level]"); }
</script>
</head>
<body>
<main><iframe id="sco" title="Course" style="width: 100%; height: 800px"></iframe>
<button id="open" type="button" onclick="window.popup = window.open(q.get('popup'), 'sco')">Open in a new window</button></main>
<script>document.getElementById("sco").src = q.get("src");</script>
</body>
</html>
`

// host2004Page plays a SCORM 2004 LMS: scorm-again's SCORM 2004 runtime at
// window.API_1484_11 (recording every SetValue in window.sets), framing the
// page given by ?src=.
const host2004Page = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Test LMS 2004</title>
<script src="/scorm-again/scorm2004.min.js"></script>
<script>
window.API_1484_11 = new Scorm2004API({});
window.sets = {};
var setValue = API_1484_11.SetValue;
API_1484_11.SetValue = function (k, v) { window.sets[k] = v; return setValue.apply(API_1484_11, arguments); };
function launchDoc() { return document.getElementById("sco").contentDocument; }
function innerFrame() { return launchDoc().getElementById("ladder-frame"); }
function levelLinks() { return launchDoc().querySelectorAll("a[data-level]"); }
</script>
</head>
<body>
<main><iframe id="sco" title="Course" style="width: 100%; height: 800px"></iframe></main>
<script>document.getElementById("sco").src = new URLSearchParams(location.search).get("src");</script>
</body>
</html>
`

// wrapPage is a frame between the LMS and the launch page, as LMS players
// have: it frames ?src=.
const wrapPage = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Player</title></head>
<body><iframe id="player" title="Player" style="width: 100%; height: 780px"></iframe>
<script>document.getElementById("player").src = new URLSearchParams(location.search).get("src");</script>
</body></html>
`

// lmsServer serves, on 127.0.0.1, the unzipped package under /pkg/, the
// host and wrap pages and scorm-again, twice: at same and at other, another
// port and so another origin. Both are the same site to Chromium, so frames
// from either share one renderer and the browser records everything they
// do (a frame from another site would run out of the tab's sight).
func lmsServer(t *testing.T, pkg map[string][]byte) (same, other string) {
	t.Helper()
	runtime := qa.ToolFile(t, "scorm-again/dist/scorm12.min.js")
	mux := http.NewServeMux()
	// The package's files as they are, as an LMS serves an unzipped
	// package: no redirect from index.html to its folder, no listings.
	mux.HandleFunc("/pkg/", func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(r.URL.Path, "/pkg/")
		data, ok := pkg[name]
		if !ok {
			http.NotFound(w, r)
			return
		}
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
	})
	mux.HandleFunc("/scorm-again/scorm12.min.js", func(w http.ResponseWriter, r *http.Request) {
		http.ServeFile(w, r, runtime)
	})
	runtime2004 := qa.ToolFile(t, "scorm-again/dist/scorm2004.min.js")
	mux.HandleFunc("/scorm-again/scorm2004.min.js", func(w http.ResponseWriter, r *http.Request) {
		http.ServeFile(w, r, runtime2004)
	})
	serve := func(body string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, body)
		}
	}
	mux.HandleFunc("/host.html", serve(hostPage))
	mux.HandleFunc("/wrap.html", serve(wrapPage))
	mux.HandleFunc("/host2004.html", serve(host2004Page))
	mux.HandleFunc("/favicon.ico", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
	srv := httptest.NewServer(mux) // listens on 127.0.0.1 only
	t.Cleanup(srv.Close)
	srv2 := httptest.NewServer(mux)
	t.Cleanup(srv2.Close)
	return srv.URL, srv2.URL
}

// hostURL returns the host page's URL on base with the query q.
func hostURL(base string, q url.Values) string {
	return base + "/host.html?" + q.Encode()
}

// waitFor polls the boolean JavaScript expression expr in the browser's
// top page until it is true, failing t after a deadline.
func waitFor(t *testing.T, b *qa.Browser, what, expr string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	var last error
	for time.Now().Before(deadline) {
		var ok bool
		last = b.Eval("(function () { try { return !!("+expr+"); } catch (e) { return false; } })()", &ok)
		if last == nil && ok {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s (%s); last error: %v", what, expr, last)
}

// eval evaluates expr in the top page into a new value of type T.
func eval[T any](t *testing.T, b *qa.Browser, expr string) T {
	t.Helper()
	var v T
	if err := b.Eval(expr, &v); err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

// openLevels clicks the launch page's level links in order (those from
// first on) and waits for each page (or section: a level's href may have a
// fragment) to be shown and marked.
func openLevels(t *testing.T, b *qa.Browser, p Package, first int, during func(i int)) {
	t.Helper()
	for i := first; i < len(p.Levels); i++ {
		b.Eval(fmt.Sprintf("levelLinks()[%d].click()", i), nil)
		waitFor(t, b, "level "+p.Levels[i].Title+" shown and marked",
			fmt.Sprintf(`(innerFrame().contentWindow.location.pathname + innerFrame().contentWindow.location.hash).endsWith(%q) && innerFrame().contentDocument.readyState === "complete" && levelLinks()[%d].hasAttribute("data-visited") && levelLinks()[%d].getAttribute("aria-current") === "page"`,
				"/"+p.Levels[i].Href, i, i))
		if during != nil {
			during(i)
		}
	}
}

// assertQuiet fails t when the browser recorded console errors, failed
// loads or requests off the machine.
func assertQuiet(t *testing.T, b *qa.Browser) {
	t.Helper()
	qa.AssertNone(t, "browser", b.Events().Findings())
}

func TestSCORM12Browser(t *testing.T) {
	p := fixture()
	pkg := scormPackage(t, p)
	same, other := lmsServer(t, pkg)
	b := qa.NewBrowser(t)
	launch := "/pkg/" + LaunchPath

	t.Run("completes once every level is opened", func(t *testing.T) {
		b.Reset()
		if err := b.Navigate(hostURL(same, url.Values{"api": {"1"}, "src": {launch}})); err != nil {
			t.Fatal(err)
		}
		waitFor(t, b, "LMSInitialize", `API.isInitialized() && API.cmi.core.lesson_status === "incomplete"`)
		waitFor(t, b, "the start page in the frame", `innerFrame().contentDocument.title === "Web developer"`)
		// The start page is 2000 px tall and measured from this origin.
		waitFor(t, b, "the frame to fit the start page", `parseFloat(innerFrame().style.height) >= 2000`)
		if got := eval[string](t, b, `launchDoc().getElementById("ladder-progress").textContent`); got != "0 of 4 levels opened" {
			t.Errorf("progress %q", got)
		}
		openLevels(t, b, p, 0, func(i int) {
			status := eval[string](t, b, `API.cmi.core.lesson_status`)
			want := "incomplete"
			if i == len(p.Levels)-1 {
				want = "completed"
			}
			if status != want {
				t.Errorf("after opening level %d: lesson_status %q, want %q", i, status, want)
			}
			if loc := eval[string](t, b, `API.cmi.core.lesson_location`); loc != p.Levels[i].Href {
				t.Errorf("after opening level %d: lesson_location %q, want %q", i, loc, p.Levels[i].Href)
			}
		})
		if got := eval[string](t, b, `API.LMSGetValue("cmi.core.lesson_status")`); got != "completed" {
			t.Fatalf(`LMSGetValue("cmi.core.lesson_status") = %q, want "completed"`, got)
		}
		if got := eval[string](t, b, `API.cmi.suspend_data`); got != "ladder1:4:f" {
			t.Errorf("suspend_data %q, want ladder1:4:f", got)
		}
		if got := eval[string](t, b, `launchDoc().getElementById("ladder-progress").textContent`); got != "All levels opened" {
			t.Errorf("progress %q", got)
		}
		// The expert page reports its height (lti.frameResize) and is believed.
		waitFor(t, b, "the frame to take the height the page posted", `innerFrame().style.height === "3000px"`)
		// Back to the overview, which is no level: nothing is current.
		b.Eval(`launchDoc().querySelector("nav a:not([data-level])").click()`, nil)
		waitFor(t, b, "the overview again", `innerFrame().contentDocument.title === "Web developer" && !launchDoc().querySelector("[aria-current]")`)
		if got := eval[string](t, b, `API.cmi.core.lesson_status`); got != "completed" {
			t.Errorf("after the overview: lesson_status %q", got)
		}

		// Leaving the launch page finishes the session, once.
		b.Eval(`document.getElementById("sco").src = "about:blank"`, nil)
		waitFor(t, b, "LMSFinish", `window.finishCalls >= 1 && API.isTerminated()`)
		time.Sleep(200 * time.Millisecond) // let any further unload handler run
		if n := eval[int](t, b, `window.finishCalls`); n != 1 {
			t.Errorf("LMSFinish called %d times, want 1", n)
		}
		core := eval[map[string]any](t, b, `API.renderCMIToJSONObject().cmi.core`)
		if core["exit"] != "" || core["lesson_status"] != "completed" {
			t.Errorf("after LMSFinish: exit %q, lesson_status %q", core["exit"], core["lesson_status"])
		}
		if st, _ := core["session_time"].(string); st == "" || st == "00:00:00" {
			t.Errorf("session_time %q was not reported", core["session_time"])
		}
		assertQuiet(t, b)
	})

	t.Run("restores the levels opened in an earlier session", func(t *testing.T) {
		b.Reset()
		if err := b.Navigate(hostURL(same, url.Values{"api": {"1"}, "src": {launch}, "suspend": {"ladder1:4:3"}, "status": {"incomplete"}})); err != nil {
			t.Fatal(err)
		}
		waitFor(t, b, "the first two levels marked as opened", `levelLinks()[0].hasAttribute("data-visited") && levelLinks()[1].hasAttribute("data-visited")`)
		if got := eval[bool](t, b, `levelLinks()[2].hasAttribute("data-visited") || levelLinks()[3].hasAttribute("data-visited")`); got {
			t.Error("levels 3 and 4 are marked as opened")
		}
		if got := eval[string](t, b, `launchDoc().getElementById("ladder-progress").textContent`); got != "2 of 4 levels opened" {
			t.Errorf("progress %q", got)
		}
		openLevels(t, b, p, 2, nil)
		if got := eval[string](t, b, `API.LMSGetValue("cmi.core.lesson_status")`); got != "completed" {
			t.Fatalf("lesson_status %q, want completed", got)
		}
		b.Eval(`document.getElementById("sco").src = "about:blank"`, nil)
		waitFor(t, b, "LMSFinish", `API.isTerminated()`)
		assertQuiet(t, b)
	})

	t.Run("completes a lesson whose levels were all opened before", func(t *testing.T) {
		b.Reset()
		if err := b.Navigate(hostURL(same, url.Values{"api": {"1"}, "src": {launch}, "suspend": {"ladder1:4:f"}, "status": {"incomplete"}})); err != nil {
			t.Fatal(err)
		}
		// The start page is not a level; showing it is enough.
		waitFor(t, b, "completion", `innerFrame().contentDocument.title === "Web developer" && API.cmi.core.lesson_status === "completed"`)
		b.Eval(`document.getElementById("sco").src = "about:blank"`, nil)
		waitFor(t, b, "LMSFinish", `API.isTerminated()`)
		assertQuiet(t, b)
	})

	t.Run("ignores suspend data it did not write", func(t *testing.T) {
		for _, data := range []string{"garbage", "ladder1:5:1f", "ladder1:4:zz", "ladder1:4", "ladder1:-4:"} {
			b.Reset()
			if err := b.Navigate(hostURL(same, url.Values{"api": {"1"}, "src": {launch}, "suspend": {data}})); err != nil {
				t.Fatal(err)
			}
			waitFor(t, b, "the start page", `API.isInitialized() && innerFrame().contentDocument.title === "Web developer" && innerFrame().contentDocument.readyState === "complete"`)
			if got := eval[string](t, b, `launchDoc().getElementById("ladder-progress").textContent`); got != "0 of 4 levels opened" {
				t.Errorf("suspend data %q: progress %q", data, got)
			}
			b.Eval(`document.getElementById("sco").src = "about:blank"`, nil)
			waitFor(t, b, "LMSFinish", `API.isTerminated()`)
			assertQuiet(t, b)
		}
	})

	t.Run("keeps a completed lesson completed", func(t *testing.T) {
		b.Reset()
		if err := b.Navigate(hostURL(same, url.Values{"api": {"1"}, "src": {launch}, "status": {"completed"}})); err != nil {
			t.Fatal(err)
		}
		waitFor(t, b, "the start page", `API.isInitialized() && innerFrame().contentDocument.title === "Web developer"`)
		openLevels(t, b, p, 0, func(i int) {
			if got := eval[string](t, b, `API.cmi.core.lesson_status`); got != "completed" {
				t.Errorf("after level %d: lesson_status %q, want completed", i, got)
			}
		})
		b.Eval(`document.getElementById("sco").src = "about:blank"`, nil)
		waitFor(t, b, "LMSFinish", `API.isTerminated()`)
		assertQuiet(t, b)
	})

	t.Run("finds the API across a frame from another origin", func(t *testing.T) {
		b.Reset()
		// LMS (API) → player (another origin) → launch page (the LMS's origin).
		src := other + "/wrap.html?src=" + url.QueryEscape(same+launch)
		if err := b.Navigate(hostURL(same, url.Values{"api": {"1"}, "src": {src}})); err != nil {
			t.Fatal(err)
		}
		waitFor(t, b, "LMSInitialize through the foreign frame", `API.isInitialized() && API.cmi.core.lesson_status === "incomplete"`)
		assertQuiet(t, b)
	})

	t.Run("finds the API of the window that opened it", func(t *testing.T) {
		b.Reset()
		if err := b.Navigate(hostURL(same, url.Values{"api": {"1"}, "src": {"about:blank"}, "popup": {launch}})); err != nil {
			t.Fatal(err)
		}
		// The popup is another tab, out of the browser's recording: this
		// page reads it, and its errors, through window.popup.
		// A real click: browsers open windows only on a user's gesture.
		if err := b.Run(chromedp.Click("#open", chromedp.ByQuery)); err != nil {
			t.Fatal(err)
		}
		waitFor(t, b, "LMSInitialize from the popup", `API.isInitialized() && API.cmi.core.lesson_status === "incomplete"`)
		waitFor(t, b, "the start page in the popup", `popup.document.getElementById("ladder-frame").contentDocument.title === "Web developer"`)
		b.Eval(`popup.document.querySelectorAll("a[data-level]")[0].click()`, nil)
		waitFor(t, b, "the first level recorded", `API.cmi.core.lesson_location === `+strconv.Quote(p.Levels[0].Href))
		b.Eval(`popup.close()`, nil)
		waitFor(t, b, "LMSFinish when the popup closes", `window.finishCalls === 1 && API.isTerminated()`)
		assertQuiet(t, b)
	})

	t.Run("shows the framework without an LMS", func(t *testing.T) {
		b.Reset()
		if err := b.Navigate(hostURL(same, url.Values{"src": {launch}})); err != nil {
			t.Fatal(err)
		}
		waitFor(t, b, "the start page", `innerFrame().contentDocument.title === "Web developer"`)
		openLevels(t, b, p, 0, nil)
		if got := eval[string](t, b, `launchDoc().getElementById("ladder-progress").textContent`); got != "All levels opened" {
			t.Errorf("progress %q", got)
		}
		b.Eval(`document.getElementById("sco").src = "about:blank"`, nil)
		waitFor(t, b, "the launch page to go", `document.getElementById("sco").contentDocument.URL === "about:blank"`)
		assertQuiet(t, b)
	})

	t.Run("shows the framework as a top-level page", func(t *testing.T) {
		b.Reset()
		if err := b.Navigate(same + launch); err != nil {
			t.Fatal(err)
		}
		waitFor(t, b, "the start page", `document.getElementById("ladder-frame").contentDocument.title === "Web developer"`)
		b.Eval(`document.querySelectorAll("a[data-level]")[0].click()`, nil)
		waitFor(t, b, "the first level", `document.querySelectorAll("a[data-level]")[0].hasAttribute("data-visited")`)
		if err := b.Navigate("about:blank"); err != nil {
			t.Fatal(err)
		}
		assertQuiet(t, b)
	})

	t.Run("ignores an API it may not reach", func(t *testing.T) {
		b.Reset()
		// LMS (API) → launch page from another origin.
		if err := b.Navigate(hostURL(same, url.Values{"api": {"1"}, "src": {other + launch}})); err != nil {
			t.Fatal(err)
		}
		// The page is out of reach of this test too: wait for it to request
		// its start page.
		startURL := other + "/pkg/" + p.Start
		deadline := time.Now().Add(20 * time.Second)
		for !requested(b, startURL) {
			if time.Now().After(deadline) {
				t.Fatalf("the launch page never loaded %s", startURL)
			}
			time.Sleep(50 * time.Millisecond)
		}
		waitFor(t, b, "the launch page to load", `document.readyState === "complete"`)
		if eval[bool](t, b, `API.isInitialized()`) {
			t.Error("a launch page from another origin initialised the API")
		}
		b.Eval(`document.getElementById("sco").src = "about:blank"`, nil)
		waitFor(t, b, "the launch page to go", `document.getElementById("sco").contentDocument.URL === "about:blank"`)
		assertQuiet(t, b)
	})
}

// TestSCORM12BrowserSections runs a package whose levels are sections of
// one page, as ladder's embed views are: the launch page's level links and
// the page's own move the frame by fragment, each level shown is recorded
// (visited, location) and completes the lesson once all are, and the next
// session opens the frame at the level the location names.
func TestSCORM12BrowserSections(t *testing.T) {
	p := fixture()
	p.Start, p.Levels, p.Files = sectionFiles("web-developer")
	pkg := scormPackage(t, p)
	same, _ := lmsServer(t, pkg)
	b := qa.NewBrowser(t)
	launch := "/pkg/" + LaunchPath

	if err := b.Navigate(hostURL(same, url.Values{"api": {"1"}, "src": {launch}})); err != nil {
		t.Fatal(err)
	}
	waitFor(t, b, "the start page", `API.isInitialized() && innerFrame().contentDocument.title === "Web developer"`)
	load := eval[float64](t, b, `innerFrame().contentWindow.performance.timeOrigin`)
	openLevels(t, b, p, 0, func(i int) {
		if loc := eval[string](t, b, `API.cmi.core.lesson_location`); loc != p.Levels[i].Href {
			t.Errorf("after level %d: lesson_location %q, want %q", i, loc, p.Levels[i].Href)
		}
	})
	if got := eval[string](t, b, `API.cmi.core.lesson_status + " " + API.cmi.suspend_data`); got != "completed ladder1:4:f" {
		t.Errorf("after every level: status and suspend data %q, want completed ladder1:4:f", got)
	}
	if again := eval[float64](t, b, `innerFrame().contentWindow.performance.timeOrigin`); again != load {
		t.Error("the page was loaded again: levels should move it by fragment")
	}
	// The page's own link to a level moves the launch page's record too.
	b.Eval(`innerFrame().contentDocument.querySelector('a[href="#competent"]').click()`, nil)
	waitFor(t, b, "the level the page's link showed", `levelLinks()[1].getAttribute("aria-current") === "page" && API.cmi.core.lesson_location === `+strconv.Quote(p.Levels[1].Href))
	b.Eval(`document.getElementById("sco").src = "about:blank"`, nil)
	waitFor(t, b, "LMSFinish", `API.isTerminated()`)
	assertQuiet(t, b)

	b.Reset()
	if err := b.Navigate(hostURL(same, url.Values{"api": {"1"}, "src": {launch}, "suspend": {"ladder1:4:3"}, "status": {"incomplete"}, "location": {p.Levels[2].Href}})); err != nil {
		t.Fatal(err)
	}
	waitFor(t, b, "the frame back at the level the last session left", `innerFrame().contentWindow.location.hash === "#proficient" && levelLinks()[2].getAttribute("aria-current") === "page" && levelLinks()[2].hasAttribute("data-visited")`)
	if got := eval[string](t, b, `launchDoc().getElementById("ladder-progress").textContent`); got != "3 of 4 levels opened" {
		t.Errorf("progress %q after resuming at an unopened level", got)
	}
	b.Eval(`document.getElementById("sco").src = "about:blank"`, nil)
	waitFor(t, b, "LMSFinish", `API.isTerminated()`)
	assertQuiet(t, b)
}

// requested reports whether the browser has requested u.
func requested(b *qa.Browser, u string) bool {
	for _, r := range b.Events().Requests {
		if r.URL == u {
			return true
		}
	}
	return false
}

// TestSCORM12LaunchPageQuality checks the launch page with checkers ladder
// did not write: the Nu HTML checker, axe-core (WCAG 2.1 AA, light and
// dark) and a keyboard walk.
func TestSCORM12LaunchPageQuality(t *testing.T) {
	p := fixture()
	pkg := scormPackage(t, p)

	launch := filepath.Join(t.TempDir(), LaunchPath)
	if err := os.WriteFile(launch, pkg[LaunchPath], 0o644); err != nil {
		t.Fatal(err)
	}
	qa.AssertNone(t, "vnu", qa.ValidateHTML(t, []string{launch}))

	same, _ := lmsServer(t, pkg)
	b := qa.NewBrowser(t)
	axe := qa.AxeSource(t)
	for _, scheme := range []string{"light", "dark"} {
		if err := b.ColorScheme(scheme); err != nil {
			t.Fatal(err)
		}
		if err := b.Navigate(same + "/pkg/" + LaunchPath); err != nil {
			t.Fatal(err)
		}
		waitFor(t, b, "the start page", `document.getElementById("ladder-frame").contentDocument.title === "Web developer"`)
		// Mark a level as opened, so that its "(opened)" text is checked too.
		b.Eval(`document.querySelectorAll("a[data-level]")[0].click()`, nil)
		waitFor(t, b, "the first level", `document.querySelectorAll("a[data-level]")[0].hasAttribute("data-visited")`)
		vs, err := qa.Axe(b.Context(), axe)
		if err != nil {
			t.Fatal(err)
		}
		qa.AssertNone(t, "axe "+scheme, qa.AxeFindings(LaunchPath, vs))
	}
	kb, err := qa.Keyboard(b.Context())
	if err != nil {
		t.Fatal(err)
	}
	qa.AssertNone(t, "keyboard", kb.Findings(LaunchPath))
	assertQuiet(t, b)
}
