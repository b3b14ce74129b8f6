package watch

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
)

// quietPeriod is how long a test waits to be sure no further batch comes:
// several debounce periods.
const quietPeriod = 400 * time.Millisecond

// batchTimeout bounds the wait for a batch that must come.
const batchTimeout = 5 * time.Second

func start(t *testing.T, roots []string, opts ...Option) *Watcher {
	t.Helper()
	w, err := New(roots, opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := w.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	go func() {
		for err := range w.Errors() {
			t.Errorf("watch error: %v", err)
		}
	}()
	return w
}

// next waits for the next batch.
func next(t *testing.T, w *Watcher) Batch {
	t.Helper()
	select {
	case b, ok := <-w.Events():
		if !ok {
			t.Fatal("Events closed")
		}
		return b
	case <-time.After(batchTimeout):
		t.Fatal("no batch within", batchTimeout)
	}
	return Batch{}
}

// quiet fails if a batch arrives within quietPeriod.
func quiet(t *testing.T, w *Watcher) {
	t.Helper()
	select {
	case b := <-w.Events():
		t.Fatalf("unexpected batch %v", b)
	case <-time.After(quietPeriod):
	}
}

// late allows one more batch holding just path, as when the watcher saw
// a file written before the write's own event arrived (see the package
// doc), and then fails if another batch arrives within quietPeriod.
func late(t *testing.T, w *Watcher, path string) {
	t.Helper()
	select {
	case b := <-w.Events():
		if !slices.Equal(b.Paths, []string{path}) || b.Rescan {
			t.Errorf("later batch = %+v, want none or exactly [%s]", b, path)
		}
	case <-time.After(quietPeriod):
	}
	quiet(t, w)
}

// collect receives batches until none comes for quietPeriod.
func collect(t *testing.T, w *Watcher) []Batch {
	t.Helper()
	bs := []Batch{next(t, w)}
	for {
		select {
		case b := <-w.Events():
			bs = append(bs, b)
		case <-time.After(quietPeriod):
			return bs
		}
	}
}

// until receives batches until one contains every path in want, and
// returns the union of what was seen.
func until(t *testing.T, w *Watcher, want ...string) []string {
	t.Helper()
	seen := map[string]bool{}
	deadline := time.After(batchTimeout)
	for {
		missing := false
		for _, p := range want {
			if !seen[p] {
				missing = true
			}
		}
		if !missing {
			var all []string
			for p := range seen {
				all = append(all, p)
			}
			slices.Sort(all)
			return all
		}
		select {
		case b := <-w.Events():
			for _, p := range b.Paths {
				seen[p] = true
			}
		case <-deadline:
			t.Fatalf("saw %v, want all of %v", seen, want)
		}
	}
}

func write(t *testing.T, path, data string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// site makes a temporary folder with content/framework.json in it and
// returns the folder (symbolic links resolved, so paths compare equal).
func site(t *testing.T) string {
	t.Helper()
	dir, err := filepath.EvalSymlinks(t.TempDir())
	must(t, err)
	must(t, os.MkdirAll(filepath.Join(dir, "content"), 0o755))
	write(t, filepath.Join(dir, "content", "framework.json"), `{"v":1}`)
	return dir
}

// TestEditorSaves replays, with the same system calls, the ways editors
// and tools save a file; each must give exactly one batch holding exactly
// the saved file.
func TestEditorSaves(t *testing.T) {
	saves := []struct {
		name string
		save func(t *testing.T, dir, target string)
	}{
		{"plain write", func(t *testing.T, dir, target string) {
			write(t, target, `{"v":2}`)
		}},
		{"vim default (probe, rename to backup, write new, remove backup)", func(t *testing.T, dir, target string) {
			swp := filepath.Join(dir, ".framework.json.swp")
			write(t, swp, "swap")
			probe := filepath.Join(dir, "4913")
			write(t, probe, "")
			must(t, os.Remove(probe))
			must(t, os.Rename(target, target+"~"))
			write(t, target, `{"v":2}`)
			must(t, os.Remove(target+"~"))
			must(t, os.Remove(swp))
		}},
		{"vim second probe name", func(t *testing.T, dir, target string) {
			write(t, filepath.Join(dir, "4913"), "someone's file")
			probe := filepath.Join(dir, "5036")
			write(t, probe, "")
			must(t, os.Remove(probe))
			write(t, target, `{"v":2}`)
		}},
		{"vim backupcopy=yes (copy to backup, write in place)", func(t *testing.T, dir, target string) {
			old, err := os.ReadFile(target)
			must(t, err)
			write(t, target+"~", string(old))
			f, err := os.OpenFile(target, os.O_WRONLY|os.O_TRUNC, 0)
			must(t, err)
			_, err = f.WriteString(`{"v":2}`)
			must(t, err)
			must(t, f.Close())
			must(t, os.Remove(target+"~"))
		}},
		{"JetBrains safe write", func(t *testing.T, dir, target string) {
			tmp := target + "___jb_tmp___"
			old := target + "___jb_old___"
			write(t, tmp, `{"v":2}`)
			must(t, os.Rename(target, old))
			must(t, os.Rename(tmp, target))
			must(t, os.Remove(old))
		}},
		{"atomic save with hidden temp", func(t *testing.T, dir, target string) {
			tmp := filepath.Join(dir, ".framework.json.tmp123")
			write(t, tmp, `{"v":2}`)
			must(t, os.Rename(tmp, target))
		}},
		{"GNOME goutputstream", func(t *testing.T, dir, target string) {
			tmp := filepath.Join(dir, ".goutputstream-ABC123")
			write(t, tmp, `{"v":2}`)
			must(t, os.Rename(tmp, target))
		}},
		{"visible temp name.tmp123", func(t *testing.T, dir, target string) {
			tmp := target + ".tmp4567"
			write(t, tmp, `{"v":2}`)
			must(t, os.Rename(tmp, target))
		}},
		{"sed -i", func(t *testing.T, dir, target string) {
			tmp := filepath.Join(dir, "sedAb12Cd")
			write(t, tmp, `{"v":2}`)
			must(t, os.Chmod(tmp, 0o644))
			must(t, os.Rename(tmp, target))
		}},
		{"emacs (lock, autosave, backup rename, write)", func(t *testing.T, dir, target string) {
			lock := filepath.Join(dir, ".#framework.json")
			must(t, os.Symlink("user@host.1234:1700000000", lock))
			auto := filepath.Join(dir, "#framework.json#")
			write(t, auto, `{"v":2`)
			must(t, os.Rename(target, target+"~"))
			write(t, target, `{"v":2}`)
			must(t, os.Remove(auto))
			must(t, os.Remove(lock))
		}},
		{"macOS Finder metadata", func(t *testing.T, dir, target string) {
			write(t, filepath.Join(dir, ".DS_Store"), "x")
			write(t, target, `{"v":2}`)
		}},
	}
	for _, tc := range saves {
		t.Run(tc.name, func(t *testing.T) {
			root := site(t)
			dir := filepath.Join(root, "content")
			target := filepath.Join(dir, "framework.json")
			w := start(t, []string{dir})
			tc.save(t, dir, target)
			b := next(t, w)
			if !slices.Equal(b.Paths, []string{target}) || b.Rescan {
				t.Errorf("batch = %+v, want exactly [%s]", b, target)
			}
			late(t, w, target)
			got, err := os.ReadFile(target)
			must(t, err)
			if string(got) != `{"v":2}` {
				t.Errorf("content = %q", got)
			}
		})
	}
}

// TestTempLookalikeIsContent checks that real files whose names resemble a
// tool's temporary files are still reported.
func TestTempLookalikeIsContent(t *testing.T) {
	dir := filepath.Join(site(t), "content")
	w := start(t, []string{dir})
	paths := []string{
		filepath.Join(dir, "sedation.md"),
		filepath.Join(dir, "sedimenta"), // sed + six letters, and it stays
		filepath.Join(dir, "x.tmpl"),
	}
	for _, p := range paths {
		write(t, p, "real")
	}
	got := until(t, w, paths...)
	slices.Sort(paths)
	if !slices.Equal(got, paths) {
		t.Errorf("paths = %v, want %v", got, paths)
	}
}

func TestNewNestedFolderWithFile(t *testing.T) {
	dir := filepath.Join(site(t), "content")
	w := start(t, []string{dir})
	// mkdir -p a/b/c && cp x.json a/b/c/: the file is written before the
	// watcher can have added a/b/c.
	deep := filepath.Join(dir, "frameworks", "health", "nursing")
	must(t, os.MkdirAll(deep, 0o755))
	file := filepath.Join(deep, "x.json")
	write(t, file, "{}")
	until(t, w, file)

	// The new folders are watched: a later write in them is reported.
	quiet(t, w)
	later := filepath.Join(deep, "y.json")
	write(t, later, "{}")
	if b := next(t, w); !slices.Equal(b.Paths, []string{later}) {
		t.Errorf("later batch = %v, want [%s]", b.Paths, later)
	}
}

func TestDelete(t *testing.T) {
	dir := filepath.Join(site(t), "content")
	target := filepath.Join(dir, "framework.json")
	w := start(t, []string{dir})
	must(t, os.Remove(target))
	if b := next(t, w); !slices.Equal(b.Paths, []string{target}) {
		t.Errorf("batch = %v, want [%s]", b.Paths, target)
	}
	quiet(t, w)
}

func TestRenameReportsBothNames(t *testing.T) {
	dir := filepath.Join(site(t), "content")
	from := filepath.Join(dir, "framework.json")
	to := filepath.Join(dir, "renamed.json")
	w := start(t, []string{dir})
	must(t, os.Rename(from, to))
	if b := next(t, w); !slices.Equal(b.Paths, []string{from, to}) {
		t.Errorf("batch = %v, want [%s %s]", b.Paths, from, to)
	}
	quiet(t, w)
}

// TestFolderRenameAndRemove checks that watches follow folders: after a
// folder is renamed, changes inside it are reported under its new name;
// after it is removed and made again, it is watched again.
func TestFolderRenameAndRemove(t *testing.T) {
	dir := filepath.Join(site(t), "content")
	a := filepath.Join(dir, "a")
	must(t, os.MkdirAll(filepath.Join(a, "sub"), 0o755))
	write(t, filepath.Join(a, "sub", "f.json"), "{}")
	w := start(t, []string{dir})

	b := filepath.Join(dir, "b")
	must(t, os.Rename(a, b))
	until(t, w, a, filepath.Join(b, "sub", "f.json"))
	quiet(t, w)

	g := filepath.Join(b, "sub", "g.json")
	write(t, g, "{}")
	if got := next(t, w); !slices.Equal(got.Paths, []string{g}) {
		t.Errorf("write after folder rename: batch = %v, want [%s]", got.Paths, g)
	}

	must(t, os.RemoveAll(b))
	until(t, w, b)
	quiet(t, w)
	must(t, os.MkdirAll(filepath.Join(b, "sub"), 0o755))
	until(t, w, b, filepath.Join(b, "sub"))
	quiet(t, w)
	h := filepath.Join(b, "sub", "h.json")
	write(t, h, "{}")
	until(t, w, h)
}

func TestBurst(t *testing.T) {
	dir := filepath.Join(site(t), "content")
	w := start(t, []string{dir})
	want := make([]string, 200)
	began := time.Now()
	for i := range want {
		want[i] = filepath.Join(dir, fmt.Sprintf("f%03d.json", i))
		write(t, want[i], "{}")
	}
	// A burst is delivered at least every second (WithDebounce): on a
	// machine so busy that the writes take seconds, one batch more a
	// second. A writer held up for longer than the debounce splits the
	// burst in two, and the last write's event may make a late batch.
	limit := 3 + int(time.Since(began)/time.Second)
	bs := collect(t, w)
	if len(bs) > limit {
		t.Errorf("%d batches for a burst of %v, want at most %d", len(bs), time.Since(began).Round(time.Millisecond), limit)
	}
	var got []string
	for _, b := range bs {
		got = append(got, b.Paths...)
	}
	slices.Sort(got)
	got = slices.Compact(got)
	if !slices.Equal(got, want) {
		t.Errorf("burst reported %d paths, want the 200 written", len(got))
	}
}

// TestSaveWindow checks that one save is delivered after the save window,
// not after the debounce, and that writes spaced wider than the save
// window but closer than the debounce are one burst, not a batch each.
func TestSaveWindow(t *testing.T) {
	dir := filepath.Join(site(t), "content")
	target := filepath.Join(dir, "framework.json")
	w := start(t, []string{dir}, WithDebounce(3*time.Second), WithSaveWindow(10*time.Millisecond))
	began := time.Now()
	// vim's save: backup by rename, write, remove the backup.
	must(t, os.Rename(target, target+"~"))
	write(t, target, `{"v":2}`)
	must(t, os.Remove(target+"~"))
	if b := next(t, w); !slices.Contains(b.Paths, target) {
		t.Errorf("batch = %v", b.Paths)
	}
	if d := time.Since(began); d > 2*time.Second {
		t.Errorf("one save was delivered after %v: the debounce, not the save window", d)
	}

	w = start(t, []string{dir}, WithDebounce(300*time.Millisecond), WithSaveWindow(5*time.Millisecond))
	for i := range 12 {
		write(t, target, fmt.Sprint(i))
		time.Sleep(25 * time.Millisecond)
	}
	if bs := collect(t, w); len(bs) > 2 {
		t.Errorf("12 writes 25ms apart made %d batches, want 1 or 2: a burst", len(bs))
	}
}

// TestMidSaveWaits checks that a save whose file is missing for longer
// than the save window (renamed away, then written after a pause, as an
// editor that syncs to a slow disk may do) is one batch, delivered once the
// file is back, and that a deletion is still delivered, after the
// debounce.
func TestMidSaveWaits(t *testing.T) {
	dir := filepath.Join(site(t), "content")
	target := filepath.Join(dir, "framework.json")
	w := start(t, []string{dir}, WithDebounce(time.Second), WithSaveWindow(10*time.Millisecond))
	must(t, os.Rename(target, target+"~"))
	time.Sleep(60 * time.Millisecond)
	write(t, target, `{"v":3}`)
	must(t, os.Remove(target+"~"))
	if b := next(t, w); !slices.Contains(b.Paths, target) {
		t.Errorf("batch = %v", b.Paths)
	}
	if _, err := os.Stat(target); err != nil {
		t.Errorf("delivered while the file was missing: %v", err)
	}
	late(t, w, target)

	began := time.Now()
	must(t, os.Remove(target))
	if b := next(t, w); !slices.Contains(b.Paths, target) {
		t.Errorf("deletion batch = %v", b.Paths)
	}
	if d := time.Since(began); d < 500*time.Millisecond {
		t.Errorf("a deletion was delivered after %v, before the debounce", d)
	}
}

// TestTruncateThenWrite checks that a save in place whose writer pauses
// between truncating the file and writing it, longer than the save window,
// is not delivered while the file is empty; and that a file left empty is
// still delivered, after the debounce.
//
// The batch of the finished file may be followed by one more: when the
// watcher sees the file written before the write's event arrives, that
// event makes a batch of its own (a rebuild that changes nothing).
func TestTruncateThenWrite(t *testing.T) {
	dir := filepath.Join(site(t), "content")
	target := filepath.Join(dir, "framework.json")
	for _, pause := range []time.Duration{0, 40 * time.Millisecond, 150 * time.Millisecond} {
		t.Run(pause.String(), func(t *testing.T) {
			// A long debounce, so that a slow machine does not make the
			// pause outlast it; the batch comes a debounce after the write.
			const debounce = 3 * time.Second
			w := start(t, []string{dir}, WithDebounce(debounce), WithSaveWindow(10*time.Millisecond))
			f, err := os.OpenFile(target, os.O_WRONLY|os.O_TRUNC, 0o644)
			must(t, err)
			time.Sleep(pause)
			select {
			case b := <-w.Events():
				t.Fatalf("delivered while the file was empty: %v", b.Paths)
			default:
			}
			_, err = f.WriteString(`{"v":2}`)
			must(t, err)
			must(t, f.Close())
			var bs []Batch
			for wait := debounce + batchTimeout; ; wait = debounce + quietPeriod {
				select {
				case b := <-w.Events():
					bs = append(bs, b)
					continue
				case <-time.After(wait):
				}
				break
			}
			if len(bs) == 0 {
				t.Fatal("no batch")
			}
			for _, b := range bs {
				if !slices.Equal(b.Paths, []string{target}) {
					t.Errorf("batch = %v", b.Paths)
				}
			}
			if len(bs) > 2 {
				t.Errorf("%d batches for one save", len(bs))
			}
		})
	}

	w := start(t, []string{dir}, WithDebounce(300*time.Millisecond), WithSaveWindow(10*time.Millisecond))
	began := time.Now()
	must(t, os.Truncate(target, 0))
	if b := next(t, w); !slices.Equal(b.Paths, []string{target}) {
		t.Errorf("emptied file's batch = %v", b.Paths)
	}
	if d := time.Since(began); d < 250*time.Millisecond {
		t.Errorf("an emptied file was delivered after %v, before the debounce", d)
	}
}

// TestContinuousWritesCapLatency checks that a stream of writes that never
// pauses for the debounce period is still delivered.
func TestContinuousWritesCapLatency(t *testing.T) {
	dir := filepath.Join(site(t), "content")
	target := filepath.Join(dir, "framework.json")
	w := start(t, []string{dir}, WithDebounce(50*time.Millisecond))
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			case <-time.After(10 * time.Millisecond):
				os.WriteFile(target, []byte(fmt.Sprint(i)), 0o644)
			}
		}
	}()
	defer func() { close(stop); <-done }()
	select {
	case b := <-w.Events():
		if !slices.Equal(b.Paths, []string{target}) {
			t.Errorf("batch = %v", b.Paths)
		}
	case <-time.After(3 * time.Second):
		t.Fatal("no batch during a continuous stream of writes")
	}
}

