package render_test

import (
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/net/html"

	"github.com/ladder-ssg/ladder/generator/export"
	"github.com/ladder-ssg/ladder/generator/framework"
	"github.com/ladder-ssg/ladder/generator/i18n"
	"github.com/ladder-ssg/ladder/generator/render"
	"github.com/ladder-ssg/ladder/generator/site"
	"github.com/ladder-ssg/ladder/templates"
	"github.com/ladder-ssg/ladder/tests/qa"
)

// TestURL holds the relative URLs from pages at every depth, and the 404
// page's absolute ones under a base URL.
func TestURL(t *testing.T) {
	tests := []struct {
		kind         site.PageKind
		from, base   string
		to, want     string
		wantWithBase string
	}{
		{site.HomePage, "index.html", "", "assets/style.css", "assets/style.css", ""},
		{site.ContentPageKind, "about/index.html", "", "index.html", "../index.html", ""},
		{site.OccupationPage, "occupations/x/index.html", "", "occupations/x/emerging/index.html#safety", "emerging/index.html#safety", ""},
		{site.OccupationLevelPage, "occupations/x/emerging/index.html", "", "occupations/y/emerging/index.html", "../../y/emerging/index.html", ""},
		{site.ChangesPage, "occupations/x/changes/v-2/index.html", "", "occupations/x/versions/v-1/index.html#level-a-b", "../../versions/v-1/index.html#level-a-b", ""},
		{site.EmbedPage, "embed/occupations/x/index.html", "", "embed/occupations/x/index.html#emerging", "index.html#emerging", ""},
		{site.NotFoundPage, "404.html", "", "assets/style.css", "assets/style.css", ""},
		{site.NotFoundPage, "404.html", "https://example.org/skills/", "assets/style.css", "", "https://example.org/skills/assets/style.css"},
		{site.ContentPageKind, "guides/deep/start/index.html", "https://example.org/", "about/index.html", "../../../about/index.html", ""},
	}
	for _, tt := range tests {
		s := &site.Site{Text: i18n.Shipped("en")}
		s.Config.BaseURL = tt.base
		v := &render.View{Site: s, Page: &site.Page{Kind: tt.kind, Path: tt.from}}
		want := tt.want
		if tt.wantWithBase != "" {
			want = tt.wantWithBase
		}
		if got := v.URL(tt.to); got != want {
			t.Errorf("%s page %s (base %q) → %s: %q, want %q", tt.kind, tt.from, tt.base, tt.to, got, want)
		}
	}
}

// TestEmbedSnippet holds the iframe code of an occupation's pages to
// its embed view: a level's page frames the view at the level's section,
// the theme's query before the fragment.
func TestEmbedSnippet(t *testing.T) {
	o := &site.Occupation{Framework: &framework.Framework{}, Code: "x", EmbedPath: "embed/occupations/x/index.html"}
	l := &site.OccupationLevel{Occupation: o, Label: "Emerging", EmbedPath: "embed/occupations/x/index.html#emerging"}
	tests := []struct {
		base  string
		level *site.OccupationLevel
		want  string
	}{
		{"", nil, `src="embed/occupations/x/index.html?theme=light"`},
		{"https://example.org/", l, `src="https://example.org/embed/occupations/x/index.html?theme=light#emerging"`},
	}
	for _, tt := range tests {
		s := &site.Site{Text: i18n.Shipped("en")}
		s.Config.BaseURL, s.Config.EmbedTheme = tt.base, "light"
		v := &render.View{Site: s, Page: &site.Page{Kind: site.OccupationPage, Path: "occupations/x/index.html", Occupation: o, Level: tt.level}}
		if got := v.EmbedSnippet(); !strings.Contains(got, tt.want) {
			t.Errorf("base %q, level %v: %s, want %s", tt.base, tt.level != nil, got, tt.want)
		}
	}
}

// TestT holds the template function for the interface's words: the
// page's language, plural forms, arguments that are HTML set in as they
// are and the rest escaped, and dates.
func TestT(t *testing.T) {
	link := template.HTML(`<a href="../x/index.html">v.2</a>`)
	tests := []struct {
		lang, key string
		args      []any
		want      any
	}{
		{"en", "count.statements", []any{1}, "1 statement"},
		{"en", "count.statements", []any{12}, "12 statements"},
		{"fr", "count.statements", []any{1}, "1 énoncé"},
		{"fr", "count.statements", []any{2}, "2 énoncés"},
		{"ar", "count.statements", []any{2}, "عبارتان"},
		{"en", "changes.unchanged-run", []any{3}, "3 unchanged statements"},
		{"de", "changes.level-relabelled", []any{"Expert"}, "Bezeichnung geändert, vorher „Expert“."},
		{"en", "changes.title", []any{"v<1> & co"}, "What changed in v<1> & co"},
		{"en", "changes.lede", []any{link, "v<1>", "1 added"},
			template.HTML(`From <a href="../x/index.html">v.2</a> to v&lt;1&gt;: 1 added.`)},
	}
	for _, tt := range tests {
		v := &render.View{Site: &site.Site{Text: i18n.Shipped(tt.lang)}}
		if got := v.T(tt.key, tt.args...); got != tt.want {
			t.Errorf("%s %s %v: %#v, want %#v", tt.lang, tt.key, tt.args, got, tt.want)
		}
	}
	day := time.Date(2026, 1, 2, 15, 0, 0, 0, time.UTC)
	for lang, want := range map[string]string{"en": "2 January 2026", "fr": "2 janvier 2026", "de": "2. Januar 2026"} {
		v := &render.View{Site: &site.Site{Text: i18n.Shipped(lang)}}
		if got := v.Date(day); got != want {
			t.Errorf("%s date %q, want %q", lang, got, want)
		}
	}
}

