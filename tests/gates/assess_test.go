package gates_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/ladder-ssg/ladder/tests/qa"
)

// assessPage is the occupation page the self-assessment tests use.
const assessPage = "occupations/29-2012.00/index.html"

// assessBrowser drives the self-assessment of one page in Chromium.
type assessBrowser struct {
	t         *testing.T
	b         *qa.Browser
	url       string
	downloads string
}

// open loads the page and waits for the self-assessment to be shown.
func (a *assessBrowser) open() {
	a.t.Helper()
	if err := a.b.Navigate(a.url); err != nil {
		a.t.Fatal(err)
	}
	a.wait(`!document.getElementById("assess-app").hidden && !!document.querySelector("fieldset.rate")`)
}

// wait polls the JavaScript condition until it is true, or fails.
func (a *assessBrowser) wait(cond string) {
	a.t.Helper()
	var ok bool
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if err := a.b.Eval("Boolean("+cond+")", &ok); err == nil && ok {
			return
		}
	}
	a.t.Fatalf("%s: timed out waiting for %s", a.url, cond)
}

// eval evaluates expr into res, or fails.
func (a *assessBrowser) eval(expr string, res any) {
	a.t.Helper()
	if err := a.b.Eval(expr, res); err != nil {
		a.t.Fatalf("%s: %s: %v", a.url, expr, err)
	}
}

// rate clicks the rating of each statement code.
func (a *assessBrowser) rate(ratings map[string]int) {
	a.t.Helper()
	for code, v := range ratings {
		a.eval(fmt.Sprintf(`document.querySelector('fieldset[data-code=%q] input[value="%d"]').click()`, code, v), nil)
	}
}

// ratings reads the checked rating of every statement that has one.
func (a *assessBrowser) ratings() map[string]int {
	a.t.Helper()
	var out map[string]int
	a.eval(`Object.fromEntries([...document.querySelectorAll("fieldset.rate")].filter(f => f.querySelector("input:checked")).map(f => [f.dataset.code, +f.querySelector("input:checked").value]))`, &out)
	return out
}

func (a *assessBrowser) text(selector string) string {
	a.t.Helper()
	var s string
	a.eval(fmt.Sprintf(`(document.querySelector(%q) || {}).textContent || ""`, selector), &s)
	return s
}

func (a *assessBrowser) click(label string) {
	a.t.Helper()
	a.eval(fmt.Sprintf(`[...document.querySelectorAll("#assess button")].find(b => b.textContent === %q).click()`, label), nil)
}

// download clicks an export button and returns the file it saved.
func (a *assessBrowser) download(label, ext string) string {
	a.t.Helper()
	before, _ := filepath.Glob(filepath.Join(a.downloads, "*"+ext))
	for _, f := range before {
		os.Remove(f)
	}
	a.click(label)
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		files, _ := filepath.Glob(filepath.Join(a.downloads, "*"+ext))
		if len(files) == 1 {
			if data, err := os.ReadFile(files[0]); err == nil && len(data) > 0 {
				return files[0]
			}
		}
	}
	a.t.Fatalf("%s: %s saved no %s file", a.url, label, ext)
	return ""
}

// importFile gives the file to the import control.
func (a *assessBrowser) importFile(path string) {
	a.t.Helper()
	a.eval(`document.querySelector(".assess-status").textContent = ""`, nil)
	if err := a.b.Run(chromedp.SetUploadFiles("#assess-import", []string{path}, chromedp.ByID)); err != nil {
		a.t.Fatal(err)
	}
	a.wait(`document.querySelector(".assess-status").textContent.length > 0`)
}

