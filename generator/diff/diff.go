// Package diff tells what changed between two versions of an occupation's
// framework: statements added, removed, reworded and moved between levels;
// levels added, removed, renamed, relabelled and reordered; and changes to
// the occupation's and framework's metadata. It renders the result as
// plain text for a terminal and as markdown for a pull-request comment.
//
// Matching is deterministic. Levels pair by key, then, among the rest, by
// label or shared statements. Statements pair in four rounds, each greedy
// best-first (the most similar pair first, ties by position in the old
// version, then in the new), so that stronger evidence wins:
//
//  1. the same text in the same level: unchanged;
//  2. the same words in a different level: moved;
//  3. similar text in the same level (Similarity at least the reword
//     threshold, 0.6 unless WithRewordThreshold): reworded;
//  4. the same topic and a similar performance (at least the move
//     threshold, 0.8 unless WithMoveThreshold) in a different level:
//     moved and reworded.
//
// In rounds 3 and 4 each old statement offers its eight best candidates
// (round 3 repeats while it pairs any), which keeps a level of thousands
// of statements that all changed from costing quadratic memory. What is
// left is removed from the old version or added in the new.
//
// The package imports nothing of ladder's but framework: callers load the
// files (load.DecodeFramework) and hand the frameworks over.
package diff

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ladder-ssg/ladder/generator/framework"
)

// Default thresholds; see WithRewordThreshold and WithMoveThreshold.
const (
	DefaultRewordThreshold = 0.6
	DefaultMoveThreshold   = 0.8
)

// Option changes how Frameworks and Sets match statements.
type Option func(*config)

type config struct {
	reword, move float64
}

// WithRewordThreshold sets how similar (by Similarity, 0 to 1) a statement
// must be to one of the old version in the same level to count as a
// rewording of it rather than a removal and an addition.
func WithRewordThreshold(x float64) Option {
	return func(c *config) { c.reword = x }
}

// WithMoveThreshold sets how similar (by Similarity, 0 to 1) the
// performance of a statement must be to one with the same topic in another
// level of the old version to count as moved there and reworded.
func WithMoveThreshold(x float64) Option {
	return func(c *config) { c.move = x }
}

// Kind is what happened to one statement.
type Kind int

const (
	// Unchanged: the same text in the same level.
	Unchanged Kind = iota
	// Added: a statement new in this level.
	Added
	// Removed: a statement gone from this level.
	Removed
	// Reworded: the text changed, the level did not.
	Reworded
	// MovedIn: the statement came from another level (Other), perhaps
	// reworded; listed under the level it is in now.
	MovedIn
	// MovedOut: the statement went to another level (Other); listed under
	// the level it left. Every move appears twice, once each way.
	MovedOut
)

var kindNames = [...]string{"unchanged", "added", "removed", "reworded", "moved in", "moved out"}

// String returns the kind in words, e.g. "moved in".
func (k Kind) String() string {
	if k < 0 || int(k) >= len(kindNames) {
		return "Kind(" + strconv.Itoa(int(k)) + ")"
	}
	return kindNames[k]
}

// Change is what happened to one statement.
type Change struct {
	Kind Kind
	// Old is the text in the old version and New in the new: Added has no
	// Old and Removed no New. Moves carry both, equal unless the statement
	// was reworded as it moved.
	Old, New string
	// Other is the level a moved statement came from (MovedIn) or went to
	// (MovedOut), as it is called in the new version when it still exists.
	Other LevelName
	// Similarity is how alike Old and New are: 1 for the same text.
	Similarity float64
	// OldAt and NewAt are where the statement is in the old and the new
	// version, nil for the side it lacks (as Old and New are empty).
	OldAt, NewAt *Place
}

// Place is where a statement is in one version: the positions of its
// level and of the statement in the level, from 0.
type Place struct {
	Level, Index int
}

func (s *stmt) place() *Place { return &Place{Level: s.level, Index: s.index} }

// TextChanged reports whether the statement's text changed: always for
// Reworded, and for a move that also reworded it.
func (c Change) TextChanged() bool {
	return (c.Kind == Reworded || c.Kind == MovedIn || c.Kind == MovedOut) && c.Old != c.New
}

