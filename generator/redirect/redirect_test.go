package redirect

import (
	"reflect"
	"strings"
	"testing"
)

var families = []Family{
	{From: "compare/{a}/{b}/index.html", To: "occupations/{a}/index.html"},
	{From: "embed/occupations/{o}/{level}/index.html", To: "embed/occupations/{o}/index.html#{level}"},
}

func pages(paths ...string) []Page {
	var out []Page
	for _, p := range paths {
		path, id, _ := strings.Cut(p, " ")
		out = append(out, Page{path, id})
	}
	return out
}

func TestNew(t *testing.T) {
	prev := Manifest{
		Pages: map[string]string{
			"index.html":                          "",
			"occupations/x/index.html":            "",
			"occupations/x/developing/index.html": "level x 2",
			"occupations/gone/index.html":         "",
			"occupations/gone/novice/index.html":  "level gone 1",
			"compare/x/y/index.html":              "",
			"compare/x/z/index.html":              "",
			"compare/z/x/index.html":              "",
			"about/index.html":                    "",
		},
		// Moved in an earlier build: they stay moved, following their
		// targets when those move too.
		Moved: map[string]string{
			"old/index.html":   "about/index.html",
			"older/index.html": "occupations/x/developing/index.html",
		},
	}
	now := pages("index.html", "occupations/index.html", "occupations/x/index.html", "occupations/x/intermediate/index.html level x 2",
		"occupations/z/index.html", "about-us/index.html")
	tests := []struct {
		name      string
		stubsUpTo int
		stubs     []Redirect
		families  int
	}{
		{"families as pages", 10, []Redirect{
			{"about/index.html", "index.html"},
			{"compare/x/y/index.html", "occupations/x/index.html"},
			{"compare/x/z/index.html", "occupations/x/index.html"},
			{"compare/z/x/index.html", "occupations/z/index.html"},
			{"occupations/gone/index.html", "occupations/index.html"},
			{"occupations/gone/novice/index.html", "occupations/index.html"},
			{"occupations/x/developing/index.html", "occupations/x/intermediate/index.html"},
			{"old/index.html", "index.html"},
			{"older/index.html", "occupations/x/intermediate/index.html"},
		}, 1},
		{"families as rules", 2, []Redirect{
			{"about/index.html", "index.html"},
			{"occupations/gone/index.html", "occupations/index.html"},
			{"occupations/gone/novice/index.html", "occupations/index.html"},
			{"occupations/x/developing/index.html", "occupations/x/intermediate/index.html"},
			{"old/index.html", "index.html"},
			{"older/index.html", "occupations/x/intermediate/index.html"},
		}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plan := New(prev, now, families, tt.stubsUpTo)
			if !reflect.DeepEqual(plan.Stubs, tt.stubs) {
				t.Errorf("Stubs =\n%v\nwant\n%v", plan.Stubs, tt.stubs)
			}
			if len(plan.Families) != tt.families || tt.families > 0 && plan.Families[0] != families[0] {
				t.Errorf("Families = %v, want the comparisons' alone", plan.Families)
			}
			if len(plan.Covered) != 3 || len(plan.Moves) != 6 {
				t.Errorf("Covered %v, Moves %v: want the 3 comparisons covered, the 6 others moved", plan.Covered, plan.Moves)
			}
			// Every old path is remembered, so the next build redirects it too.
			for old := range prev.Pages {
				if _, page := plan.Manifest.Pages[old]; !page && plan.Manifest.Moved[old] == "" {
					t.Errorf("%s is forgotten", old)
				}
			}
			if got := plan.Manifest.Pages["occupations/x/intermediate/index.html"]; got != "level x 2" {
				t.Errorf("identity of the renamed level = %q", got)
			}
		})
	}
}

func TestLiveFamilyIsNoRule(t *testing.T) {
	prev := Manifest{Pages: map[string]string{"compare/x/y/index.html": "", "compare/x/z/index.html": ""}}
	plan := New(prev, pages("occupations/x/index.html", "compare/x/z/index.html"), families, 0)
	want := []Redirect{{"compare/x/y/index.html", "occupations/x/index.html"}}
	if len(plan.Families) != 0 || !reflect.DeepEqual(plan.Stubs, want) {
		t.Errorf("a family with pages left: Families %v, Stubs %v; want no rule and %v", plan.Families, plan.Stubs, want)
	}
}

func TestManifestRoundTrip(t *testing.T) {
	m := Manifest{Pages: map[string]string{"a/index.html": "", "b/c/index.html": "level b 1"}, Moved: map[string]string{"d/index.html": "a/index.html"}}
	got, err := ParseManifest("m", m.Bytes())
	if err != nil || !reflect.DeepEqual(got, m) {
		t.Errorf("ParseManifest(Bytes()) = %v, %v; want %v", got, err, m)
	}
	if _, err := ParseManifest(".ladder-urls", []byte("# c\npage\ta\tb\nbogus line\n")); err == nil || !strings.HasPrefix(err.Error(), ".ladder-urls:3: ") {
		t.Errorf("bad line: error %v, want one at .ladder-urls:3", err)
	}
}