// TestJSONLD renders the pages of the occupation whose title tries to
// end the script: its JSON-LD must read back as the same title, and the
// page must hold no script but its own.
func TestJSONLD(t *testing.T) {
	s := newSite(t, fixture(t))
	pages := renderAll(t, s, templates.FS)
	for _, p := range []string{"occupations/99-0001.00/index.html", "occupations/99-0001.00/emerging/index.html"} {
		doc := parse(t, p, pages[p])
		found := 0
		walk(doc, func(n *html.Node) {
			if n.Data != "script" {
				return
			}
			body := qa.Text(n)
			if strings.Contains(body, "alert(1)") && attr(n, "type") != "application/ld+json" {
				t.Errorf("%s: the title made a script of its own: %q", p, body)
			}
			if attr(n, "type") != "application/ld+json" {
				return
			}
			var v any
			if err := json.Unmarshal([]byte(body), &v); err != nil {
				t.Errorf("%s: JSON-LD does not parse: %v\n%s", p, err, body)
				return
			}
			if strings.Contains(body, hostileTitle) || strings.Contains(body, "</") {
				t.Errorf("%s: JSON-LD holds the title unescaped: %s", p, body)
			}
			if strings.Contains(flatten(v), hostileTitle) {
				found++
			}
		})
		if found == 0 {
			t.Errorf("%s: no JSON-LD reads back as the title %q", p, hostileTitle)
		}
	}
}

// flatten joins every string in a decoded JSON value.
func flatten(v any) string {
	switch v := v.(type) {
	case string:
		return v + "\n"
	case []any:
		var b strings.Builder
		for _, x := range v {
			b.WriteString(flatten(x))
		}
		return b.String()
	case map[string]any:
		var b strings.Builder
		for _, x := range v {
			b.WriteString(flatten(x))
		}
		return b.String()
	}
	return ""
}

