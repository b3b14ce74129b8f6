// Package watch reports changes to the files below a set of roots, in
// debounced batches: one Batch per burst of saves, however the editor
// performed them.
//
// fsnotify watches one folder at a time, so the Watcher adds every folder
// below each root, adds folders created later (reporting the files already
// inside them, which may have been written before the watch was in place)
// and drops folders that are removed or renamed away. The scratch files of
// editors and tools (backups, swap files, locks, the temporary files of
// atomic saves) are never reported; the rename that puts a new version in
// place reports its target. Where fsnotify cannot be used, or the system's
// watch limit is reached, WithPoll compares snapshots of sizes and
// modification times instead.
//
// A batch waits while a changed file is missing or empty (an editor
// between renaming the old version away and writing the new one, or a
// save in place between truncating and writing), or while the temporary
// file of an atomic save is not yet renamed, up to the debounce. When
// the watcher sees the file written before the write's own event arrives,
// that event makes one more batch of the same file: a receiver should
// find nothing changed then.
package watch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Batch is one debounced set of changes.
type Batch struct {
	// Paths are the absolute, cleaned paths that were created, written,
	// removed or renamed (both the old and the new name), sorted and
	// without duplicates. A path may name a folder that was created,
	// removed or renamed as a whole; treat it as everything below it.
	Paths []string
	// Rescan is set when the system dropped events (its event queue
	// overflowed): Paths may be incomplete and everything should be
	// rebuilt.
	Rescan bool
}

// Option configures a Watcher.
type Option func(*config)

type config struct {
	save     time.Duration
	debounce time.Duration
	maxWait  time.Duration
	poll     time.Duration
	ignore   []func(string) bool
	exclude  []string
}

// WithDebounce sets how long the Watcher waits after the last event of a
// burst before delivering the batch (default 100ms). Values below 1ms are
// raised to 1ms. A continuous burst is still delivered at least every
// second (or every ten debounce periods, whichever is longer).
//
// A save is not a burst: the few file operations an editor makes to save
// one file (a backup renamed, the file written, the backup removed) come
// within a millisecond or so, and a batch whose events all came within
// the save window (default 5ms, never longer than the debounce) is
// delivered that long after its last event. Events that keep coming after
// the save window make it a burst. The window is latency every save
// pays; a save spread wider than it is not lost but picked up in two
// batches, and a file caught between its steps (missing, empty, or its
// temporary file not yet renamed) holds its batch back (midSave).
func WithDebounce(d time.Duration) Option {
	return func(c *config) { c.debounce = max(d, time.Millisecond) }
}

// WithSaveWindow sets the save window (see WithDebounce).
func WithSaveWindow(d time.Duration) Option {
	return func(c *config) { c.save = max(d, time.Millisecond) }
}

// WithPoll makes the Watcher poll every interval, comparing the size and
// modification time of every file, instead of using the system's file
// events. It is the fallback for file systems without events (network
// and some container mounts) and for when the watch limit is reached.
// A zero or negative interval keeps file events.
func WithPoll(interval time.Duration) Option {
	return func(c *config) { c.poll = interval }
}

// WithIgnore adds a rule to the default ones: a path (absolute) for which
// ignore returns true is not reported, and a folder for which it returns
// true is not watched.
func WithIgnore(ignore func(path string) bool) Option {
	return func(c *config) {
		if ignore != nil {
			c.ignore = append(c.ignore, ignore)
		}
	}
}

// WithExclude keeps dir and everything below it out of the watch even when
// it lies inside a root: the output folder, which every build rewrites.
func WithExclude(dir string) Option {
	return func(c *config) {
		if abs, err := filepath.Abs(dir); err == nil {
			c.exclude = append(c.exclude, abs)
		}
	}
}

// ErrWatchLimit is wrapped by the error reported when the system refuses
// another watch because its limit is reached. The error's message says how
// to raise the limit, or to poll instead.
var ErrWatchLimit = errors.New("the system limit on watched folders is reached")

const limitAdvice = `
Raise the limit (it counts folders watched by all programs of this user):
    sudo sysctl fs.inotify.max_user_watches=524288
and keep it after a reboot:
    echo fs.inotify.max_user_watches=524288 | sudo tee /etc/sysctl.d/90-inotify-watches.conf
Or poll for changes instead of watching: --poll 500ms`

