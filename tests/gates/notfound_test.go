package gates_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ladder-ssg/ladder/assets"
	"github.com/ladder-ssg/ladder/content"
	"github.com/ladder-ssg/ladder/generator/load"
	"github.com/ladder-ssg/ladder/generator/pipeline"
	"github.com/ladder-ssg/ladder/generator/serve"
	"github.com/ladder-ssg/ladder/templates"
	"github.com/ladder-ssg/ladder/tests/qa"
)

// buildWithBase builds the default content with a base URL ("" for none).
func buildWithBase(t *testing.T, base string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	_, err := pipeline.Build(context.Background(), pipeline.Options{
		Source: t.TempDir(), Out: out, BaseURL: base,
		Defaults: load.Defaults{Content: content.FS, Templates: templates.FS, Assets: assets.FS},
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// staticHost serves dir below prefix as static hosts do: a file when
// there is one, else 404.html with status 404, whatever the depth.
func staticHost(dir, prefix string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rel, ok := strings.CutPrefix(r.URL.Path, prefix)
		if ok && (rel == "" || strings.HasSuffix(rel, "/")) {
			rel += "index.html"
		}
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if st, err := os.Stat(p); ok && err == nil && !st.IsDir() {
			http.ServeFile(w, r, p)
			return
		}
		body, _ := os.ReadFile(filepath.Join(dir, "404.html"))
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		w.Write(body)
	})
}

// checkNotFound opens a missing URL and checks that the 404 page is
// styled, that its links lead to real pages of the site at root, and
// that nothing but the missing page itself failed to load.
func checkNotFound(t *testing.T, b *qa.Browser, missing, root string) {
	t.Helper()
	b.Reset()
	if err := b.Navigate(missing); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Styled bool
		Home   string
		Status int
	}
	err := b.Eval(`(async () => {
		const styled = [...document.styleSheets].some(s => s.href && s.href.endsWith('assets/style.css') && s.cssRules.length > 10);
		const home = document.querySelector('main a').href;
		const status = (await fetch(home)).status;
		return {Styled: styled, Home: home, Status: status};
	})()`, &got)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Styled {
		t.Errorf("%s: the 404 page is unstyled", missing)
	}
	if got.Home != root+"index.html" || got.Status != 200 {
		t.Errorf("%s: the home link is %s (HTTP %d), want %sindex.html", missing, got.Home, got.Status, root)
	}
	var others []qa.Finding
	for _, f := range b.Events().Findings() {
		if !strings.Contains(f.Message, "failed to load "+missing+": HTTP 404") {
			others = append(others, f)
		}
	}
	qa.AssertNone(t, missing, others)
}

// TestNotFoundAtAnyDepth opens missing paths at several depths, where
// hosts serve 404.html: under `ladder serve`, on a static host at its
// root and below a sub-path without a base URL, and with a base URL. The
// page must be styled and its links must work everywhere.
func TestNotFoundAtAnyDepth(t *testing.T) {
	b := qa.NewBrowser(t)
	relative := buildWithBase(t, "")

	// ladder serve answers a missing path with the site's 404 page.
	srv := serve.New(relative)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	url, _, err := srv.ListenAndServe(ctx, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url = strings.TrimSuffix(url, "/") + "/"
	for _, p := range []string{"nope", "occupations/nope/", "occupations/nope/deeper/", "occupations/29-2012.00/nope/deeper/x.html"} {
		checkNotFound(t, b, url+p, url)
	}

	// A static host, the site below a sub-path, no base URL.
	host := httptest.NewServer(staticHost(relative, "/frameworks/"))
	defer host.Close()
	for _, p := range []string{"frameworks/occupations/nope/deeper/", "frameworks/levels/x/y/z/"} {
		checkNotFound(t, b, host.URL+"/"+p, host.URL+"/frameworks/")
	}

	// With a base URL the links are absolute.
	mux := http.NewServeMux()
	based := httptest.NewServer(mux)
	defer based.Close()
	abs := buildWithBase(t, based.URL+"/frameworks/")
	mux.Handle("/", staticHost(abs, "/frameworks/"))
	checkNotFound(t, b, based.URL+"/frameworks/nope/deeper/", based.URL+"/frameworks/")
}
