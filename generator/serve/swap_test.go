//go:build linux

package serve

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// version is one complete build of a small site whose every page is large
// enough (about 40 KB, many reads and writes of the socket) that a read
// racing a swap would show.
type version map[string]string

func makeVersion(tag string, pages int) version {
	v := version{}
	filler := strings.Repeat(fmt.Sprintf("<p>%s build, a paragraph long enough to fill the page.</p>\n", tag), 600)
	for i := range pages {
		v[fmt.Sprintf("occupations/o%02d/index.html", i)] = fmt.Sprintf(
			"<!doctype html><html><body><h1>%s %d</h1>\n%s<footer>%s end</footer></body></html>", tag, i, filler, tag)
	}
	v["index.html"] = fmt.Sprintf("<!doctype html><html><body><h1>%s home</h1>%s</body></html>", tag, filler)
	v["404.html"] = fmt.Sprintf("<!doctype html><html><body><h1>%s not found</h1></body></html>", tag)
	v["assets/style.css"] = strings.Repeat(fmt.Sprintf("/* %s */ body{color:#111}\n", tag), 500)
	v[".ladder-output"] = "marker"
	return v
}

func (v version) write(t *testing.T, dir string) {
	t.Helper()
	for name, body := range v {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Error(err)
			return
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Error(err)
			return
		}
	}
}

// withoutScript removes the reload script the server adds to pages.
func withoutScript(page string) string {
	i := strings.Index(page, `<script src="/__ladder/reload.js"`)
	if i < 0 {
		return page
	}
	j := strings.Index(page[i:], "</script>")
	if j < 0 {
		return page
	}
	return page[:i] + page[i+j+len("</script>"):]
}

// TestLoadWhileSwapping sends 5,000 requests from 8 goroutines while the
// served folder is replaced 50 times between two complete versions:
// every request must succeed, and every body must be exactly one version
// of its file — never a mix, never partial, never missing.
func TestLoadWhileSwapping(t *testing.T) {
	type swapFunc = func(t *testing.T, base, live string, v version, i int)
	swaps := []struct {
		name    string
		symlink bool // the served path is a symbolic link to the site
		swap    swapFunc
	}{
		// What publish does: write a fresh staging folder, exchange it with
		// the live one in one step, remove the previous site.
		{"exchange", false, func(t *testing.T, base, live string, v version, i int) {
			staging := filepath.Join(base, fmt.Sprintf(".public.ladder-staging-%d", i))
			v.write(t, staging)
			if err := unix.Renameat2(unix.AT_FDCWD, staging, unix.AT_FDCWD, live, unix.RENAME_EXCHANGE); err != nil {
				if errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOSYS) {
					t.Skipf("no RENAME_EXCHANGE here: %v", err)
				}
				t.Error(err)
				return
			}
			if err := os.RemoveAll(staging); err != nil {
				t.Error(err)
			}
		}},
		// A symbolic link repointed atomically at a fresh folder.
		{"symlink", true, func(t *testing.T, base, live string, v version, i int) {
			next := filepath.Join(base, fmt.Sprintf("v%d", i))
			v.write(t, next)
			old, _ := os.Readlink(live)
			tmp := live + ".tmp"
			if err := os.Symlink(next, tmp); err != nil {
				t.Error(err)
				return
			}
			if err := os.Rename(tmp, live); err != nil {
				t.Error(err)
				return
			}
			if err := os.RemoveAll(old); err != nil {
				t.Error(err)
			}
		}},
		// Files rewritten in place, each by writing a temporary file
		// beside it and renaming it over the old one.
		{"file by file", false, func(t *testing.T, base, live string, v version, i int) {
			for name, body := range v {
				p := filepath.Join(live, filepath.FromSlash(name))
				tmp := filepath.Join(filepath.Dir(p), ".tmp-"+filepath.Base(p))
				if err := os.WriteFile(tmp, []byte(body), 0o644); err != nil {
					t.Error(err)
					return
				}
				if err := os.Rename(tmp, p); err != nil {
					t.Error(err)
					return
				}
			}
		}},
	}
	for _, tc := range swaps {
		t.Run(tc.name, func(t *testing.T) {
			loadWhileSwapping(t, tc.symlink, tc.swap)
		})
	}
}

