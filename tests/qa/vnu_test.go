package qa

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestValidateHTMLGoodFixture(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("testdata/good/*.html")
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, "testdata/good/about/team.html", "testdata/good/assets/style.css", "testdata/good/assets/logo.svg")
	AssertNone(t, "vnu on testdata/good", ValidateHTML(t, files))
}

func TestValidateHTMLBrokenFixture(t *testing.T) {
	t.Parallel()
	errs := ValidateHTML(t, []string{"testdata/broken/index.html", "testdata/broken/other.html", "testdata/broken/gone.html"})
	got := FormatFindings(errs)
	t.Logf("errors:\n%s", got)
	for _, want := range []string{
		`testdata/broken/index.html:18: [vnu] Element “div” not allowed as child of element “span”`,
		`testdata/broken/index.html:19: [vnu] An “img” element must have an “alt” attribute`,
		`testdata/broken/gone.html: [vnu] cannot check:`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing error %q", want)
		}
	}
	if strings.Contains(got, "other.html") {
		t.Error("other.html is valid but was reported")
	}
}

func TestRunVNUWarningsAndCSS(t *testing.T) {
	t.Parallel()
	jar := VNUJar(t)
	root := t.TempDir()
	writeFile(t, root, "w.html", "<!DOCTYPE html>\n<html><head><title>w</title></head><body><section><p>no heading</p></section></body></html>\n")
	writeFile(t, root, "bad.css", "body {\n  colr: red;\n}\n")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	rep, err := RunVNU(ctx, jar, []string{filepath.Join(root, "w.html"), filepath.Join(root, "bad.css")})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Errors) != 1 || !strings.Contains(rep.Errors[0].Message, "colr") || rep.Errors[0].Line != 2 || !strings.HasSuffix(rep.Errors[0].File, "bad.css") {
		t.Errorf("want one CSS error at bad.css:2 for colr, got:\n%s", FormatFindings(rep.Errors))
	}
	if w := FormatFindings(rep.Warnings); !strings.Contains(w, "lang") || !strings.Contains(w, "Section lacks heading") {
		t.Errorf("want warnings about lang and a section without heading, got:\n%s", w)
	}
}
