package transform

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// kitchenSink is HTML using elements whose minification is easy to get
// wrong: void elements, forms, inline SVG, <pre>, entities and comments.
const kitchenSink = `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Kitchen sink</title>
  <!-- a comment -->
</head>
<body>
  <pre>  keep   this
     spacing  </pre>
  <p>Tom &amp; Jerry &lt;3 &nbsp; <br> <img src="/a.png" alt=""> <code> x  y </code></p>
  <form method="get" action="/search/">
    <label for="q">Search</label>
    <input type="text" id="q" name="q" value="">
    <button type="submit">Go</button>
  </form>
  <details open><summary>More</summary><p>Hidden</p></details>
  <svg width="10" height="10" viewBox="0 0 10 10" aria-hidden="true"><circle cx="5.000" cy="5.000" r="4"/></svg>
  <table><colgroup><col></colgroup><tr><td colspan="1">1</td></tr></table>
</body>
</html>
`

// TestMinifiedHTMLPassesNuChecker runs the Nu HTML checker on minified
// pages when LADDER_VNU_JAR names a vnu.jar (npm package vnu-jar) and java
// is installed; otherwise it is skipped.
func TestMinifiedHTMLPassesNuChecker(t *testing.T) {
	jar := os.Getenv("LADDER_VNU_JAR")
	if jar == "" {
		t.Skip("set LADDER_VNU_JAR to a vnu.jar to run the Nu HTML checker")
	}
	java, err := exec.LookPath("java")
	if err != nil {
		t.Skip("java not installed")
	}
	m := NewMinifier()
	dir := t.TempDir()
	var files []string
	for name, src := range map[string][]byte{
		"page.html": testPage(20 << 10),
		"sink.html": []byte(kitchenSink),
	} {
		var dst bytes.Buffer
		if _, err := m.Minify(name, &dst, src); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, dst.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, path)
	}
	out, err := exec.Command(java, append([]string{"-jar", jar, "--errors-only"}, files...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("Nu HTML checker: %v\n%s", err, out)
	}
}
