package qa

import (
	"strings"
	"testing"
)

func TestKeyboardGoodFixture(t *testing.T) {
	t.Parallel()
	b := NewBrowser(t)
	if err := b.Open("testdata/good/index.html"); err != nil {
		t.Fatal(err)
	}
	rep, err := Keyboard(b.Context())
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("tab order:\n  %s", strings.Join(rep.Order, "\n  "))
	AssertNone(t, "keyboard on good/index.html", rep.Findings("index.html"))
	if len(rep.Order) < 9 {
		t.Errorf("want at least 9 tab stops (skip link, 3 nav links, 2 links, summary, input, button, link), got %d", len(rep.Order))
	}
	if len(rep.Order) > 0 && !strings.Contains(rep.Order[0], "Skip to content") {
		t.Errorf("first tab stop should be the skip link, got %s", rep.Order[0])
	}
}

func TestKeyboardBrokenFixture(t *testing.T) {
	t.Parallel()
	b := NewBrowser(t)
	if err := b.Open("testdata/broken/index.html"); err != nil {
		t.Fatal(err)
	}
	rep, err := Keyboard(b.Context())
	if err != nil {
		t.Fatal(err)
	}
	got := FormatFindings(rep.Findings("index.html"))
	t.Logf("findings:\n%s", got)
	for _, want := range []string{
		`not reachable with Tab: div.fake[role="button"][onclick] "Fake button"`,
		`not reachable with Tab: a[href="other.html"][tabindex="-1"]`,
		`no visible focus indicator: a.nofocus[href="sub/page.html"]`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing finding %q", want)
		}
	}
	if strings.Count(got, "\n") != 3 {
		t.Errorf("want exactly 3 findings")
	}
}

func TestKeyboardRules(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		body string
		want []string // substrings of the findings, in order; none for a clean page
	}{
		{"plain links", `<a href="#a" id="a">a</a> <a href="#b" id="b">b</a>`, nil},
		{"hidden controls are not expected", `<a href="#a" id="a">a</a><a href="#" hidden>h</a><button style="display:none">d</button><button style="visibility:hidden">v</button><div inert><button>i</button></div>`, nil},
		{"disabled button is not expected", `<button disabled>x</button><a href="#a" id="a">a</a>`, nil},
		{"radio group counts once", `<form><input type="radio" name="r" aria-label="one"><input type="radio" name="r" aria-label="two"></form>`, nil},
		{"positive tabindex breaks order", `<a href="#a" id="a">a</a> <a href="#b" id="b" tabindex="1">b</a>`, []string{`focus order: Tab stop 1 is a#b`}},
		{"onclick span", `<a href="#a" id="a">a</a><span onclick="void 0">click me</span>`, []string{`not reachable with Tab: span[onclick`}},
		{"outline none", `<style>button:focus{outline:none}</style><button>go</button>`, []string{`no visible focus indicator: button "go"`}},
		{"box-shadow counts as indicator", `<style>button:focus{outline:none;box-shadow:0 0 0 3px #000}</style><button>go</button>`, nil},
		{"transparent outline is no indicator", `<style>button:focus{outline:3px solid transparent}</style><button>go</button>`, []string{`no visible focus indicator: button "go"`}},
		{"always-on outline is no indicator", `<style>button,button:focus{outline:2px solid #000}</style><button>go</button>`, []string{`no visible focus indicator: button "go"`}},
		{"no controls", `<p>nothing to tab to</p>`, nil},
	}
	b := NewBrowser(t)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if err := b.Open(writePage(t, "<!DOCTYPE html><html lang=en><title>k</title><body>"+c.body)); err != nil {
				t.Fatal(err)
			}
			rep, err := Keyboard(b.Context())
			if err != nil {
				t.Fatal(err)
			}
			got := rep.Findings("page")
			if len(got) != len(c.want) {
				t.Fatalf("want %d finding(s) %q, got:\n%s(order: %q)", len(c.want), c.want, FormatFindings(got), rep.Order)
			}
			for i, w := range c.want {
				if !strings.Contains(got[i].Message, w) {
					t.Errorf("finding %d = %q, want it to contain %q", i, got[i].Message, w)
				}
			}
		})
	}
}

// writePage writes html to a new page.html in a temporary directory and
// returns its path. (A data: URL would cut the page at its first "#".)
func writePage(t *testing.T, html string) string {
	t.Helper()
	root := t.TempDir()
	writeFile(t, root, "page.html", html)
	return root + "/page.html"
}
