package lms_test

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ladder-ssg/ladder/assets"
	"github.com/ladder-ssg/ladder/content"
	"github.com/ladder-ssg/ladder/generator/lms"
	"github.com/ladder-ssg/ladder/generator/load"
	"github.com/ladder-ssg/ladder/generator/paths"
	"github.com/ladder-ssg/ladder/generator/pipeline"
	"github.com/ladder-ssg/ladder/templates"
	"github.com/ladder-ssg/ladder/tests/qa"
)

// builtSite builds the default site, with a base URL so that packages
// carry web links, and returns its output folder.
func builtSite(t *testing.T) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	_, err := pipeline.Build(context.Background(), pipeline.Options{
		Source: t.TempDir(), Out: out, BaseURL: "https://example.org/frameworks/",
		Defaults: load.Defaults{Content: content.FS, Templates: templates.FS, Assets: assets.FS},
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func readZip(t *testing.T, p string) map[string][]byte {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return lms.Unzip(t, data)
}

// TestBuiltPackagesValidate checks every package a build writes: SCORM
// manifests against the ADL schemas, the cartridge against the IMS CC 1.1
// schemas, and every link inside each package resolving inside it.
func TestBuiltPackagesValidate(t *testing.T) {
	qa.Xmllint(t)
	out := builtSite(t)
	var zips []string
	for _, name := range []string{"19-4021.00", "29-2012.00", "all-frameworks"} {
		zips = append(zips, filepath.Join(out, "downloads", "scorm", name+".zip"))
	}
	for _, z := range zips {
		files := readZip(t, z)
		qa.AssertNone(t, filepath.Base(z)+": manifest", lms.Validate12(t, files[lms.ManifestPath]))
		if broken := lms.BrokenLinks(files); len(broken) > 0 {
			t.Errorf("%s: links leaving the package: %v", filepath.Base(z), broken)
		}
		for _, schema := range []string{"imscp_rootv1p1p2.xsd", "imsmd_rootv1p2p1.xsd", "adlcp_rootv1p2.xsd", "ims_xml.xsd"} {
			if files[schema] == nil {
				t.Errorf("%s lacks %s", filepath.Base(z), schema)
			}
		}
	}
	cc := readZip(t, filepath.Join(out, "downloads", "frameworks.imscc"))
	qa.AssertNone(t, "cartridge manifest", lms.ValidateCC(t, lms.CCSchema, cc[lms.ManifestPath]))
	if broken := lms.BrokenLinks(cc); len(broken) > 0 {
		t.Errorf("cartridge links leaving the package: %v", broken)
	}
	for _, rel := range []string{"downloads/scorm/all-frameworks-scorm2004.zip", "downloads/cmi5/all-frameworks.zip"} {
		files := readZip(t, filepath.Join(out, filepath.FromSlash(rel)))
		if files[lms.ManifestPath] == nil && files[lms.Cmi5Path] == nil {
			t.Errorf("%s has neither imsmanifest.xml nor cmi5.xml", rel)
		}
		if broken := lms.BrokenLinks(files); len(broken) > 0 {
			t.Errorf("%s: links leaving the package: %v", rel, broken)
		}
		for _, code := range []string{"29-2012.00", "19-4021.00"} {
			if files["launch-ladder-"+code+".html"] == nil {
				t.Errorf("%s: no launch page for %s", rel, code)
			}
		}
	}
}

// TestBuiltCartridgeInMoodle reads the built cartridge the way Moodle's
// IMS CC 1.1 converter does (only each resource's href file is kept, as
// the body of a Page): every occupation's embed view, which holds its
// levels, is a Page of its own, no link is dead, no page relies on a
// dropped style sheet, section 0 introduces the course and each group has
// a section of its own.
func TestBuiltCartridgeInMoodle(t *testing.T) {
	out := builtSite(t)
	cc := readZip(t, filepath.Join(out, "downloads", "frameworks.imscc"))
	sections, pages, dead, unstyled := lms.MoodleReading(t, cc)
	for _, d := range dead {
		t.Errorf("dead in Moodle: %s", d)
	}
	for _, u := range unstyled {
		t.Errorf("unstyled in Moodle: %s", u)
	}
	if pages != 1+2 {
		t.Errorf("%d pages, want the course page and one per occupation", pages)
	}
	want := []string{"About this course", "Healthcare Practitioners & Technical", "Life, Physical & Social Science"}
	if len(sections) != len(want) {
		t.Fatalf("sections %+v, want %q", sections, want)
	}
	for i, s := range sections {
		if s.Summary != want[i] {
			t.Errorf("section %d: summary %q, want %q", i, s.Summary, want[i])
		}
	}
	if got := sections[1].Activities; len(got) != 1 || got[0] != "Medical and Clinical Laboratory Technicians" {
		t.Errorf("section 1 activities %q", got)
	}
	page := string(cc["embed/occupations/29-2012.00/index.html"])
	for _, want := range []string{`<a href="#advanced">`, `<section class="embed-level" id="advanced" tabindex="-1">`,
		`href="https://example.org/frameworks/occupations/29-2012.00/advanced/"`, "<strong>Laboratory competency frameworks</strong>"} {
		if !strings.Contains(page, want) {
			t.Errorf("the occupation page lacks %s (its levels, each linked to the published one):\n%s", want, page)
		}
	}
}

// TestBuiltSCORMCompletes runs a built occupation package under
// scorm-again, the LMS-side SCORM runtime: opening every level completes
// it; without an LMS it shows the framework with no error.
func TestBuiltSCORMCompletes(t *testing.T) {
	out := builtSite(t)
	pkg := readZip(t, filepath.Join(out, "downloads", "scorm", "29-2012.00.zip"))
	same, _ := lms.LMSServer(t, pkg)
	b := qa.NewBrowser(t)
	if err := b.Navigate(lms.HostURL(same, url.Values{"api": {"1"}, "src": {"/pkg/launch.html"}})); err != nil {
		t.Fatal(err)
	}
	lms.WaitFor(t, b, "launch", `window.API.cmi.core.lesson_status === "incomplete" && levelLinks().length === 4`)
	for i := 0; i < 4; i++ {
		if err := b.Eval(fmt.Sprintf("levelLinks()[%d].click()", i), nil); err != nil {
			t.Fatal(err)
		}
		lms.WaitFor(t, b, fmt.Sprintf("level %d marked", i+1), fmt.Sprintf(`levelLinks()[%d].hasAttribute("data-visited")`, i))
	}
	lms.WaitFor(t, b, "completed", `window.API.cmi.core.lesson_status === "completed"`)
	// The embedded level page posts its height the way Canvas expects.
	lms.WaitFor(t, b, "frame resized", `innerFrame().getBoundingClientRect().height > 600`)
	qa.AssertNone(t, "with an LMS", b.Events().Findings())

	b.Reset()
	if err := b.Navigate(lms.HostURL(same, url.Values{"src": {"/pkg/launch.html"}})); err != nil {
		t.Fatal(err)
	}
	lms.WaitFor(t, b, "framework shown without an LMS", `innerFrame().contentDocument.querySelector("h1").textContent.includes("Medical and Clinical Laboratory Technicians")`)
	qa.AssertNone(t, "without an LMS", b.Events().Findings())
}

// TestBuiltSiteSCORMCompletesEachSCO runs every SCO of the site-wide
// SCORM 1.2 package under scorm-again, each in a fresh LMS session as an
// LMS launches them: opening an occupation's four levels completes it,
// and only it.
func TestBuiltSiteSCORMCompletesEachSCO(t *testing.T) {
	out := builtSite(t)
	pkg := readZip(t, filepath.Join(out, "downloads", "scorm", "all-frameworks.zip"))
	same, _ := lms.LMSServer(t, pkg)
	b := qa.NewBrowser(t)
	for _, code := range []string{"29-2012.00", "19-4021.00"} {
		launch := "/pkg/launch-ladder-" + code + ".html"
		if pkg[strings.TrimPrefix(launch, "/pkg/")] == nil {
			t.Fatalf("no launch page %s", launch)
		}
		b.Reset()
		if err := b.Navigate(lms.HostURL(same, url.Values{"api": {"1"}, "src": {launch}})); err != nil {
			t.Fatal(err)
		}
		lms.WaitFor(t, b, code+" launched", `window.API.cmi.core.lesson_status === "incomplete" && levelLinks().length === 4`)
		for i := 0; i < 4; i++ {
			if err := b.Eval(fmt.Sprintf("levelLinks()[%d].click()", i), nil); err != nil {
				t.Fatal(err)
			}
			lms.WaitFor(t, b, fmt.Sprintf("%s level %d marked", code, i+1), fmt.Sprintf(`levelLinks()[%d].hasAttribute("data-visited")`, i))
		}
		lms.WaitFor(t, b, code+" completed", `window.API.cmi.core.lesson_status === "completed"`)
		lms.WaitFor(t, b, code+" shows its own levels", fmt.Sprintf(`innerFrame().contentWindow.location.pathname.indexOf("/embed/occupations/%s/") >= 0`, code))
		qa.AssertNone(t, code, b.Events().Findings())
	}
}

// TestBuiltSiteSCORM2004CompletesEachSCO runs every SCO of the built
// SCORM 2004 package under scorm-again's SCORM 2004 runtime: each is
// completed once its four levels are open.
func TestBuiltSiteSCORM2004CompletesEachSCO(t *testing.T) {
	out := builtSite(t)
	pkg := readZip(t, filepath.Join(out, "downloads", "scorm", "all-frameworks-scorm2004.zip"))
	same, _ := lms.LMSServer(t, pkg)
	b := qa.NewBrowser(t)
	for _, code := range []string{"29-2012.00", "19-4021.00"} {
		b.Reset()
		if err := b.Navigate(same + "/host2004.html?" + url.Values{"src": {"/pkg/launch-ladder-" + code + ".html"}}.Encode()); err != nil {
			t.Fatal(err)
		}
		lms.WaitFor(t, b, code+" launched", `API_1484_11.cmi.completion_status === "incomplete" && levelLinks().length === 4`)
		for i := 0; i < 4; i++ {
			if err := b.Eval(fmt.Sprintf("levelLinks()[%d].click()", i), nil); err != nil {
				t.Fatal(err)
			}
			lms.WaitFor(t, b, fmt.Sprintf("%s level %d marked", code, i+1), fmt.Sprintf(`levelLinks()[%d].hasAttribute("data-visited")`, i))
		}
		lms.WaitFor(t, b, code+" completed", `API_1484_11.cmi.completion_status === "completed"`)
		qa.AssertNone(t, code, b.Events().Findings())
	}
}

// TestBuiltCmi5Reports launches each AU of the built cmi5 package with an
// LRS stub on loopback: initialized, completed, terminated for each.
func TestBuiltCmi5Reports(t *testing.T) {
	out := builtSite(t)
	files := readZip(t, filepath.Join(out, "downloads", "cmi5", "all-frameworks.zip"))
	for _, code := range []string{"29-2012.00", "19-4021.00"} {
		verbs, problems := lms.Cmi5Verbs(t, files, "launch-ladder-"+code+".html", "https://example.org/frameworks/#ladder-"+code, 4)
		if strings.Join(verbs, " ") != "initialized completed terminated" || len(problems) > 0 {
			t.Errorf("%s: verbs %q, problems %q", code, verbs, problems)
		}
	}
}

// TestEmbedPagePostsHeight frames a built embed view, at one level, from
// a host page and waits for the lti.frameResize message.
func TestEmbedPagePostsHeight(t *testing.T) {
	out := builtSite(t)
	files := map[string][]byte{}
	for _, rel := range []string{"embed/occupations/19-4021.00/index.html", "assets/embed.css", "assets/embed.js", "assets/text.js", "assets/assess.js", paths.AssessData("19-4021.00")} {
		data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		files[rel] = data
	}
	same, _ := lms.LMSServer(t, files)
	b := qa.NewBrowser(t)
	if err := b.Navigate(lms.HostURL(same, url.Values{"src": {"/pkg/embed/occupations/19-4021.00/index.html#proficient"}})); err != nil {
		t.Fatal(err)
	}
	if err := b.Eval(`window.heights = []; window.addEventListener("message", function (e) { if (e.data && e.data.subject === "lti.frameResize") { heights.push(e.data.height); } }); document.getElementById("sco").contentWindow.location.reload(); true`, nil); err != nil {
		t.Fatal(err)
	}
	lms.WaitFor(t, b, "a height message", `window.heights.length > 0 && window.heights[window.heights.length-1] > 500`)
	qa.AssertNone(t, "embed page", b.Events().Findings())
}
