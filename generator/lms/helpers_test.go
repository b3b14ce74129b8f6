package lms

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"net/url"
	"path"
	"regexp"
	"sort"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// levelNames are the synthetic framework's levels, in order.
var levelNames = []string{"Novice", "Competent", "Proficient", "Expert"}

// page returns a small HTML page titled title whose body holds body.
func page(title, body string) []byte {
	return []byte(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>` + title + `</title>
<link rel="stylesheet" href="../../assets/style.css">
</head>
<body>
<main>
<h1>` + title + `</h1>
` + body + `
</main>
</body>
</html>
`)
}

// contentFiles returns a synthetic occupation: an overview page (2000 px
// tall, so that frame sizing shows) that links to four level pages, each
// linking back and to the next. The expert page reports its own height the
// way the embed views do (lti.frameResize, 3000 px).
func contentFiles(occupation string) (start string, levels []Level, files []File) {
	dir := "content/occupations/" + occupation
	start = dir + "/index.html"
	var list strings.Builder
	for _, name := range levelNames {
		href := "levels/" + strings.ToLower(name) + ".html"
		levels = append(levels, Level{Title: name, Href: dir + "/" + href})
		fmt.Fprintf(&list, "<li><a href=\"%s\">%s</a></li>\n", href, name)
	}
	files = append(files,
		File{Path: "content/assets/style.css", Data: []byte("body { font-family: sans-serif; }\n.tall { height: 2000px; }\n")},
		File{Path: start, Data: page("Web developer", "<ul>\n"+list.String()+"</ul>\n<div class=\"tall\"></div>")},
	)
	for i, name := range levelNames {
		body := `<p><a href="../index.html">Overview</a></p>`
		if i+1 < len(levelNames) {
			body += fmt.Sprintf(`<p><a href="%s.html">Next: %s</a></p>`, strings.ToLower(levelNames[i+1]), levelNames[i+1])
		}
		if name == "Expert" {
			body += `<script>addEventListener("load", function () { parent.postMessage({subject: "lti.frameResize", height: 3000}, "*"); });</script>`
		}
		data := bytes.Replace(page("Web developer: "+name, body), []byte(`href="../../assets/style.css"`), []byte(`href="../../../assets/style.css"`), 1)
		files = append(files, File{Path: levels[i].Href, Data: data})
	}
	return start, levels, files
}

// sectionFiles returns a synthetic occupation as ladder's embed views
// hold one: a single page whose levels are sections, each 2000 px tall,
// with the level's slug as id and linked from the page's own level links;
// a level is the page at its fragment.
func sectionFiles(occupation string) (start string, levels []Level, files []File) {
	start = "content/occupations/" + occupation + "/index.html"
	var nav, sections strings.Builder
	for _, name := range levelNames {
		id := strings.ToLower(name)
		levels = append(levels, Level{Title: name, Href: start + "#" + id})
		fmt.Fprintf(&nav, "<li><a href=\"#%s\">%s</a></li>\n", id, name)
		fmt.Fprintf(&sections, "<section id=\"%s\">\n<h2>%s</h2>\n<div class=\"tall\"></div>\n</section>\n", id, name)
	}
	return start, levels, []File{
		{Path: "content/assets/style.css", Data: []byte("body { font-family: sans-serif; }\n.tall { height: 2000px; }\n")},
		{Path: start, Data: page("Web developer", "<nav aria-label=\"Levels\"><ul>\n"+nav.String()+"</ul></nav>\n"+sections.String())},
	}
}

// fixture returns a SCORM package of the synthetic occupation.
func fixture() Package {
	start, levels, files := contentFiles("web-developer")
	return Package{
		About: About{
			Identifier:  "ladder-web-developer",
			Title:       "Web developer",
			Description: "Competencies of a web developer, from novice to expert.",
		},
		Files:  files,
		Start:  start,
		Levels: levels,
	}
}

// unzip reads a zip archive into a map from path to bytes, checking the
// properties WriteZip promises for every entry.
func unzip(t *testing.T, data []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("reading zip: %v", err)
	}
	out := map[string][]byte{}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		if f.Method != zip.Deflate {
			t.Errorf("%s: method %d, want deflate", f.Name, f.Method)
		}
		if len(f.Extra) != 0 {
			t.Errorf("%s: extra fields %x, want none", f.Name, f.Extra)
		}
		if !f.Modified.Equal(zr.File[0].Modified) {
			t.Errorf("%s: modified %v, the first entry %v: want one date for all", f.Name, f.Modified, zr.File[0].Modified)
		}
		if err := checkPath(f.Name); err != nil {
			t.Errorf("%v", err)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		out[f.Name] = b
	}
	if !sort.StringsAreSorted(names) {
		t.Errorf("entries are not sorted by path: %q", names)
	}
	return out
}

// cssURL matches url(…) in a style sheet.
var cssURL = regexp.MustCompile(`url\(\s*['"]?([^'")]+)['"]?\s*\)`)

// brokenLinks returns a line for every reference inside the package files
// that does not resolve to one of them: href, src and srcset in HTML (and
// the href of <file> and <resource> in imsmanifest.xml), and url() in CSS.
// Absolute URLs (with a scheme), fragment-only links and data: URLs are
// not references into the package.
func brokenLinks(files map[string][]byte) []string {
	var broken []string
	check := func(from, ref, base string) {
		ref = strings.TrimSpace(ref)
		if ref == "" || strings.HasPrefix(ref, "#") {
			return
		}
		u, err := url.Parse(ref)
		if err != nil {
			broken = append(broken, fmt.Sprintf("%s: bad URL %q: %v", from, ref, err))
			return
		}
		if u.Scheme != "" || u.Host != "" {
			return // leaves the package on purpose
		}
		target := path.Clean(path.Join(base, u.Path))
		if strings.HasPrefix(target, "../") || target == ".." || strings.HasPrefix(u.Path, "/") {
			broken = append(broken, fmt.Sprintf("%s: %q leaves the package", from, ref))
			return
		}
		if _, ok := files[target]; !ok {
			broken = append(broken, fmt.Sprintf("%s: %q → %s is not in the package", from, ref, target))
		}
	}
	for name, data := range files {
		dir := path.Dir(name)
		switch {
		case strings.HasSuffix(name, ".html"):
			doc, err := html.Parse(bytes.NewReader(data))
			if err != nil {
				broken = append(broken, fmt.Sprintf("%s: %v", name, err))
				continue
			}
			var walk func(*html.Node)
			walk = func(n *html.Node) {
				if n.Type == html.ElementNode {
					for _, a := range n.Attr {
						switch a.Key {
						case "href", "src":
							check(name, a.Val, dir)
						case "srcset":
							for _, c := range strings.Split(a.Val, ",") {
								if f := strings.Fields(c); len(f) > 0 {
									check(name, f[0], dir)
								}
							}
						}
					}
				}
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					walk(c)
				}
			}
			walk(doc)
		case strings.HasSuffix(name, ".css"):
			for _, m := range cssURL.FindAllSubmatch(data, -1) {
				check(name, string(m[1]), dir)
			}
		case name == ManifestPath:
			for _, ref := range manifestRefs(data) {
				check(name, ref, ".")
			}
		}
	}
	sort.Strings(broken)
	return broken
}

// manifestRefs returns the hrefs of a manifest's <file> and <resource>
// elements.
func manifestRefs(manifest []byte) []string {
	var refs []string
	d := xml.NewDecoder(bytes.NewReader(manifest))
	for {
		tok, err := d.Token()
		if err != nil {
			return refs
		}
		if se, ok := tok.(xml.StartElement); ok && (se.Name.Local == "file" || se.Name.Local == "resource") {
			for _, a := range se.Attr {
				if a.Name.Local == "href" && a.Name.Space == "" {
					refs = append(refs, a.Value)
				}
			}
		}
	}
}
