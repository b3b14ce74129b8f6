package qa

import (
	"bytes"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"golang.org/x/net/html"
)

// ref is one URL found in a page or style sheet.
type ref struct {
	file     string // slash path relative to root of the file holding the reference
	line     int
	what     string // e.g. "a href", "img src", "css url()"
	value    string // the URL as written
	resource bool   // loaded by the browser (a style sheet, script, image), not navigated to
}

// RefKind classifies a URL as written in a page.
type RefKind int

// The kinds of reference CheckLinksStatic distinguishes.
const (
	RefRelative       RefKind = iota // a path relative to the page: the only kind allowed internally
	RefFragment                      // "#id" within the same page
	RefRootRelative                  // "/x": resolves to the file system root under file://
	RefSchemeRelative                // "//host/x": resolves to file://host/x under file://
	RefExternal                      // http:, https:, ws:, ftp:
	RefData                          // data: and blob:, which load nothing
	RefNonLoading                    // mailto:, tel:, sms: — navigations that leave the browser
	RefScript                        // javascript:, which is unsafe and never allowed
	RefOtherScheme                   // file: and anything else
)

// ClassifyRef reports what kind of reference raw is. It only looks at the
// start of the string, so it accepts anything without error.
func ClassifyRef(raw string) RefKind {
	s := strings.TrimSpace(raw)
	switch {
	case strings.HasPrefix(s, "#"):
		return RefFragment
	case strings.HasPrefix(s, "//"), strings.HasPrefix(s, `\\`), strings.HasPrefix(s, `/\`), strings.HasPrefix(s, `\/`):
		return RefSchemeRelative
	case strings.HasPrefix(s, "/"), strings.HasPrefix(s, `\`):
		return RefRootRelative
	}
	scheme, _, found := strings.Cut(s, ":")
	if !found || !isScheme(scheme) {
		return RefRelative
	}
	switch strings.ToLower(scheme) {
	case "http", "https", "ws", "wss", "ftp":
		return RefExternal
	case "data", "blob":
		return RefData
	case "mailto", "tel", "sms":
		return RefNonLoading
	case "javascript", "vbscript":
		return RefScript
	}
	return RefOtherScheme
}

// isScheme reports whether s is a URL scheme per RFC 3986 section 3.1.
func isScheme(s string) bool {
	if s == "" {
		return false
	}
	for i, c := range s {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return true
}

// pageInfo is what CheckLinksStatic learned about one HTML file.
type pageInfo struct {
	ids  map[string]bool
	refs []ref
}

// CheckLinksStatic parses every .html file under root with a real HTML
// tokenizer and checks every URL-valued attribute (href, src, srcset,
// poster, data, action, formaction) and every url() in style sheets and
// style attributes. It needs no browser and handles thousands of pages in
// seconds. The rules, all needed for a site that works from file://:
//
//   - internal links are relative paths that resolve to an existing regular
//     file inside root (a link to a directory is an error: file:// shows a
//     listing, not index.html);
//   - a #fragment names an id (or <a name>) that exists on the target page;
//   - no root-relative ("/x"), scheme-relative ("//host/x"), file: or
//     javascript: URLs, and no empty href;
//   - resources (style sheets, scripts, images, media, frames, fonts) are
//     never external: only navigational links (a, area, form, link rel other
//     than stylesheet/icon/preload/manifest) may point to http(s), mailto: or tel:;
//   - no <base> element, which would change how every link resolves.
//
// Findings are sorted by file and line; File is relative to root.
func CheckLinksStatic(root string) []Finding {
	root = filepath.Clean(root)
	var findings []Finding
	files := map[string]bool{} // slash path → is a directory
	pages := map[string]*pageInfo{}
	var sheets []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		files[rel] = d.IsDir()
		switch strings.ToLower(path.Ext(rel)) {
		case ".html", ".htm":
			if !d.IsDir() {
				pages[rel] = nil
			}
		case ".css":
			if !d.IsDir() {
				sheets = append(sheets, rel)
			}
		}
		return nil
	})
	if err != nil {
		return []Finding{{Check: "links", File: root, Message: "walking: " + err.Error()}}
	}

	var refs []ref
	for rel := range pages {
		src, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
		if err != nil {
			findings = append(findings, Finding{Check: "links", File: rel, Message: err.Error()})
			continue
		}
		p, problems := scanPage(rel, src)
		pages[rel] = p
		findings = append(findings, problems...)
		refs = append(refs, p.refs...)
	}
	for _, rel := range sheets {
		src, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
		if err != nil {
			findings = append(findings, Finding{Check: "links", File: rel, Message: err.Error()})
			continue
		}
		refs = append(refs, cssRefs(rel, 1, string(src))...)
	}

	for _, r := range refs {
		if msg := checkRef(r, files, pages); msg != "" {
			findings = append(findings, Finding{Check: "links", File: r.file, Line: r.line, Message: fmt.Sprintf("%s %q: %s", r.what, r.value, msg)})
		}
	}
	sort.SliceStable(findings, func(i, j int) bool {
		if findings[i].File != findings[j].File {
			return findings[i].File < findings[j].File
		}
		return findings[i].Line < findings[j].Line
	})
	return findings
}

// checkRef returns why r is broken, or "" when it is fine.
func checkRef(r ref, files map[string]bool, pages map[string]*pageInfo) string {
	v := strings.TrimSpace(r.value)
	if v == "" {
		return "empty URL (links to the page itself)"
	}
	switch ClassifyRef(v) {
	case RefRootRelative:
		return "root-relative URL: under file:// it resolves to the file system root; use a relative path"
	case RefSchemeRelative:
		return "scheme-relative URL: under file:// it resolves to file://host; use a relative path"
	case RefScript:
		return "javascript: URL is not allowed"
	case RefOtherScheme:
		return "URL scheme not allowed"
	case RefData:
		return ""
	case RefExternal, RefNonLoading:
		if r.resource {
			return "external resource: the site must work offline, ship it instead"
		}
		return ""
	}

	u, err := url.Parse(v)
	if err != nil {
		return "unparsable URL: " + err.Error()
	}
	target := r.file
	if u.Path != "" {
		target = path.Join(path.Dir(r.file), u.Path)
		if target == ".." || strings.HasPrefix(target, "../") {
			return "points outside the site root"
		}
		isDir, ok := files[target]
		switch {
		case !ok:
			return "target " + target + " does not exist"
		case isDir || strings.HasSuffix(u.Path, "/"):
			return "target " + target + " is a directory: link to a file (e.g. " + path.Join(target, "index.html") + ")"
		}
	}
	if u.Fragment == "" {
		if strings.HasSuffix(v, "#") {
			return "empty fragment"
		}
		return ""
	}
	p, ok := pages[target]
	if !ok {
		return "" // fragments of non-HTML files (media, PDF) are not ids
	}
	if p == nil || !p.ids[u.Fragment] {
		return fmt.Sprintf("fragment #%s does not exist in %s", u.Fragment, target)
	}
	return ""
}

// urlAttrs returns the attributes of element tag that hold URLs. link is
// handled by scanPage because its rel decides whether it loads a resource.
func urlAttrs(tag string) []string {
	switch tag {
	case "a", "area":
		return []string{"href"}
	case "form":
		return []string{"action"}
	case "button":
		return []string{"formaction"}
	case "input":
		return []string{"src", "formaction"}
	case "script", "iframe", "frame", "embed", "audio", "track":
		return []string{"src"}
	case "img", "source":
		return []string{"src", "srcset"}
	case "object":
		return []string{"data"}
	case "video":
		return []string{"src", "poster"}
	case "image", "use", "feimage":
		return []string{"href", "xlink:href"}
	}
	return nil
}

// navigational reports whether the URLs of element tag are followed by a
// person rather than loaded by the browser: only those may point off-site.
func navigational(tag string) bool {
	switch tag {
	case "a", "area", "form", "button":
		return true
	}
	return false
}

// resourceRel reports whether a link with this rel value makes the browser
// load its href.
func resourceRel(rel string) bool {
	switch rel {
	case "stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest", "apple-touch-icon", "mask-icon":
		return true
	}
	return false
}

// scanPage tokenizes one HTML file, collecting ids and references.
func scanPage(rel string, src []byte) (*pageInfo, []Finding) {
	p := &pageInfo{ids: map[string]bool{}}
	var findings []Finding
	z := html.NewTokenizer(bytes.NewReader(src))
	line := 1
	inStyle := false
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := z.Raw()
		startLine := line
		line += bytes.Count(raw, []byte{'\n'})
		switch tt {
		case html.TextToken:
			if inStyle {
				p.refs = append(p.refs, cssRefs(rel, startLine, string(raw))...)
			}
			continue
		case html.EndTagToken:
			if name, _ := z.TagName(); string(name) == "style" {
				inStyle = false
			}
			continue
		case html.StartTagToken, html.SelfClosingTagToken:
		default:
			continue
		}
		name, hasAttr := z.TagName()
		tag := string(name)
		if tag == "style" && tt == html.StartTagToken {
			inStyle = true
		}
		attrs := map[string]string{}
		for hasAttr {
			var k, v []byte
			k, v, hasAttr = z.TagAttr()
			if _, dup := attrs[string(k)]; !dup {
				attrs[string(k)] = string(v)
			}
		}
		if id, ok := attrs["id"]; ok && id != "" {
			p.ids[id] = true
		}
		if n, ok := attrs["name"]; ok && tag == "a" && n != "" {
			p.ids[n] = true
		}
		if s, ok := attrs["style"]; ok {
			p.refs = append(p.refs, cssRefs(rel, startLine, s)...)
		}
		if tag == "base" {
			findings = append(findings, Finding{Check: "links", File: rel, Line: startLine, Message: "<base> element changes how every relative link resolves; do not use it"})
		}
		names := urlAttrs(tag)
		resource := !navigational(tag)
		if tag == "link" {
			names = []string{"href"}
			resource = false
			for _, r := range strings.Fields(strings.ToLower(attrs["rel"])) {
				resource = resource || resourceRel(r)
			}
		}
		for _, a := range names {
			v, ok := attrs[a]
			if !ok {
				continue
			}
			what := tag + " " + a
			if a == "srcset" {
				for _, u := range srcsetURLs(v) {
					p.refs = append(p.refs, ref{file: rel, line: startLine, what: what, value: u, resource: true})
				}
				continue
			}
			p.refs = append(p.refs, ref{file: rel, line: startLine, what: what, value: v, resource: resource})
		}
	}
	return p, findings
}

// srcsetURLs returns the URLs of the image candidates in a srcset value.
func srcsetURLs(v string) []string {
	var urls []string
	for _, cand := range strings.Split(v, ",") {
		if f := strings.Fields(cand); len(f) > 0 {
			urls = append(urls, f[0])
		}
	}
	return urls
}

// cssURL matches url(...) in CSS, quoted or not, and @import "...".
var cssURL = regexp.MustCompile(`url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')`)

// cssRefs returns the url() references in CSS text that starts at firstLine
// of file. All of them are resources.
func cssRefs(file string, firstLine int, css string) []ref {
	var refs []ref
	for _, m := range cssURL.FindAllStringSubmatchIndex(css, -1) {
		var v string
		for g := 1; g <= 5; g++ {
			if m[2*g] >= 0 {
				v = css[m[2*g]:m[2*g+1]]
				break
			}
		}
		line := firstLine + strings.Count(css[:m[0]], "\n")
		// A bare "#id" in CSS is an SVG filter/mask reference into the page itself.
		if strings.HasPrefix(v, "#") {
			continue
		}
		refs = append(refs, ref{file: file, line: line, what: "css url()", value: v, resource: true})
	}
	return refs
}