const instanceAdvice = `
Raise the limit on inotify instances:
    sudo sysctl fs.inotify.max_user_instances=1024
and keep it after a reboot:
    echo fs.inotify.max_user_instances=1024 | sudo tee /etc/sysctl.d/90-inotify-instances.conf
Or poll for changes instead of watching: --poll 500ms`

// addError wraps the error of adding a watch on dir, turning the system's
// "no space" (the watch limit) into advice.
func addError(dir string, err error) error {
	if errors.Is(err, syscall.ENOSPC) {
		return fmt.Errorf("watch %s: %w (fs.inotify.max_user_watches).%s", dir, ErrWatchLimit, limitAdvice)
	}
	return fmt.Errorf("watch %s: %w", dir, err)
}

// Watcher delivers the changes below its roots as Batches. Its methods are
// safe for concurrent use.
type Watcher struct {
	cfg   config
	roots []string

	fsw  *fsnotify.Watcher      // nil when polling
	dirs map[string]struct{}    // folders watched; owned by run once New returns
	snap map[string]fileVersion // polling: the last snapshot; owned by run

	events  chan Batch
	errs    chan error
	done    chan struct{}
	stopped chan struct{}

	closeOnce sync.Once
	closeErr  error
}

// New starts watching roots: folders, watched with everything below them,
// or single files (such as ladder.toml), for which the parent folder is
// watched and everything but the file filtered out. A root that does not
// exist yet is picked up when it is created, provided its parent exists.
// Every watch is in place when New returns.
func New(roots []string, opts ...Option) (*Watcher, error) {
	cfg := config{save: 5 * time.Millisecond, debounce: 100 * time.Millisecond}
	for _, opt := range opts {
		opt(&cfg)
	}
	cfg.save = min(cfg.save, cfg.debounce)
	cfg.maxWait = max(time.Second, 10*cfg.debounce)
	w := &Watcher{
		cfg:     cfg,
		dirs:    make(map[string]struct{}),
		events:  make(chan Batch),
		errs:    make(chan error, 16),
		done:    make(chan struct{}),
		stopped: make(chan struct{}),
	}
	for _, r := range roots {
		abs, err := filepath.Abs(r)
		if err != nil {
			return nil, fmt.Errorf("watch %s: %w", r, err)
		}
		w.roots = append(w.roots, abs)
	}
	if len(w.roots) == 0 {
		return nil, errors.New("watch: no roots given")
	}

	if cfg.poll > 0 {
		w.snap = w.scan()
		t := time.NewTicker(cfg.poll)
		go func() {
			defer t.Stop()
			w.run(nil, nil, t.C)
		}()
		return w, nil
	}

	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		if errors.Is(err, syscall.EMFILE) {
			return nil, fmt.Errorf("watch: %w (fs.inotify.max_user_instances, or too many open files).%s", err, instanceAdvice)
		}
		return nil, fmt.Errorf("watch: %w", err)
	}
	w.fsw = fsw
	for _, r := range w.roots {
		if err := w.watchRoot(r); err != nil {
			fsw.Close()
			return nil, err
		}
	}
	go w.run(fsw.Events, fsw.Errors, nil)
	return w, nil
}

// Events returns the channel on which batches are delivered. Changes that
// arrive while the receiver is busy are merged into the next batch, so a
// slow receiver gets fewer, larger batches and never misses a change. The
// channel is closed by Close.
func (w *Watcher) Events() <-chan Batch { return w.events }

// Errors returns the channel on which problems are reported: folders that
// cannot be watched (such as ErrWatchLimit) and errors of the system's
// event queue. Errors are dropped, not queued, when 16 are already waiting
// to be received. The channel is closed by Close.
func (w *Watcher) Errors() <-chan error { return w.errs }

// Close stops the Watcher and waits for its goroutines to end. It may be
// called more than once.
func (w *Watcher) Close() error {
	w.closeOnce.Do(func() {
		close(w.done)
		<-w.stopped
		if w.fsw != nil {
			w.closeErr = w.fsw.Close()
		}
	})
	return w.closeErr
}

