package export

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/ladder-ssg/ladder/generator/paths"
	"github.com/ladder-ssg/ladder/generator/site"
)

// xmllint validates file against the XSD schema with xmllint (only
// well-formedness when schema is ""), failing t when it is not valid.
func xmllint(t *testing.T, schema, file string) {
	t.Helper()
	if out, err := runXmllint(t, schema, file); err != nil {
		t.Fatalf("%s is not valid against %q: %v\n%s", file, schema, err, out)
	}
}

// runXmllint runs xmllint on file and returns its output and whether it
// found a problem. It skips t when xmllint is missing, unless CI=true or
// LADDER_REQUIRE_TOOLS=1.
func runXmllint(t *testing.T, schema, file string) ([]byte, error) {
	t.Helper()
	bin, err := exec.LookPath("xmllint")
	if err != nil {
		if requireData() {
			t.Fatalf("xmllint not found (apt-get install libxml2-utils): %v", err)
		}
		t.Skipf("xmllint not found (apt-get install libxml2-utils; not failing without CI=true): %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	args := []string{"--noout", "--nonet"}
	if schema != "" {
		args = append(args, "--schema", schema)
	}
	out, err := exec.CommandContext(ctx, bin, append(args, file)...).CombinedOutput()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("xmllint: %v", err)
	}
	return out, err
}

// TestValidatorsReject makes sure the validators the tests rely on do
// reject what they should, so that a pass means something.
func TestValidatorsReject(t *testing.T) {
	dir := t.TempDir()
	bad := map[string]string{
		"lastmod.xml": `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://example.org/</loc><lastmod>yesterday</lastmod></url></urlset>`,
		"element.xml": `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><href>https://example.org/</href></url></urlset>`,
	}
	for name, text := range bad {
		file := filepath.Join(dir, name)
		if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := runXmllint(t, "testdata/sitemap.xsd", file); err == nil {
			t.Errorf("xmllint accepted the invalid sitemap %s", name)
		}
	}

	sch := caseSchema(t)
	s := seeds(t, baseConfig())
	good := must(CASE(s.Occupations[0], s))
	breakers := map[string]func(map[string]any){
		"unknown member":  func(p map[string]any) { p["CFDocument"].(map[string]any)["CFPackageURI"] = "x" },
		"not a UUID":      func(p map[string]any) { p["CFDocument"].(map[string]any)["identifier"] = "29-2012.00" },
		"not a date-time": func(p map[string]any) { p["CFItems"].([]any)[0].(map[string]any)["lastChangeDateTime"] = "May 2026" },
		"no uri":          func(p map[string]any) { delete(p["CFAssociations"].([]any)[0].(map[string]any), "uri") },
		"bad association": func(p map[string]any) {
			p["CFAssociations"].([]any)[0].(map[string]any)["associationType"] = "isParentOf"
		},
	}
	for name, breakIt := range breakers {
		var p map[string]any
		if err := json.Unmarshal(good, &p); err != nil {
			t.Fatal(err)
		}
		breakIt(p)
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(must(json.Marshal(p))))
		if err != nil {
			t.Fatal(err)
		}
		if sch.Validate(inst) == nil {
			t.Errorf("the CASE schema accepted a package with %s", name)
		}
	}
}

func TestSitemapValidAgainstXSD(t *testing.T) {
	sites := map[string]func(*testing.T) *site.Site{
		"seeds":   func(t *testing.T) *site.Site { return seeds(t, baseConfig()) },
		"hostile": func(t *testing.T) *site.Site { return hostile(t, baseConfig()) },
		"dated":   func(t *testing.T) *site.Site { return dated(t, baseConfig()) },
		"corpus": func(t *testing.T) *site.Site {
			if testing.Short() {
				t.Skip("corpus: skipped with -short")
			}
			return loadDir(t, corpusDir, baseConfig())
		},
	}
	for name, mk := range sites {
		t.Run(name, func(t *testing.T) {
			s := mk(t)
			files, err := Sitemap(s)
			if err != nil {
				t.Fatal(err)
			}
			if len(files) != 1 || files[0].Name != paths.Sitemap {
				t.Fatalf("Sitemap made %d files, want sitemap.xml alone", len(files))
			}
			locs := validURLSet(t, s, files[0].Data)
			if want := sitemapPages(s); !slices.Equal(locs, want) {
				t.Errorf("%d URLs, want %d (every page but 404, in page order)", len(locs), len(want))
			}
			t.Logf("%d URLs valid against the sitemaps.org 0.9 schema", len(locs))
		})
	}
}