// TestSelfAssessment rates statements of a seed's occupation page in
// Chromium, from file:// and over HTTP: the ratings and the summary stay
// across a reload; export (JSON and CSV), clear and import restore them;
// a file from an older version reports what it mapped and what no longer
// exists; two profiles keep their ratings apart; no script error.
func TestSelfAssessment(t *testing.T) {
	site := defaultSite(t)
	srv := httptest.NewServer(http.FileServer(http.Dir(site)))
	defer srv.Close()
	fileURL, err := qa.FileURL(filepath.Join(site, filepath.FromSlash(assessPage)))
	if err != nil {
		t.Fatal(err)
	}
	for name, u := range map[string]string{"file": fileURL, "http": srv.URL + "/" + assessPage} {
		t.Run(name, func(t *testing.T) {
			b := qa.NewBrowser(t)
			a := &assessBrowser{t: t, b: b, url: u, downloads: t.TempDir()}
			if err := b.Run(browser.SetDownloadBehavior(browser.SetDownloadBehaviorBehaviorAllow).WithDownloadPath(a.downloads)); err != nil {
				t.Fatal(err)
			}
			a.open()
			checkRateAndReload(a)
			checkExportImport(a)
			checkForeignFiles(a)
			checkOlderVersion(a)
			checkProfiles(a)
			qa.AssertNone(t, "browser console and requests", b.Events().Findings())
		})
	}
}

// emergingDone rates every Emerging statement "On my own" and two
// Developing ones lower.
var emergingDone = func() map[string]int {
	m := map[string]int{"29-2012.00.D.1": 2, "29-2012.00.D.2": 4}
	for i := 1; i <= 10; i++ {
		m[fmt.Sprintf("29-2012.00.E.%d", i)] = 3
	}
	return m
}()

func checkRateAndReload(a *assessBrowser) {
	t := a.t
	if got := a.text("#assess-stand"); !strings.Contains(got, "Rate the statements") {
		t.Errorf("before rating, the summary says %q", got)
	}
	// One rating by keyboard: focus the first choice, move with the arrow.
	err := a.b.Run(chromedp.Focus(`fieldset[data-code="29-2012.00.P.1"] input[value="1"]`, chromedp.ByQuery),
		chromedp.KeyEvent(" "), chromedp.KeyEvent(kb.ArrowDown))
	if err != nil {
		t.Fatal(err)
	}
	a.rate(emergingDone)
	want := map[string]int{"29-2012.00.P.1": 2}
	for k, v := range emergingDone {
		want[k] = v
	}
	for _, step := range []string{"rated", "reloaded"} {
		if got := a.ratings(); !sameRatings(got, want) {
			t.Errorf("%s: ratings %v, want %v", step, got, want)
		}
		if got := a.text("#assess-stand"); got != "You are at about Emerging." {
			t.Errorf("%s: summary %q", step, got)
		}
		if got := a.text("#assess-summary details"); !strings.Contains(got, "Emerging: 10 of 10, reached.") || !strings.Contains(got, "Developing: 1 of 10, not yet (7 more needed).") {
			t.Errorf("%s: the explanation is %q", step, got)
		}
		a.open()
	}
}

