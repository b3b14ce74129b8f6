package gates_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ladder-ssg/ladder/tests/qa"
)

var update = flag.Bool("update", false, "rewrite the golden files of the gap view")

// gapRatings rates the first two levels "On my own", the third "With
// help", and leaves the last unrated: what a person part-way up sees.
func gapRatings(code string) map[string]int {
	m := map[string]int{}
	for _, l := range []struct {
		letter string
		rating int
	}{{"E", 3}, {"D", 3}, {"P", 2}} {
		for i := 1; i <= 10; i++ {
			m[fmt.Sprintf("%s.%s.%d", code, l.letter, i)] = l.rating
		}
	}
	return m
}

// gapData is what the gap view reads of a framework.
type gapData struct {
	Title  string
	Levels []struct {
		Label      string
		Statements []struct{ Code, Skill string }
	}
}

// TestGapView shows, in Chromium from file://, the gap from each seed to
// the other after rating it: the statements listed covered, started and
// missing are those whose shared skill (aligned O*NET element) the rated
// statements have, and the whole view matches its golden file
// (testdata/gap-*.txt; go test -run TestGapView -update rewrites them).
func TestGapView(t *testing.T) {
	site := defaultSite(t)
	b := qa.NewBrowser(t)
	for _, pair := range [][2]string{{"29-2012.00", "19-4021.00"}, {"19-4021.00", "29-2012.00"}} {
		from, to := pair[0], pair[1]
		u, err := qa.FileURL(filepath.Join(site, "occupations", from, "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		a := &assessBrowser{t: t, b: b, url: u}
		a.open()
		a.rate(gapRatings(from))
		a.wait(`!document.getElementById("gap-target").disabled`)
		var related string
		a.eval(`document.querySelector('#gap-target optgroup[label="Related occupations"] option').value`, &related)
		if related != to {
			t.Errorf("%s: the first related occupation offered is %q, want %q", from, related, to)
		}
		a.eval(fmt.Sprintf(`(s => { s.value = %q; s.dispatchEvent(new Event("change")) })(document.getElementById("gap-target"))`, to), nil)
		a.wait(`document.querySelector("#gap-result .gap-level")`)
		var src, dst gapData
		a.eval(fmt.Sprintf(`window.ladderData[%q]`, from), &src)
		a.eval(fmt.Sprintf(`window.ladderData[%q]`, to), &dst)
		var shown map[string]string
		a.eval(`Object.fromEntries([...document.querySelectorAll("#gap-result li[data-code]")].map(li => [li.dataset.code, li.parentElement.className.replace("gap-list gap-", "")]))`, &shown)
		checkGapKinds(t, from, to, expectedGap(gapRatings(from), src, dst), shown)
		var text string
		a.eval(`document.getElementById("gap-result").innerText`, &text)
		golden(t, filepath.Join("testdata", "gap-"+from+"-to-"+to+".txt"), text)
		qa.AssertNone(t, "browser console and requests", b.Events().Findings())
		// axe reads the style sheets itself, which file:// refuses it:
		// its own requests are not the page's.
		checkGapAccessible(t, b, from)
		b.Reset()
	}
}

// expectedGap works out each statement of dst as the gap view should
// show it: covered when a statement of src with its shared skill is rated
// 3 or more, started when rated 2, else missing.
func expectedGap(ratings map[string]int, src, dst gapData) map[string]string {
	best := map[string]int{}
	for _, l := range src.Levels {
		for _, s := range l.Statements {
			if s.Skill != "" && ratings[s.Code] > best[s.Skill] {
				best[s.Skill] = ratings[s.Code]
			}
		}
	}
	out := map[string]string{}
	for _, l := range dst.Levels {
		for _, s := range l.Statements {
			switch r := best[s.Skill]; {
			case s.Skill != "" && r >= 3:
				out[s.Code] = "covered"
			case s.Skill != "" && r == 2:
				out[s.Code] = "started"
			default:
				out[s.Code] = "missing"
			}
		}
	}
	return out
}

func checkGapKinds(t *testing.T, from, to string, want, got map[string]string) {
	t.Helper()
	covered := 0
	for code, kind := range want {
		if got[code] != kind {
			t.Errorf("gap %s → %s: %s shown %q, want %q", from, to, code, got[code], kind)
		}
		if kind == "covered" {
			covered++
		}
	}
	if len(got) != len(want) {
		t.Errorf("gap %s → %s: %d statements shown, want %d", from, to, len(got), len(want))
	}
	if covered == 0 {
		t.Errorf("gap %s → %s: nothing covered: the seeds share aligned skills", from, to)
	}
	t.Logf("gap %s → %s: %d of %d covered", from, to, covered, len(want))
}

// golden compares got with the file, or rewrites it with -update.
func golden(t *testing.T, file, got string) {
	t.Helper()
	got = strings.TrimSpace(got) + "\n"
	if *update {
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run with -update to write it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the view:\n--- want\n%s\n--- got\n%s", file, want, got)
	}
}

// checkGapAccessible runs axe (light and dark) on the occupation page with
// its ratings, summary and gap view shown, and the keyboard walk over it.
func checkGapAccessible(t *testing.T, b *qa.Browser, from string) {
	t.Helper()
	axe := qa.AxeSource(t)
	rep, err := qa.Keyboard(b.Context())
	if err != nil {
		t.Fatal(err)
	}
	qa.AssertNone(t, from+" with the gap view: keyboard", rep.Findings(from))
	for _, scheme := range []string{"light", "dark"} {
		if err := b.ColorScheme(scheme); err != nil {
			t.Fatal(err)
		}
		vs, err := qa.Axe(b.Context(), axe)
		if err != nil {
			t.Fatal(err)
		}
		qa.AssertNone(t, from+" with the gap view ("+scheme+"): axe", qa.AxeFindings(from, vs))
	}
	if err := b.ColorScheme(""); err != nil {
		t.Fatal(err)
	}
}
