package gates_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ladder-ssg/ladder/tests/qa"
)

// pdfTool returns the path of a poppler tool (pdfinfo, pdftotext), which
// ladder's authors did not write; a missing tool skips, or fails when
// tools are required (scripts/test.sh installs poppler-utils).
func pdfTool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if qa.RequireTools() {
			t.Fatalf("%s not found: install poppler-utils", name)
		}
		t.Skipf("%s not found: install poppler-utils", name)
	}
	return p
}

// printPDF prints the page at path with `chromium --print-to-pdf`, as a
// person would from the command line, and returns the PDF's path.
func printPDF(t *testing.T, path string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "print.pdf")
	u, err := qa.FileURL(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, qa.Chromium(t), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
		"--user-data-dir="+t.TempDir(), "--no-pdf-header-footer", "--print-to-pdf="+out, u)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("chromium --print-to-pdf %s: %v\n%s", path, err, msg)
	}
	return out
}

// pdfInfo returns the page count and the first page's size in points.
func pdfInfo(t *testing.T, pdf string) (pages int, size string) {
	t.Helper()
	msg, err := exec.Command(pdfTool(t, "pdfinfo"), pdf).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfinfo: %v\n%s", err, msg)
	}
	if m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindStringSubmatch(string(msg)); m != nil {
		pages, _ = strconv.Atoi(m[1])
	}
	if m := regexp.MustCompile(`(?m)^Page size:\s+([\d.]+ x [\d.]+) pts`).FindStringSubmatch(string(msg)); m != nil {
		size = m[1]
	}
	return pages, size
}