func sameRatings(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func checkExportImport(a *assessBrowser) {
	t := a.t
	before := a.ratings()
	jsonFile := a.download("Export JSON", ".json")
	var exported struct {
		Format    string
		Framework struct{ Code, Version string }
		Ratings   []struct {
			Code, URI string
			Rating    *int
		}
	}
	data, _ := os.ReadFile(jsonFile)
	if err := json.Unmarshal(data, &exported); err != nil {
		t.Fatalf("export: %v\n%s", err, data)
	}
	if exported.Format != "ladder-self-assessment" || exported.Framework.Code != "29-2012.00" || exported.Framework.Version != "v.26.05" || len(exported.Ratings) != 40 {
		t.Errorf("export: format %q framework %+v, %d statements", exported.Format, exported.Framework, len(exported.Ratings))
	}
	for _, r := range exported.Ratings {
		if !strings.Contains(r.URI, "occupations/29-2012.00/") || !strings.Contains(r.URI, "#") || !strings.HasPrefix(r.Code, "29-2012.00.") {
			t.Errorf("export: statement %q has URI %q", r.Code, r.URI)
		}
	}
	csvFile := a.download("Export CSV", ".csv")
	for _, file := range []string{jsonFile, csvFile} {
		a.click("Clear my ratings")
		if got := a.ratings(); len(got) != 0 {
			t.Errorf("after clear, ratings %v", got)
		}
		a.importFile(file)
		if got := a.ratings(); !sameRatings(got, before) {
			t.Errorf("import of %s: ratings %v, want %v", filepath.Ext(file), got, before)
		}
		if got := a.text(".assess-status"); !strings.Contains(got, fmt.Sprintf("Imported %d ratings", len(before))) {
			t.Errorf("import of %s: status %q", filepath.Ext(file), got)
		}
	}
}

// checkForeignFiles imports files that are not exports: the status says
// so in the catalogue's words (a script error once took their place).
func checkForeignFiles(a *assessBrowser) {
	t := a.t
	for _, f := range []struct{ name, body, want string }{
		{"other.json", `{"foo": 1}`, "other.json is not a self-assessment exported by this site."},
		{"other.csv", "a,b\n1,2\n", "other.csv has no framework, code and rating columns"},
	} {
		path := filepath.Join(t.TempDir(), f.name)
		if err := os.WriteFile(path, []byte(f.body), 0o644); err != nil {
			t.Fatal(err)
		}
		a.importFile(path)
		if got := a.text(".assess-status"); !strings.Contains(got, f.want) {
			t.Errorf("import of %s: status %q, want %q", f.name, got, f.want)
		}
	}
}

// checkOlderVersion imports an export of an earlier version in which one
// statement was reworded and two no longer exist.
func checkOlderVersion(a *assessBrowser) {
	t := a.t
	old := map[string]any{
		"format": "ladder-self-assessment", "formatVersion": 1,
		"framework": map[string]any{"code": "29-2012.00", "version": "v.25.11"},
		"ratings": []map[string]any{
			{"code": "29-2012.00.A.1", "statement": "Laboratory competency frameworks — an older wording", "rating": 4},
			{"code": "29-2012.00.A.11", "statement": "Point-of-care testing — oversee it", "rating": 3},
			{"code": "29-2012.00.X.1", "statement": "A level that was removed", "rating": 2},
		},
	}
	data, _ := json.Marshal(old)
	path := filepath.Join(t.TempDir(), "old.json")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	a.importFile(path)
	status := a.text(".assess-status")
	if !strings.Contains(status, "Imported 1 rating") || !strings.Contains(status, "version v.25.11") || !strings.Contains(status, "2 could not be mapped") {
		t.Errorf("older version: status %q", status)
	}
	unmapped := a.text(".assess-unmapped")
	for _, want := range []string{"29-2012.00.A.11", "Point-of-care testing", "29-2012.00.X.1", "A level that was removed"} {
		if !strings.Contains(unmapped, want) {
			t.Errorf("older version: the unmapped list %q lacks %q", unmapped, want)
		}
	}
	if got := a.text(".assess-reworded"); !strings.Contains(got, "29-2012.00.A.1") {
		t.Errorf("older version: the reworded list is %q", got)
	}
	if got := a.ratings()["29-2012.00.A.1"]; got != 4 {
		t.Errorf("older version: A.1 rated %d, want 4", got)
	}
}

// checkProfiles adds a second profile, rates in it, and switches back
// and forth, across a reload. The profile is named "constructor", a name
// an object's prototype has, which once lost its ratings.
func checkProfiles(a *assessBrowser) {
	t := a.t
	mine := a.ratings()
	err := a.b.Run(chromedp.SendKeys("#assess-new-profile", "constructor", chromedp.ByID))
	if err != nil {
		t.Fatal(err)
	}
	a.click("Add profile")
	if got := a.ratings(); len(got) != 0 {
		t.Errorf("new profile starts with ratings %v", got)
	}
	a.rate(map[string]int{"29-2012.00.A.3": 4})
	a.open()
	if got := a.ratings(); !sameRatings(got, map[string]int{"29-2012.00.A.3": 4}) {
		t.Errorf("profile constructor after reload: %v", got)
	}
	a.eval(`(s => { s.value = "Me"; s.dispatchEvent(new Event("change")) })(document.getElementById("assess-profile"))`, nil)
	if got := a.ratings(); !sameRatings(got, mine) {
		t.Errorf("profile Me: %v, want %v", got, mine)
	}
	var names []string
	a.eval(`[...document.querySelectorAll("#assess-profile option")].map(o => o.value)`, &names)
	slices.Sort(names)
	if strings.Join(names, ",") != "Me,constructor" {
		t.Errorf("profiles %v", names)
	}
}
