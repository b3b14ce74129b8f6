package site

import (
	"fmt"
	"hash/maphash"
	"path"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
	"unique"

	"github.com/ladder-ssg/ladder/generator/align"
	"github.com/ladder-ssg/ladder/generator/diag"
	"github.com/ladder-ssg/ladder/generator/framework"
	"github.com/ladder-ssg/ladder/generator/i18n"
	"github.com/ladder-ssg/ladder/generator/ids"
	"github.com/ladder-ssg/ladder/generator/markup"
	"github.com/ladder-ssg/ladder/generator/paths"
	"github.com/ladder-ssg/ladder/generator/words"
)

// Top-level folders of the output that ladder itself fills; content pages
// may not claim them.
var reservedRoots = []string{"occupations", "levels", "groups", "sectors", "job-zones", "assets", "downloads", "search", "embed", "skills", "compare"}

// canonicalLevelOrder ranks the usual level keys; other keys follow, by
// their average position in the frameworks that use them.
var canonicalLevelOrder = map[string]int{
	"foundational": 1, "novice": 2, "beginner": 3, "emerging": 4, "developing": 5,
	"intermediate": 6, "competent": 7, "proficient": 8, "advanced": 9, "expert": 10,
	"leading": 11, "mastery": 12, "master": 13, "strategic": 14,
}

// Option changes how New builds the model.
type Option func(*options)

type options struct {
	previous      *Site
	keepRelations bool
	aligner       *align.Aligner
	once          bool
}

// Reuse lets New take over the statement lists (with their anchors) of
// the occupations of previous whose decoded framework is the same value,
// as it is for unchanged files when load reuses its cache. Rebuilds in
// watch mode then redo only the changed frameworks' share of the work.
func Reuse(previous *Site) Option { return func(o *options) { o.previous = previous } }

// KeepRelations lets New, with Reuse, keep the previous model's related
// occupations, skills and comparisons when the frameworks changed only in
// their statements' performance text, or on an aligned site in any of
// their statements' text (see relate.Relations.Fits and FitsAligned), and
// set Provisional. Relating a large site takes a tenth of a second or more;
// watch mode shows an edit at once and relates afresh afterwards.
func KeepRelations() Option { return func(o *options) { o.keepRelations = true } }

// Once tells New that no later New will Reuse the model, so it keeps
// nothing only Reuse needs: each statement's runner-up alignments, which
// a large site holds tens of megabytes of.
func Once() Option { return func(o *options) { o.once = true } }

// New builds the model from the decoded input. It reports content pages
// whose paths collide with each other or with ladder's own folders.
func New(in Input, opts ...Option) (*Site, diag.List) {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	s := &Site{Config: in.Config, Text: in.Text, seed: maphash.MakeSeed()}
	if s.Text == nil {
		s.Text = i18n.Shipped(in.Config.Language)
	}
	if o.previous != nil && o.previous.Config.Outputs.LevelPages != in.Config.Outputs.LevelPages {
		o.previous = nil // every level and statement moves: nothing to reuse
	}
	if o.previous != nil {
		s.seed = o.previous.seed
	}
	s.addOccupations(in.Frameworks, o.previous)
	s.addLevels()
	s.addHubs()
	diags := s.addContent(in.Pages)
	diags = append(diags, s.align(o.aligner, in.Alignments, o.previous)...)
	if o.once {
		s.forgetCandidates()
	}
	s.relate(o.previous, o.keepRelations)
	s.addPages(o.previous)
	s.fingerprint()
	for _, occ := range s.Occupations {
		occ.prev = nil // no chain of earlier models kept alive
	}
	return s, diags
}

