package redirect

import (
	"path"
	"sort"
	"strings"
)

// Page is one page of the new build: its path, and its identity when
// something other than the path names it across builds (say, a level by
// its occupation and position, whatever its slug).
type Page struct{ Path, ID string }

// Family is a form of path with {name} placeholders standing for one
// path segment each, such as "compare/{a}/{b}/index.html", or for the
// start of one before a literal end ("{o}.normalized.json"), and the URL
// its members now lead to, using the same names anywhere in it (say,
// "compare/index.html?a={a}&b={b}").
type Family struct{ From, To string }

// Redirect is an old path and the page it leads to.
type Redirect struct{ From, To string }

// Plan is what a build publishes to keep the last build's URLs working.
type Plan struct {
	// Manifest is the new build's, to publish with it.
	Manifest Manifest
	// Moves are the paths redirected one by one, by old path.
	Moves []Redirect
	// Families are the retired families, served by a rule each; Covered
	// lists their members.
	Families []Family
	Covered  []Redirect
	// Stubs are the redirect pages to write: the moves, and the members
	// of families small enough for a page each.
	Stubs []Redirect
}

// New compares the previous build's manifest with the new build's pages.
// A family is retired when no new page has its form; its members are
// served by its rule, and also by a page each when there are at most
// stubsUpTo of them (a rule does not work from file://).
func New(prev Manifest, pages []Page, families []Family, stubsUpTo int) Plan {
	r := resolver{prev: prev, cur: map[string]bool{}, byID: map[string]string{}}
	plan := Plan{Manifest: Manifest{Pages: map[string]string{}, Moved: map[string]string{}}}
	for _, p := range pages {
		r.cur[p.Path] = true
		plan.Manifest.Pages[p.Path] = p.ID
		if p.ID != "" {
			r.byID[p.ID] = p.Path
		}
	}
	retired := make([]bool, len(families))
	for i, f := range families {
		retired[i] = true
		for _, p := range pages {
			if _, ok := match(f.From, p.Path); ok {
				retired[i] = false
				break
			}
		}
	}
	members := make([][]Redirect, len(families))
	for _, old := range oldPaths(prev) {
		if r.cur[old] {
			continue
		}
		i, to := r.family(old, families, retired)
		if i >= 0 {
			members[i] = append(members[i], Redirect{old, to})
		} else {
			to = r.resolve(old, families)
			plan.Moves = append(plan.Moves, Redirect{old, to})
		}
		plan.Manifest.Moved[old] = to
	}
	plan.Stubs = append(plan.Stubs, plan.Moves...)
	for i, m := range members {
		if len(m) == 0 {
			continue
		}
		plan.Families = append(plan.Families, families[i])
		plan.Covered = append(plan.Covered, m...)
		if len(m) <= stubsUpTo {
			plan.Stubs = append(plan.Stubs, m...)
		}
	}
	sort.Slice(plan.Stubs, func(i, j int) bool { return plan.Stubs[i].From < plan.Stubs[j].From })
	return plan
}

// oldPaths lists every path the previous build served, in order.
func oldPaths(m Manifest) []string {
	out := make([]string, 0, len(m.Pages)+len(m.Moved))
	for p := range m.Pages {
		out = append(out, p)
	}
	for p := range m.Moved {
		if _, ok := m.Pages[p]; !ok {
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out
}

type resolver struct {
	prev Manifest
	cur  map[string]bool
	byID map[string]string
}

// family returns the retired family old belongs to, when its rule leads
// to a page of the new build, and that page; -1 otherwise.
func (r resolver) family(old string, families []Family, retired []bool) (int, string) {
	for i, f := range families {
		if !retired[i] {
			continue
		}
		if vars, ok := match(f.From, old); ok {
			if to := expand(f.To, vars); r.cur[pagePath(to)] {
				return i, to
			}
		}
	}
	return -1, ""
}

// resolve finds the new page for a path the new build lacks: the page of
// the same identity, where it last led, its family's page, or the
// nearest page above it.
func (r resolver) resolve(old string, families []Family) string {
	// A path moved twice leads to where its last target now is; the
	// bound guards against a hand-edited manifest's cycles.
	for range 8 {
		if id := r.prev.Pages[old]; id != "" && r.cur[r.byID[id]] {
			return r.byID[id]
		}
		next, ok := r.prev.Moved[old]
		if !ok {
			break
		}
		if r.cur[next] {
			return next
		}
		old = next
	}
	for _, f := range families {
		if vars, ok := match(f.From, old); ok {
			if to := expand(f.To, vars); r.cur[pagePath(to)] {
				return to
			}
		}
	}
	for dir := path.Dir(old); ; dir = path.Dir(dir) {
		if dir == "." || dir == "/" {
			return "index.html"
		}
		if up := dir + "/index.html"; r.cur[up] {
			return up
		}
	}
}

// match reports whether p has the form of pattern, and the segments its
// placeholders stand for.
func match(pattern, p string) (map[string]string, bool) {
	want, got := strings.Split(pattern, "/"), strings.Split(p, "/")
	if len(want) != len(got) {
		return nil, false
	}
	vars := map[string]string{}
	for i, w := range want {
		if name, suffix, ok := placeholder(w); ok {
			value, found := strings.CutSuffix(got[i], suffix)
			if !found || value == "" {
				return nil, false
			}
			vars[name] = value
		} else if w != got[i] {
			return nil, false
		}
	}
	return vars, true
}

// expand fills pattern's placeholders.
func expand(pattern string, vars map[string]string) string {
	pairs := make([]string, 0, 2*len(vars))
	for name, v := range vars {
		pairs = append(pairs, "{"+name+"}", v)
	}
	return strings.NewReplacer(pairs...).Replace(pattern)
}

// pagePath is the page a URL below the site root leads to: the URL
// without its query and fragment.
func pagePath(url string) string {
	if i := strings.IndexAny(url, "?#"); i >= 0 {
		return url[:i]
	}
	return url
}

// placeholder reports whether a family's path segment is a placeholder,
// "{name}", or a placeholder and a literal end, "{name}.normalized.json"
// (for a file named after its folder), with the name and the end.
func placeholder(seg string) (name, suffix string, ok bool) {
	end := strings.IndexByte(seg, '}')
	if len(seg) > 2 && seg[0] == '{' && end > 1 {
		return seg[1:end], seg[end+1:], true
	}
	return "", "", false
}
