package lms_test

import (
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ladder-ssg/ladder/generator/lms"
	"github.com/ladder-ssg/ladder/generator/paths"
	"github.com/ladder-ssg/ladder/tests/qa"
)

// TestBuiltSCORMReportsAssessment rates statements in the self-assessment
// of a built occupation's SCORM 1.2 package under scorm-again: each rated
// statement is an interaction (likert, its rating), the score is the share
// of statements rated "On my own" or above, and the ratings kept in
// cmi.suspend_data come back in the next session, with the browser's own
// storage emptied, without being recorded again.
func TestBuiltSCORMReportsAssessment(t *testing.T) {
	out := builtSite(t)
	pkg := readZip(t, filepath.Join(out, "downloads", "scorm", "29-2012.00.zip"))
	for _, f := range []string{"assets/assess.js", paths.AssessData("29-2012.00")} {
		if pkg[f] == nil {
			t.Fatalf("the package lacks %s", f)
		}
	}
	same, _ := lms.LMSServer(t, pkg)
	b := qa.NewBrowser(t)
	if err := b.Navigate(lms.HostURL(same, url.Values{"api": {"1"}, "src": {"/pkg/launch.html"}})); err != nil {
		t.Fatal(err)
	}
	lms.WaitFor(t, b, "the self-assessment", `innerFrame().contentDocument.querySelector("#assess fieldset.rate")`)
	// Record what the launch page sets: interactions are write-only.
	b.Eval(`window.sets = {}; (set => { API.LMSSetValue = function (k, v) { sets[k] = v; return set.apply(API, arguments); }; })(API.LMSSetValue)`, nil)
	rate := func(code string, v int) {
		expr := fmt.Sprintf(`innerFrame().contentDocument.querySelector('fieldset[data-code=%q] input[value="%d"]').click()`, code, v)
		if err := b.Eval(expr, nil); err != nil {
			t.Fatal(err)
		}
	}
	for i := 1; i <= 10; i++ {
		rate(fmt.Sprintf("29-2012.00.E.%d", i), 3)
	}
	rate("29-2012.00.D.1", 2)
	rate("29-2012.00.D.1", 4)
	lms.WaitFor(t, b, "12 interactions", `API.cmi.interactions.childArray.length === 12`)
	lms.WaitFor(t, b, "the score", `API.cmi.core.score.raw === "28"`)
	var first []string
	if err := b.Eval(`["id", "type", "student_response", "result"].map(k => sets["cmi.interactions.0." + k])`, &first); err != nil {
		t.Fatal(err)
	}
	if strings.Join(first, " ") != "29-2012.00.E.1 likert 3 neutral" {
		t.Errorf("first interaction %v", first)
	}
	var suspend string
	b.Eval(`API.cmi.suspend_data`, &suspend)
	digits := strings.Repeat("3", 10) + "4" + strings.Repeat("0", 29)
	if !strings.HasSuffix(suspend, "|a40:"+digits) || !strings.HasPrefix(suspend, "ladder1:4:") {
		t.Errorf("suspend_data %q", suspend)
	}
	qa.AssertNone(t, "first session", b.Events().Findings())

	// The next session, on a browser that kept nothing.
	b.Eval(`innerFrame().contentWindow.localStorage.clear()`, nil)
	b.Reset()
	if err := b.Navigate(lms.HostURL(same, url.Values{"api": {"1"}, "src": {"/pkg/launch.html"}, "suspend": {suspend}})); err != nil {
		t.Fatal(err)
	}
	lms.WaitFor(t, b, "the ratings restored", `innerFrame().contentDocument.querySelector('fieldset[data-code="29-2012.00.D.1"] input:checked').value === "4"`)
	lms.WaitFor(t, b, "the score again", `API.cmi.core.score.raw === "28"`)
	var count int
	b.Eval(`API.cmi.interactions.childArray.length`, &count)
	if count != 0 {
		t.Errorf("restored ratings were recorded again: %d interactions", count)
	}
	qa.AssertNone(t, "second session", b.Events().Findings())
}
