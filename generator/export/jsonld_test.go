package export

import (
	"bytes"
	"encoding/json"
	"github.com/ladder-ssg/ladder/generator/config"
	"html/template"
	"strings"
	"testing"

	"github.com/ladder-ssg/ladder/generator/site"
)

// ldTemplate embeds a value exactly as the page templates do.
var ldTemplate = template.Must(template.New("ld").Parse(`<!DOCTYPE html><html><head><script type="application/ld+json">{{.}}</script></head><body></body></html>`))

// renderLD renders v through html/template and returns the parsed content
// of the script element, failing when the value could end the element.
func renderLD(t *testing.T, v any) map[string]any {
	t.Helper()
	var buf bytes.Buffer
	if err := ldTemplate.Execute(&buf, v); err != nil {
		t.Fatal(err)
	}
	html := buf.String()
	if n := strings.Count(strings.ToLower(html), "</script"); n != 1 {
		t.Fatalf("%d </script in the page, want only the closing tag:\n%s", n, html)
	}
	if strings.Count(strings.ToLower(html), "<script") != 1 {
		t.Fatalf("a value opened a script element:\n%s", html)
	}
	start := strings.Index(html, `json">`) + len(`json">`)
	end := strings.Index(html, "</script>")
	var out map[string]any
	if err := json.Unmarshal([]byte(html[start:end]), &out); err != nil {
		t.Fatalf("script content is not JSON: %v\n%s", err, html[start:end])
	}
	return out
}

func TestJSONLDThroughHTMLTemplate(t *testing.T) {
	for _, c := range configs {
		for _, s := range []*site.Site{seeds(t, c.cfg()), hostile(t, c.cfg())} {
			for _, p := range s.Pages {
				ld := renderLD(t, BreadcrumbLD(p, s))
				items := ld["itemListElement"].([]any)
				if ld["@type"] != "BreadcrumbList" || len(items) != len(p.Crumbs)+1 {
					t.Errorf("%s: breadcrumbs %v", p.Path, ld)
				}
				last := items[len(items)-1].(map[string]any)
				if last["name"] != p.Title || last["position"] != float64(len(items)) {
					t.Errorf("%s: last crumb %v, want the page %q", p.Path, last, p.Title)
				}
			}
			for _, o := range s.Occupations {
				ld := renderLD(t, OccupationLD(o, s))
				if ld["@type"] != "Occupation" || ld["name"] != o.Title() {
					t.Errorf("%s: %v", o.Code, ld)
				}
				cat := ld["occupationalCategory"].(map[string]any)
				if cat["@type"] != "CategoryCode" || cat["codeValue"] != o.Code ||
					cat["inCodeSet"].(map[string]any)["name"] != "O*NET-SOC" {
					t.Errorf("%s: occupationalCategory %v", o.Code, cat)
				}
				checkFrameworkLD(t, o, ld["subjectOf"].(map[string]any), true)
				for _, ol := range o.Levels {
					set := renderLD(t, LevelLD(ol, s))
					if set["@type"] != "DefinedTermSet" || set["identifier"] != codesOf(o).level(ol) {
						t.Errorf("%s: level set %v", ol.Path, set)
					}
					checkFrameworkLD(t, o, set["isPartOf"].(map[string]any), false)
					checkNoStatements(t, ol.Path, o, set)
				}
				checkNoStatements(t, o.Path, o, ld)
			}
		}
	}
}