// LevelName names a level: its key in the file and its label for people.
type LevelName struct {
	Key, Label string
}

// String returns the label, or the key when the label is empty.
func (n LevelName) String() string {
	if n.Label != "" {
		return n.Label
	}
	return n.Key
}

// LevelDiff is what happened to one level and its statements.
type LevelDiff struct {
	// Name is the level in the new version, or in the old when Removed;
	// Old is the level in the old version, or zero when Added.
	Name, Old LevelName
	Added     bool // the level is new
	Removed   bool // the level is gone
	Reordered bool // statements it kept are in a different order
	// Changes are the level's statements, old and new merged: those of the
	// new version in order, with those that left placed where they were.
	Changes []Change
}

// Renamed reports whether the level's key changed: the same level (by its
// label or statements) under a new key.
func (l LevelDiff) Renamed() bool {
	return !l.Added && !l.Removed && l.Name.Key != l.Old.Key
}

// Relabelled reports whether the level's label changed.
func (l LevelDiff) Relabelled() bool {
	return !l.Added && !l.Removed && l.Name.Label != l.Old.Label
}

// Changed reports whether anything about the level or its statements
// changed.
func (l LevelDiff) Changed() bool {
	if l.Added || l.Removed || l.Reordered || l.Renamed() || l.Relabelled() {
		return true
	}
	for _, c := range l.Changes {
		if c.Kind != Unchanged {
			return true
		}
	}
	return false
}

// FieldChange is a change to one metadata field.
type FieldChange struct {
	Path string // JSON path in the file, e.g. occupation.jobZone or sources.onet
	Name string // the field for people, e.g. "job zone"
	// Old and New are the values as text, empty when absent.
	Old, New string
}

// OrderChange is a change in the order of the levels that both versions
// have, named by their keys in the new version.
type OrderChange struct {
	Old, New []string
}

// Diff is what changed between two versions of one occupation's framework.
type Diff struct {
	Code, Title string // of the new version, or the old when there is none
	Metadata    []FieldChange
	Levels      []LevelDiff  // in the new order, removed levels where they were
	LevelOrder  *OrderChange // nil when the kept levels keep their order
}

// Counts sums up a Diff. A move counts once.
type Counts struct {
	Added, Removed, Moved, Reworded, Unchanged int // statements
	LevelsAdded, LevelsRemoved, LevelsRenamed  int
	LevelsRelabelled, LevelsReordered          int // LevelsReordered: levels whose statements changed order
	LevelOrder                                 bool
	Metadata                                   int
}

// Counts counts the changes of each kind.
func (d Diff) Counts() Counts {
	var n Counts
	n.Metadata = len(d.Metadata)
	n.LevelOrder = d.LevelOrder != nil
	for _, l := range d.Levels {
		switch {
		case l.Added:
			n.LevelsAdded++
		case l.Removed:
			n.LevelsRemoved++
		}
		if l.Renamed() {
			n.LevelsRenamed++
		}
		if l.Relabelled() {
			n.LevelsRelabelled++
		}
		if l.Reordered {
			n.LevelsReordered++
		}
		for _, c := range l.Changes {
			switch c.Kind {
			case Added:
				n.Added++
			case Removed:
				n.Removed++
			case Reworded:
				n.Reworded++
			case MovedIn:
				n.Moved++
			case Unchanged:
				n.Unchanged++
			}
		}
	}
	return n
}

// Empty reports whether the two versions are the same in everything the
// diff looks at.
func (d Diff) Empty() bool {
	if len(d.Metadata) > 0 || d.LevelOrder != nil {
		return false
	}
	for _, l := range d.Levels {
		if l.Changed() {
			return false
		}
	}
	return true
}

// Frameworks compares two versions of one occupation's framework. Either
// may be nil, which counts as a framework with nothing in it.
func Frameworks(old, new *framework.Framework, opts ...Option) Diff {
	cfg := config{reword: DefaultRewordThreshold, move: DefaultMoveThreshold}
	for _, o := range opts {
		o(&cfg)
	}
	empty := &framework.Framework{}
	if old == nil {
		old = empty
	}
	if new == nil {
		new = empty
	}
	d := Diff{Code: new.Occupation.SOC, Title: new.Occupation.Title}
	if new == empty {
		d.Code, d.Title = old.Occupation.SOC, old.Occupation.Title
	}
	d.Metadata = metadata(old, new)
	m := newMatcher(old, new, cfg)
	m.pairLevels()
	m.matchStatements()
	d.Levels = m.levelDiffs()
	d.LevelOrder = m.order()
	return d
}