// TestBusyReceiverCoalesces checks that changes made while the receiver is
// not reading are merged into one batch.
func TestBusyReceiverCoalesces(t *testing.T) {
	dir := filepath.Join(site(t), "content")
	w := start(t, []string{dir}, WithDebounce(20*time.Millisecond))
	a, b := filepath.Join(dir, "a.json"), filepath.Join(dir, "b.json")
	write(t, a, "{}")
	time.Sleep(100 * time.Millisecond) // a's batch is made, and waits
	write(t, b, "{}")
	time.Sleep(100 * time.Millisecond) // b's batch is made, and merged
	if got := next(t, w); !slices.Equal(got.Paths, []string{a, b}) {
		t.Errorf("batch = %v, want [%s %s]", got.Paths, a, b)
	}
	quiet(t, w)
}

func TestExcludedOutputInsideRoot(t *testing.T) {
	root := site(t)
	out := filepath.Join(root, "public")
	must(t, os.MkdirAll(filepath.Join(out, "old"), 0o755))
	w := start(t, []string{root}, WithExclude(out))
	write(t, filepath.Join(out, "index.html"), "<p>")
	write(t, filepath.Join(out, "old", "index.html"), "<p>")
	must(t, os.MkdirAll(filepath.Join(out, "occupations", "x"), 0o755))
	write(t, filepath.Join(out, "occupations", "x", "index.html"), "<p>")
	// A staging folder beside the output (hidden) and its swap.
	staging := filepath.Join(root, ".public.ladder-staging-1")
	must(t, os.MkdirAll(staging, 0o755))
	write(t, filepath.Join(staging, "index.html"), "<p>")
	must(t, os.RemoveAll(staging))
	quiet(t, w)
	if slices.ContainsFunc(w.fsw.WatchList(), func(d string) bool { return within(d, out) }) {
		t.Error("the excluded folder is watched")
	}

	target := filepath.Join(root, "content", "framework.json")
	write(t, target, "{}")
	if b := next(t, w); !slices.Equal(b.Paths, []string{target}) {
		t.Errorf("batch = %v, want [%s]", b.Paths, target)
	}
}

