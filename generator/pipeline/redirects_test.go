package pipeline

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/ladder-ssg/ladder/generator/redirect"
)

// TestRedirectsFromPublishedList builds into an empty folder, as CI does,
// with the list of pages fetched from the published site: the renamed
// level's old page redirects to the new one, and the host files say so.
func TestRedirectsFromPublishedList(t *testing.T) {
	src := t.TempDir()
	fw := filepath.Join(src, "content/frameworks/a.json")
	writeFile(t, fw, plainFramework("11-0001.00", "Greeters", "Front of House", 2))
	published, _ := buildSite(t, src, Options{})
	writeFile(t, fw, strings.Replace(plainFramework("11-0001.00", "Greeters", "Front of House", 2), `"advanced"`, `"expert"`, 1))
	out, _ := buildSite(t, src, Options{BaseURL: "https://example.org/skills/", PreviousURLs: filepath.Join(published, redirect.ManifestName)})

	stub := readOut(t, out, "occupations/11-0001.00/advanced/index.html")
	for _, want := range []string{`content="0; url=../expert/index.html"`, `<link rel="canonical" href="https://example.org/skills/occupations/11-0001.00/expert/">`} {
		if !strings.Contains(stub, want) {
			t.Errorf("redirect page lacks %q:\n%s", want, stub)
		}
	}
	if got := readOut(t, out, redirect.NetlifyName); !strings.Contains(got, "/skills/occupations/11-0001.00/advanced/ /skills/occupations/11-0001.00/expert/ 301\n") {
		t.Errorf("_redirects:\n%s", got)
	}
	if got := readOut(t, out, redirect.ManifestName); !strings.Contains(got, "moved\toccupations/11-0001.00/advanced/index.html\toccupations/11-0001.00/expert/index.html\n") {
		t.Errorf("the new list forgets the old page:\n%s", got)
	}
	// A build without the list has nothing to redirect.
	fresh, res := buildSite(t, src, Options{})
	if got := readOut(t, fresh, redirect.ManifestName); strings.Contains(got, "moved\t") {
		t.Errorf("a first build redirects:\n%s", got)
	}
	if strings.Contains(strings.Join(res.Notes, "\n"), "list of pages") {
		t.Errorf("a first build notes %q", res.Notes)
	}
	// A list named but not there is said, not passed over.
	missing := filepath.Join(t.TempDir(), redirect.ManifestName)
	if _, res := buildSite(t, src, Options{PreviousURLs: missing}); !strings.Contains(strings.Join(res.Notes, "\n"), "no redirects were made for pages it had: open "+missing) {
		t.Errorf("a missing --previous-urls file: notes %q", res.Notes)
	}
}

// TestRetiredFilesRedirect builds a site below a host's root: its host
// files send each framework's old normalized file, gone since the
// framework file became the normalized framework, to the framework file,
// which the build publishes.
func TestRetiredFilesRedirect(t *testing.T) {
	src := t.TempDir()
	writeFile(t, filepath.Join(src, "content/frameworks/a.json"), plainFramework("11-0001.00", "Greeters", "Front of House", 2))
	out, _ := buildSite(t, src, Options{BaseURL: "https://example.org/skills/"})
	readOut(t, out, "occupations/11-0001.00/11-0001.00.json")
	for name, want := range map[string]string{
		redirect.NetlifyName: "/skills/occupations/:o/:name.normalized.json /skills/occupations/:o/:name.json 301\n",
		redirect.NginxName:   `"~^/skills/occupations/([^/]+)/([^/]+)\\.normalized\\.json$" "/skills/occupations/$1/$2.json";`,
	} {
		if got := readOut(t, out, name); !strings.Contains(got, want) {
			t.Errorf("%s lacks %q:\n%s", name, want, got)
		}
	}
}
