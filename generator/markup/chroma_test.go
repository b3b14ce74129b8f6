package markup

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
)

// chromaFiles returns the files of chroma/ as chroma's own registries
// give them: every serialisable lexer in order of registration, every
// style; and the lexers left out.
func chromaFiles(t *testing.T) (files map[string][]byte, skipped []string) {
	files = map[string][]byte{}
	var list []storedLexer
	clean := regexp.MustCompile(`[^-+a-z0-9_]`)
	for i, l := range lexers.GlobalLexerRegistry.Lexers {
		rl, ok := l.(*chroma.RegexLexer)
		var data []byte
		var err error
		if ok {
			data, err = marshalLexer(rl)
		}
		if err == nil && ok {
			_, err = lexerRules(data) // chroma checks more when it reads XML than when it reads Go
		}
		if !ok || err != nil {
			skipped = append(skipped, l.Config().Name)
			continue
		}
		name := fmt.Sprintf("%03d-%s.xml", i, clean.ReplaceAllString(strings.ToLower(l.Config().Name), "_"))
		files["lexers/"+name] = append(data, '\n')
		cfg := *l.Config()
		cfg.Analyse = nil
		list = append(list, storedLexer{File: name, Config: cfg})
	}
	index, err := json.MarshalIndent(list, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	files["lexers.json"] = append(index, '\n')
	for name, s := range styles.Registry {
		data, err := xml.MarshalIndent(s, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		files["styles/"+name+".xml"] = append(data, '\n')
	}
	return files, skipped
}

// marshalLexer is chroma.Marshal with the states in order of name, so
// that the same lexer always gives the same bytes, and without the
// analyser's settings, which lexers.Get does not use.
func marshalLexer(l *chroma.RegexLexer) ([]byte, error) {
	type state struct {
		Name  string        `xml:"name,attr"`
		Rules []chroma.Rule `xml:"rule"`
	}
	type lexer struct {
		XMLName xml.Name      `xml:"lexer"`
		Config  chroma.Config `xml:"config"`
		States  []state       `xml:"rules>state"`
	}
	rules, err := l.Rules()
	if err != nil {
		return nil, err
	}
	out := lexer{Config: *l.Config()}
	out.Config.Analyse = nil
	for _, name := range slices.Sorted(maps.Keys(rules)) {
		out.States = append(out.States, state{name, rules[name]})
	}
	data, err := xml.MarshalIndent(out, "", "  ")
	if err != nil {
		return nil, err
	}
	return regexp.MustCompile(`></[a-zA-Z]+>`).ReplaceAll(data, []byte(`/>`)), nil
}

// TestChromaData holds chroma/ to chroma's registries (so that an
// upgrade of chroma shows here); -update writes it.
func TestChromaData(t *testing.T) {
	want, skipped := chromaFiles(t)
	t.Logf("%d files; lexers not serialisable, left out: %s", len(want), strings.Join(skipped, ", "))
	if *update {
		os.RemoveAll("chroma")
		for name, data := range want {
			path := filepath.Join("chroma", name)
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	var have []string
	fs.WalkDir(chromaData, "chroma", func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && d.Name() != "COPYING" {
			have = append(have, strings.TrimPrefix(path, "chroma/"))
		}
		return err
	})
	for name, data := range want {
		got, err := chromaData.ReadFile("chroma/" + name)
		if err != nil || !bytes.Equal(got, data) {
			t.Fatalf("chroma/%s is not chroma's: go test ./generator/markup -run TestChromaData -update", name)
		}
	}
	if len(have) != len(want) {
		t.Fatalf("chroma/ has %d files, chroma's registries make %d: go test ./generator/markup -run TestChromaData -update", len(have), len(want))
	}
}

// TestStoredLexers checks that every stored lexer is found by its name
// and aliases as chroma finds it, with chroma's rules; that common
// languages (and Go, whose rules are copied) tokenise a sample as
// chroma's own lexers do; and that every stored style reads as chroma's.
func TestStoredLexers(t *testing.T) {
	var set lexerSet
	_, skipped := chromaFiles(t)
	for _, l := range lexers.GlobalLexerRegistry.Lexers {
		rl, ok := l.(*chroma.RegexLexer)
		cfg := l.Config()
		if !ok || slices.Contains(skipped, cfg.Name) && cfg.Name != "Go" {
			continue
		}
		for _, name := range append([]string{cfg.Name}, cfg.Aliases...) {
			want, got := lexers.Get(name), set.get(name)
			if got == nil || got.Config().Name != want.Config().Name {
				t.Errorf("%q: stored lexer %v, chroma's %v", name, got, want.Config().Name)
			}
		}
		want, err := marshalLexer(rl)
		if err != nil {
			continue // not stored
		}
		got, err := marshalLexer(set.get(cfg.Name).(*chroma.RegexLexer))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s: stored rules differ from chroma's (%v)", cfg.Name, err)
		}
	}
	sample := "<a href=\"x\">if (x == 1) { return `y`; } // c\n# h\nkey = \"v\" 0x1F 3.5\n$ echo $HOME\n</a>\n"
	for _, name := range []string{"json", "toml", "yaml", "sh", "html", "apache", "nginx", "go", "python", "js", "css", "xml", "sql", "c++", "java"} {
		want, err := chroma.Tokenise(lexers.Get(name), nil, sample)
		if err != nil {
			t.Fatalf("%s: chroma: %v", name, err)
		}
		got, err := chroma.Tokenise(set.get(name), nil, sample)
		if err != nil || !slices.Equal(got, want) {
			t.Errorf("%s: stored lexer's tokens differ from chroma's (%v)", name, err)
		}
	}
	if set.get("no-such-language") != nil {
		t.Error("an unknown language has a lexer")
	}
	for name, want := range styles.Registry {
		got, err := storedStyle(name)
		if err != nil || got.Name != want.Name || !slices.Equal(slices.Sorted(slices.Values(got.Types())), slices.Sorted(slices.Values(want.Types()))) {
			t.Fatalf("style %s: %v", name, err)
		}
		for _, tt := range want.Types() {
			if got.Get(tt) != want.Get(tt) {
				t.Errorf("style %s, %v: %v, chroma's %v", name, tt, got.Get(tt), want.Get(tt))
			}
		}
	}
	if _, err := storedStyle("no-such-style"); err == nil {
		t.Error("an unknown style was found")
	}
}
