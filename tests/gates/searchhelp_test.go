package gates_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/ladder-ssg/ladder/tests/qa"
)

// nursingSite writes a site folder of three frameworks: two nursing
// occupations sharing the skill "Patient care" (Licensed Practical Nurses
// have it at two levels) and welders.
func nursingSite(t *testing.T) string {
	t.Helper()
	src := t.TempDir()
	files := map[string]string{
		"lpn.json": `{"occupation": {"soc": "29-2061.00", "title": "Licensed Practical and Licensed Vocational Nurses", "group": "Healthcare"},
 "framework": {"levels": {
  "emerging": {"label": "Emerging", "statements": ["Patient care — help the nurse with basic patient care.", "Vital signs — record them on paper."]},
  "advanced": {"label": "Advanced", "statements": ["Patient care — lead patient care for a ward.", "Charting — audit the charts of a unit."]}}}}`,
		"rn.json": `{"occupation": {"soc": "29-1141.00", "title": "Registered Nurses", "group": "Healthcare"},
 "framework": {"levels": {
  "emerging": {"label": "Emerging", "statements": ["Patient care — give patient care as a nurse under supervision.", "Medication — give medication as ordered."]},
  "advanced": {"label": "Advanced", "statements": ["Care plans — design care plans for complex patients."]}}}}`,
		"welders.json": `{"occupation": {"soc": "51-4121.00", "title": "Welders, Cutters, Solderers, and Brazers", "group": "Production"},
 "framework": {"levels": {
  "emerging": {"label": "Emerging", "statements": ["Welding — join parts by welding under supervision."]},
  "advanced": {"label": "Advanced", "statements": ["Electrician liaison — plan power supply with the site electrician."]}}}}`,
	}
	for name, body := range files {
		p := filepath.Join(src, "content", "frameworks", name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return buildSite(t, src)
}

// hit is a result on the search page.
type hit struct{ Kind, Title, Context string }

// searchPage runs a query on the search page opened from file:// and
// returns its results and its "Did you mean" line.
func searchPage(t *testing.T, b *qa.Browser, site, q string) ([]hit, string) {
	t.Helper()
	u, err := qa.FileURL(filepath.Join(site, "search", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Navigate(u + "?q=" + q); err != nil {
		t.Fatal(err)
	}
	waitTrue(t, b, `document.querySelector('.search-hit') || document.querySelector('.search-empty')`)
	var r struct {
		Hits []hit
		Fix  string
	}
	err = b.Eval(`({Hits: [...document.querySelectorAll('.search-hit')].map(li => ({
			Kind: li.className.replace(/.*search-hit-/, ''),
			Title: li.querySelector('.search-hit-title').textContent,
			Context: li.querySelector('.search-hit-context').textContent})),
		Fix: (document.querySelector('.search-suggestion, .search-empty') || {}).textContent || ''})`, &r)
	if err != nil {
		t.Fatal(err)
	}
	return r.Hits, r.Fix
}

// TestSearchHelpsNewUsers searches as a new user did, from file://: typos
// find their words and suggest the fix; an occupation's initials find it;
// shared skills are results with how many occupations share them; and one
// skill of an occupation at two levels is one result naming both.
func TestSearchHelpsNewUsers(t *testing.T) {
	site := nursingSite(t)
	b := qa.NewBrowser(t)

	hits, fix := searchPage(t, b, site, "nurce")
	if len(hits) == 0 || fix != "Did you mean nurse?" {
		t.Errorf("nurce: %d results, %q; want results and “Did you mean nurse?”", len(hits), fix)
	}
	hits, _ = searchPage(t, b, site, "weldng")
	if len(hits) == 0 || !strings.Contains(hits[0].Title, "Welding") {
		t.Errorf("weldng: %+v", hits)
	}
	hits, fix = searchPage(t, b, site, "electrican")
	if len(hits) == 0 || fix != "Did you mean electrician?" {
		t.Errorf("electrican: %+v, %q", hits, fix)
	}
	hits, _ = searchPage(t, b, site, "RN")
	if len(hits) == 0 || hits[0].Title != "Registered Nurses" {
		t.Errorf("RN: %+v", hits)
	}
	hits, _ = searchPage(t, b, site, "patient+care")
	// The skill is named by the O*NET activity both nurses' "Patient
	// care" statements are aligned to.
	if len(hits) == 0 || hits[0].Kind != "skill" || !strings.Contains(strings.ToLower(hits[0].Title), "patient care") || hits[0].Context != "Shared skill · Shared by 2 occupations" {
		t.Fatalf("patient care: the shared skill is not first: %+v", hits)
	}
	lpn := 0
	for _, h := range hits {
		if strings.Contains(h.Context, "Licensed Practical") && h.Title == "Patient care" {
			lpn++
			if !strings.HasSuffix(h.Context, "Emerging, Advanced") {
				t.Errorf("the grouped result does not name both levels: %q", h.Context)
			}
		}
	}
	if lpn != 1 {
		t.Errorf("patient care: the Licensed Practical Nurses skill is %d results, want 1: %+v", lpn, hits)
	}

	// The header box offers the fix too.
	if err := b.Open(filepath.Join(site, "index.html")); err != nil {
		t.Fatal(err)
	}
	if err := b.Run(chromedp.SendKeys("#site-search", "nurce", chromedp.ByID)); err != nil {
		t.Fatal(err)
	}
	waitTrue(t, b, `[...document.querySelectorAll('.search-option')].some(o => o.textContent === 'Did you mean nurse?')`)
	qa.AssertNone(t, "search pages", b.Events().Findings())
}
