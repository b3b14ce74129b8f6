package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ladder-ssg/ladder/generator/config"
	"github.com/ladder-ssg/ladder/generator/host"
	"github.com/ladder-ssg/ladder/generator/load"
	"github.com/ladder-ssg/ladder/generator/site"
)

// TestHostRefusesOversizedSite grows a published site past Cloudflare
// Pages' 20,000 files with files of its own assets/, counted before anything is
// rendered and, when only the written files pass the limit, after: the
// build fails naming the host, the limit and the count, and the previous
// output stays byte for byte, with nothing left beside it. When switching
// outputs off would make the site fit, the error names the switches, and
// with them in ladder.toml the site builds.
func TestHostRefusesOversizedSite(t *testing.T) {
	if testing.Short() {
		t.Skip("builds two sites of 20,000 files")
	}
	src := seedsSource(t)
	out := filepath.Join(t.TempDir(), "public")
	opts := Options{Source: src, Out: out, Defaults: testDefaults(), Host: "cloudflare-pages"}
	res, err := Build(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf("Cloudflare Pages (Free plan): %d of 20,000 files", res.Files+1); !strings.HasPrefix(res.Host, want) {
		t.Errorf("Result.Host = %q, want it to begin %q", res.Host, want)
	}
	before := treeHash(t, out)
	planned, written := plannedFiles(t, opts), res.Files+1 // and the marker
	notes := 0
	for _, tt := range []struct {
		name  string
		extra int // files added to the site's assets/
		count string
	}{
		// The model alone names 20,001 files, the limit is 20,000.
		{"planned", 20_001 - planned, "at least 20,001 files, the limit is 20,000"},
		// The model names 20,000; the exports and search index add more
		// than the outputs ladder.toml can switch off.
		{"written", 20_000 - planned, " files, the limit is 20,000"},
		// 5 files over: switching outputs off makes the site fit.
		{"fixable", 20_005 - written, "20,005 files, the limit is 20,000"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			for ; notes < tt.extra; notes++ {
				writeFile(t, note(src, notes), "a note\n")
			}
			for ; notes > tt.extra; notes-- {
				if err := os.Remove(note(src, notes-1)); err != nil {
					t.Fatal(err)
				}
			}
			_, err := Build(context.Background(), opts)
			var tooBig *host.TooBig
			if !errors.As(err, &tooBig) {
				t.Fatalf("Build = %v, want *host.TooBig", err)
			}
			msg := err.Error()
			for _, want := range []string{"does not fit Cloudflare Pages (Free plan)", tt.count, "https://developers.cloudflare.com/pages/platform/limits/"} {
				if !strings.Contains(msg, want) {
					t.Errorf("error %q lacks %q", msg, want)
				}
			}
			if treeHash(t, out) != before {
				t.Fatal("a refused build changed the previous output")
			}
			assertOnlyOutput(t, filepath.Dir(out))
			if tt.name == "planned" {
				return
			}
			if strings.Contains(msg, "at least") {
				t.Errorf("error %q counts the planned files, want the written ones", msg)
			}
			if tt.name == "written" {
				if len(tooBig.Fix) > 0 || !strings.HasSuffix(msg, "No output that ladder.toml can switch off would make it fit") {
					t.Errorf("error %q: no switch can make this site fit", msg)
				}
				return
			}
			if len(tooBig.Fix) == 0 || !strings.Contains(msg, "It would fit with ") {
				t.Fatalf("error %q: want the switches that make the site fit", msg)
			}
			// The switches it names do make the site fit.
			toml := "[outputs]\n"
			for _, key := range tooBig.Fix {
				toml += key + " = false\n"
			}
			writeFile(t, filepath.Join(src, "ladder.toml"), toml)
			defer os.Remove(filepath.Join(src, "ladder.toml"))
			res, err := Build(context.Background(), opts)
			if err != nil {
				t.Fatalf("with %q: %v", toml, err)
			}
			if res.Files+1 > 20_000 {
				t.Errorf("with %q: %d files and the marker", toml, res.Files)
			}
		})
	}
}

