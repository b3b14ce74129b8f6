package snowball

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ladder-ssg/ladder/generator/transform"
)

// node returns the path of node, skipping the test when it is missing,
// or failing it when CI=true or LADDER_REQUIRE_TOOLS=1.
func node(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("CI") == "true" || os.Getenv("LADDER_REQUIRE_TOOLS") == "1" {
			t.Fatalf("node is required: %v", err)
		}
		t.Skipf("node not found: %v", err)
	}
	return p
}

// stemScript stems, for each language of the JSON object on stdin, its
// words with assets/stem.js and prints the same object of stems.
const stemScript = `
const stem = require(process.argv[1]);
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const out = {};
for (const lang of Object.keys(input)) out[lang] = input[lang].map(stem.stemmer(lang));
process.stdout.write(JSON.stringify(out));
`

// testWords returns the words the Go and JavaScript stemmers must agree
// on: the golden list, Snowball's published vocabulary (see published),
// each of its first 500 words with every ending
// that any of the five stemmers removes, and 20,000 random strings of
// the letters the stemmers know (a fixed seed, so the same every run).
func testWords(t *testing.T, lang string) []string {
	words, _ := Golden(t, lang)
	var out []string
	out = append(out, words...)
	pub, _ := published(t, lang)
	out = append(out, pub...)
	endings := strings.Fields(`s es ed ing ingly edly eed ies ied ement ements ment ments amment emment ation ations
		ateur atrice ité ités ive ives if ifs euse euses eaux aux logie issement ions ez er era erai erions èrent
		iez ir irai issant issons ait aient ant ante ée ées és ière ier ion e ë ï ando iendo ándo iéndolo ándoselo
		arlo erla irse ación aciones mente amente idad idades ancia encia ería arían iéramos ásemos yendo yeron
		ação ações ência eira eiras aríamos ássemos ção em ern er en est st end ung ig ik isch lich heit keit
		ungen igkeit ness ful ational tional izer ization alism ousness iveness biliti fulli lessli li ogi`)
	for _, w := range words[:min(500, len(words))] {
		for _, e := range endings {
			out = append(out, w+e)
		}
	}
	letters := []rune("aeiouyâàëéêèïîôûùçbcdfghjklmnpqrstvwxzäöüßáíóúãõ")
	rng := rand.New(rand.NewPCG(1, uint64(len(lang))))
	for range 20000 {
		r := make([]rune, 1+rng.IntN(12))
		for i := range r {
			r[i] = letters[rng.IntN(len(letters))]
		}
		out = append(out, string(r))
	}
	return out
}

// TestMatchesNode holds assets/stem.js to this package: the same stem for
// every test word of every language, from the file as written and as a
// built site publishes it, minified.
func TestMatchesNode(t *testing.T) {
	bin := node(t)
	input := map[string][]string{}
	for _, lang := range languages {
		input[lang] = testWords(t, lang)
	}
	data, err := json.Marshal(input)
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile("../../assets/stem.js")
	if err != nil {
		t.Fatal(err)
	}
	var min bytes.Buffer
	if _, err := transform.NewMinifier().Minify("assets/stem.js", &min, src); err != nil {
		t.Fatal(err)
	}
	if min.Len() == 0 || min.Len() >= len(src) {
		t.Fatalf("minified stem.js: %d bytes from %d", min.Len(), len(src))
	}
	t.Logf("stem.js: %d bytes, %d minified", len(src), min.Len())
	for name, js := range map[string][]byte{"stem.js": src, "minified stem.js": min.Bytes()} {
		t.Run(name, func(t *testing.T) { matchesNode(t, bin, js, input, data) })
	}
}

// matchesNode stems input (data in JSON) with the stem.js source js.
func matchesNode(t *testing.T, bin string, js []byte, input map[string][]string, data []byte) {
	script := filepath.Join(t.TempDir(), "stem.js")
	if err := os.WriteFile(script, js, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-e", stemScript, script)
	cmd.Stdin = strings.NewReader(string(data))
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	var got map[string][]string
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	for _, lang := range languages {
		stem, bad := For(lang), 0
		for i, w := range input[lang] {
			if want := stem(w); got[lang][i] != want {
				if bad++; bad <= 20 {
					t.Errorf("%s: stem.js(%q) = %q, Go %q", lang, w, got[lang][i], want)
				}
			}
		}
		if bad > 0 {
			t.Errorf("%s: %d of %d words differ", lang, bad, len(input[lang]))
		} else {
			t.Logf("%s: %d words, all the same", lang, len(input[lang]))
		}
	}
}