func TestFileRootAndMissingRoot(t *testing.T) {
	root := site(t)
	toml := filepath.Join(root, "ladder.toml")
	write(t, toml, "title = 'x'")
	templates := filepath.Join(root, "templates") // does not exist yet
	w := start(t, []string{filepath.Join(root, "content"), toml, templates})

	write(t, filepath.Join(root, "README.md"), "not watched")
	write(t, toml, "title = 'y'")
	if b := next(t, w); !slices.Equal(b.Paths, []string{toml}) {
		t.Errorf("batch = %v, want [%s]", b.Paths, toml)
	}
	quiet(t, w)

	must(t, os.MkdirAll(filepath.Join(templates, "partials"), 0o755))
	page := filepath.Join(templates, "partials", "head.html")
	write(t, page, "<head>")
	until(t, w, templates, page)
}

// TestRootRemovedAndRestored checks that a root folder that is removed and
// made again (a git checkout of another branch) is watched again.
func TestRootRemovedAndRestored(t *testing.T) {
	root := site(t)
	dir := filepath.Join(root, "content")
	w := start(t, []string{dir})
	must(t, os.RemoveAll(dir))
	until(t, w, dir)
	quiet(t, w)
	must(t, os.MkdirAll(filepath.Join(dir, "frameworks"), 0o755))
	until(t, w, dir)
	quiet(t, w)
	f := filepath.Join(dir, "frameworks", "x.json")
	write(t, f, "{}")
	if b := next(t, w); !slices.Equal(b.Paths, []string{f}) {
		t.Errorf("batch = %v, want [%s]", b.Paths, f)
	}
	write(t, filepath.Join(root, "README.md"), "beside the root: not reported")
	quiet(t, w)
}