// watchRoot adds the watches for one root: the folder and everything below
// it, or the parent folder when the root is a file or does not exist.
func (w *Watcher) watchRoot(root string) error {
	fi, err := os.Stat(root)
	if err == nil && fi.IsDir() {
		return w.addTree(root, nil)
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("watch %s: %w", root, err)
	}
	return w.addDir(filepath.Dir(root))
}

// addDir adds a watch on one folder.
func (w *Watcher) addDir(dir string) error {
	if _, ok := w.dirs[dir]; ok {
		return nil
	}
	if err := w.fsw.Add(dir); err != nil {
		return addError(dir, err)
	}
	w.dirs[dir] = struct{}{}
	return nil
}

// addTree watches dir and every folder below it. With p non-nil, it also
// adds to p every file found: for a folder that has just appeared, those
// files may have been written before the watch was in place. Each folder
// is watched before it is listed, so no file falls between the two.
func (w *Watcher) addTree(dir string, p *pending) error {
	return filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) { // removed while walking
				return nil
			}
			return fmt.Errorf("watch %s: %w", path, err)
		}
		if path != dir && !w.wanted(path) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.IsDir() {
			if p != nil {
				p.add(path)
			}
			return nil
		}
		if w.excluded(path) {
			return fs.SkipDir
		}
		if err := w.addDir(path); err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return fs.SkipDir
			}
			return err
		}
		if p != nil {
			p.add(path)
		}
		return nil
	})
}

// forget drops the watches on path and every folder below it, after path
// was removed or renamed away. The system drops the watch of a removed
// folder by itself, but not those of a renamed one, whose events would
// then arrive under the old name.
func (w *Watcher) forget(path string) {
	for dir := range w.dirs {
		if within(dir, path) {
			w.fsw.Remove(dir) // fails harmlessly when the system dropped it already
			delete(w.dirs, dir)
		}
	}
}

// within reports whether path is root or below it.
func within(path, root string) bool {
	return path == root || strings.HasPrefix(path, root) && len(path) > len(root) &&
		(path[len(root)] == filepath.Separator || root[len(root)-1] == filepath.Separator)
}

// excluded reports whether path is an excluded folder or below one.
func (w *Watcher) excluded(path string) bool {
	for _, ex := range w.cfg.exclude {
		if within(path, ex) {
			return true
		}
	}
	return false
}

// isRoot reports whether path is one of the roots.
func (w *Watcher) isRoot(path string) bool {
	return slices.Contains(w.roots, path)
}

// wanted reports whether a change to path is to be reported: it lies in a
// root, not in an excluded folder, and neither the default rules nor an
// ignore function reject it.
func (w *Watcher) wanted(path string) bool {
	in := false
	for _, r := range w.roots {
		if within(path, r) {
			in = true
			break
		}
	}
	if !in || w.excluded(path) {
		return false
	}
	if !w.isRoot(path) && scratchName(filepath.Base(path)) {
		return false
	}
	for _, ignore := range w.cfg.ignore {
		if ignore(path) {
			return false
		}
	}
	return true
}

// report sends err on the Errors channel, or drops it when the channel is
// full.
func (w *Watcher) report(err error) {
	select {
	case w.errs <- err:
	default:
	}
}

// pending collects the changes of the batch being debounced.
type pending struct {
	paths  map[string]struct{}
	rescan bool
	first  time.Time // when the first change of the batch arrived
}

func (p *pending) add(path string) {
	if p.paths == nil {
		p.paths = make(map[string]struct{})
	}
	p.paths[path] = struct{}{}
}

func (p *pending) empty() bool { return len(p.paths) == 0 && !p.rescan }

// batch turns the pending changes into a Batch merged with prev, and resets
// p. A path with a temporary-file name is dropped when the file is gone:
// it was the temporary file of an atomic save, renamed over its target.
func (p *pending) batch(prev *Batch) *Batch {
	b := &Batch{Rescan: p.rescan}
	if prev != nil {
		b.Rescan = b.Rescan || prev.Rescan
		for _, path := range prev.Paths {
			p.add(path)
		}
	}
	for path := range p.paths {
		if tempName(filepath.Base(path)) {
			if _, err := os.Lstat(path); err != nil {
				continue
			}
		}
		b.Paths = append(b.Paths, path)
	}
	slices.Sort(b.Paths)
	*p = pending{}
	if len(b.Paths) == 0 && !b.Rescan {
		return prev
	}
	return b
}

