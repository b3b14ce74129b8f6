package site_test

import (
	"strings"
	"testing"

	"github.com/ladder-ssg/ladder/generator/config"
	"github.com/ladder-ssg/ladder/generator/framework"
	"github.com/ladder-ssg/ladder/generator/markup"
	"github.com/ladder-ssg/ladder/generator/site"
)

// level is a level of a fixture framework: key, label and statements.
type level struct {
	key, label string
	statements []string
}

// occ is a fixture framework: code, title, group, sector, job zone and levels.
type occ struct {
	code, title, group, sector string
	zone                       int
	levels                     []level
}

func (o occ) framework() *framework.Framework {
	f := &framework.Framework{Occupation: framework.Occupation{SOC: o.code, Title: o.title, Group: o.group, Sector: o.sector, JobZone: o.zone}}
	for _, l := range o.levels {
		lv := framework.Level{Key: l.key, Label: l.label}
		for _, s := range l.statements {
			lv.Statements = append(lv.Statements, framework.Split(s))
		}
		f.Levels = append(f.Levels, lv)
	}
	return f
}

// The fixture occupations: two laboratory ones that share skills, and a
// programmer who shares nothing with them.
var (
	labTech = occ{"29-2012.00", "Medical Laboratory Technicians", "Healthcare", "62", 3, []level{
		{"emerging", "Emerging", []string{
			"Specimen handling — label and store specimens under supervision.",
			"Laboratory safety — follow the safety rules of the laboratory.",
			"Glassware — clean and sort laboratory glassware.",
		}},
		{"advanced", "Advanced", []string{
			"Specimen handling — design the specimen handling procedure of the laboratory.",
			"Quality control — run quality control on the analysers.",
		}},
	}}
	phlebotomist = occ{"31-9097.00", "Phlebotomists", "Healthcare", "62", 2, []level{
		{"emerging", "Emerging", []string{
			"Specimen handling — label and store blood specimens.",
			"Laboratory safety — follow the safety rules when drawing blood.",
		}},
		{"advanced", "Advanced", []string{
			"Venipuncture — draw blood from patients with difficult veins.",
		}},
	}}
	programmer = occ{"15-1251.00", "Computer Programmers", "Computing", "54", 4, []level{
		{"emerging", "Emerging", []string{"Code review — read the code of colleagues and comment on it."}},
		{"expert", "Expert", []string{"Software architecture — decide how the modules of a system fit together."}},
	}}
)

// input is a site input of the given occupations and markdown pages
// (file name → body).
func input(occs []occ, pages map[string]string) site.Input {
	in := site.Input{Config: config.Default()}
	for _, o := range occs {
		in.Frameworks = append(in.Frameworks, site.Framework{Framework: o.framework(), File: "frameworks/" + o.code + ".json", Sum: uint64(len(in.Frameworks) + 1)})
	}
	for file, body := range pages {
		in.Pages = append(in.Pages, &markup.Page{File: file, Body: []byte(body)})
	}
	return in
}

// model builds the site of in and fails the test on any diagnostic.
func model(t *testing.T, in site.Input, opts ...site.Option) *site.Site {
	t.Helper()
	s, diags := site.New(in, opts...)
	if len(diags) > 0 {
		t.Fatalf("site.New: %v", diags)
	}
	return s
}

// occupation finds the occupation with code in s.
func occupation(t *testing.T, s *site.Site, code string) *site.Occupation {
	t.Helper()
	for _, o := range s.Occupations {
		if o.Code == code {
			return o
		}
	}
	t.Fatalf("no occupation %s", code)
	return nil
}

// paths lists what f gives of each element of xs.
func paths[T any](xs []T, f func(T) string) string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = f(x)
	}
	return strings.Join(out, " ")
}