func TestJSONLDURLs(t *testing.T) {
	cases := []struct {
		name     string
		s        *site.Site
		wantOcc  string
		wantTerm string
		wantHome string
	}{
		{"base URL", seeds(t, baseConfig()), "https://example.org/frameworks/occupations/29-2012.00/",
			"https://example.org/frameworks/occupations/29-2012.00/emerging/",
			"https://example.org/frameworks/"},
		{"offline", seeds(t, offlineConfig()), "index.html",
			"emerging/index.html", "../../../index.html"},
	}
	for _, c := range cases {
		o := c.s.Occupations[1]
		ld := renderLD(t, OccupationLD(o, c.s))
		if ld["url"] != c.wantOcc {
			t.Errorf("%s: url %v, want %s", c.name, ld["url"], c.wantOcc)
		}
		if got := ld["subjectOf"].(map[string]any)["hasPart"].([]any)[0].(map[string]any)["url"]; got != c.wantTerm {
			t.Errorf("%s: first level's url %v, want %s", c.name, got, c.wantTerm)
		}
		var levelPage *site.Page
		for _, p := range c.s.Pages {
			if p.Level == o.Levels[0] && p.Kind == site.OccupationLevelPage {
				levelPage = p
			}
		}
		crumbs := renderLD(t, BreadcrumbLD(levelPage, c.s))["itemListElement"].([]any)
		if got := crumbs[0].(map[string]any)["item"]; got != c.wantHome {
			t.Errorf("%s: home crumb %v, want %s", c.name, got, c.wantHome)
		}
	}
}

func TestJSONLDHostileTitleStaysData(t *testing.T) {
	s := hostile(t, baseConfig())
	o := s.Occupations[0]
	ld := renderLD(t, OccupationLD(o, s))
	if ld["name"] != o.Title() {
		t.Errorf("name %q, want %q", ld["name"], o.Title())
	}
	set := renderLD(t, LevelLD(o.Levels[2], s))
	if want := o.Title() + ": " + o.Levels[2].Label; set["name"] != want {
		t.Errorf("level set name %q, want %q", set["name"], want)
	}
}

// checkFrameworkLD checks the framework of o as JSON-LD: its code and,
// when whole (the occupation page's), its levels and an encoding for each
// download; a level page only names the framework, without encodings.
func checkFrameworkLD(t *testing.T, o *site.Occupation, fw map[string]any, whole bool) {
	t.Helper()
	if fw["@type"] != "DefinedTermSet" || fw["identifier"] != o.Code {
		t.Errorf("%s: framework %v", o.Code, fw)
	}
	if !whole {
		if fw["encoding"] != nil || fw["hasPart"] != nil {
			t.Errorf("%s: a level page's framework repeats the occupation page's parts: %v", o.Code, fw)
		}
		return
	}
	parts, _ := fw["hasPart"].([]any)
	if len(parts) != len(o.Levels) {
		t.Fatalf("%s: %d levels in the framework's JSON-LD, want %d", o.Code, len(parts), len(o.Levels))
	}
	for i, ol := range o.Levels {
		if p := parts[i].(map[string]any); p["identifier"] != codesOf(o).level(ol) || p["name"] != ol.Label {
			t.Errorf("%s: level %d is %v", o.Code, i, p)
		}
	}
	var formats []string
	for _, e := range fw["encoding"].([]any) {
		u := e.(map[string]any)["contentUrl"].(string)
		formats = append(formats, u)
	}
	for _, d := range Downloads(o, config.Default().Outputs) {
		found := false
		for _, u := range formats {
			found = found || strings.HasSuffix(u, d.Path[strings.LastIndex(d.Path, "/")+1:])
		}
		if !found {
			t.Errorf("%s: no encoding links %s (have %v)", o.Code, d.Path, formats)
		}
	}
}

// checkNoStatements fails when the JSON-LD repeats a statement's text,
// which the page itself shows.
func checkNoStatements(t *testing.T, where string, o *site.Occupation, ld map[string]any) {
	t.Helper()
	data, err := json.Marshal(ld)
	if err != nil {
		t.Fatal(err)
	}
	for _, ol := range o.Levels {
		for _, st := range ol.Statements {
			if len(st.Performance) > 20 && bytes.Contains(data, []byte(st.Performance)) {
				t.Errorf("%s: the JSON-LD repeats statement %q", where, st.Performance)
				return
			}
		}
	}
}
