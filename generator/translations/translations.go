// Package translations pairs the pages of a multilingual site across its
// languages: each language is a site of its own (the default at the root
// of the output, the others under <lang>/), and a page of one has an
// alternate in another when both show the same thing. Occupation pages
// pair by SOC code, level pages by SOC code and level key, level hubs by
// level key, content pages by their file inside content/<lang>/, and
// every other page by its path, which ladder derives from codes. A level
// page's statements pair by their number in the level: the same
// occupation in two languages has the same level keys and as many
// statements in each level (Check), so a statement's code (SOC code,
// level, number) is the same in every language.
package translations

import (
	"encoding/json"
	"hash/fnv"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/ladder-ssg/ladder/generator/paths"
	"github.com/ladder-ssg/ladder/generator/site"
)

// Language is one language's site and where it is published.
type Language struct {
	Tag    string // as ladder.toml spells it, "fr"
	Prefix string // the folder it is published in, "fr/", or "" at the root
	Site   *site.Site
}

// Set is the languages of one site, the default first.
type Set struct {
	langs []Language
	pages []map[string]*site.Page // per language, page by key
}

// New pairs the pages of langs, the default language first.
func New(langs []Language) *Set {
	s := &Set{langs: langs}
	for _, l := range langs {
		byKey := make(map[string]*site.Page, len(l.Site.Pages))
		for _, p := range l.Site.Pages {
			byKey[key(p)] = p
		}
		s.pages = append(s.pages, byKey)
	}
	return s
}

// key names what a page shows the same way in every language.
func key(p *site.Page) string {
	k := string(p.Kind) + "\x00"
	switch {
	case p.Kind == site.OccupationLevelPage:
		return k + p.Level.Occupation.Code + "\x00" + p.Level.Key
	case p.Kind == site.LevelHubPage:
		return k + p.LevelHub.Key
	case p.Content != nil:
		return k + p.Content.File
	}
	return k + p.Path
}

// Alternate is a page in one of the site's languages.
type Alternate struct {
	Lang string // the language tag, for hreflang and lang
	Name string // the language's name in that language, "français"
	// Path is the page's file from the root of the output,
	// "fr/occupations/x/index.html".
	Path string
	// URL is the page's absolute URL, "" for a site without a base URL.
	URL string
	// Current marks the page asked about; Default the default language's.
	Current, Default bool
	// Anchors maps the asked page's fragment ids to this page's, for a
	// switcher that keeps the reader at the same statement.
	Anchors map[string]string
}

// AnchorsJSON is Anchors as a JSON object, for a data attribute.
func (a Alternate) AnchorsJSON() string {
	if len(a.Anchors) == 0 {
		return "{}"
	}
	b, _ := json.Marshal(a.Anchors) // a map of strings always marshals
	return string(b)
}

// Alternates lists page p of language lang in every language that has it,
// in the site's order of languages, itself included; nil when no other
// language has it.
func (s *Set) Alternates(lang string, p *site.Page) []Alternate {
	from := s.index(lang)
	if from < 0 || p.Kind == site.NotFoundPage {
		// Hosts serve the 404 page at any missing address, where its
		// relative links to other languages would lead nowhere.
		return nil
	}
	k := key(p)
	var out []Alternate
	for i, l := range s.langs {
		q := s.pages[i][k]
		if q == nil {
			continue
		}
		a := Alternate{Lang: l.Tag, Name: Name(l.Tag), Path: l.Prefix + q.Path, URL: canonical(l.Site, q.Path),
			Current: i == from, Default: i == 0}
		if i != from {
			a.Anchors = anchors(p, q)
		}
		out = append(out, a)
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

// Sum hashes what Alternates says of p, for its page's fingerprint: 0
// when p has no alternates, so a page's fingerprint is as one language
// would make it.
func (s *Set) Sum(lang string, p *site.Page) uint64 {
	alts := s.Alternates(lang, p)
	if alts == nil {
		return 0
	}
	h := fnv.New64a()
	for _, a := range alts {
		h.Write([]byte(a.Lang + "\x00" + a.Path + "\x00" + a.URL + "\x00" + a.AnchorsJSON() + "\x00"))
	}
	return h.Sum64()
}

func (s *Set) index(lang string) int {
	for i, l := range s.langs {
		if l.Tag == lang {
			return i
		}
	}
	return -1
}

// anchors maps the fragment ids of p's statements to those of the same
// statements, by number, on q: a level page's, or an occupation page's
// when its levels have no pages of their own, whose levels' headings map
// too.
func anchors(p, q *site.Page) map[string]string {
	m := map[string]string{}
	switch {
	case p.Level != nil && q.Level != nil:
		addStatements(m, p.Level, q.Level)
	case p.Kind == site.OccupationPage && q.Kind == site.OccupationPage:
		for i, ol := range p.Occupation.Levels {
			if i < len(q.Occupation.Levels) && paths.Page(ol.Path) == p.Path {
				other := q.Occupation.Levels[i]
				m[ol.Slug] = other.Slug
				addStatements(m, ol, other)
			}
		}
	}
	if len(m) == 0 {
		return nil
	}
	return m
}

// addStatements maps the anchors of a's statements to those of b's of
// the same number.
func addStatements(m map[string]string, a, b *site.OccupationLevel) {
	for i, st := range a.Statements {
		if i < len(b.Statements) {
			m[st.Anchor] = b.Statements[i].Anchor
		}
	}
}

// canonical is the absolute URL of the page at path in s, or "", as the
// page's own canonical link names it.
func canonical(s *site.Site, path string) string {
	if s.Config.BaseURL == "" {
		return ""
	}
	return s.Config.BaseURL + strings.TrimSuffix(path, "index.html")
}

// Name is a language's name in itself, "français" for "fr", or the tag
// when it has none.
func Name(tag string) string {
	t, err := language.Parse(tag)
	if err != nil {
		return tag
	}
	if n := display.Self.Name(t); n != "" {
		return n
	}
	return tag
}

// Languages lists the languages of the set, the default first.
func (s *Set) Languages() []Language { return s.langs }