func (s *Site) addOccupations(fws []Framework, previous *Site) {
	reusable := map[*framework.Framework]*Occupation{}
	if previous != nil {
		for _, o := range previous.Occupations {
			reusable[o.Framework] = o
		}
	}
	current, earlier := groupVersions(fws)
	for _, f := range current {
		prev := reusable[f.Framework]
		code := f.Occupation.SOC
		o := &Occupation{Framework: f.Framework, File: f.File, Code: code, Sum: f.Sum}
		if prev != nil {
			// The same framework: the same paths, the same statements
			// with their anchors; strings and statements are immutable, so
			// they are shared with the previous model.
			o.Path, o.Download, o.EmbedPath, o.SCORMPath = prev.Path, prev.Download, prev.EmbedPath, prev.SCORMPath
			o.MatrixPath, o.DataPath = prev.MatrixPath, prev.DataPath
			o.sortTitle, o.summarySum, o.summaryKept = prev.sortTitle, prev.summarySum, true
			o.prev = prev
		} else {
			o.sortTitle = strings.ToLower(o.Title())
			o.Path = paths.Occupation(code)
			o.Download = paths.Original(code)
			o.EmbedPath = paths.OccupationEmbed(code)
			o.SCORMPath = paths.SCORM(code)
			o.MatrixPath = paths.Matrix(code)
			o.DataPath = paths.AssessData(code)
		}
		var slugs ids.Names // made for a new framework's levels only
		levels := make([]OccupationLevel, len(f.Levels))
		o.Levels = make([]*OccupationLevel, len(f.Levels))
		for i, lv := range f.Levels {
			ol := &levels[i]
			*ol = OccupationLevel{Occupation: o, Key: lv.Key, Label: lv.Label, Number: i + 1}
			if prev != nil {
				old := prev.Levels[i]
				ol.Slug, ol.Path, ol.EmbedPath, ol.Statements = old.Slug, old.Path, old.EmbedPath, old.Statements
				ol.refSum = old.refSum // of Path and Label, the same
			} else {
				if slugs == nil {
					slugs = levelNames(s.Config.Outputs.LevelPages)
				}
				base := ids.Slug(lv.Key, 40)
				if base == "" {
					base = "level-" + strconv.Itoa(i+1)
				}
				ol.Slug = slugs.Name(base)
				ol.EmbedPath = paths.LevelEmbed(code, ol.Slug)
				if s.Config.Outputs.LevelPages {
					ol.Path = paths.Level(code, ol.Slug)
					ol.Statements = statements(lv.Statements, "", levelAnchors())
				} else {
					// Every level's statements are cells of one page.
					ol.Path = paths.LevelSection(code, ol.Slug)
					ol.Statements = statements(lv.Statements, ol.Slug+"-", slugs)
				}
			}
			if i > 0 {
				ol.Prev = o.Levels[i-1]
				o.Levels[i-1].Next = ol
			}
			o.Levels[i] = ol
		}
		addHistory(o, earlier[code], s.Text)
		s.Occupations = append(s.Occupations, o)
	}
	sort.SliceStable(s.Occupations, func(i, j int) bool {
		a, b := s.Occupations[i], s.Occupations[j]
		if ta, tb := a.sortTitle, b.sortTitle; ta != tb {
			return ta < tb
		}
		return a.Code < b.Code
	})
}

// levelNames returns the names a new occupation's level slugs must not
// take. Level folders share the occupation folder with these, and level
// sections the embed view with its ids (its level links' "levels" and
// its self-assessment's). Without level pages, the levels and their
// statements are parts of the occupation page, so its ids are taken too.
func levelNames(levelPages bool) ids.Names {
	taken := ids.Names{}
	for _, name := range OccupationFolderNames() {
		taken[name] = 1
	}
	if !levelPages {
		for _, id := range occupationPageIDs() {
			taken[id] = 1
		}
	}
	return taken
}

// OccupationFolderNames are the names an occupation's folder, or its
// embed view's ids, hold besides its levels' slugs: no level takes them.
func OccupationFolderNames() []string {
	return []string{"index", "versions", "changes", "matrix", "assess", "levels"}
}

// occupationPageIDs are the ids the default templates give parts of an
// occupation page.
func occupationPageIDs() []string {
	return []string{"main", "top", "about-occupation", "context", "progression", "matrix-caption", "related",
		"lms", "embed-code", "embed-code-label", "embed-copy-status", "history", "downloads",
		"assess-app", "assess-title", "attribution-title", "site-search"}
}

// levelAnchors returns the names the statements of a level page must not
// take.
func levelAnchors() ids.Names { return ids.Names{"main": 1, "top": 1} }

