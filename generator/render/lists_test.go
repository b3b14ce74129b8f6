package render_test

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"

	"github.com/ladder-ssg/ladder/generator/framework"
	"github.com/ladder-ssg/ladder/generator/site"
	"github.com/ladder-ssg/ladder/templates"
)

// The loops the default templates ranged over before their lists were
// written in Go (render/lists.go), each with the call that replaced it.
var listLoops = []struct{ file, call, loop string }{
	{"level.html", `{{.StatementList}}`, `{{- $permalink := .T "level.permalink"}}
{{- range .StatementRows}}
<li id="{{.Anchor}}" class="statement">
{{- if .Topic}}<span class="topic">{{.Topic}}</span>{{end}}
<span class="performance">{{.Performance}}</span>
{{- with .Aligned}}
<p class="aligned"><span class="aligned-kind">{{.Kind}}</span> {{with .Link}}{{.}}{{else}}<span class="aligned-title">{{.Title}}</span>{{end}} <span class="band band-{{.Band}}">{{.BandLabel}}</span>{{with .Shared}} · <span class="aligned-shared">{{.}}</span>{{end}}</p>
{{- end}}
{{- with .Skill}}
{{.}}
{{- end}}
<p class="statement-uri"><span class="visually-hidden">{{$permalink}} </span><a class="uri" href="#{{.Anchor}}">{{.Code}}</a></p>
</li>
{{- end}}`},
	{"occupation.html", `{{.MatrixBody $m}}`, `{{- range $m.Rows}}
<tr><th scope="row">{{.Label}}</th>
{{- range .Cells}}<td{{with .}}{{if .Row}} id="{{.Anchor}}"{{end}}{{end}}>{{with .}}{{if .Topic}}<strong class="topic">{{.Topic}}</strong> {{end}}{{.Performance}}{{with .Row}}{{template "cell-row" .}}{{end}} <a class="cell-code{{if .Row}} uri{{end}}" href="{{.LevelURL}}#{{.Anchor}}">{{.Code}}</a>{{end}}</td>{{end}}</tr>
{{- end}}`},
	{"skill.html", `{{.SkillList}}`, `{{- range .SkillRows}}
<tr>{{if .Rowspan}}<td{{if gt .Rowspan 1}} rowspan="{{.Rowspan}}"{{end}}>{{.Occupation}}</td>{{end}}<td><a href="{{.LevelURL}}#{{.Anchor}}">{{.Level}}</a></td><td>{{with .Topic}}<span class="topic">{{.}}</span> {{end}}{{.Performance}}</td></tr>
{{- end}}`},
	{"partials/breadcrumbs.html", `{{.Breadcrumbs}}`, `{{if .Page.Crumbs -}}
<nav class="breadcrumbs wrap" aria-label="{{.T "crumbs.label"}}">
<ol>
{{- range .Page.Crumbs}}
<li><a href="{{$.URL .Path}}">{{.Title}}</a></li>
{{- end}}
<li><span aria-current="page">{{.Page.Title}}</span></li>
</ol>
</nav>
{{- end}}`},
	{"level.html", `{{.LevelSteps $o $l}}`, `<nav class="level-steps" aria-label="{{.T "steps.label" $o.Title}}">
<ol>
{{- range $o.Levels}}
<li><a href="{{$.URL .Path}}"{{if eq . $l}} aria-current="page"{{end}}><span class="step-number">{{.Number}}</span> <span class="step-label">{{.Label}}</span></a></li>
{{- end}}
</ol>
</nav>`},
	{"occupation.html", `{{.RelatedList}}`, `{{- $compare := .T "occ.compare"}}
{{- range .RelatedCards}}
<li class="card"><a href="{{.URL}}"><span class="card-title">{{.Title}}</span> <span class="code">{{.Code}}</span></a><span class="card-meta">{{.Why}}</span><a class="compare-link" href="{{.URL}}" data-compare="{{.CompareURL}}">{{$compare}}<span class="visually-hidden"> {{.CompareWith}}</span></a></li>
{{- end}}`},
	{"level.html", `{{.ElsewhereList}}`, `{{- range $l.Elsewhere}}
<li class="card"><a href="{{$.URL .Path}}"><span class="card-title">{{.Occupation.Title}}</span> <span class="code">{{.Occupation.Code}}</span></a><span class="card-meta">{{$.T "count.statements" (len .Statements)}}</span></li>
{{- end}}`},
	{"embed.html", `{{$.EmbedStatements .}}`, `{{- range .Statements}}
<li>{{with .Statement}}{{if .Topic}}<strong>{{.Topic}}</strong> {{end}}{{.Performance}}{{end}}</li>
{{- end}}`},
}