// overlay is the embedded templates with files replaced or added.
func overlay(t *testing.T, files map[string]string) fs.FS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(templates.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(templates.FS, p)
		m[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for name, src := range files {
		m[name] = &fstest.MapFile{Data: []byte(src)}
	}
	return m
}

// TestOverriddenTemplates renders with a site's own template for one
// kind, and checks which kinds an override takes part in and that a
// broken one is reported at its file.
func TestOverriddenTemplates(t *testing.T) {
	s := newSite(t, fixture(t))
	custom := `{{define "main"}}<h1 class="custom">{{.Page.Occupation.Code}}: {{.Page.Occupation.ContextCovered}}</h1>{{end}}`
	pages := renderAll(t, s, overlay(t, map[string]string{"occupation.html": custom}))
	occ := string(pages["occupations/29-2012.00/index.html"])
	if !strings.Contains(occ, `<h1 class="custom">29-2012.00: This framework covers`) {
		t.Errorf("the occupation page does not use the site's template:\n%s", occ)
	}
	if level := string(pages["occupations/29-2012.00/emerging/index.html"]); strings.Contains(level, `class="custom"`) {
		t.Error("the level page uses the occupation template")
	}
	tests := []struct {
		names []string
		kinds map[site.PageKind]bool
	}{
		{[]string{"occupation.html"}, map[site.PageKind]bool{site.OccupationPage: true, site.OccupationLevelPage: false, site.HomePage: false}},
		{[]string{"changes.html", "version.html"}, map[site.PageKind]bool{site.ChangesPage: true, site.VersionPage: true, site.OccupationPage: false}},
		{[]string{"partials/footer.html"}, map[site.PageKind]bool{site.OccupationPage: true, site.HomePage: true, site.ChangesPage: true}},
		{[]string{"layout.html"}, map[site.PageKind]bool{site.SearchPage: true, site.EmbedPage: true}},
		{[]string{"my-macros.html"}, map[site.PageKind]bool{site.SkillPageKind: true}},
	}
	for _, tt := range tests {
		is := render.Overridden(tt.names)
		for k, want := range tt.kinds {
			if is(k) != want {
				t.Errorf("Overridden(%v)(%s) = %v, want %v", tt.names, k, !want, want)
			}
		}
	}
	_, err := render.Parse(overlay(t, map[string]string{"changes.html": `{{define "main"}}{{.Page.Changes.Levels{{end}}`}))
	if err == nil || !strings.Contains(err.Error(), "templates/changes.html") {
		t.Errorf("a broken template: %v", err)
	}
}

// TestChangesPage holds the "What changed" page of diff's seed-edits
// case to testdata/changes.html: a statement added, removed, moved and
// reworded, a level relabelled, two metadata changes.
func TestChangesPage(t *testing.T) {
	s := newSite(t, fixture(t))
	pages := renderAll(t, s, templates.FS)
	const p = "occupations/29-2012.00/changes/v-26-06/index.html"
	doc := parse(t, p, pages[p])
	var main *html.Node
	walk(doc, func(n *html.Node) {
		if n.Data == "main" {
			main = n
		}
	})
	if main == nil {
		t.Fatalf("%s has no main", p)
	}
	var b strings.Builder
	if err := html.Render(&b, main); err != nil {
		t.Fatal(err)
	}
	got := strings.ReplaceAll(b.String(), "><", ">\n<") + "\n"
	const golden = "testdata/changes.html"
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (go test -update writes it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from %s (go test -update rewrites it):\n%s", p, golden, got)
	}
}

// TestRows holds what the row views of level, skill and occupation pages
// give a template of a site's own to the model they come from.
func TestRows(t *testing.T) {
	in := fixture(t)
	// An occupation with a skill at two levels, which its first row spans.
	glassware := framework.Split("Basic laboratory equipment and glassware — wash and store it.")
	twice := &framework.Framework{
		Occupation: framework.Occupation{SOC: "99-0002.00", Title: "Glass washers"},
		Levels: []framework.Level{
			{Key: "emerging", Label: "Emerging", Statements: []framework.Statement{glassware}},
			{Key: "developing", Label: "Developing", Statements: []framework.Statement{glassware}},
		},
	}
	in.Frameworks = append(in.Frameworks, site.Framework{Framework: twice, File: "frameworks/twice.json", Sum: 10})
	s := newSite(t, in)
	spans := 0
	pages := renderAll(t, s, overlay(t, map[string]string{
		"level.html":      `{{define "main"}}{{range .StatementRows}}[{{.Code}} {{.Anchor}}]{{end}}{{end}}`,
		"skill.html":      `{{define "main"}}{{range .SkillRows}}[{{.Rowspan}} {{.Anchor}}]{{end}}{{end}}`,
		"occupation.html": `{{define "main"}}{{range .RelatedCards}}[{{.Code}}]{{end}}|{{range .Matrix.Rows}}{{range .Cells}}{{with .}}[{{.Code}}]{{end}}{{end}}{{end}}{{end}}`,
	}))
	main := func(path string) string {
		page := string(pages[path])
		_, after, _ := strings.Cut(page, `<main id="main" tabindex="-1">`)
		before, _, _ := strings.Cut(after, "</main>")
		return strings.TrimSpace(before)
	}
	checked := map[site.PageKind]int{}
	for _, p := range s.Pages {
		var want strings.Builder
		switch p.Kind {
		case site.OccupationLevelPage:
			for _, st := range p.Level.Statements {
				fmt.Fprintf(&want, "[%s %s]", export.StatementCode(p.Level, st), st.Anchor)
			}
		case site.SkillPageKind:
			for _, g := range p.Skill.ByOccupation() {
				for i, u := range g.Uses {
					span := 0
					if i == 0 {
						span = len(g.Uses)
						spans = max(spans, span)
					}
					fmt.Fprintf(&want, "[%d %s]", span, u.Statement.Anchor)
				}
			}
		case site.OccupationPage:
			for _, rel := range p.Occupation.Related {
				fmt.Fprintf(&want, "[%s]", rel.Code)
			}
			// The matrix's cells, a statement each, in any order.
			var cells []string
			for _, ol := range p.Occupation.Levels {
				for _, st := range ol.Statements {
					cells = append(cells, "["+strings.TrimPrefix(export.StatementCode(ol, st), p.Occupation.Code+".")+"]")
				}
			}
			slices.Sort(cells)
			want.WriteString("|" + strings.Join(cells, ""))
		default:
			continue
		}
		checked[p.Kind]++
		got := main(p.Path)
		if related, matrix, ok := strings.Cut(got, "|"); ok {
			cells := strings.SplitAfter(matrix, "]")
			slices.Sort(cells)
			got = related + "|" + strings.Join(cells, "")
		}
		if got != want.String() {
			t.Errorf("%s:\n got %s\nwant %s", p.Path, got, want.String())
		}
	}
	if len(checked) != 3 || spans < 2 {
		t.Errorf("pages checked by kind: %v, the most rows of one occupation on a skill page %d", checked, spans)
	}
}