func loadWhileSwapping(t *testing.T, symlink bool, swap func(t *testing.T, base, live string, v version, i int)) {
	const (
		workers = 8
		nswaps  = 50
		pages   = 12
	)
	requests := 5000
	if testing.Short() {
		requests = 1000
	}
	a, b := makeVersion("AAAA", pages), makeVersion("BBBB", pages)
	base := t.TempDir()
	live := filepath.Join(base, "public")
	if symlink {
		first := filepath.Join(base, "v-first")
		a.write(t, first)
		if err := os.Symlink(first, live); err != nil {
			t.Fatal(err)
		}
	} else {
		a.write(t, live)
	}

	s := New(live)
	url := start(t, s)
	client := &http.Client{
		Transport:     &http.Transport{MaxIdleConnsPerHost: workers},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	t.Cleanup(client.CloseIdleConnections)

	type target struct {
		path, file string
		status     int
	}
	var targets []target
	for i := range pages {
		dir := fmt.Sprintf("occupations/o%02d/", i)
		targets = append(targets, target{"/" + dir, dir + "index.html", 200})
	}
	targets = append(targets,
		target{"/", "index.html", 200},
		target{"/assets/style.css", "assets/style.css", 200},
		target{"/occupations/missing/", "404.html", 404},
		target{"/occupations/o03", "", 301},
	)

	var (
		sent     atomic.Int64
		failures atomic.Int64
		seen     [2]atomic.Int64 // bodies of version a and b
		wg       sync.WaitGroup
	)
	fail := func(format string, args ...any) {
		if failures.Add(1) <= 5 {
			t.Errorf(format, args...)
		}
	}
	for range workers {
		wg.Go(func() {
			for {
				n := sent.Add(1)
				if n > int64(requests) {
					return
				}
				tg := targets[int(n)%len(targets)]
				resp, err := client.Get(url + strings.TrimPrefix(tg.path, "/"))
				if err != nil {
					fail("GET %s: %v", tg.path, err)
					continue
				}
				got, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				if err != nil {
					fail("GET %s: reading: %v", tg.path, err)
					continue
				}
				if resp.StatusCode != tg.status {
					fail("GET %s: status %d, want %d", tg.path, resp.StatusCode, tg.status)
					continue
				}
				if tg.file == "" {
					continue
				}
				page := withoutScript(string(got))
				switch page {
				case a[tg.file]:
					seen[0].Add(1)
				case b[tg.file]:
					seen[1].Add(1)
				default:
					fail("GET %s: body of %d bytes is neither version (A: %d, B: %d bytes)", tg.path, len(page), len(a[tg.file]), len(b[tg.file]))
				}
			}
		})
	}

	// Swap while the requests run, spread over them.
	swapped := 0
	for i := range nswaps {
		for sent.Load() < int64((i+1)*requests/(nswaps+2)) {
			time.Sleep(100 * time.Microsecond)
		}
		v := b
		if i%2 == 1 {
			v = a
		}
		swap(t, base, live, v, i)
		s.Reload([]string{"index.html"})
		swapped++
	}
	wg.Wait()
	if failures.Load() > 0 {
		t.Fatalf("%d of %d requests failed", failures.Load(), requests)
	}
	if seen[0].Load() == 0 || seen[1].Load() == 0 {
		t.Errorf("served %d bodies of version A and %d of B: the swaps did not overlap the requests", seen[0].Load(), seen[1].Load())
	}
	t.Logf("%d requests, %d swaps, %d A and %d B bodies, none partial", requests, swapped, seen[0].Load(), seen[1].Load())
}
