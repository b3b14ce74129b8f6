package export

import (
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/ladder-ssg/ladder/generator/align"
	"github.com/ladder-ssg/ladder/generator/config"
	"github.com/ladder-ssg/ladder/generator/framework"
	"github.com/ladder-ssg/ladder/generator/load"
	"github.com/ladder-ssg/ladder/generator/onet"
	"github.com/ladder-ssg/ladder/generator/site"
)

// corpusDir is the shared 1,016-framework corpus beside the repository.
const corpusDir = "../../../shared/corpus/onet-29.3"

// seedsDir holds the frameworks ladder ships as its default content.
const seedsDir = "../../content/frameworks"

// baseConfig is a site published at a sub-path of a host.
func baseConfig() config.Config {
	c := config.Default()
	c.Title = "Test frameworks"
	c.BaseURL = "https://example.org/frameworks/"
	c.Publisher = "Example Org"
	return c
}

// rootConfig is a site at the root of its host.
func rootConfig() config.Config {
	c := baseConfig()
	c.BaseURL = "https://frameworks.example.org/"
	return c
}

// offlineConfig is a site without a base URL.
func offlineConfig() config.Config { return config.Default() }

// requireData reports whether missing shared data must fail a test.
func requireData() bool {
	return os.Getenv("CI") == "true" || os.Getenv("LADDER_REQUIRE_TOOLS") == "1"
}

// loadDir decodes every framework file of dir into a site with cfg. It
// skips the test when dir is missing, unless CI=true.
func loadDir(t testing.TB, dir string, cfg config.Config) *site.Site {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil || len(files) == 0 {
		if requireData() {
			t.Fatalf("no frameworks in %s", dir)
		}
		t.Skipf("no frameworks in %s (not failing without CI=true)", dir)
	}
	sort.Strings(files)
	in := &site.Input{Config: cfg}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := "frameworks/" + filepath.Base(f)
		fw, diags := load.DecodeFramework(name, data, false)
		if fw == nil {
			t.Fatalf("%s: %v", f, diags)
		}
		in.Frameworks = append(in.Frameworks, site.Framework{File: name, Framework: fw})
	}
	return newSite(t, in)
}

func newSite(t testing.TB, in *site.Input) *site.Site {
	t.Helper()
	s, diags := site.New(*in)
	if len(diags.Errors()) > 0 {
		t.Fatal(diags)
	}
	return s
}

// seeds is the default content's frameworks, aligned to O*NET as a build
// aligns them.
func seeds(t testing.TB, cfg config.Config) *site.Site {
	t.Helper()
	plain := loadDir(t, seedsDir, cfg)
	in := &site.Input{Config: cfg}
	for _, o := range plain.Occupations {
		in.Frameworks = append(in.Frameworks, site.Framework{File: o.File, Framework: o.Framework})
	}
	tax, err := onet.Load()
	if err != nil {
		t.Fatal(err)
	}
	s, diags := site.New(*in, site.WithAligner(align.New(tax)))
	if len(diags.Errors()) > 0 {
		t.Fatal(diags)
	}
	return s
}

// hostile is a site of one framework with everything unusual at once:
// level keys that share a first letter or start with a digit, no export
// date, no version, statements without topics, markup and quotes in the
// text, non-ASCII anchors, and a title that tries to end a script.
func hostile(t testing.TB, cfg config.Config) *site.Site {
	t.Helper()
	st := func(texts ...string) []framework.Statement {
		var out []framework.Statement
		for _, s := range texts {
			out = append(out, framework.Split(s))
		}
		return out
	}
	fw := &framework.Framework{
		Occupation: framework.Occupation{SOC: "99-0001.00", Title: `Tester </script><script>alert(1)</script> & "Co"`},
		Levels: []framework.Level{
			{Key: "practitioner", Label: "Practitioner, junior", Statements: st("Plain statement with, commas and \"quotes\"", "Déjà vu — réagir <b>vite</b> & bien")},
			{Key: "proficient", Label: "Proficient", Statements: st("Écoute — écouter", "Écoute — encore")},
			{Key: "3ème", Label: "Third", Statements: st("</script><script>alert(1)</script> — x")},
		},
		Attribution: "© Someone",
	}
	in := &site.Input{Config: cfg, Frameworks: []site.Framework{{File: "frameworks/hostile.json", Framework: fw}}}
	return newSite(t, in)
}

// dated is a site of three small frameworks exported on different days,
// one of them never.
func dated(t testing.TB, cfg config.Config) *site.Site {
	t.Helper()
	mk := func(code, title string, at time.Time) site.Framework {
		return site.Framework{File: "frameworks/" + code + ".json", Framework: &framework.Framework{
			ExportedAt: at,
			Occupation: framework.Occupation{SOC: code, Title: title, Group: "Group", Sector: "62", JobZone: 3},
			Levels: []framework.Level{
				{Key: "emerging", Label: "Emerging", Statements: []framework.Statement{framework.Split("A — b")}},
				{Key: "advanced", Label: "Advanced", Statements: []framework.Statement{framework.Split("C — d")}},
			},
		}}
	}
	in := &site.Input{Config: cfg, Frameworks: []site.Framework{
		mk("11-0001.00", "Alpha", time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)),
		mk("11-0002.00", "Beta", time.Date(2026, 5, 20, 8, 30, 0, 500_000_000, time.UTC)),
		mk("11-0003.00", "Gamma", time.Time{}),
	}}
	return newSite(t, in)
}

// configs are the two kinds of site every format is tested with.
var configs = []struct {
	name string
	cfg  func() config.Config
}{
	{"base URL", baseConfig},
	{"offline", offlineConfig},
}

// forEach calls f(0) … f(n-1) on as many goroutines as there are cores.
func forEach(n int, f func(i int)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				f(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}
