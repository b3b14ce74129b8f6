package pipeline

import (
	"context"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestSessionProperty states rebuild correctness as a property: after any
// sequence of edits (frameworks, pages, templates including overrides,
// assets, configuration), the output of a session is byte for byte what
// a fresh full build of the same input writes. Each run makes a random
// sequence; LADDER_PROPERTY_SEED replays one.
func TestSessionProperty(t *testing.T) {
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("LADDER_PROPERTY_SEED"); s != "" {
		var err error
		if seed, err = strconv.ParseUint(s, 10, 64); err != nil {
			t.Fatalf("LADDER_PROPERTY_SEED: %v", err)
		}
	}
	steps := 20
	if testing.Short() {
		steps = 8
	}
	t.Logf("LADDER_PROPERTY_SEED=%d", seed)
	rng := rand.New(rand.NewPCG(seed, seed))
	src := sessionSite(t)
	out := filepath.Join(t.TempDir(), "public")
	sess := NewSession(Options{Source: src, Out: out, Defaults: testDefaults()})
	if _, err := sess.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	e := &editor{t: t, src: src, rng: rng}
	edits := e.edits()
	var done []string
	for i := range steps {
		k := rng.IntN(len(edits))
		done = append(done, edits[k].name)
		edits[k].edit()
		// As the serve loop does: a Quick build, then a Build, which a
		// newer edit may pre-empt (the Quick alone).
		if rng.IntN(2) == 0 {
			if _, err := sess.Quick(context.Background()); err != nil {
				t.Fatalf("step %d (%s): Quick: %v", i, edits[k].name, err)
			}
			if rng.IntN(3) == 0 && i < steps-1 {
				continue
			}
		}
		if _, err := sess.Build(context.Background()); err != nil {
			t.Fatalf("step %d (%s): Build: %v", i, edits[k].name, err)
		}
		fresh, _ := buildSite(t, src, Options{})
		if a, b := treeHash(t, out), treeHash(t, fresh); a != b {
			t.Fatalf("after %v: the session's output differs from a fresh build: %s", done, treeDiff(t, out, fresh))
		}
	}
}

// editor makes random edits to a site folder made by sessionSite.
type editor struct {
	t   *testing.T
	src string
	rng *rand.Rand
	n   int // a counter that makes each edit's text new
}

// edit is one kind of change a person makes.
type edit struct {
	name string
	edit func()
}

func (e *editor) edits() []edit {
	fw := func() string {
		files := e.files("content/frameworks", ".json")
		return files[e.rng.IntN(len(files))]
	}
	return []edit{
		{"framework description", func() { e.replace(fw(), `"description":"`, `"description":"`+e.word()+" ") }},
		{"statement topic", func() { e.replace(fw(), `"statements":["`, `"statements":["`+e.word()+" ") }},
		{"statement performance", func() { e.replace(fw(), " — ", " — "+e.word()+" ") }},
		{"occupation title", func() { e.sub(fw(), `"title":"[^"]*"`, `"title":"Title `+e.word()+`"`) }},
		{"occupation group", func() {
			e.sub(fw(), `"group":"[^"]*"`, `"group":"`+e.pick("Group A", "Group B", "Life, Physical & Social Science")+`"`)
		}},
		{"job zone", func() { e.sub(fw(), `"jobZone":\d`, `"jobZone":`+strconv.Itoa(1+e.rng.IntN(5))) }},
		{"framework added", e.addFramework},
		{"framework removed", func() { e.remove("content/frameworks/extra", ".json") }},
		{"framework version added", e.addVersion},
		{"page edited", func() { e.appendTo("content/about.md", "\nA line "+e.word()+".\n") }},
		{"page title", func() { e.sub(filepath.Join(e.src, "content/about.md"), `(?m)^title: .*$`, "title: About "+e.word()) }},
		{"page added", func() { e.write("content/extra/page-"+e.word()+".md", "---\ntitle: Page "+e.word()+"\n---\nText.\n") }},
		{"page removed", func() { e.remove("content/extra", ".md") }},
		{"home introduction", func() { e.appendTo("content/_index.md", "\nMore "+e.word()+".\n") }},
		{"hub template overridden", func() {
			e.write("templates/hub.html", `{{define "main"}}<div class="wrap"><h1>{{.Page.Hub.Title}}</h1>{{range .Page.Hub.Occupations}}<p>{{.Framework.Description}}</p>{{end}}</div>{{end}}`)
		}},
		{"footer partial overridden", func() {
			e.write("templates/partials/footer.html", `{{define "footer"}}<footer>{{range .Site.Occupations}}<p>{{.Framework.ContextCovered}} {{.Framework.Description}}</p>{{end}}</footer>{{end}}`)
		}},
		{"template override removed", func() { e.remove("templates", ".html") }},
		{"asset added or changed", func() {
			e.write("assets/extra-"+e.pick("a", "b")+".css", "body{margin:"+strconv.Itoa(e.rng.IntN(9))+"px}")
		}},
		{"asset removed", func() { e.remove("assets", ".css") }},
		{"configuration", func() {
			e.write("ladder.toml", fmt.Sprintf("title = %q\ndescription = %q\n%s", "Site "+e.word(), "About "+e.word(),
				e.pick("", "base_url = \"https://example.org/f/\"\n")+
					e.pick("", "[outputs]\ncase = false\nbundle = false\nscorm_per_occupation = false\n")))
		}},
	}
}

// word returns a new word.
func (e *editor) word() string {
	e.n++
	return "w" + strconv.Itoa(e.n)
}

func (e *editor) pick(options ...string) string { return options[e.rng.IntN(len(options))] }

// files lists the files below dir (inside the site) ending in ext.
func (e *editor) files(dir, ext string) []string {
	var out []string
	filepath.WalkDir(filepath.Join(e.src, dir), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ext) {
			out = append(out, p)
		}
		return nil
	})
	return out
}