func TestIgnoreOption(t *testing.T) {
	dir := filepath.Join(site(t), "content")
	w := start(t, []string{dir}, WithIgnore(func(p string) bool { return strings.HasSuffix(p, ".log") }))
	write(t, filepath.Join(dir, "build.log"), "x")
	target := filepath.Join(dir, "framework.json")
	write(t, target, "{}")
	if b := next(t, w); !slices.Equal(b.Paths, []string{target}) {
		t.Errorf("batch = %v, want [%s]", b.Paths, target)
	}
}

func TestPoll(t *testing.T) {
	root := site(t)
	dir := filepath.Join(root, "content")
	out := filepath.Join(dir, "public")
	must(t, os.MkdirAll(out, 0o755))
	w := start(t, []string{dir}, WithPoll(20*time.Millisecond), WithDebounce(20*time.Millisecond), WithExclude(out))
	if w.fsw != nil {
		t.Fatal("polling watcher uses fsnotify")
	}
	target := filepath.Join(dir, "framework.json")
	write(t, filepath.Join(out, "index.html"), "<p>")
	write(t, filepath.Join(dir, ".framework.json.swp"), "x")
	write(t, target, `{"v":22}`) // a different size
	if b := next(t, w); !slices.Equal(b.Paths, []string{target}) {
		t.Errorf("batch = %v, want [%s]", b.Paths, target)
	}
	must(t, os.MkdirAll(filepath.Join(dir, "a", "b"), 0o755))
	nested := filepath.Join(dir, "a", "b", "x.json")
	write(t, nested, "{}")
	until(t, w, nested)
	must(t, os.Remove(target))
	until(t, w, target)
}

