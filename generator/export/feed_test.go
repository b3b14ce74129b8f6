package export

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"github.com/ladder-ssg/ladder/generator/paths"
	"github.com/ladder-ssg/ladder/generator/site"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ladder-ssg/ladder/generator/config"
)

// atom is what the feed test reads back, with the Atom namespace.
type atom struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Updated string   `xml:"updated"`
	Author  []struct {
		Name string `xml:"name"`
	} `xml:"author"`
	Links []struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Entries []struct {
		ID      string `xml:"id"`
		Title   string `xml:"title"`
		Updated string `xml:"updated"`
		Links   []struct {
			Rel  string `xml:"rel,attr"`
			Href string `xml:"href,attr"`
		} `xml:"link"`
	} `xml:"entry"`
}

// wellFormed reads every token of data with a strict XML decoder.
func wellFormed(t *testing.T, data []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v", err)
		}
	}
}

func TestFeed(t *testing.T) {
	cases := []struct {
		name       string
		cfg        func() config.Config
		wantTitles string
		wantHref   string // of the first entry's page
		wantSelf   bool
	}{
		{"base URL", baseConfig, "Beta Alpha Gamma", "https://example.org/frameworks/occupations/11-0002.00/", true},
		{"offline", offlineConfig, "Beta Alpha Gamma", "occupations/11-0002.00/index.html", false},
	}
	for _, c := range cases {
		s := dated(t, c.cfg())
		data, err := Feed(s)
		if err != nil {
			t.Fatal(err)
		}
		wellFormed(t, data)
		file := filepath.Join(t.TempDir(), "feed.xml")
		if err := os.WriteFile(file, data, 0o644); err != nil {
			t.Fatal(err)
		}
		xmllint(t, "", file)

		var f atom
		if err := xml.Unmarshal(data, &f); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if f.ID == "" || f.Title == "" || len(f.Author) != 1 || f.Author[0].Name == "" {
			t.Errorf("%s: feed lacks id, title or author: %+v", c.name, f)
		}
		if f.Updated != "2026-05-20T08:30:00.5Z" {
			t.Errorf("%s: updated %q, want the newest export date", c.name, f.Updated)
		}
		var titles []string
		ids := map[string]bool{}
		for _, e := range f.Entries {
			titles = append(titles, e.Title)
			if !strings.HasPrefix(e.ID, "urn:uuid:") || !uuidPattern.MatchString(strings.TrimPrefix(e.ID, "urn:uuid:")) || ids[e.ID] {
				t.Errorf("%s: entry id %q", c.name, e.ID)
			}
			ids[e.ID] = true
			if _, err := time.Parse(time.RFC3339, e.Updated); err != nil {
				t.Errorf("%s: entry updated %q: %v", c.name, e.Updated, err)
			}
			if len(e.Links) == 0 || e.Links[0].Rel != "alternate" {
				t.Errorf("%s: entry %s has no alternate link", c.name, e.Title)
			}
		}
		if got := strings.Join(titles, " "); got != c.wantTitles {
			t.Errorf("%s: entries %s, want %s (newest first, undated last)", c.name, got, c.wantTitles)
		}
		if f.Entries[2].Updated != "2000-01-01T00:00:00Z" {
			t.Errorf("%s: undated entry updated %q", c.name, f.Entries[2].Updated)
		}
		if got := f.Entries[0].Links[0].Href; got != c.wantHref {
			t.Errorf("%s: link %q, want %q", c.name, got, c.wantHref)
		}
		self := false
		for _, l := range f.Links {
			self = self || l.Rel == "self"
		}
		if self != c.wantSelf {
			t.Errorf("%s: self link %v, want %v", c.name, self, c.wantSelf)
		}
		again, _ := Feed(dated(t, c.cfg()))
		if !bytes.Equal(data, again) {
			t.Errorf("%s: two builds give different feeds", c.name)
		}
	}

	// A hostile title stays text.
	h := hostile(t, baseConfig())
	data, err := Feed(h)
	if err != nil {
		t.Fatal(err)
	}
	var f atom
	if err := xml.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	if f.Entries[0].Title != h.Occupations[0].Title() {
		t.Errorf("title %q, want %q", f.Entries[0].Title, h.Occupations[0].Title())
	}
}