func (e *editor) write(rel, data string) { writeFile(e.t, filepath.Join(e.src, rel), data) }

func (e *editor) read(p string) string {
	data, err := os.ReadFile(p)
	if err != nil {
		e.t.Fatal(err)
	}
	return string(data)
}

// replace replaces the first old in the file at p by new.
func (e *editor) replace(p, old, new string) {
	writeFile(e.t, p, strings.Replace(e.read(p), old, new, 1))
}

// sub replaces the first match of the regular expression re in the file at p.
func (e *editor) sub(p, re, new string) {
	data := e.read(p)
	loc := regexp.MustCompile(re).FindStringIndex(data)
	if loc != nil {
		writeFile(e.t, p, data[:loc[0]]+new+data[loc[1]:])
	}
}

func (e *editor) appendTo(rel, more string) {
	p := filepath.Join(e.src, rel)
	writeFile(e.t, p, e.read(p)+more)
}

// remove deletes a random file below dir ending in ext, if there is one.
func (e *editor) remove(dir, ext string) {
	if files := e.files(dir, ext); len(files) > 0 {
		os.Remove(files[e.rng.IntN(len(files))])
	}
}

// addFramework adds a copy of a seed under a new occupation code.
func (e *editor) addFramework() {
	seed := e.read(filepath.Join(e.src, "content/frameworks/19-4021.00.json"))
	code := fmt.Sprintf("19-9%03d.00", e.rng.IntN(1000))
	e.write("content/frameworks/extra/"+code+".json", strings.Replace(seed, `"soc":"19-4021.00"`, `"soc":"`+code+`"`, 1))
}

// addVersion adds an earlier version of a seed framework, a statement
// worded differently.
func (e *editor) addVersion() {
	seed := e.read(filepath.Join(e.src, "content/frameworks/29-2012.00.json"))
	v := e.word()
	data := regexp.MustCompile(`"version":("[^"]*"|null)`).ReplaceAllString(seed, `"version":"`+v+`"`)
	data = regexp.MustCompile(`"exportedAt":"[^"]*"`).ReplaceAllString(data, `"exportedAt":"2025-01-0`+strconv.Itoa(1+e.rng.IntN(9))+`T00:00:00Z"`)
	data = strings.Replace(data, " — ", " — formerly ", 1)
	e.write("content/frameworks/versions/"+v+".json", data)
}