// statements gives each statement its anchor: prefix and a slug of its
// topic (or, without one, its performance), unique among anchors.
func statements(in []framework.Statement, prefix string, anchors ids.Names) []Statement {
	out := make([]Statement, 0, len(in))
	for j := range in {
		st := &in[j]
		basis := st.Topic
		if basis == "" {
			basis = st.Performance
		}
		a := ids.Slug(basis, 48)
		if a == "" || a[0] >= '0' && a[0] <= '9' {
			a = "s-" + a
		}
		// Anchors and topic keys repeat across occupations (statements
		// aligned to one activity, frameworks written from one another):
		// a large site keeps each once.
		anchor := unique.Make(anchors.Name(prefix + strings.TrimSuffix(a, "-"))).Value()
		out = append(out, Statement{Statement: st, Number: j + 1, Anchor: anchor,
			sum: ids.FNV64Strings(st.Text, anchor), topicKey: unique.Make(words.Key(st.Topic))})
	}
	return out
}

// addLevels groups the occupations' levels into site-wide level hubs by
// slug and orders them.
func (s *Site) addLevels() {
	bySlug := map[string]*Level{}
	posSum := map[*Level]float64{}
	labels := map[*Level]map[string]int{}
	for _, o := range s.Occupations {
		for _, ol := range o.Levels {
			lv := bySlug[ol.Slug]
			if lv == nil {
				lv = &Level{Key: ol.Key, Slug: ol.Slug, Path: paths.LevelHub(ol.Slug)}
				bySlug[ol.Slug] = lv
				labels[lv] = map[string]int{}
				s.Levels = append(s.Levels, lv)
			}
			lv.Entries = append(lv.Entries, ol)
			ol.Level = lv
			posSum[lv] += float64(ol.Number-1) / float64(len(o.Levels))
			labels[lv][ol.Label]++
		}
	}
	for _, lv := range s.Levels {
		best, n := "", -1
		for label, c := range labels[lv] {
			if c > n || c == n && label < best {
				best, n = label, c
			}
		}
		lv.Label = best
	}
	rank := func(lv *Level) (int, float64) {
		if r, ok := canonicalLevelOrder[strings.ToLower(lv.Slug)]; ok {
			return r, 0
		}
		avg := posSum[lv] / float64(len(lv.Entries))
		// Unknown levels sit among the known ones by their average position.
		return int(avg*float64(len(canonicalLevelOrder))) + 1, avg
	}
	sort.SliceStable(s.Levels, func(i, j int) bool {
		ri, ai := rank(s.Levels[i])
		rj, aj := rank(s.Levels[j])
		if ri != rj {
			return ri < rj
		}
		if ai != aj {
			return ai < aj
		}
		return s.Levels[i].Slug < s.Levels[j].Slug
	})
	for i, lv := range s.Levels {
		lv.Rank = i + 1
	}
}

func (s *Site) addHubs() {
	groups, sectors, zones := map[string]*Hub{}, map[string]*Hub{}, map[string]*Hub{}
	slugs := ids.Names{}
	for _, o := range s.Occupations {
		occ := o.Framework.Occupation
		if g := occ.Group; g != "" {
			h := groups[g]
			if h == nil {
				slug := ids.Slug(g, 60)
				if slug == "" {
					slug = "group"
				}
				h = &Hub{Kind: GroupHub, Key: g, Title: g, Path: paths.GroupHub(slugs.Name(slug))}
				groups[g] = h
				s.Groups = append(s.Groups, h)
			}
			h.Occupations = append(h.Occupations, o)
			o.Group = h
		}
		if c := occ.Sector; c != "" {
			h := sectors[c]
			if h == nil {
				title := ""
				if framework.SectorName(c) != "" {
					title = s.Text.T("sector." + c[:2])
				} else {
					title = s.Text.T("sector.unknown", c)
				}
				slug := ids.Slug(c, 20)
				if slug == "" {
					slug = "sector"
				}
				h = &Hub{Kind: SectorHub, Key: c, Title: title, Path: paths.SectorHub(slug)}
				if framework.SectorName(c) != "" {
					h.Description = s.Text.T("hub.sector-description", c, title)
				}
				sectors[c] = h
				s.Sectors = append(s.Sectors, h)
			}
			h.Occupations = append(h.Occupations, o)
			o.Sector = h
		}
		if z := occ.JobZone; z != 0 {
			key := strconv.Itoa(z)
			h := zones[key]
			if h == nil {
				h = &Hub{Kind: JobZoneHub, Key: key, Title: s.Text.T("hub.job-zone", key, s.Text.T("jobzone."+key)),
					Description: s.Text.T("jobzone." + key), Path: paths.JobZoneHub(key)}
				zones[key] = h
				s.JobZones = append(s.JobZones, h)
			}
			h.Occupations = append(h.Occupations, o)
			o.JobZone = h
		}
	}
	sort.Slice(s.Groups, func(i, j int) bool { return s.Groups[i].Title < s.Groups[j].Title })
	sort.Slice(s.Sectors, func(i, j int) bool { return s.Sectors[i].Key < s.Sectors[j].Key })
	sort.Slice(s.JobZones, func(i, j int) bool { return s.JobZones[i].Key < s.JobZones[j].Key })
}

