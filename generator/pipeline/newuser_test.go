package pipeline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// plainFramework is a framework file with no sources and no attribution,
// as a person's own framework may be.
func plainFramework(code, title, group string, jobZone int) string {
	return hostileFramework(map[string]any{"soc": code, "title": title, "group": group, "jobZone": jobZone},
		hostileLevel{"emerging", "Emerging", []string{"Greeting — welcomes visitors."}},
		hostileLevel{"advanced", "Advanced", []string{"Greeting — trains others to welcome visitors."}})
}

// readOut reads one built file.
func readOut(t *testing.T, out, path string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(path)))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestPagesWithoutCreditsOrRepeats checks two page details a new user saw:
// a site whose frameworks credit nothing shows no empty "Sources and
// attribution" heading, and a group's hub does not repeat the group's name
// on every card (it shows the job zone instead).
func TestPagesWithoutCreditsOrRepeats(t *testing.T) {
	src := t.TempDir()
	fw := strings.Replace(plainFramework("11-0001.00", "Greeters", "Front of House", 2),
		`"sources": {"crosswalk": "", "onet": "v30.2 (CC BY 4.0)"}`, `"sources": {}`, 1)
	writeFile(t, filepath.Join(src, "content/frameworks/a.json"), fw)
	out, _ := buildSite(t, src, Options{NoMinify: true})
	tests := []struct {
		page, absent, present string
	}{
		{"index.html", "Sources and attribution", ""},
		{"occupations/11-0001.00/index.html", "Sources and attribution", ""},
		{"groups/front-of-house/index.html", `<span class="card-meta">Front of House</span>`, `<span class="card-meta">Job zone 2: Some Preparation Needed</span>`},
		{"occupations/index.html", "", `<span class="card-meta">Front of House</span>`},
	}
	for _, tt := range tests {
		body := readOut(t, out, tt.page)
		if tt.absent != "" && strings.Contains(body, tt.absent) {
			t.Errorf("%s shows %q", tt.page, tt.absent)
		}
		if !strings.Contains(body, tt.present) {
			t.Errorf("%s lacks %q", tt.page, tt.present)
		}
	}
}

// TestBaseURLNotes checks what a build says about its base URL, once, in
// its result: without one, which URLs stay relative; below a host's root,
// that robots.txt is not written (crawlers never read it there) and what
// to add to the host's own; at the root, robots.txt and nothing to say.
func TestBaseURLNotes(t *testing.T) {
	tests := []struct {
		base   string
		note   []string // substrings of the one note; nil for none
		robots bool
	}{
		{"", []string{"no base URL", "CASE package URIs", "embed code", "base_url"}, false},
		{"https://example.org/frameworks/", []string{"https://example.org/robots.txt", "Sitemap: https://example.org/frameworks/sitemap.xml"}, false},
		{"https://example.org/", nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.base, func(t *testing.T) {
			out, res := buildSite(t, t.TempDir(), Options{BaseURL: tt.base})
			if len(res.Notes) != min(len(tt.note), 1) {
				t.Fatalf("notes %q, want %d", res.Notes, min(len(tt.note), 1))
			}
			for _, want := range tt.note {
				if !strings.Contains(res.Notes[0], want) {
					t.Errorf("note %q lacks %q", res.Notes[0], want)
				}
			}
			_, err := os.Stat(filepath.Join(out, "robots.txt"))
			if (err == nil) != tt.robots {
				t.Errorf("robots.txt written: %v, want %v", err == nil, tt.robots)
			}
		})
	}
}
