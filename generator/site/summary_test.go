package site

import (
	"testing"
	"time"

	"github.com/ladder-ssg/ladder/generator/diff"
	"github.com/ladder-ssg/ladder/generator/framework"
	"github.com/ladder-ssg/ladder/generator/i18n"
)

// TestSummary holds the summary of a Changes page: in English, the words
// of diff's own summary (which `ladder diff` prints); in French and
// Arabic, the catalogue's, with their separators and plural forms.
func TestSummary(t *testing.T) {
	tests := []struct {
		counts diff.Counts
		fr, ar string
	}{
		{diff.Counts{}, "aucun changement", "لا تغييرات"},
		{diff.Counts{Added: 1}, "1 ajouté", "عبارة مضافة واحدة"},
		{diff.Counts{Added: 2, Reworded: 1, Unchanged: 40}, "2 ajoutés, 1 reformulé", "عبارتان مضافتان، عبارة معاد صياغتها واحدة"},
		{diff.Counts{Removed: 3, Moved: 1, LevelsRenamed: 1, LevelsRelabelled: 2},
			"3 supprimés, 1 déplacé ; 1 niveau renommé, 2 niveaux au libellé modifié", "3 عبارات محذوفة، عبارة منقولة واحدة؛ مستوى معاد تسميته واحد، مستويان متغيّرا التسمية"},
		{diff.Counts{LevelsAdded: 1, LevelsRemoved: 1, LevelsReordered: 1, LevelOrder: true, Metadata: 12},
			"1 niveau ajouté, 1 niveau supprimé, 1 niveau aux énoncés réordonnés, ordre des niveaux modifié ; 12 détails modifiés",
			"مستوى مضاف واحد، مستوى محذوف واحد، مستوى معاد ترتيب عباراته واحد، تغيّر ترتيب المستويات؛ 12 تفصيل متغيّر"},
		{diff.Counts{Metadata: 1}, "1 détail modifié", "تفصيل متغيّر واحد"},
	}
	en, fr, ar := i18n.Shipped("en"), i18n.Shipped("fr"), i18n.Shipped("ar")
	for _, tt := range tests {
		if got, want := summary(en, tt.counts), tt.counts.String(); got != want {
			t.Errorf("en %+v: %q, want diff's %q", tt.counts, got, want)
		}
		if got := summary(fr, tt.counts); got != tt.fr {
			t.Errorf("fr %+v: %q, want %q", tt.counts, got, tt.fr)
		}
		if got := summary(ar, tt.counts); got != tt.ar {
			t.Errorf("ar %+v: %q, want %q", tt.counts, got, tt.ar)
		}
	}
}

// TestVersionLabel holds how a version is named, in the site's language.
func TestVersionLabel(t *testing.T) {
	day := time.Date(2026, 4, 1, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		lang, version string
		at            time.Time
		want          string
	}{
		{"en", "v.26.04", day, "v.26.04 (1 April 2026)"},
		{"fr", "v.26.04", day, "v.26.04 (1 avril 2026)"},
		{"en", "", day, "1 April 2026"},
		{"en", "v.26.04", time.Time{}, "v.26.04"},
		{"en", "", time.Time{}, "not versioned"},
		{"fr", "", time.Time{}, "sans version"},
	}
	for _, tt := range tests {
		f := &framework.Framework{Version: tt.version, ExportedAt: tt.at}
		if got := versionLabel(i18n.Shipped(tt.lang), f); got != tt.want {
			t.Errorf("%s %q %v: %q, want %q", tt.lang, tt.version, tt.at, got, tt.want)
		}
	}
}