// TestSitemapIndex holds a site larger than one sitemap to an index
// naming parts that each keep to the limits and together list every page
// once, in order, all valid against the sitemaps.org schemas.
func TestSitemapIndex(t *testing.T) {
	s := seeds(t, baseConfig())
	want := sitemapPages(s)
	cases := []struct {
		name  string
		limit sitemapLimit
	}{
		{"by URLs", sitemapLimit{urls: 7, bytes: 50 << 20, sitemaps: 100}},
		{"by bytes", sitemapLimit{urls: 50000, bytes: 1500, sitemaps: 100}},
		{"one URL each", sitemapLimit{urls: 1, bytes: 50 << 20, sitemaps: 1000}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			files, err := sitemaps(s, nil, c.limit)
			if err != nil {
				t.Fatal(err)
			}
			if len(files) < 3 || files[0].Name != paths.Sitemap {
				t.Fatalf("%d files, want sitemap.xml as an index of two or more", len(files))
			}
			index := filepath.Join(t.TempDir(), "sitemap.xml")
			if err := os.WriteFile(index, files[0].Data, 0o644); err != nil {
				t.Fatal(err)
			}
			xmllint(t, "testdata/siteindex.xsd", index)
			var set struct {
				Sitemaps []struct {
					Loc string `xml:"loc"`
				} `xml:"sitemap"`
			}
			if err := xml.Unmarshal(files[0].Data, &set); err != nil {
				t.Fatal(err)
			}
			var locs []string
			for i, part := range files[1:] {
				if part.Name != paths.SitemapPart(i+1) || set.Sitemaps[i].Loc != s.Config.BaseURL+part.Name {
					t.Errorf("part %d is %s, indexed as %s", i+1, part.Name, set.Sitemaps[i].Loc)
				}
				if len(part.Data) > c.limit.bytes {
					t.Errorf("%s: %d bytes, more than %d", part.Name, len(part.Data), c.limit.bytes)
				}
				got := validURLSet(t, s, part.Data)
				if len(got) > c.limit.urls {
					t.Errorf("%s: %d URLs, more than %d", part.Name, len(got), c.limit.urls)
				}
				locs = append(locs, got...)
			}
			if len(set.Sitemaps) != len(files)-1 || !slices.Equal(locs, want) {
				t.Errorf("the index names %d of %d parts, listing %d URLs; want every one of %d pages once, in order",
					len(set.Sitemaps), len(files)-1, len(locs), len(want))
			}
		})
	}
	if _, err := sitemaps(s, nil, sitemapLimit{urls: 50000, bytes: 100, sitemaps: 100}); err == nil || !strings.Contains(err.Error(), "alone makes a sitemap") {
		t.Errorf("a page larger than a sitemap may be: err = %v", err)
	}
	if _, err := sitemaps(s, nil, sitemapLimit{urls: 2, bytes: 50 << 20, sitemaps: 3}); err == nil || !strings.Contains(err.Error(), "sitemap index may list") {
		t.Errorf("more parts than an index may list: err = %v", err)
	}
}

// sitemapPages is the canonical URL of every page of s a sitemap lists.
func sitemapPages(s *site.Site) []string {
	var locs []string
	for _, p := range s.Pages {
		if p.Kind != site.NotFoundPage {
			locs = append(locs, link(s, "", p.Path, ""))
		}
	}
	return locs
}