func TestCatalogue(t *testing.T) {
	type dl struct{ Format, Label, URL, MediaType string }
	type fw struct {
		Code, Title, Identifier, URL string
		Group, Version, ExportedAt   *string
		JobZone                      *int
		Sector                       *struct{ Code, Name string }
		Levels                       []string
		Downloads                    []dl
	}
	var cat struct {
		Title, URL, Feed string
		Bundle           dl
		Count            int
		Frameworks       []fw
	}
	for _, c := range configs {
		s := seeds(t, c.cfg())
		data, err := Catalogue(s, func(o *site.Occupation) []Download { return Downloads(o, s.Config.Outputs) })
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(data, &cat); err != nil {
			t.Fatal(err)
		}
		if cat.Count != 2 || len(cat.Frameworks) != 2 {
			t.Fatalf("%s: %d frameworks", c.name, len(cat.Frameworks))
		}
		f := cat.Frameworks[1]
		prefix := ""
		if c.name == "base URL" {
			prefix = "https://example.org/frameworks/"
		}
		checks := []struct{ what, got, want string }{
			{"code", f.Code, "29-2012.00"},
			{"url", f.URL, map[bool]string{true: prefix + "occupations/29-2012.00/", false: "occupations/29-2012.00/index.html"}[prefix != ""]},
			{"version", *f.Version, "v.26.05"},
			{"exportedAt", *f.ExportedAt, "2026-05-15T12:38:05.819Z"},
			{"group", *f.Group, "Healthcare Practitioners & Technical"},
			{"sector", f.Sector.Code + " " + f.Sector.Name, "62 Health Care and Social Assistance"},
			{"levels", strings.Join(f.Levels, ","), "Emerging,Developing,Proficient,Advanced"},
			{"case download", f.Downloads[1].URL, prefix + "occupations/29-2012.00/29-2012.00.case.json"},
			{"framework download", f.Downloads[0].URL, prefix + "occupations/29-2012.00/29-2012.00.json"},
			{"bundle", cat.Bundle.URL, prefix + paths.Bundle},
			{"feed", cat.Feed, prefix + paths.Feed},
		}
		for _, ch := range checks {
			if ch.got != ch.want {
				t.Errorf("%s: %s = %q, want %q", c.name, ch.what, ch.got, ch.want)
			}
		}
		if f.JobZone == nil || *f.JobZone != 3 || len(f.Downloads) != len(Downloads(s.Occupations[1], s.Config.Outputs)) {
			t.Errorf("%s: job zone %v, %d downloads", c.name, f.JobZone, len(f.Downloads))
		}
		if cat.Frameworks[0].Version != nil {
			t.Errorf("%s: a null version should stay null", c.name)
		}
	}
}

func TestDownloads(t *testing.T) {
	s := seeds(t, offlineConfig())
	o := s.Occupations[1]
	want := map[string]string{
		FormatNormalized: "occupations/29-2012.00/29-2012.00.json",
		FormatCASE:       "occupations/29-2012.00/29-2012.00.case.json",
		FormatMoodle:     "occupations/29-2012.00/29-2012.00.moodle.csv",
		FormatCanvas:     "occupations/29-2012.00/29-2012.00.canvas.csv",
	}
	if off := Downloads(o, config.Outputs{}); len(off) != 1 || off[0].Format != FormatOriginal {
		t.Errorf("with every output off, downloads %v, want only the original", off)
	}
	ds := Downloads(o, s.Config.Outputs)
	if len(ds) != len(want) {
		t.Fatalf("%d downloads", len(ds))
	}
	for _, d := range ds {
		if d.Path != want[d.Format] || d.Label == "" || d.MediaType == "" {
			t.Errorf("%+v, want path %s", d, want[d.Format])
		}
	}
	// One framework file: the normalized one with the JSON output on,
	// the original with it off, at the same path.
	if ds[0].Path != o.Download || ds[0].Format != FormatNormalized {
		t.Errorf("framework file %+v, want the normalized one at the model's %s", ds[0], o.Download)
	}
}
