package multilingual_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ladder-ssg/ladder/generator/cli"
)

// TestCheckLocatesMultilingualErrors runs `ladder check` on broken
// bilingual sites: each problem is reported at its file, line and column
// (or JSON path), every one of them at once, and the command exits 1.
func TestCheckLocatesMultilingualErrors(t *testing.T) {
	tests := []struct {
		name   string
		config string
		edit   func(t *testing.T, src string)
		want   []string
	}{
		{"language without a catalogue", "languages = [\"en\", \"fr\", \"xx\"]\n", func(t *testing.T, src string) {
			write(t, filepath.Join(src, "content", "xx", "about.md"), []byte("# xx\n"))
		}, []string{`ladder.toml:1:26: languages[2]: unknown language "xx"`}},
		{"language without content", "title = \"T\"\nlanguages = [\"en\", \"fr\", \"de\"]\n", nil,
			[]string{`ladder.toml:2:26: languages[2]: no folder content/de/`}},
		{"malformed and repeated", "languages = [\"en\", \"fr\", \"f r\", \"FR\"]\n", nil, []string{
			`ladder.toml:1:26: languages[2]: expected a language tag such as "en" or "pt-BR", found "f r"`,
			`ladder.toml:1:33: languages[3]: language "FR" is listed twice`}},
		{"default not listed", "language = \"de\"\nlanguages = [\"en\", \"fr\"]\n", nil,
			[]string{`ladder.toml:1:12: language: the default language "de" is not one of languages (en, fr)`}},
		{"code twice in one language", bilingual, func(t *testing.T, src string) {
			copyFile(t, filepath.Join(src, "content", "fr", "frameworks", "29-2012.00.json"), filepath.Join(src, "content", "fr", "frameworks", "copy.json"))
		}, []string{`content/fr/frameworks/copy.json:1:`, `occupation.soc: duplicate occupation code "29-2012.00"`}},
		{"translation with a statement less", bilingual, func(t *testing.T, src string) {
			file := filepath.Join(src, "content", "fr", "frameworks", "29-2012.00.json")
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			// The first statement of the French copy's last level in the
			// file (its keys sorted: proficient) goes.
			i := bytes.LastIndex(data, []byte(`"statements":["`)) + len(`"statements":[`)
			j := i + bytes.Index(data[i:], []byte(`",`)) + 2
			write(t, file, append(data[:i:i], data[j:]...))
		}, []string{`content/fr/frameworks/29-2012.00.json:1:`, `: framework.levels.proficient.statements: 9 statements, where the default language has 10`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := bilingualSource(t, tt.config)
			if tt.edit != nil {
				tt.edit(t, src)
			}
			var stdout, stderr bytes.Buffer
			app := &cli.App{Stdout: &stdout, Stderr: &stderr, Defaults: defaults()}
			code := app.Run([]string{"check", "--source", src})
			got := strings.ReplaceAll(stdout.String()+stderr.String(), src+string(filepath.Separator), "")
			if code != cli.ExitInput {
				t.Errorf("exit code %d, want %d\n%s", code, cli.ExitInput, got)
			}
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("output lacks %q:\n%s", w, got)
				}
			}
		})
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	write(t, to, data)
}

// TestNewFrameworkInDefaultLanguage runs `ladder new framework` in the
// bilingual site: the file goes into the default language's content, and
// the site checks clean with it (an occupation in one language only).
func TestNewFrameworkInDefaultLanguage(t *testing.T) {
	src := bilingualSource(t, bilingual)
	var stdout, stderr bytes.Buffer
	app := &cli.App{Stdout: &stdout, Stderr: &stderr, Defaults: defaults()}
	if code := app.Run([]string{"new", "framework", "29-2099.00", "--title", "Phlebotomists", "--source", src}); code != cli.ExitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if _, err := os.Stat(filepath.Join(src, "content", "en", "frameworks", "29-2099.00.json")); err != nil {
		t.Fatalf("not in content/en/frameworks: %v\n%s", err, stdout.String())
	}
	if code := app.Run([]string{"check", "--source", src}); code != cli.ExitOK {
		t.Errorf("check exit %d: %s", code, stderr.String())
	}
}