// validURLSet checks data against the sitemap schema and returns its
// locations, each absolute under the base URL, URL-escaped and once.
func validURLSet(t *testing.T, s *site.Site, data []byte) []string {
	t.Helper()
	file := filepath.Join(t.TempDir(), "sitemap.xml")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	xmllint(t, "testdata/sitemap.xsd", file)
	var set struct {
		URLs []struct {
			Loc     string `xml:"loc"`
			Lastmod string `xml:"lastmod"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(data, &set); err != nil {
		t.Fatal(err)
	}
	var locs []string
	seen := map[string]bool{}
	for _, u := range set.URLs {
		p, err := url.Parse(u.Loc)
		if err != nil || !p.IsAbs() || !strings.HasPrefix(u.Loc, s.Config.BaseURL) || seen[u.Loc] {
			t.Errorf("loc %q: not absolute under the base URL, or repeated", u.Loc)
		}
		if strings.HasSuffix(u.Loc, "/"+paths.NotFound) || strings.HasSuffix(u.Loc, "index.html") {
			t.Errorf("loc %q", u.Loc)
		}
		for _, r := range u.Loc {
			if r > 0x7e {
				t.Errorf("loc %q is not URL-escaped", u.Loc)
				break
			}
		}
		seen[u.Loc] = true
		locs = append(locs, u.Loc)
	}
	return locs
}

func TestSitemapAndRobotsNeedBaseURL(t *testing.T) {
	s := seeds(t, offlineConfig())
	if files, err := Sitemap(s); files != nil || err != nil {
		t.Errorf("Sitemap without a base URL = %d files, %v; want nil, nil", len(files), err)
	}
	if data := Robots(s); data != nil {
		t.Errorf("Robots without a base URL = %q, want nil", data)
	}
	got := string(Robots(seeds(t, baseConfig())))
	want := "User-agent: *\nAllow: /\n\nSitemap: https://example.org/frameworks/sitemap.xml\n"
	if got != want {
		t.Errorf("Robots = %q, want %q", got, want)
	}
}

func TestSiteFiles(t *testing.T) {
	cases := []struct {
		name string
		s    *site.Site
		want []string
	}{
		// Crawlers read robots.txt only at the root of a host.
		{"base URL below the root", seeds(t, baseConfig()), []string{paths.Sitemap, paths.Feed, paths.Catalogue, paths.AssessIndex}},
		{"base URL at the root", seeds(t, rootConfig()), []string{paths.Sitemap, paths.Robots, paths.Feed, paths.Catalogue, paths.AssessIndex}},
		{"offline", seeds(t, offlineConfig()), []string{paths.Feed, paths.Catalogue, paths.AssessIndex}},
	}
	for _, c := range cases {
		if got := SiteFileNames(c.s); strings.Join(got, " ") != strings.Join(c.want, " ") {
			t.Errorf("%s: SiteFileNames %q, want %q", c.name, got, c.want)
		}
		files, err := SiteFiles(c.s, nil)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, f := range files {
			names = append(names, f.Name)
			if len(f.Data) == 0 {
				t.Errorf("%s: %s is empty", c.name, f.Name)
			}
		}
		if strings.Join(names, " ") != strings.Join(c.want, " ") {
			t.Errorf("%s: files %q, want %q", c.name, names, c.want)
		}
	}
	s := seeds(t, baseConfig())
	files, _, err := AppendFrameworkFiles(nil, s.Occupations[0], s)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range files {
		names = append(names, f.Name)
	}
	want := "occupations/19-4021.00/19-4021.00.json occupations/19-4021.00/19-4021.00.case.json " +
		"occupations/19-4021.00/19-4021.00.moodle.csv occupations/19-4021.00/19-4021.00.canvas.csv"
	if strings.Join(names, " ") != want {
		t.Errorf("FrameworkFiles = %q", names)
	}
	if !bytes.Equal(files[1].Data, must(CASE(s.Occupations[0], s))) {
		t.Error("FrameworkFiles' CASE package differs from CASE's")
	}
}

func must(data []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return data
}