// TestListsMatchLoops renders every page of the fixture, with level
// pages and without (where the progression table's cells take the rows'
// place), once with the default templates and once with each list
// replaced by the loop it replaced, as a site's own template may range
// over the rows: the pages must be the same but for white space between
// tags.
func TestListsMatchLoops(t *testing.T) {
	overrides := map[string]string{}
	for _, l := range listLoops {
		src, ok := overrides[l.file]
		if !ok {
			data, err := fs.ReadFile(templates.FS, l.file)
			if err != nil {
				t.Fatal(err)
			}
			src = string(data)
		}
		if strings.Count(src, l.call) != 1 {
			t.Fatalf("%s does not call %s once", l.file, l.call)
		}
		overrides[l.file] = strings.Replace(src, l.call, l.loop, 1)
	}
	between := regexp.MustCompile(`>\s+<`)
	for _, levelPages := range []bool{true, false} {
		in := fixture(t)
		in.Config.Outputs.LevelPages = levelPages
		plus := framework.Split("C++ & 'quoted' <tools> — write C++ \"safely\" + test it.")
		in.Frameworks = append(in.Frameworks, site.Framework{Framework: &framework.Framework{
			Occupation: framework.Occupation{SOC: "99-0003.00", Title: "Programmers + testers"},
			Levels: []framework.Level{
				{Key: "emerging", Label: "Emerging", Statements: []framework.Statement{plus, framework.Split("no topic here")}},
				{Key: "advanced", Label: "Advanced <& +>", Statements: []framework.Statement{plus}},
			},
		}, File: "frameworks/plus.json", Sum: 11})
		// The same skill in other words, which its page's rows show.
		in.Frameworks = append(in.Frameworks, site.Framework{Framework: &framework.Framework{
			Occupation: framework.Occupation{SOC: "99-0004.00", Title: "Reviewers"},
			Levels: []framework.Level{{Key: "emerging", Label: "Emerging", Statements: []framework.Statement{
				framework.Split("c++ & 'Quoted' <Tool> — review C++ & <templates>."),
			}}},
		}, File: "frameworks/reviewers.json", Sum: 12})
		s := newSite(t, in)
		lists := renderAll(t, s, templates.FS)
		loops := renderAll(t, s, overlay(t, overrides))
		kinds := map[site.PageKind]bool{}
		cards := false
		for _, p := range s.Pages {
			got, want := between.ReplaceAll(lists[p.Path], []byte("><")), between.ReplaceAll(loops[p.Path], []byte("><"))
			if string(got) != string(want) {
				t.Errorf("level pages %v: %s differs from the loops' page:\n got %s\nwant %s", levelPages, p.Path, got, want)
				continue
			}
			kinds[p.Kind] = true
			cards = cards || strings.Contains(string(got), `class="compare-link"`)
		}
		if !cards {
			t.Errorf("level pages %v: no related occupation's card compared", levelPages)
		}
		for _, k := range []site.PageKind{site.OccupationPage, site.SkillPageKind, site.EmbedPage} {
			if !kinds[k] {
				t.Errorf("level pages %v: no %s page compared", levelPages, k)
			}
		}
		if levelPages && !kinds[site.OccupationLevelPage] {
			t.Error("no level page compared")
		}
	}
}

// TestListsHeldInVariables renders level pages whose template holds
// lists in variables while it prints others, and prints them last: each
// list is still what it was written as, on every page, though the pages
// share the bytes their lists are written to.
func TestListsHeldInVariables(t *testing.T) {
	s := newSite(t, fixture(t))
	plain := renderAll(t, s, templates.FS)
	held := renderAll(t, s, overlay(t, map[string]string{"level.html": `{{define "main" -}}
{{$o := .Page.Occupation}}{{$l := .Page.Level -}}
{{$first := .StatementList}}{{$steps := .LevelSteps $o $l}}{{$again := .StatementList -}}
<ol class="statements">{{$first}}</ol>{{$steps}}<ol class="again">{{$again}}</ol>
{{- end}}`}))
	list := regexp.MustCompile(`(?s)<ol class="statements">(.*?)</ol>\s*<p class="copy-status`)
	checked := 0
	for _, p := range s.Pages {
		if p.Kind != site.OccupationLevelPage {
			continue
		}
		want := list.FindSubmatch(plain[p.Path])
		if want == nil {
			t.Fatalf("%s: no statement list in the default page", p.Path)
		}
		page := string(held[p.Path])
		for _, part := range []string{`<ol class="statements">` + string(want[1]) + `</ol>`, `<ol class="again">` + string(want[1]) + `</ol>`, `<nav class="level-steps"`} {
			if !strings.Contains(page, part) {
				t.Errorf("%s: the page lacks %.120q…", p.Path, part)
			}
		}
		checked++
	}
	if checked < 2 {
		t.Fatalf("%d level pages checked, want two or more", checked)
	}
}