// stmt is one statement with what matching needs of it.
type stmt struct {
	level, index int
	text         string
	norm         string  // normalise(text)
	words        wordSet // of text
	topic        string  // normalise(topic), "" when none
	perf         wordSet // of the performance
	match        *stmt   // the statement of the other version it pairs with
	kind         Kind    // Unchanged, Reworded or MovedIn/MovedOut when matched
	sim          float64
}

func (s *stmt) before(t *stmt) bool {
	return s.level < t.level || s.level == t.level && s.index < t.index
}

type matcher struct {
	cfg                config
	oldF, newF         *framework.Framework
	old, new           [][]*stmt // by level, then position
	oldToNew, newToOld []int     // level pairs, -1 for none
}

func newMatcher(oldF, newF *framework.Framework, cfg config) *matcher {
	m := &matcher{cfg: cfg, oldF: oldF, newF: newF}
	m.old = statements(oldF)
	m.new = statements(newF)
	m.oldToNew = filled(len(oldF.Levels), -1)
	m.newToOld = filled(len(newF.Levels), -1)
	return m
}

func filled(n, v int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = v
	}
	return s
}

func statements(f *framework.Framework) [][]*stmt {
	out := make([][]*stmt, len(f.Levels))
	for l, lv := range f.Levels {
		for i, st := range lv.Statements {
			w := words(st.Text)
			s := &stmt{level: l, index: i, text: st.Text, norm: strings.Join(w, " "), words: toSet(w)}
			if st.Topic != "" {
				s.topic = normalise(st.Topic)
				s.perf = newWordSet(st.Performance)
			}
			out[l] = append(out[l], s)
		}
	}
	return out
}

// pairLevels pairs the levels of the two versions: first by key, then the
// rest greedily by score, where the same label (ignoring case and
// punctuation) counts 1 and the Jaccard index of the statements' normal
// forms adds to it; a pair needs the same label or an index of 0.5.
func (m *matcher) pairLevels() {
	for j, nl := range m.newF.Levels {
		for i, ol := range m.oldF.Levels {
			if m.oldToNew[i] < 0 && ol.Key == nl.Key {
				m.pair(i, j)
				break
			}
		}
	}
	type cand struct {
		i, j  int
		score float64
	}
	var cands []cand
	for i, ol := range m.oldF.Levels {
		if m.oldToNew[i] >= 0 {
			continue
		}
		for j, nl := range m.newF.Levels {
			if m.newToOld[j] >= 0 {
				continue
			}
			sameLabel := normalise(ol.Label) != "" && normalise(ol.Label) == normalise(nl.Label)
			shared := jaccard(normSet(m.old[i]), normSet(m.new[j]))
			if sameLabel || shared >= 0.5 {
				score := shared
				if sameLabel {
					score++
				}
				cands = append(cands, cand{i, j, score})
			}
		}
	}
	slices.SortStableFunc(cands, func(a, b cand) int {
		return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(a.i, b.i), cmp.Compare(a.j, b.j))
	})
	for _, c := range cands {
		if m.oldToNew[c.i] < 0 && m.newToOld[c.j] < 0 {
			m.pair(c.i, c.j)
		}
	}
}

func (m *matcher) pair(i, j int) {
	m.oldToNew[i], m.newToOld[j] = j, i
}

