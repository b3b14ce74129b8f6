package qa

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckLinksStaticGoodFixture(t *testing.T) {
	AssertNone(t, "static links in testdata/good", CheckLinksStatic("testdata/good"))
}

func TestCheckLinksStaticBrokenFixture(t *testing.T) {
	got := FormatFindings(CheckLinksStatic("testdata/broken"))
	t.Logf("findings:\n%s", got)
	for _, want := range []string{
		`index.html:6: [links] link href "missing.css": target missing.css does not exist`,
		`index.html:7: [links] script src "https://cdn.example.com/x.js": external resource`,
		`index.html:11: [links] css url() "img/banner-missing.png": target img/banner-missing.png does not exist`,
		`index.html:19: [links] img src "img/nothere.png": target img/nothere.png does not exist`,
		`index.html:22: [links] a href "missing.html": target missing.html does not exist`,
		`index.html:23: [links] a href "other.html#nowhere": fragment #nowhere does not exist in other.html`,
		`index.html:25: [links] a href "sub/": target sub is a directory`,
		`index.html:26: [links] a href "/about.html": root-relative URL`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing finding %q", want)
		}
	}
	for _, unwanted := range []string{`"other.html#present"`, `"other.html"`, `"sub/page.html"`, "other.html:", "sub/page.html:"} {
		if strings.Contains(got, unwanted) {
			t.Errorf("false positive mentioning %s", unwanted)
		}
	}
}

// TestCheckLinksStaticRules checks one rule per case on a tiny site with a
// page a.html (ids "x" and the anchor name "n"), b.css, img/p.png and dir/.
func TestCheckLinksStaticRules(t *testing.T) {
	cases := []struct {
		name string
		body string // placed in <body> of a.html
		want string // substring of the only finding; "" for none
	}{
		{"relative file", `<a href="b.css">b</a>`, ""},
		{"same page fragment", `<a href="#x">x</a>`, ""},
		{"anchor name", `<a href="a.html#n">n</a>`, ""},
		{"encoded path", `<a href="img/p%2Epng">p</a>`, ""},
		{"query ignored", `<a href="a.html?v=1#x">x</a>`, ""},
		{"external link allowed", `<a href="https://example.org/">e</a>`, ""},
		{"mailto allowed", `<a href="mailto:a@example.org">m</a>`, ""},
		{"data image allowed", `<img alt="" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">`, ""},
		{"srcset ok", `<img alt="" src="img/p.png" srcset="img/p.png 1x, img/p.png 2x">`, ""},
		{"srcset missing", `<img alt="" src="img/p.png" srcset="img/p.png 1x, img/q.png 2x">`, "img/q.png does not exist"},
		{"missing fragment", `<a href="#nope">x</a>`, "fragment #nope does not exist in a.html"},
		{"empty fragment", `<a href="#">x</a>`, "empty fragment"},
		{"empty href", `<a href="">x</a>`, "empty URL"},
		{"directory", `<a href="dir">d</a>`, "is a directory"},
		{"directory slash", `<a href="dir/">d</a>`, "is a directory"},
		{"outside root", `<a href="../a.html">o</a>`, "outside the site root"},
		{"root relative", `<a href="/a.html">r</a>`, "root-relative"},
		{"scheme relative", `<a href="//example.org/a.html">s</a>`, "scheme-relative"},
		{"javascript", `<a href="javascript:void(0)">j</a>`, "javascript: URL"},
		{"file scheme", `<a href="file:///etc/hosts">f</a>`, "scheme not allowed"},
		{"external script", `<script src="http://cdn.example.com/x.js"></script>`, "external resource"},
		{"external stylesheet", `<link rel="stylesheet" href="https://cdn.example.com/x.css">`, "external resource"},
		{"canonical may be external", `<link rel="canonical" href="https://example.org/a.html">`, ""},
		{"style attribute url", `<p style="background:url('img/none.png')">p</p>`, "img/none.png does not exist"},
		{"style element url", "<style>\n.a{background:url(img/p.png)}\n.b{background:url(\"gone.png\")}</style>", `"gone.png": target gone.png does not exist`},
		{"svg use fragment", `<svg><use href="#x"></use></svg>`, ""},
		{"base element", `<base href="x/">`, "<base> element"},
		{"script text ignored", `<script>const s = '<a href="nowhere.html">';</script>`, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			root := t.TempDir()
			writeFile(t, root, "a.html", `<!DOCTYPE html><html lang="en"><head><title>a</title></head><body><p id="x"><a name="n"></a></p>`+"\n"+c.body+"\n</body></html>")
			writeFile(t, root, "b.css", "p{}")
			writeFile(t, root, "img/p.png", "png")
			if err := os.Mkdir(filepath.Join(root, "dir"), 0o755); err != nil {
				t.Fatal(err)
			}
			got := CheckLinksStatic(root)
			switch {
			case c.want == "" && len(got) > 0:
				t.Errorf("want no finding, got:\n%s", FormatFindings(got))
			case c.want != "" && (len(got) != 1 || !strings.Contains(got[0].Message, c.want)):
				t.Errorf("want one finding containing %q, got:\n%s", c.want, FormatFindings(got))
			case c.want != "" && got[0].Line < 2:
				t.Errorf("finding should point at line 2 or later, got %v", got[0])
			}
		})
	}
}

