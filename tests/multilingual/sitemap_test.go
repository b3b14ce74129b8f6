package multilingual_test

import (
	"encoding/xml"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sitemapURL is one <url> of a sitemap, with its xhtml:link alternates.
type sitemapURL struct {
	Loc   string `xml:"loc"`
	Links []struct {
		Rel      string `xml:"rel,attr"`
		Hreflang string `xml:"hreflang,attr"`
		Href     string `xml:"href,attr"`
	} `xml:"http://www.w3.org/1999/xhtml link"`
}

// TestSitemapsNameTranslations reads each language's sitemap of the
// bilingual site published at a host's root: every translated page lists
// its translations (itself and x-default included), reciprocally across
// the two sitemaps, and robots.txt names both sitemaps.
func TestSitemapsNameTranslations(t *testing.T) {
	const host = "https://example.org/"
	out := build(t, bilingualSource(t, bilingual+"base_url = \""+host+"\"\n"))
	alternates := map[string]map[string]string{} // loc → hreflang → href
	for _, file := range []string{"sitemap.xml", "fr/sitemap.xml"} {
		data, err := os.ReadFile(filepath.Join(out, file))
		if err != nil {
			t.Fatal(err)
		}
		var set struct {
			URLs []sitemapURL `xml:"url"`
		}
		if err := xml.Unmarshal(data, &set); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		for _, u := range set.URLs {
			if strings.HasPrefix(u.Loc, host+"fr/") != strings.HasPrefix(file, "fr/") {
				t.Errorf("%s lists %s, of the other language", file, u.Loc)
			}
			if len(u.Links) == 0 {
				continue
			}
			m := map[string]string{}
			for _, l := range u.Links {
				m[l.Hreflang] = l.Href
			}
			alternates[u.Loc] = m
		}
	}
	if len(alternates) < 20 {
		t.Fatalf("%d sitemap URLs name translations, want the occupation and level pages of both languages", len(alternates))
	}
	for loc, m := range alternates {
		if m["en"] != m["x-default"] || (m["en"] != loc && m["fr"] != loc) {
			t.Errorf("%s: alternates %v do not name the page itself and the English page as x-default", loc, m)
		}
		for lang, href := range m {
			if !maps.Equal(alternates[href], m) {
				t.Errorf("%s names %s %s, which names %v back, not %v", loc, lang, href, alternates[href], m)
			}
		}
	}
	robots, err := os.ReadFile(filepath.Join(out, "robots.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Sitemap: " + host + "sitemap.xml\n", "Sitemap: " + host + "fr/sitemap.xml\n"} {
		if !strings.Contains(string(robots), want) {
			t.Errorf("robots.txt lacks %q:\n%s", want, robots)
		}
	}
}