// run is the Watcher's one goroutine: it receives file events (or polls at
// each tick), debounces them, and offers the batch that is ready until it
// is taken, merging later changes into it meanwhile.
func (w *Watcher) run(fsEv <-chan fsnotify.Event, fsErr <-chan error, tick <-chan time.Time) {
	defer close(w.stopped)
	defer close(w.errs)
	defer close(w.events)

	var (
		p      pending
		ready  *Batch     // made, not yet taken
		out    chan Batch // w.events when ready is set, else nil
		timer  = time.NewTimer(time.Hour)
		timerC <-chan time.Time
	)
	timer.Stop()
	defer timer.Stop()
	for {
		wasEmpty := p.empty()
		select {
		case <-w.done:
			return
		case ev, ok := <-fsEv:
			if !ok {
				fsEv = nil
				continue
			}
			w.handle(ev, &p)
		case err, ok := <-fsErr:
			if !ok {
				fsErr = nil
				continue
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				p.rescan = true
			} else {
				w.report(fmt.Errorf("watch: %w", err))
			}
		case <-tick:
			w.poll(&p)
		case <-timerC:
			timerC = nil
			if wait := w.midSave(&p, time.Now()); wait > 0 {
				timer.Reset(wait)
				timerC = timer.C
				continue
			}
			ready = p.batch(ready)
			if ready != nil {
				out = w.events
			}
			continue
		case out <- derefBatch(ready):
			ready, out = nil, nil
			continue
		}
		if p.empty() {
			continue
		}
		// Restart the debounce, but never past maxWait after the first
		// change, so a continuous stream of writes still gets delivered.
		now := time.Now()
		if wasEmpty {
			p.first = now
		}
		window := w.cfg.debounce
		if now.Sub(p.first) < w.cfg.save {
			window = w.cfg.save // still one save, as far as we can tell
		}
		wait := min(window, p.first.Add(w.cfg.maxWait).Sub(now))
		timer.Reset(max(wait, 0))
		timerC = timer.C
	}
}

// midSave returns how much longer to wait before delivering p: while a
// changed file (not a temporary one) is missing, an editor may be between
// renaming it away and putting the new one in its place; while one is
// empty, a save in place may be between truncating it and writing it; and
// while a temporary file (tempName) exists, an atomic save has not yet
// renamed it over its target. The batch waits, until the debounce has
// passed since its first change. A deleted or emptied file is then
// reported after the debounce, a saved one as soon as it is in place.
func (w *Watcher) midSave(p *pending, now time.Time) time.Duration {
	left := p.first.Add(w.cfg.debounce).Sub(now)
	if left <= 0 || p.rescan {
		return 0
	}
	for path := range p.paths {
		fi, err := os.Lstat(path)
		if tempName(filepath.Base(path)) {
			if err == nil {
				// The temporary file of an atomic save, not yet renamed
				// into place.
				return min(left, w.cfg.save)
			}
			continue
		}
		if errors.Is(err, fs.ErrNotExist) || err == nil && fi.Mode().IsRegular() && fi.Size() == 0 {
			return min(left, w.cfg.save)
		}
	}
	return 0
}

func derefBatch(b *Batch) Batch {
	if b == nil {
		return Batch{}
	}
	return *b
}

// handle records one file event in p, and keeps the set of watched folders
// in step with folders created, removed and renamed.
func (w *Watcher) handle(ev fsnotify.Event, p *pending) {
	path := filepath.Clean(ev.Name)
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		w.forget(path)
		if w.isRoot(path) {
			// Notice when the root comes back.
			if err := w.addDir(filepath.Dir(path)); err != nil {
				w.report(err)
			}
		}
	}
	if !w.wanted(path) {
		return
	}
	if ev.Has(fsnotify.Create) {
		fi, err := os.Lstat(path)
		if err == nil && fi.IsDir() {
			if err := w.addTree(path, p); err != nil {
				w.report(err)
			}
		}
	}
	if ev.Op == fsnotify.Chmod {
		// Attribute changes matter for files (touch), not folders.
		if fi, err := os.Lstat(path); err != nil || fi.IsDir() {
			return
		}
	}
	p.add(path)
}