// TestOverflowAsksForRescan feeds the loop an overflow error as fsnotify
// reports it.
func TestOverflowAsksForRescan(t *testing.T) {
	w := &Watcher{
		cfg:     config{debounce: 10 * time.Millisecond, maxWait: time.Second},
		roots:   []string{t.TempDir()},
		dirs:    map[string]struct{}{},
		events:  make(chan Batch),
		errs:    make(chan error, 16),
		done:    make(chan struct{}),
		stopped: make(chan struct{}),
	}
	ev := make(chan fsnotify.Event)
	errc := make(chan error)
	go w.run(ev, errc, nil)
	defer w.Close()
	errc <- fsnotify.ErrEventOverflow
	if b := next(t, w); !b.Rescan {
		t.Errorf("batch = %+v, want Rescan", b)
	}
	errc <- errors.New("boom")
	select {
	case err := <-w.Errors():
		if !strings.Contains(err.Error(), "boom") {
			t.Errorf("error = %v", err)
		}
	case <-time.After(batchTimeout):
		t.Fatal("error not reported")
	}
}

func TestWatchLimitAdvice(t *testing.T) {
	err := addError("/site/content/x", syscall.ENOSPC)
	if !errors.Is(err, ErrWatchLimit) {
		t.Errorf("%v does not wrap ErrWatchLimit", err)
	}
	for _, want := range []string{
		"/site/content/x",
		"sudo sysctl fs.inotify.max_user_watches=524288",
		"/etc/sysctl.d/",
		"--poll 500ms",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message lacks %q:\n%v", want, err)
		}
	}
	if err := addError("/x", syscall.EACCES); errors.Is(err, ErrWatchLimit) {
		t.Errorf("EACCES reported as the watch limit: %v", err)
	}
}