// normSet is the set of the statements' normal forms.
func normSet(ss []*stmt) wordSet {
	out := make(wordSet, 0, len(ss))
	for _, s := range ss {
		out = append(out, s.norm)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// samePlace reports whether two statements are in paired levels.
func (m *matcher) samePlace(o, n *stmt) bool {
	return m.oldToNew[o.level] == n.level
}

type candidate struct {
	o, n *stmt
	key  float64 // what ranks candidates: higher first
	sim  float64 // the similarity of the texts
}

// accept links candidates greedily, best first, ties by position.
func accept(cands []candidate, same bool) {
	slices.SortStableFunc(cands, func(a, b candidate) int {
		if c := cmp.Compare(b.key, a.key); c != 0 {
			return c
		}
		if a.o != b.o {
			if a.o.before(b.o) {
				return -1
			}
			return 1
		}
		if a.n.before(b.n) {
			return -1
		} else if b.n.before(a.n) {
			return 1
		}
		return 0
	})
	for _, c := range cands {
		if c.o.match != nil || c.n.match != nil {
			continue
		}
		c.o.match, c.n.match = c.n, c.o
		c.o.sim, c.n.sim = c.sim, c.sim
		switch {
		case same && c.o.text == c.n.text:
			c.o.kind, c.n.kind = Unchanged, Unchanged
		case same:
			c.o.kind, c.n.kind = Reworded, Reworded
		default:
			c.o.kind, c.n.kind = MovedOut, MovedIn
		}
	}
}

// matchStatements pairs the statements of the two versions in four
// rounds, the strongest evidence first (see the package comment).
func (m *matcher) matchStatements() {
	m.matchSameText()
	m.matchSameWords()
	m.matchReworded()
	m.matchMovedReworded()
}

// matchSameText is round 1: the same text in paired levels is
// unchanged, occurrences paired in order.
func (m *matcher) matchSameText() {
	for j, newLevel := range m.new {
		i := m.newToOld[j]
		if i < 0 {
			continue
		}
		byText := map[string][]*stmt{}
		for _, o := range m.old[i] {
			byText[o.text] = append(byText[o.text], o)
		}
		var cands []candidate
		for _, n := range newLevel {
			if os := byText[n.text]; len(os) > 0 {
				cands = append(cands, candidate{os[0], n, 1, 1})
				byText[n.text] = os[1:]
			}
		}
		accept(cands, true)
	}
}

// matchSameWords is round 2: the same words in a level that is not the
// pair are moved. The same text ranks above the same words.
func (m *matcher) matchSameWords() {
	byNorm := map[string][]*stmt{}
	for _, level := range m.new {
		for _, n := range level {
			if n.match == nil {
				byNorm[n.norm] = append(byNorm[n.norm], n)
			}
		}
	}
	var cands []candidate
	for _, level := range m.old {
		for _, o := range level {
			if o.match != nil {
				continue
			}
			for _, n := range byNorm[o.norm] {
				if !m.samePlace(o, n) {
					key := 0.5
					if o.text == n.text {
						key = 1
					}
					cands = append(cands, candidate{o, n, key, jaccard(o.words, n.words)})
				}
			}
		}
	}
	accept(cands, false)
}

// matchReworded is round 3: similar text in paired levels is reworded.
// Each old statement offers its best few candidates, which bounds the
// work when a long level changed throughout; rounds repeat while they
// pair any.
func (m *matcher) matchReworded() {
	var cands []candidate
	for {
		cands = cands[:0]
		for j, newLevel := range m.new {
			i := m.newToOld[j]
			if i < 0 {
				continue
			}
			var best []candidate
			for _, o := range m.old[i] {
				if o.match != nil {
					continue
				}
				for _, n := range newLevel {
					if n.match != nil || jaccardBound(len(o.words), len(n.words)) < m.cfg.reword {
						continue
					}
					if sim := jaccard(o.words, n.words); sim >= m.cfg.reword {
						best = append(best, candidate{o, n, sim, sim})
					}
				}
				cands = append(cands, bestOf(best)...)
				best = best[:0]
			}
		}
		if len(cands) == 0 {
			break
		}
		accept(cands, true)
	}
}

// matchMovedReworded is round 4: the same topic and a similar
// performance in a level that is not the pair is moved and reworded.
func (m *matcher) matchMovedReworded() {
	byTopic := map[string][]*stmt{}
	for _, level := range m.new {
		for _, n := range level {
			if n.match == nil && n.topic != "" {
				byTopic[n.topic] = append(byTopic[n.topic], n)
			}
		}
	}
	var cands, best []candidate
	for _, level := range m.old {
		for _, o := range level {
			if o.match != nil || o.topic == "" {
				continue
			}
			for _, n := range byTopic[o.topic] {
				if m.samePlace(o, n) || jaccardBound(len(o.perf), len(n.perf)) < m.cfg.move {
					continue
				}
				if sim := jaccard(o.perf, n.perf); sim >= m.cfg.move {
					best = append(best, candidate{o, n, sim, jaccard(o.words, n.words)})
				}
			}
			cands = append(cands, bestOf(best)...)
			best = best[:0]
		}
	}
	accept(cands, false)
}

// maxCandidates is how many candidates one old statement offers in the
// similarity rounds.
const maxCandidates = 8

// bestOf returns the best maxCandidates of one old statement's
// candidates: the highest key first, ties by position in the new version.
func bestOf(cs []candidate) []candidate {
	if len(cs) <= maxCandidates {
		return cs
	}
	slices.SortStableFunc(cs, func(a, b candidate) int { return cmp.Compare(b.key, a.key) })
	return cs[:maxCandidates]
}

// oldLevelName is how a level of the old version is called now: by its new
// name when it still exists.
func (m *matcher) oldLevelName(i int) LevelName {
	if j := m.oldToNew[i]; j >= 0 {
		return name(m.newF.Levels[j])
	}
	return name(m.oldF.Levels[i])
}

func name(l framework.Level) LevelName {
	return LevelName{Key: l.Key, Label: l.Label}
}

// levelDiffs lists the levels in the new order, removed ones after the
// level that preceded them in the old order.
func (m *matcher) levelDiffs() []LevelDiff {
	var out []LevelDiff
	// nextOld[j] is the old index of the first paired level at or after j.
	nextOld := make([]int, len(m.newF.Levels)+1)
	nextOld[len(m.newF.Levels)] = len(m.oldF.Levels)
	for j := len(m.newF.Levels) - 1; j >= 0; j-- {
		nextOld[j] = nextOld[j+1]
		if i := m.newToOld[j]; i >= 0 {
			nextOld[j] = i
		}
	}
	flushed := 0
	flush := func(upTo int) {
		for ; flushed < upTo && flushed < len(m.oldF.Levels); flushed++ {
			if m.oldToNew[flushed] < 0 {
				out = append(out, m.removedLevel(flushed))
			}
		}
	}
	for j := range m.newF.Levels {
		flush(nextOld[j])
		if i := m.newToOld[j]; i >= 0 {
			out = append(out, m.keptLevel(i, j))
		} else {
			out = append(out, m.addedLevel(j))
		}
	}
	flush(len(m.oldF.Levels))
	return out
}

func (m *matcher) removedLevel(i int) LevelDiff {
	l := LevelDiff{Name: name(m.oldF.Levels[i]), Old: name(m.oldF.Levels[i]), Removed: true}
	for _, o := range m.old[i] {
		l.Changes = append(l.Changes, m.departure(o))
	}
	return l
}

func (m *matcher) addedLevel(j int) LevelDiff {
	l := LevelDiff{Name: name(m.newF.Levels[j]), Added: true}
	for _, n := range m.new[j] {
		l.Changes = append(l.Changes, m.arrival(n))
	}
	return l
}

// departure is the change of an old statement that is not in its level any
// more: removed, or moved out.
func (m *matcher) departure(o *stmt) Change {
	if o.match == nil {
		return Change{Kind: Removed, Old: o.text, OldAt: o.place()}
	}
	return Change{Kind: MovedOut, Old: o.text, New: o.match.text, Other: name(m.newF.Levels[o.match.level]), Similarity: o.sim,
		OldAt: o.place(), NewAt: o.match.place()}
}

// arrival is the change of a new statement that was not in its level:
// added, or moved in.
func (m *matcher) arrival(n *stmt) Change {
	if n.match == nil {
		return Change{Kind: Added, New: n.text, NewAt: n.place()}
	}
	return Change{Kind: MovedIn, Old: n.match.text, New: n.text, Other: m.oldLevelName(n.match.level), Similarity: n.sim,
		OldAt: n.match.place(), NewAt: n.place()}
}

// keptLevel merges the statements of a paired level: the new ones in
// order, each departure placed before the first statement that followed
// it in the old version (so removals come before additions in one gap).
func (m *matcher) keptLevel(i, j int) LevelDiff {
	l := LevelDiff{Name: name(m.newF.Levels[j]), Old: name(m.oldF.Levels[i])}
	olds, news := m.old[i], m.new[j]
	kept := func(n *stmt) bool { return n.match != nil && (n.kind == Unchanged || n.kind == Reworded) }
	nextOld := make([]int, len(news)+1)
	nextOld[len(news)] = len(olds)
	for k := len(news) - 1; k >= 0; k-- {
		nextOld[k] = nextOld[k+1]
		if kept(news[k]) {
			nextOld[k] = news[k].match.index
		}
	}
	flushed := 0
	flush := func(upTo int) {
		for ; flushed < upTo && flushed < len(olds); flushed++ {
			if o := olds[flushed]; o.match == nil || o.kind == MovedOut {
				l.Changes = append(l.Changes, m.departure(o))
			}
		}
	}
	last := -1
	for k, n := range news {
		flush(nextOld[k])
		if !kept(n) {
			l.Changes = append(l.Changes, m.arrival(n))
			continue
		}
		if n.match.index < last {
			l.Reordered = true
		}
		last = n.match.index
		c := Change{Kind: n.kind, Old: n.match.text, New: n.text, Similarity: n.sim, OldAt: n.match.place(), NewAt: n.place()}
		l.Changes = append(l.Changes, c)
	}
	flush(len(olds))
	return l
}

// order reports a change in the relative order of the kept levels.
func (m *matcher) order() *OrderChange {
	var oldOrder, newOrder []string
	for i := range m.oldF.Levels {
		if j := m.oldToNew[i]; j >= 0 {
			oldOrder = append(oldOrder, m.newF.Levels[j].Key)
		}
	}
	for j, lv := range m.newF.Levels {
		if m.newToOld[j] >= 0 {
			newOrder = append(newOrder, lv.Key)
		}
	}
	if slices.Equal(oldOrder, newOrder) {
		return nil
	}
	return &OrderChange{Old: oldOrder, New: newOrder}
}

// metadata lists the changed fields, in the order of the file format.
func metadata(old, new *framework.Framework) []FieldChange {
	var out []FieldChange
	add := func(path, name, o, n string) {
		if o != n {
			out = append(out, FieldChange{Path: path, Name: name, Old: o, New: n})
		}
	}
	add("schemaVersion", "format version", old.SchemaVersion, new.SchemaVersion)
	add("exportedAt", "exported at", timeText(old.ExportedAt), timeText(new.ExportedAt))
	oo, no := old.Occupation, new.Occupation
	add("occupation.soc", "code", oo.SOC, no.SOC)
	add("occupation.title", "title", oo.Title, no.Title)
	add("occupation.group", "group", oo.Group, no.Group)
	add("occupation.sector", "sector", oo.Sector, no.Sector)
	add("occupation.jobZone", "job zone", jobZoneText(oo.JobZone), jobZoneText(no.JobZone))
	add("occupation.jobZoneInferred", "job zone inferred", strconv.FormatBool(oo.JobZoneInferred), strconv.FormatBool(no.JobZoneInferred))
	add("framework.version", "version", old.Version, new.Version)
	add("framework.description", "description", old.Description, new.Description)
	add("framework.contextCovered", "context covered", old.ContextCovered, new.ContextCovered)
	for _, s := range old.Sources {
		add(sourcePath(s.Key), "source "+s.Key, s.Value, new.Source(s.Key))
	}
	for _, s := range new.Sources {
		if old.Source(s.Key) == "" {
			add(sourcePath(s.Key), "source "+s.Key, "", s.Value)
		}
	}
	add("attribution", "attribution", old.Attribution, new.Attribution)
	return out
}

func timeText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

func jobZoneText(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// sourcePath is the JSON path of a source, quoting names that are not
// plain identifiers: sources.onet, sources["my source"].
func sourcePath(key string) string {
	plain := key != ""
	for i, r := range key {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && (r >= '0' && r <= '9' || r == '-')) {
			plain = false
			break
		}
	}
	if plain {
		return "sources." + key
	}
	return "sources[" + strconv.Quote(key) + "]"
}
