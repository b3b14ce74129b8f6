package translations

import (
	"testing"

	"github.com/ladder-ssg/ladder/generator/config"
	"github.com/ladder-ssg/ladder/generator/site"
)

// TestAlternates pairs pages the way the package comment says: level
// pages by occupation and level key whatever their paths, content pages
// by file, the rest by path; a page in one language has no alternates.
func TestAlternates(t *testing.T) {
	occEN, occFR := occupation("11-1011.00", "a", 2), occupation("11-1011.00", "a", 2)
	occEN.Levels[0].Statements[1].Anchor, occFR.Levels[0].Statements[1].Anchor = "second", "deuxieme"
	occEN.Levels[0].Occupation, occFR.Levels[0].Occupation = occEN, occFR
	levelEN := &site.Page{Kind: site.OccupationLevelPage, Path: "occupations/11-1011.00/a/index.html", Level: occEN.Levels[0]}
	levelFR := &site.Page{Kind: site.OccupationLevelPage, Path: "occupations/11-1011.00/niveau-a/index.html", Level: occFR.Levels[0]}
	aboutEN := &site.Page{Kind: site.ContentPageKind, Path: "about/index.html", Content: &site.ContentPage{File: "about.md"}}
	aboutFR := &site.Page{Kind: site.ContentPageKind, Path: "a-propos/index.html", Content: &site.ContentPage{File: "about.md"}}
	homeEN, homeFR := &site.Page{Kind: site.HomePage, Path: "index.html"}, &site.Page{Kind: site.HomePage, Path: "index.html"}
	only := &site.Page{Kind: site.ContentPageKind, Path: "news/index.html", Content: &site.ContentPage{File: "news.md"}}
	en := &site.Site{Config: config.Config{Language: "en", BaseURL: "https://x.org/"}, Pages: []*site.Page{homeEN, levelEN, aboutEN, only}}
	fr := &site.Site{Config: config.Config{Language: "fr", BaseURL: "https://x.org/fr/"}, Pages: []*site.Page{homeFR, levelFR, aboutFR}}
	set := New([]Language{{Tag: "en", Site: en}, {Tag: "fr", Prefix: "fr/", Site: fr}})

	tests := []struct {
		lang     string
		page     *site.Page
		other    string // the other language's path, "" for none
		url      string
		anchorOf string
	}{
		{"en", homeEN, "fr/index.html", "https://x.org/fr/", ""},
		{"fr", homeFR, "index.html", "https://x.org/", ""},
		{"en", levelEN, "fr/occupations/11-1011.00/niveau-a/index.html", "https://x.org/fr/occupations/11-1011.00/niveau-a/", "deuxieme"},
		{"fr", levelFR, "occupations/11-1011.00/a/index.html", "https://x.org/occupations/11-1011.00/a/", "second"},
		{"fr", aboutFR, "about/index.html", "https://x.org/about/", ""},
		{"en", only, "", "", ""},
	}
	for _, tt := range tests {
		alts := set.Alternates(tt.lang, tt.page)
		if tt.other == "" {
			if alts != nil || set.Sum(tt.lang, tt.page) != 0 {
				t.Errorf("%s %s: alternates %+v, want none", tt.lang, tt.page.Path, alts)
			}
			continue
		}
		if len(alts) != 2 {
			t.Fatalf("%s %s: alternates %+v, want 2", tt.lang, tt.page.Path, alts)
		}
		self, other := alts[0], alts[1]
		if self.Lang != tt.lang {
			self, other = other, self
		}
		if !self.Current || other.Current || other.Path != tt.other || other.URL != tt.url || alts[0].Lang != "en" || !alts[0].Default {
			t.Errorf("%s %s: alternates %+v, want the other at %s (%s), English first and default", tt.lang, tt.page.Path, alts, tt.other, tt.url)
		}
		mine := "second"
		if tt.lang == "fr" {
			mine = "deuxieme"
		}
		if tt.anchorOf != "" && other.Anchors[mine] != tt.anchorOf {
			t.Errorf("%s %s: #%s switches to #%s, want #%s", tt.lang, tt.page.Path, mine, other.Anchors[mine], tt.anchorOf)
		}
	}
	// Without level pages, an occupation page holds its levels: its
	// statements and its levels' headings switch with it.
	onEN, onFR := occupation("11-1011.00", "a", 2), occupation("11-1011.00", "a", 2)
	onEN.Levels[0].Slug, onFR.Levels[0].Slug = "a", "niveau-a"
	onEN.Levels[0].Path, onFR.Levels[0].Path = "occupations/11-1011.00/index.html#a", "occupations/11-1011.00/index.html#niveau-a"
	onEN.Levels[0].Statements[1].Anchor, onFR.Levels[0].Statements[1].Anchor = "a-second", "niveau-a-deuxieme"
	occPageEN := &site.Page{Kind: site.OccupationPage, Path: "occupations/11-1011.00/index.html", Occupation: onEN}
	occPageFR := &site.Page{Kind: site.OccupationPage, Path: "occupations/11-1011.00/index.html", Occupation: onFR}
	onSet := New([]Language{{Tag: "en", Site: &site.Site{Config: en.Config, Pages: []*site.Page{occPageEN}}},
		{Tag: "fr", Prefix: "fr/", Site: &site.Site{Config: fr.Config, Pages: []*site.Page{occPageFR}}}})
	alts := onSet.Alternates("en", occPageEN)
	if len(alts) != 2 || alts[1].Anchors["a-second"] != "niveau-a-deuxieme" || alts[1].Anchors["a"] != "niveau-a" {
		t.Errorf("occupation page holding its levels: alternates %+v, want #a-second → #niveau-a-deuxieme and #a → #niveau-a", alts)
	}
	if alts := set.Alternates("en", homeEN); alts[1].Anchors != nil {
		t.Errorf("home page: anchors %v, want none", alts[1].Anchors)
	}
	if Name("fr") != "français" || Name("de") != "Deutsch" {
		t.Errorf("names %q %q", Name("fr"), Name("de"))
	}
}
