package markup_test

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/ladder-ssg/ladder/generator/markup"
)

func Example() {
	src := []byte("---\ntitle: Pflegefachkraft\nweight: 2\n---\n## Überblick\n\nSee [levels](levels.md).\n")

	fm, body, err := markup.SplitFrontMatter(src)
	if err != nil {
		fmt.Println(err)
		return
	}
	r := markup.New()
	var html bytes.Buffer
	doc, err := r.Render(&html, body, markup.WithLinkResolver(func(dest string) (string, bool) {
		name, ok := strings.CutSuffix(dest, ".md")
		return "../" + name + "/", ok
	}))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(fm.Title, fm.Weight)
	fmt.Print(html.String())
	fmt.Printf("%+v\n", doc.Headings)
	// Output:
	// Pflegefachkraft 2
	// <h2 id="überblick">Überblick</h2>
	// <p>See <a href="../levels/">levels</a>.</p>
	// [{Level:2 ID:überblick Text:Überblick}]
}

func ExampleSplitFrontMatter_error() {
	_, _, err := markup.SplitFrontMatter([]byte("+++\ntitle = \"Nurse\"\nweight = \"high\"\n+++\n"))
	fmt.Println(err)
	// Output:
	// line 3:10: weight: expected an integer, found string "high"
}
