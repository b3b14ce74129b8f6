package search

import (
	"fmt"
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/ladder-ssg/ladder/generator/site"
	"github.com/ladder-ssg/ladder/tests/qa"
)

// writeBrowserSite writes a bare site for search.js: the index, the
// asset, a search box on every occupation and level page (the level pages
// with their statement anchors), and the search page, all with the markup
// search.js documents.
func writeBrowserSite(t *testing.T, s *site.Site, ix *Index, dir string) {
	t.Helper()
	write := func(path string, data []byte) {
		p := filepath.Join(dir, filepath.FromSlash(path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range ix.Files() {
		write(f.Path, f.Data)
	}
	for _, name := range []string{"search.js", "stem.js"} {
		js, err := os.ReadFile("../../assets/" + name)
		if err != nil {
			t.Fatal(err)
		}
		write("assets/"+name, js)
	}
	write("assets/text.js", s.Text.ScriptFile())
	page := func(path, title, body string) {
		root := strings.Repeat("../", strings.Count(path, "/"))
		write(path, []byte(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>`+html.EscapeString(title)+`</title>
<style>.search{position:relative}.search-dropdown{position:absolute;top:100%;left:0;width:30em;background:#fff;color:#000;border:1px solid}
.search-option{display:block;color:#000}.search-option[aria-selected=true]{outline:2px solid}.visually-hidden{position:absolute;clip:rect(0 0 0 0);width:1px;height:1px;overflow:hidden}</style>
<script src="`+root+`assets/text.js" defer></script>
<script src="`+root+`assets/search.js" defer></script></head>
<body><header><form class="search" role="search" action="`+root+`search/index.html" method="get" data-root="`+root+`">
<label for="site-search">Search</label> <input type="search" id="site-search" name="q"> <button type="submit">Search</button></form></header>
<main id="main"><h1>`+html.EscapeString(title)+`</h1>`+body+`</main></body></html>`))
	}
	for _, o := range s.Occupations {
		page(o.Path, o.Title(), "")
		for _, ol := range o.Levels {
			var b strings.Builder
			b.WriteString("<ol>")
			for _, st := range ol.Statements {
				fmt.Fprintf(&b, `<li id="%s">%s</li>`, html.EscapeString(st.Anchor), html.EscapeString(st.Text))
			}
			b.WriteString("</ol>")
			page(ol.Path, ol.Label, b.String())
		}
	}
	var levels, groups strings.Builder
	for _, l := range s.Levels {
		fmt.Fprintf(&levels, `<option value="%s">%s</option>`, html.EscapeString(l.Slug), html.EscapeString(l.Label))
	}
	for _, g := range s.Groups {
		fmt.Fprintf(&groups, `<option value="%s">%s</option>`, html.EscapeString(g.Key), html.EscapeString(g.Title))
	}
	page("search/index.html", "Search", `
<form class="search" role="search" action="index.html" method="get" data-root="../" data-results="search-results">
<label for="q">Search for</label> <input type="search" id="q" name="q">
<label for="level">Level</label> <select id="level" name="level"><option value="">All levels</option>`+levels.String()+`</select>
<label for="group">Group</label> <select id="group" name="group"><option value="">All groups</option>`+groups.String()+`</select>
<button type="submit">Search</button></form>
<div id="search-results" class="search-results"><p>Search needs JavaScript. Browse the <a href="../index.html">A–Z list</a>.</p></div>`)
	write("index.html", []byte(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Home</title></head><body><main><h1>Home</h1></main></body></html>`))
}

// waitFor polls a JavaScript condition for up to five seconds.
func waitFor(t *testing.T, b *qa.Browser, cond string) {
	t.Helper()
	var ok bool
	for range 250 {
		if err := b.Eval(cond, &ok); err == nil && ok {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", cond)
}

// TestBrowser drives search.js in Chromium from file:// on the fixture
// site: the dropdown, its keyboard, the search page, filters, axe.
func TestBrowser(t *testing.T) {
	s := fixtureSite(t)
	ix, err := Build(FromSite(s))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	writeBrowserSite(t, s, ix, dir)
	b := qa.NewBrowser(t)
	axe := qa.AxeSource(t)
	level := filepath.Join(dir, "occupations/29-2012.00/emerging/index.html")

	// Dropdown: typing shows options that link to statement anchors.
	if err := b.Open(level); err != nil {
		t.Fatal(err)
	}
	if err := b.Run(chromedp.SendKeys("#site-search", "blood spec", chromedp.ByID)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, b, `document.querySelectorAll('[role=option]').length > 1`)
	var dd struct {
		Expanded, Controls, Listbox string
		Options                     []string
		Marks                       []string
	}
	if err := b.Eval(`({Expanded: document.querySelector('#site-search').getAttribute('aria-expanded'),
		Controls: document.querySelector('#site-search').getAttribute('aria-controls'),
		Listbox: document.querySelector('[role=listbox]').id,
		Options: Array.from(document.querySelectorAll('[role=option]')).map(o => o.getAttribute('href')),
		Marks: Array.from(document.querySelectorAll('.search-dropdown mark')).map(m => m.textContent)})`, &dd); err != nil {
		t.Fatal(err)
	}
	if dd.Expanded != "true" || dd.Controls != dd.Listbox {
		t.Errorf("combobox: aria-expanded=%s aria-controls=%s, listbox %s", dd.Expanded, dd.Controls, dd.Listbox)
	}
	// Links go through the root: data-root plus the site-root-relative URL.
	// The one skill "Collect blood specimens" at two levels is one option.
	first := "../../../occupations/31-9097.00/emerging/index.html#collect-blood-specimens"
	if len(dd.Options) != 2 || dd.Options[0] != first || dd.Options[1] != "../../../search/index.html?q=blood+spec" {
		t.Errorf("options %q", dd.Options)
	}
	if strings.Join(dd.Marks, " ") == "" || !strings.Contains(strings.Join(dd.Marks, " "), "blood") {
		t.Errorf("marks %q", dd.Marks)
	}
	vs, err := qa.Axe(b.Context(), axe)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		t.Errorf("axe, dropdown open: %v", v)
	}

	// Keyboard: ArrowDown twice and ArrowUp once select the first option;
	// Enter opens it, at its anchor.
	if err := b.Run(chromedp.SendKeys("#site-search", kb.ArrowDown+kb.ArrowDown+kb.ArrowUp, chromedp.ByID)); err != nil {
		t.Fatal(err)
	}
	var active string
	b.Eval(`document.getElementById(document.querySelector('#site-search').getAttribute('aria-activedescendant')).getAttribute('href')`, &active)
	if active != first {
		t.Errorf("active option %q, want %q", active, first)
	}
	if err := b.Run(chromedp.SendKeys("#site-search", kb.Enter, chromedp.ByID)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, b, `location.pathname.endsWith('/31-9097.00/emerging/index.html') && document.readyState === 'complete'`)
	var target string
	b.Eval(`location.hash + ' ' + !!document.getElementById(location.hash.slice(1))`, &target)
	if target != "#collect-blood-specimens true" {
		t.Errorf("Enter landed on %q", target)
	}

	// Escape closes the dropdown, then clears the box; a query without
	// results says so.
	if err := b.Run(chromedp.SendKeys("#site-search", "blood", chromedp.ByID)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, b, `document.querySelector('#site-search').getAttribute('aria-expanded') === 'true'`)
	b.Run(chromedp.SendKeys("#site-search", kb.Escape, chromedp.ByID))
	waitFor(t, b, `document.querySelector('.search-dropdown').hidden && document.querySelector('#site-search').getAttribute('aria-expanded') === 'false'`)
	b.Run(chromedp.SendKeys("#site-search", kb.Escape, chromedp.ByID))
	waitFor(t, b, `document.querySelector('#site-search').value === ''`)
	b.Run(chromedp.SendKeys("#site-search", "xyzzy", chromedp.ByID))
	waitFor(t, b, `document.querySelector('.search-status').textContent === 'No results for “xyzzy”.'`)

	// The search page: the query and filters come from the address.
	u, err := qa.FileURL(filepath.Join(dir, "search/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Navigate(u + "?q=blood&level=emerging"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, b, `!!document.querySelector('.search-hit')`)
	var pg struct {
		Q, Level, Summary string
		Links             []string
	}
	b.Eval(`({Q: document.querySelector('#q').value, Level: document.querySelector('#level').value,
		Summary: document.querySelector('.search-summary').textContent,
		Links: Array.from(document.querySelectorAll('.search-hit-title')).map(a => a.getAttribute('href'))})`, &pg)
	if pg.Q != "blood" || pg.Level != "emerging" || pg.Summary != "3 results for “blood”." || len(pg.Links) != 3 ||
		pg.Links[0] != "../occupations/31-9097.00/emerging/index.html#collect-blood-specimens" {
		t.Errorf("search page: %+v", pg)
	}
	vs, err = qa.Axe(b.Context(), axe)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		t.Errorf("axe, search page: %v", v)
	}
	// Changing a filter searches again and the address follows.
	b.Run(chromedp.SetValue("#level", "proficient", chromedp.ByID), chromedp.Evaluate(`document.querySelector('#level').dispatchEvent(new Event('change'))`, nil))
	waitFor(t, b, `document.querySelector('.search-summary').textContent === '1 result for “blood”.'`)
	var loc string
	b.Eval(`location.search`, &loc)
	if loc != "?q=blood&level=proficient" {
		t.Errorf("address %q", loc)
	}
	// Following a result lands on the statement.
	b.Run(chromedp.Click(".search-hit-title", chromedp.ByQuery))
	// (The address changes before the new page is parsed: wait for it.)
	waitFor(t, b, `location.pathname.endsWith('/31-9097.00/proficient/index.html') && document.readyState === 'complete'`)
	b.Eval(`location.hash + ' ' + !!document.getElementById(location.hash.slice(1))`, &target)
	if target != "#collect-blood-specimens true" {
		t.Errorf("result landed on %q", target)
	}
	for _, f := range b.Events().Findings() {
		t.Errorf("browser: %v", f)
	}
}

// TestBrowserCorpusLatency measures, from file://, how long the corpus
// index takes to show the first results in a fresh page: typing starts as
// soon as the page has loaded, while meta.js may still be loading. It
// logs and does not fail: the machine's load decides too much.
func TestBrowserCorpusLatency(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	s := corpusSite(t)
	ix, err := Build(FromSite(s))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	writeBrowserSite(t, s, ix, dir)
	b := qa.NewBrowser(t)
	level := filepath.Join(dir, s.Occupations[500].Levels[0].Path)
	var worst float64
	for round := range 5 {
		if err := b.Open(level); err != nil {
			t.Fatal(err)
		}
		// The probe notes when the query reaches two letters (the first
		// input that can show results) and when the first option appears.
		if err := b.Eval(`window.__t = {}; document.querySelector('#site-search').addEventListener('input', e => {
			if (!window.__t.typed && e.target.value.length >= 2) window.__t.typed = performance.now(); });
			new MutationObserver(() => { if (!window.__t.shown && document.querySelector('[role=option]')) window.__t.shown = performance.now(); })
			.observe(document.body, {subtree: true, childList: true}); true`, nil); err != nil {
			t.Fatal(err)
		}
		if err := b.Run(chromedp.SendKeys("#site-search", "phleb", chromedp.ByID)); err != nil {
			t.Fatal(err)
		}
		waitFor(t, b, `!!window.__t.shown`)
		var ms float64
		b.Eval(`window.__t.shown - window.__t.typed`, &ms)
		worst = max(worst, ms)
		t.Logf("round %d: first results %.1f ms after the second letter", round, ms)
	}
	t.Logf("worst: %.1f ms", worst)
}
