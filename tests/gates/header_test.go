package gates_test

import (
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/ladder-ssg/ladder/tests/qa"
)

// TestHeaderFits opens pages of the default site at a desktop and a phone
// width and checks the site header: one row on the desktop, little of a
// phone's screen, the search box's placeholder whole, and the menu entry
// of the section the page is in marked (aria-current="page" on its
// index, "true" on the pages in it).
func TestHeaderFits(t *testing.T) {
	site := defaultSite(t)
	b := qa.NewBrowser(t)
	type header struct {
		Height, NavRows     float64
		Placeholder, Inside float64
		Current             []string
	}
	measure := func(page string, width, height int64) header {
		t.Helper()
		if err := b.Run(chromedp.EmulateViewport(width, height)); err != nil {
			t.Fatal(err)
		}
		if err := b.Open(filepath.Join(site, filepath.FromSlash(page))); err != nil {
			t.Fatal(err)
		}
		var h header
		err := b.Eval(`(() => {
			const input = document.getElementById('site-search');
			const cs = getComputedStyle(input);
			const ctx = document.createElement('canvas').getContext('2d');
			ctx.font = cs.font;
			const tops = new Set([...document.querySelectorAll('.site-nav li')].map(li => Math.round(li.getBoundingClientRect().top)));
			return {
				Height: document.querySelector('.site-header').getBoundingClientRect().height,
				NavRows: tops.size,
				Placeholder: ctx.measureText(input.placeholder).width,
				Inside: input.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight),
				Current: [...document.querySelectorAll('.site-nav a[aria-current]')].map(a => a.textContent + '=' + a.getAttribute('aria-current')),
			};
		})()`, &h)
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	tests := []struct {
		page          string
		width, height int64
		maxHeight     float64
		current       string
	}{
		{"occupations/29-2012.00/index.html", 1280, 800, 70, "Occupations=true"},
		{"occupations/index.html", 1280, 800, 70, "Occupations=page"},
		{"groups/healthcare-practitioners-technical/index.html", 1280, 800, 70, "Groups=true"},
		{"levels/proficient/index.html", 1024, 768, 70, "Levels=true"},
		{"occupations/29-2012.00/proficient/index.html", 390, 844, 150, "Occupations=true"},
		{"skills/index.html", 360, 740, 150, "Skills=page"},
		{"about/index.html", 390, 844, 150, "About these frameworks=page"},
	}
	for _, tt := range tests {
		h := measure(tt.page, tt.width, tt.height)
		if h.Height > tt.maxHeight {
			t.Errorf("%s at %dpx: the header is %.0fpx tall, want at most %.0fpx", tt.page, tt.width, h.Height, tt.maxHeight)
		}
		if h.NavRows != 1 {
			t.Errorf("%s at %dpx: the menu takes %.0f rows", tt.page, tt.width, h.NavRows)
		}
		if h.Placeholder > h.Inside {
			t.Errorf("%s at %dpx: the placeholder needs %.0fpx, the box shows %.0fpx", tt.page, tt.width, h.Placeholder, h.Inside)
		}
		if len(h.Current) != 1 || h.Current[0] != tt.current {
			t.Errorf("%s: current menu entries %q, want [%s]", tt.page, h.Current, tt.current)
		}
	}
}