// pdfText returns the text of the PDF, page by page.
func pdfText(t *testing.T, pdf string) []string {
	t.Helper()
	msg, err := exec.Command(pdfTool(t, "pdftotext"), "-layout", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Split(strings.TrimRight(string(msg), "\f"), "\f")
}

// withPaper copies the page at path beside it with an @page rule for the
// paper, so that the command line prints on it.
func withPaper(t *testing.T, path, paper string) string {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rule := `<style media="print">@page matrix { size: ` + paper + ` landscape }</style></head>`
	out := filepath.Join(filepath.Dir(path), "print-"+strings.ToLower(paper)+".html")
	if err := os.WriteFile(out, []byte(strings.Replace(string(src), "</head>", rule, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestMatrixPrintsOnOnePage prints each seed's occupation page on A4 and
// Letter, in landscape: its skill-by-level matrix (4 levels of 10
// statements) takes one page, from the line that names the framework
// (title, code, version and export date) to every statement's code; the
// printout has the attribution.
func TestMatrixPrintsOnOnePage(t *testing.T) {
	site := defaultSite(t)
	papers := map[string]string{"": "792 x 612", "A4": "841.89 x 595.28", "Letter": "792 x 612"}
	for _, code := range []string{"29-2012.00", "19-4021.00"} {
		page := filepath.Join(site, "occupations", code, "index.html")
		for paper, size := range papers {
			path := page
			if paper != "" {
				path = withPaper(t, page, paper)
			}
			pdf := printPDF(t, path)
			pages, got := pdfInfo(t, pdf)
			texts := pdfText(t, pdf)
			at := slices.IndexFunc(texts, func(s string) bool { return strings.Contains(s, "SOC "+code+" ·") })
			t.Logf("%s, %s landscape: %d pages of %s pts, the matrix on page %d", code, cmpOr(paper, "default"), pages, got, at+1)
			if at < 0 || !strings.HasPrefix(size, strings.Split(got, " x ")[0][:3]) {
				t.Fatalf("%s on %q: %d pages of %s pts, the matrix's line on page %d, want pages of %s", code, paper, pages, got, at+1, size)
			}
			matrix, all := texts[at], strings.Join(texts, "")
			wants, credits := matrixWants(t, site, code)
			for _, want := range wants {
				if !strings.Contains(matrix, want) {
					t.Errorf("%s matrix on %q: the printed matrix lacks %q", code, paper, want)
				}
			}
			for _, want := range credits {
				if !strings.Contains(all, want) {
					t.Errorf("%s on %q: the printout lacks %q", code, paper, want)
				}
			}
		}
	}
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// matrixWants is what the printed matrix of code must show: its title,
// code, version and export date, every level and every statement's short
// code (a clipped cell would lose its code); and the credits its
// printout must show.
func matrixWants(t *testing.T, site, code string) (wants, credits []string) {
	t.Helper()
	var fw struct {
		Occupation struct{ Title string }
		Framework  struct {
			Version string
			Levels  map[string]struct {
				Label      string
				Statements []string
			}
		}
		Attribution string
	}
	data, err := os.ReadFile(filepath.Join(site, "occupations", code, code+".json"))
	if err != nil || json.Unmarshal(data, &fw) != nil {
		t.Fatalf("reading %s: %v", code, err)
	}
	wants = []string{fw.Occupation.Title, code, "exported"}
	if fw.Framework.Version != "" {
		wants = append(wants, fw.Framework.Version)
	}
	for key, l := range fw.Framework.Levels {
		wants = append(wants, l.Label)
		for i := range l.Statements {
			wants = append(wants, fmt.Sprintf("%c.%d", key[0]-'a'+'A', i+1))
		}
	}
	return wants, []string{fw.Attribution, "O*NET"}
}

// TestLongMatrixRepeatsHeaders prints the matrix of a framework of 4
// levels of 30 statements: it takes more pages, each with the levels'
// headings.
func TestLongMatrixRepeatsHeaders(t *testing.T) {
	src := t.TempDir()
	dir := filepath.Join(src, "content", "frameworks")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	var fw map[string]any
	data, _ := os.ReadFile("../../content/frameworks/29-2012.00.json")
	if err := json.Unmarshal(data, &fw); err != nil {
		t.Fatal(err)
	}
	levels := fw["framework"].(map[string]any)["levels"].(map[string]any)
	for _, l := range levels {
		l := l.(map[string]any)
		st := l["statements"].([]any)
		var long []any
		for i := range 3 {
			for _, s := range st {
				long = append(long, fmt.Sprintf("%s (part %d)", s, i+1))
			}
		}
		l["statements"] = long
	}
	out, _ := json.Marshal(fw)
	if err := os.WriteFile(filepath.Join(dir, "29-2012.00.json"), out, 0o644); err != nil {
		t.Fatal(err)
	}
	site := buildSite(t, src)
	pdf := printPDF(t, withPaper(t, filepath.Join(site, "occupations", "29-2012.00", "index.html"), "A4"))
	pages, _ := pdfInfo(t, pdf)
	texts := pdfText(t, pdf)
	// The matrix's pages: from its line to the page with its last code.
	first := slices.IndexFunc(texts, func(s string) bool { return strings.Contains(s, "SOC 29-2012.00 ·") })
	last := slices.IndexFunc(texts, func(s string) bool { return strings.Contains(s, "A.30") })
	t.Logf("4 levels × 30 statements: %d pages, the matrix on pages %d–%d", pages, first+1, last+1)
	if len(texts) != pages || first < 0 || last <= first {
		t.Fatalf("%d pages, %d page texts, the matrix on pages %d–%d", pages, len(texts), first+1, last+1)
	}
	for i := first; i <= last; i++ {
		for _, h := range []string{"Emerging", "Developing", "Proficient", "Advanced"} {
			if !strings.Contains(texts[i], h) {
				t.Errorf("page %d has no %s heading", i+1, h)
			}
		}
	}
}

// TestPagesPrintWithoutControls prints the occupation (with its matrix), level
// pages: no embed code, buttons, search, navigation or self-assessment,
// and the statements and credits are there.
func TestPagesPrintWithoutControls(t *testing.T) {
	site := buildWithConfig(t, `base_url = "https://example.org/fw/"`)
	pages := map[string][]string{
		"occupations/29-2012.00/index.html":            {"Medical and Clinical Laboratory", "Progression", "https://example.org/fw/occupations/29-2012.00/", "E.1", "A.10", "O*NET"},
		"occupations/29-2012.00/emerging/index.html":   {"identify and handle under direct supervision", "29-2012.00.E.1", "#basic-laboratory-equipment", "https://example.org/fw/occupations/29-2012.00/emerging/"},
		"embed/occupations/29-2012.00/index.html":      {"Medical and Clinical Laboratory Technicians"},
		"occupations/19-4021.00/proficient/index.html": {"19-4021.00.P.1"},
	}
	never := []string{"Embed code", "Copy embed code", "Copy link", "Where do I stand", "Export JSON", "Search", "Skip to main content", "Rate yourself", "Previous level", "Next level", "<iframe"}
	for page, wants := range pages {
		text := strings.Join(pdfText(t, printPDF(t, filepath.Join(site, filepath.FromSlash(page)))), "\n")
		for _, w := range wants {
			if !strings.Contains(text, w) {
				t.Errorf("%s printed lacks %q", page, w)
			}
		}
		for _, n := range never {
			if strings.Contains(text, n) {
				t.Errorf("%s printed shows %q", page, n)
			}
		}
	}
}
