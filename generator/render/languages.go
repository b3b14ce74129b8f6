package render

import (
	"github.com/ladder-ssg/ladder/generator/site"
	"github.com/ladder-ssg/ladder/generator/translations"
)

// WithLanguages makes the pages of a multilingual site link their
// translations (hreflang alternates and the language switcher); set names
// the site's languages, this renderer's site one of them. It returns r.
func (r *Renderer) WithLanguages(set *translations.Set) *Renderer {
	r.languages = set
	return r
}

// alternates lists the page in every language (View.Alternates).
func (v *View) alternates() []translations.Alternate {
	if v.r.languages == nil {
		return nil
	}
	return v.r.languages.Alternates(v.Site.Config.Language, v.Page)
}

// AlternateURL is the link to alternate a from this page: absolute with a
// base URL when absolute is set (hreflang links, which search engines
// want absolute), else relative, so the switcher works from file://.
func (v *View) AlternateURL(a translations.Alternate, absolute bool) string {
	if absolute && a.URL != "" {
		return a.URL
	}
	for _, self := range v.Alternates {
		if self.Current {
			return site.RelURL(self.Path, a.Path)
		}
	}
	return a.Path
}