func TestHostFiles(t *testing.T) {
	plan := Plan{
		Moves:    []Redirect{{"occupations/x/developing/index.html", "occupations/x/intermediate/index.html"}},
		Families: families[:1],
	}
	netlify := string(Netlify(plan, "/frameworks/"))
	for _, want := range []string{
		"/frameworks/occupations/x/developing/ /frameworks/occupations/x/intermediate/ 301\n",
		"/frameworks/compare/:a/:b/ /frameworks/occupations/:a/ 301\n",
		"/frameworks/compare/:a/:b/index.html /frameworks/occupations/:a/ 301\n",
	} {
		if !strings.Contains(netlify, want) {
			t.Errorf("_redirects lacks %q:\n%s", want, netlify)
		}
	}
	nginx := string(Nginx(plan, "/"))
	for _, want := range []string{
		`"/occupations/x/developing/index.html" "/occupations/x/intermediate/";`,
		`"/occupations/x/developing/" "/occupations/x/intermediate/";`,
		`"~^/compare/([^/]+)/([^/]+)/(?:index\\.html)?$" "/occupations/$1/";`,
	} {
		if !strings.Contains(nginx, want) {
			t.Errorf("nginx map lacks %q:\n%s", want, nginx)
		}
	}
	// A target with a query, and one with a fragment (a section of the
	// page it leads to).
	query := Plan{Families: []Family{{From: "compare/{a}/{b}/index.html", To: "compare/index.html?a={a}&b={b}"}}}
	fragment := Plan{Families: families[1:]}
	for got, want := range map[string]string{
		string(Netlify(query, "/")):    "/compare/:a/:b/ /compare/?a=:a&b=:b 301\n",
		string(Nginx(query, "/")):      `"~^/compare/([^/]+)/([^/]+)/(?:index\\.html)?$" "/compare/?a=$1&b=$2";`,
		Script(query):                  `"to":"$1compare/index.html?a=$2\u0026b=$3"`,
		string(Netlify(fragment, "/")): "/embed/occupations/:o/:level/ /embed/occupations/:o/#:level 301\n",
		string(Nginx(fragment, "/")):   `"~^/embed/occupations/([^/]+)/([^/]+)/(?:index\\.html)?$" "/embed/occupations/$1/#$2";`,
		Script(fragment):               `"to":"$1embed/occupations/$2/index.html#$3"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("a target with a query or a fragment: %q lacks %q", got, want)
		}
	}
	// A placeholder before a literal end, for a file named after its
	// folder; each name stands once in the form, as Cloudflare requires.
	file := Plan{Families: []Family{{From: "occupations/{o}/{name}.normalized.json", To: "occupations/{o}/{name}.json"}}}
	for got, want := range map[string]string{
		string(Netlify(file, "/")): "/occupations/:o/:name.normalized.json /occupations/:o/:name.json 301\n",
		string(Nginx(file, "/")):   `"~^/occupations/([^/]+)/([^/]+)\\.normalized\\.json$" "/occupations/$1/$2.json";`,
		Script(file):               `"re":"^(.*/)occupations/([^/]+)/([^/]+)\\.normalized\\.json$","to":"$1occupations/$2/$3.json"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("a placeholder with a literal end: %q lacks %q", got, want)
		}
	}
	for path, want := range map[string]bool{
		"occupations/x/x.normalized.json": true, "occupations/x/.normalized.json": false,
		"occupations/x/x.json": false, "occupations/x/x.normalized.json/y": false,
	} {
		if _, ok := match(file.Families[0].From, path); ok != want {
			t.Errorf("%s matches %s: %v, want %v", path, file.Families[0].From, ok, want)
		}
	}
	if Netlify(Plan{}, "/") != nil || Nginx(Plan{}, "/") != nil || Script(Plan{}) != "" {
		t.Error("a plan without redirects makes files")
	}
	script := Script(plan)
	if !strings.Contains(script, `"re":"^(.*/)compare/([^/]+)/([^/]+)/(?:index\\.html)?$","to":"$1occupations/$2/index.html"`) {
		t.Errorf("script rule: %s", script)
	}
}

func TestStubPage(t *testing.T) {
	got := string(StubPage("fr", `A "b" <c>`, "../x/index.html", "https://example.org/x/"))
	for _, want := range []string{
		`<html lang="fr">`, `<meta http-equiv="refresh" content="0; url=../x/index.html">`,
		`<link rel="canonical" href="https://example.org/x/">`, `<a href="../x/index.html">A &#34;b&#34; &lt;c&gt;</a>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("stub lacks %q:\n%s", want, got)
		}
	}
}