func TestCheckLinksStaticStyleSheet(t *testing.T) {
	root := t.TempDir()
	writeFile(t, root, "index.html", `<!DOCTYPE html><title>x</title><link rel="stylesheet" href="css/site.css">`)
	writeFile(t, root, "css/site.css", "@import \"base.css\";\n@font-face { src: url(../fonts/a.woff2#iefix); }\nbody { background: url('../img/gone.png'); }\n.f { filter: url(#shadow); }\n")
	writeFile(t, root, "css/base.css", "")
	writeFile(t, root, "fonts/a.woff2", "font")
	got := CheckLinksStatic(root)
	if len(got) != 1 || got[0].File != "css/site.css" || got[0].Line != 3 || !strings.Contains(got[0].Message, "img/gone.png does not exist") {
		t.Errorf("want one finding at css/site.css:3 for img/gone.png, got:\n%s", FormatFindings(got))
	}
}

func TestClassifyRef(t *testing.T) {
	cases := []struct {
		in   string
		want RefKind
	}{
		{"a.html", RefRelative},
		{"../a.html#x", RefRelative},
		{"a:b/c", RefOtherScheme},
		{"1a:b", RefRelative},
		{"#x", RefFragment},
		{"/a", RefRootRelative},
		{`\a`, RefRootRelative},
		{"//h/a", RefSchemeRelative},
		{`\\h\a`, RefSchemeRelative},
		{" https://h/", RefExternal},
		{"HTTP://h/", RefExternal},
		{"data:,x", RefData},
		{"blob:x", RefData},
		{"mailto:a@b", RefNonLoading},
		{"JavaScript:alert(1)", RefScript},
		{"file:///x", RefOtherScheme},
		{"", RefRelative},
	}
	for _, c := range cases {
		if got := ClassifyRef(c.in); got != c.want {
			t.Errorf("ClassifyRef(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

// FuzzClassifyRef checks that ClassifyRef never panics and that whatever it
// calls relative has no scheme a browser would honour.
func FuzzClassifyRef(f *testing.F) {
	for _, s := range []string{"a.html", "#x", "/a", "//h", "https://h", "javascript:x", "a:b", "", " \t", `\\x`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := ClassifyRef(s)
		if k == RefRelative {
			if scheme, _, ok := strings.Cut(strings.TrimSpace(s), ":"); ok && isScheme(scheme) {
				t.Errorf("ClassifyRef(%q) = relative, but it starts with scheme %q", s, scheme)
			}
		}
	})
}

// writeFile creates root/rel with content, making parent directories.
func writeFile(t *testing.T, root, rel, content string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