func TestScratchAndTempNames(t *testing.T) {
	scratch := []string{"framework.json~", ".framework.json.swp", "x.swp", "x.swx", "x.swpx",
		"4913", "5036", ".#framework.json", "#framework.json#", "framework.json___jb_tmp___",
		"framework.json___jb_old___", ".goutputstream-XYZ", ".DS_Store", ".git", ".file.tmp123"}
	for _, n := range scratch {
		if !scratchName(n) {
			t.Errorf("scratchName(%q) = false", n)
		}
	}
	content := []string{"framework.json", "sedation.md", "4914", "04913", "49130", "#tag.md",
		"x.tmpl", "notes.swift", "sedAb12Cd", "x.tmp1"}
	for _, n := range content {
		if scratchName(n) {
			t.Errorf("scratchName(%q) = true", n)
		}
	}
	for _, n := range []string{"sedAb12Cd", "sed0a1b2c", "x.tmp", "x.json.tmp123"} {
		if !tempName(n) {
			t.Errorf("tempName(%q) = false", n)
		}
	}
	for _, n := range []string{"sedation.md", "sedation", "sed", "x.tmpl", "sed-ab12c", "tmp", ".tmp"} {
		if tempName(n) {
			t.Errorf("tempName(%q) = true", n)
		}
	}
}

func TestCloseLeavesNoGoroutines(t *testing.T) {
	before := runtime.NumGoroutine()
	for _, opts := range [][]Option{nil, {WithPoll(10 * time.Millisecond)}} {
		dir := filepath.Join(site(t), "content")
		w, err := New([]string{dir}, opts...)
		must(t, err)
		write(t, filepath.Join(dir, "framework.json"), "{}") // leave a batch untaken
		time.Sleep(200 * time.Millisecond)
		must(t, w.Close())
		must(t, w.Close()) // twice is fine
		if _, ok := <-w.Events(); ok {
			t.Error("Events open after Close")
		}
		if _, ok := <-w.Errors(); ok {
			t.Error("Errors open after Close")
		}
	}
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > before {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<16)
			t.Fatalf("%d goroutines before, %d after Close:\n%s", before, runtime.NumGoroutine(), buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestNewErrors(t *testing.T) {
	if _, err := New(nil); err == nil {
		t.Error("New(nil) succeeded")
	}
	missing := filepath.Join(t.TempDir(), "no", "such", "dir")
	if _, err := New([]string{missing}); err == nil {
		t.Error("New with a root whose parent is missing succeeded")
	}
}
