// Package site builds the read-only model of a site from its decoded
// input (Input): occupations with their levels and statements, their
// earlier versions and what changed between them, the hubs that group
// them, content pages, and the path of every page to write. Nothing here
// does I/O or makes markup; once New returns, the model is never
// modified.
package site

import (
	"hash/maphash"
	"unique"

	"github.com/ladder-ssg/ladder/generator/i18n"

	"github.com/ladder-ssg/ladder/generator/align"
	"github.com/ladder-ssg/ladder/generator/config"
	"github.com/ladder-ssg/ladder/generator/framework"
	"github.com/ladder-ssg/ladder/generator/markup"
	"github.com/ladder-ssg/ladder/generator/relate"
)

// Site is the whole model.
type Site struct {
	Config       config.Config
	Text         *i18n.Catalogue // the interface's messages in the site's language
	Occupations  []*Occupation   // A–Z by title, then code
	Levels       []*Level        // level hubs, in proficiency order
	Groups       []*Hub          // by name
	Sectors      []*Hub          // by NAICS code
	JobZones     []*Hub          // 1 to 5
	ContentPages []*ContentPage
	Pages        []*Page // every page to render, in a stable order
	// Intro is the markdown of content/_index.md shown on the home page.
	Intro []byte
	// Nav lists the content pages for the site menu, by weight then title.
	Nav []*ContentPage
	// Skills are the statement topics two or more occupations share, A–Z.
	Skills []*SkillPage
	// Comparisons are the side-by-side pages of related occupations.
	Comparisons []*Comparison

	// Provisional reports that the related occupations were kept from
	// the previous model (see KeepRelations) rather than worked out
	// afresh: they may differ slightly from what New without the option
	// gives.
	Provisional bool

	relations  *relate.Relations
	bySkill    []*SkillPage           // the shared-skill pages by the relations' skill index, nil for a skill of one occupation
	frameworks []*framework.Framework // what relations was computed from
	aligner    *align.Aligner         // what the statements were aligned with, nil for none
	rulesKey   uint64                 // identifies the alignment rules applied
	seed       maphash.Seed           // of the fingerprints; passed on by Reuse
}

// Occupation is one framework as the site presents it.
type Occupation struct {
	*framework.Framework
	File     string // the framework's file inside content/
	Code     string // the SOC code, the occupation's folder name
	Path     string // occupations/<code>/index.html
	Download string // occupations/<code>/<code>.json, the original file
	// EmbedPath is the page's iframe-friendly variant,
	// embed/occupations/<code>/index.html; SCORMPath its SCORM 1.2 package.
	EmbedPath string
	SCORMPath string
	// MatrixPath is the skill-by-level matrix, a part of the occupation's
	// page: occupations/<code>/index.html#matrix;
	// DataPath the script that gives the self-assessment the framework's
	// statements and alignments, occupations/<code>/<code>.assess.js.
	MatrixPath string
	DataPath   string
	Levels     []*OccupationLevel
	Group      *Hub // nil when the framework names no group
	Sector     *Hub // nil when the framework names no sector
	JobZone    *Hub // nil when the framework gives no job zone
	Related    []Related
	// Sum is a hash of the framework file: it changes when the file does.
	Sum uint64
	// History lists the earlier versions the site holds, newest first;
	// VersionLabel names the current version when there are any.
	History      []*Version
	VersionLabel string

	// The hashes of what lists show of the occupation, and of what its
	// own pages show, for the pages' fingerprints; summaryKept says that
	// summarySum is the previous model's, which the same framework shows
	// alike (see Reuse).
	summarySum, ownSum uint64
	summaryKept        bool
	// sortTitle is the title in lower case, which occupations sort by.
	sortTitle string
	// pages are the occupation's own pages (its page, levels, versions,
	// embed view), in the site's page list; prev, while New runs, is the
	// previous model's occupation of the same framework (see Reuse).
	pages []Page
	prev  *Occupation
}

// Title returns the occupation's title.
func (o *Occupation) Title() string { return o.Framework.Occupation.Title }

// Related is an occupation shown as related to another, with why, and
// the page that compares the two.
type Related struct {
	*Occupation
	Why     Why // what they have in common, as data, for the page's language
	Compare *Comparison
}

// Reason is relate's sentence of why the occupation is related, in
// English. It is made on each call: no default page shows it, and a
// large site has a hundred thousand.
func (r Related) Reason() string {
	c := r.Compare
	from, to := c.a, c.b
	if r.Occupation == c.A {
		from, to = c.b, c.a
	}
	return c.site.relations.Reason(from, to)
}