// addContent turns markdown files into pages: about.md → about/index.html,
// guides/_index.md → guides/index.html; content/_index.md is the home intro.
func (s *Site) addContent(pages []*markup.Page) diag.List {
	var diags diag.List
	claimed := map[string]string{}
	for _, p := range pages {
		if p.FrontMatter.Draft {
			continue
		}
		if p.File == "_index.md" {
			s.Intro = p.Body
			continue
		}
		dir, name := path.Split(p.File)
		name = strings.TrimSuffix(name, path.Ext(name))
		var out string
		if name == "_index" || name == "index" {
			out = dir + "index.html"
		} else {
			slug := p.FrontMatter.Slug
			if slug == "" {
				slug = name
			}
			out = dir + pathSegment(slug) + "/index.html"
		}
		root := strings.SplitN(out, "/", 2)[0]
		for _, r := range reservedRoots {
			if root == r {
				diags = append(diags, diag.Diagnostic{File: "content/" + p.File, Severity: diag.Error,
					Message: fmt.Sprintf("page path %q is reserved for ladder's own pages: rename the file or set a different slug", out)})
				out = ""
				break
			}
		}
		if out == "" || out == "index.html" && dir == "" {
			if out != "" {
				diags = append(diags, diag.Diagnostic{File: "content/" + p.File, Severity: diag.Error,
					Message: "index.md at the top of content/ would replace the home page: use _index.md for the home page's introduction"})
			}
			continue
		}
		if prev, ok := claimed[out]; ok {
			diags = append(diags, diag.Diagnostic{File: "content/" + p.File, Severity: diag.Error,
				Message: fmt.Sprintf("page path %q is already used by content/%s", out, prev)})
			continue
		}
		claimed[out] = p.File
		title := p.FrontMatter.Title
		if title == "" {
			title = titleFromName(name)
		}
		s.ContentPages = append(s.ContentPages, &ContentPage{
			File: p.File, Title: title, Description: p.FrontMatter.Description, Weight: p.FrontMatter.Weight,
			Path: out, Body: p.Body, FrontMatter: p.FrontMatter,
		})
	}
	s.Nav = append([]*ContentPage(nil), s.ContentPages...)
	sort.SliceStable(s.Nav, func(i, j int) bool {
		if s.Nav[i].Weight != s.Nav[j].Weight {
			return s.Nav[i].Weight < s.Nav[j].Weight
		}
		return s.Nav[i].Title < s.Nav[j].Title
	})
	return diags
}

// pathSegment makes a front-matter slug safe as one folder name.
func pathSegment(slug string) string {
	if out := ids.Slug(slug, 80); out != "" {
		return out
	}
	return "page"
}

// titleFromName makes a page title from a file name without its
// extension: dashes and underscores become spaces, and each word starts
// with a capital letter (the first letter, not the first byte: "über-uns"
// is "Über Uns").
func titleFromName(name string) string {
	words := strings.Fields(strings.NewReplacer("-", " ", "_", " ").Replace(name))
	for i, w := range words {
		if r, size := utf8.DecodeRuneInString(w); r != utf8.RuneError {
			words[i] = string(unicode.ToTitle(r)) + w[size:]
		}
	}
	return strings.Join(words, " ")
}