// note names the n-th extra file of a site's assets.
func note(src string, n int) string {
	return filepath.Join(src, "assets", "notes", fmt.Sprintf("n%05d.txt", n))
}

// plannedFiles is what checkPlanned counts of the site at opts.Source.
func plannedFiles(t *testing.T, opts Options) int {
	t.Helper()
	aligner, err := NewAligner()
	if err != nil {
		t.Fatal(err)
	}
	var res Result
	in, model, err := loadAndModel(opts, nil, readyAligner(aligner), nil, false, &res)
	if err != nil {
		t.Fatal(err)
	}
	assets, err := assetFiles(in.Assets, []byte("x"), []byte("y"))
	if err != nil {
		t.Fatal(err)
	}
	return modelFiles(model, len(assets))
}

// TestFixCountsLevelPages holds the host check's suggestion to what
// switching outputs off really saves, level pages included, whose
// statements move into the occupation pages, and the framework files,
// which shrink to the files as they came: it builds the default site's
// frameworks with every output on and with every one off, and checks
// that against a byte limit a little above the second, the check names
// every switch, and against one just below it, none (its estimate is
// never lower than what the site would weigh).
func TestFixCountsLevelPages(t *testing.T) {
	src := seedsSource(t)
	on, _ := buildSite(t, src, Options{})
	var off strings.Builder
	off.WriteString("[outputs]\n")
	var keys []string
	for _, o := range config.OutputList() {
		off.WriteString(o.Key + " = false\n")
		keys = append(keys, o.Key)
	}
	writeFile(t, filepath.Join(src, "ladder.toml"), off.String())
	least, _ := buildSite(t, src, Options{})
	if err := os.Remove(filepath.Join(src, "ladder.toml")); err != nil {
		t.Fatal(err)
	}
	in, diags := load.Site(src, testDefaults(), load.Options{})
	a, err := NewAligner()
	if err != nil || diags.Err() != nil {
		t.Fatal(err, diags)
	}
	model, diags := site.New(ModelInput(in), site.WithAligner(a))
	if diags.Err() != nil {
		t.Fatal(diags)
	}
	sizes, leastSizes := fileSizes(t, on), fileSizes(t, least)
	u, leastBytes := host.Measure(sizes), host.Measure(leastSizes).Bytes
	for _, tt := range []struct {
		name  string
		limit int64
		fix   []string
	}{
		{"a little above what every switch leaves", leastBytes * 105 / 100, keys},
		{"just below it", leastBytes - 1, nil},
	} {
		l := host.Limits{Name: "test", Title: "Test", SiteBytes: tt.limit}
		err := l.Check(u)
		if err == nil {
			t.Fatalf("%s: the site fits %d bytes", tt.name, tt.limit)
		}
		withFix(err, l, u, sizes, outputSavings(model, src, sizes))
		if got := err.(*host.TooBig).Fix; !slices.Equal(got, tt.fix) {
			t.Errorf("%s (%d bytes; every output on %d, off %d): Fix = %v, want %v", tt.name, tt.limit, u.Bytes, leastBytes, got, tt.fix)
		}
	}
}

// fileSizes returns the size of every file under dir, by its slash path.
func fileSizes(t *testing.T, dir string) map[string]int64 {
	t.Helper()
	sizes := map[string]int64{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		sizes[filepath.ToSlash(rel)] = fi.Size()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return sizes
}

// seedsSource returns a site folder holding the default site's two
// frameworks and nothing else.
func seedsSource(t *testing.T) string {
	t.Helper()
	src := t.TempDir()
	for _, name := range []string{"19-4021.00.json", "29-2012.00.json"} {
		data, err := fs.ReadFile(testDefaults().Content, "frameworks/"+name)
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(src, "content", "frameworks", name), string(data))
	}
	return src
}
