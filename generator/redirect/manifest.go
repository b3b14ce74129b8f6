// Package redirect keeps a site's URLs working across builds. Each build
// publishes a manifest of its pages; the next compares its pages with
// it, and every page that went gets a redirect: to the page with the
// same identity (a level renamed keeps its occupation and position), to
// the page a retired family of URLs now maps to (comparisons by pair),
// or to the nearest page above it. Redirects are served three ways: a
// small page at the old path (meta refresh, canonical link and a link;
// works from file:// and in an LMS frame), lines for the hosts that read
// redirect files (_redirects for Netlify and Cloudflare Pages, an nginx
// map), and, for families too large for a page each, a rule the 404
// page's script applies. It works on paths and knows nothing of ladder's
// model.
package redirect

import (
	"bufio"
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// ManifestName is the manifest's file name at the top of the output. It
// is published with the site (no leading dot, which some hosts do not
// serve), so that a build starting from an empty folder, as in CI, can
// fetch the published one.
const ManifestName = "ladder-urls.txt"

const manifestHeader = "# ladder: the pages this site published and the redirects it serves, read by the next build (do not edit)\n"

// Manifest is what one build published.
type Manifest struct {
	// Pages maps each page's path to its identity, or "" when the path
	// is all that identifies it.
	Pages map[string]string
	// Moved maps each redirected path to where it leads.
	Moved map[string]string
}

// ParseManifest reads a manifest; name is used in errors.
func ParseManifest(name string, data []byte) (Manifest, error) {
	m := Manifest{Pages: map[string]string{}, Moved: map[string]string{}}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		switch {
		case f[0] == "page" && len(f) == 3 && f[1] != "":
			m.Pages[f[1]] = f[2]
		case f[0] == "moved" && len(f) == 3 && f[1] != "" && f[2] != "":
			m.Moved[f[1]] = f[2]
		default:
			return Manifest{}, fmt.Errorf("%s:%d: expected \"page\\tPATH\\tIDENTITY\" or \"moved\\tPATH\\tTARGET\", found %q", name, n, line)
		}
	}
	return m, sc.Err()
}

// Bytes writes the manifest, sorted so that equal manifests are equal bytes.
func (m Manifest) Bytes() []byte {
	var b bytes.Buffer
	b.WriteString(manifestHeader)
	for _, p := range slices.Sorted(maps.Keys(m.Pages)) {
		fmt.Fprintf(&b, "page\t%s\t%s\n", p, m.Pages[p])
	}
	for _, p := range slices.Sorted(maps.Keys(m.Moved)) {
		fmt.Fprintf(&b, "moved\t%s\t%s\n", p, m.Moved[p])
	}
	return b.Bytes()
}
