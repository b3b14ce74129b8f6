package build

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