// OccupationLevel is one level of one occupation: a page of its own.
type OccupationLevel struct {
	Occupation *Occupation
	Level      *Level // the site-wide level hub this level belongs to
	Key        string
	Label      string
	Slug       string // the folder name below the occupation
	Number     int    // 1-based position among the occupation's levels
	Path       string // occupations/<code>/<slug>/index.html
	EmbedPath  string // embed/occupations/<code>/index.html#<slug>: its section of the embed view
	Statements []Statement
	// Skills holds, for each statement, its shared skill's page, or nil;
	// nil as a whole when no statement of the level has one.
	Skills []*SkillPage
	// Aligned holds, for each statement, its O*NET alignment, or nil;
	// nil as a whole when the site is not aligned.
	Aligned []*Alignment
	// candidates are each statement's best matches, from which Aligned
	// is chosen; shared with later models while the framework stays.
	candidates [][]align.Match
	Prev, Next *OccupationLevel
	// Elsewhere lists the same level of the related occupations.
	Elsewhere []*OccupationLevel

	// The hashes of what the level's pages show of it, and of what a link
	// to it shows, for the pages' fingerprints.
	ownSum, refSum uint64
}

// Statement is a statement with its permanent anchor on the level page.
type Statement struct {
	// The framework's own, not a copy: a site of ten thousand frameworks
	// holds hundreds of thousands of statements.
	*framework.Statement
	Number int    // 1-based position within its level
	Anchor string // fragment id, unique on the level page, stable across builds
	// sum hashes Text and Anchor, for the fingerprints of the pages that
	// quote the statement; made once, as statements are shared by Reuse.
	sum uint64
	// topicKey is words.Key of the topic, which shared skills compare;
	// made once for the same reason, and a handle, half a string's size.
	topicKey unique.Handle[string]
}

// Level is a site-wide proficiency level: the hub of every occupation's
// level with the same key.
type Level struct {
	Key     string
	Slug    string
	Label   string
	Rank    int    // position in the site's level order, from 1
	Path    string // levels/<slug>/index.html
	Entries []*OccupationLevel
}

// HubKind says what a hub groups occupations by.
type HubKind int

// The kinds of hub.
const (
	GroupHub HubKind = iota
	SectorHub
	JobZoneHub
)

// Hub is a page listing the occupations that share a group, sector or job zone.
type Hub struct {
	Kind        HubKind
	Key         string // group name, sector code or job zone number
	Title       string // for people: the group, the sector's NAICS name, the job zone's name
	Description string
	Path        string
	Occupations []*Occupation
}

// ContentPage is a markdown page of content/.
type ContentPage struct {
	File        string
	Title       string
	Description string
	Weight      int
	Path        string
	Body        []byte // markdown, front matter removed
	FrontMatter markup.FrontMatter
}

// PageKind says which template renders a page.
type PageKind string

// The kinds of page.
const (
	HomePage            PageKind = "home"
	OccupationPage      PageKind = "occupation"
	OccupationLevelPage PageKind = "level"
	OccupationsIndex    PageKind = "occupations"
	LevelHubPage        PageKind = "level-hub"
	LevelsIndex         PageKind = "levels"
	HubPage             PageKind = "hub"
	HubsIndex           PageKind = "hubs"
	ContentPageKind     PageKind = "page"
	NotFoundPage        PageKind = "404"
	VersionPage         PageKind = "version"
	ChangesPage         PageKind = "changes"
	EmbedPage           PageKind = "embed"
	EmbedIndexPage      PageKind = "embed-index"
	SkillsIndex         PageKind = "skills"
	SkillPageKind       PageKind = "skill"
	ComparePage         PageKind = "compare"
	SearchPage          PageKind = "search"
)

// IsEmbed reports whether pages of kind k are iframe-friendly variants.
func (k PageKind) IsEmbed() bool { return k == EmbedPage || k == EmbedIndexPage }

// Page is one HTML file to write.
type Page struct {
	Kind        PageKind
	Path        string // file path in the output, e.g. occupations/x/index.html
	Title       string
	Description string
	Crumbs      []Crumb // from the home page to this page's parent

	Occupation *Occupation
	Level      *OccupationLevel
	LevelHub   *Level
	Hub        *Hub
	Hubs       []*Hub // for HubsIndex
	HubKind    HubKind
	Content    *ContentPage
	Version    *Version
	Changes    *Changes
	Skill      *SkillPage

	// Fingerprint changes whenever what the page shows may have changed;
	// see fingerprint.go.
	Fingerprint uint64
	// own hashes the page's own fields above (kind, path, title,
	// description, crumbs); 0 until fingerprint works it out, and kept
	// with the page by a rebuild that reuses it.
	own uint64
}

// Crumb is one step of a breadcrumb trail.
type Crumb struct {
	Title string
	Path  string
}
