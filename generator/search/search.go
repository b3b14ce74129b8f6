// Package search builds ladder's offline search index: JavaScript files
// under search/ that assets/search.js loads with <script> tags, so search
// works from file:// (where fetch fails) as well as from a host.
//
// Build takes documents — occupations, shared skills and statements — and Files returns
// the index files. Search answers a query in Go exactly as search.js does
// in the browser; the tests hold the two to the same results.
//
// # Matching and ranking
//
// Text is split into words and folded by words.Words (case and accents
// removed), by the rules of the index's language (WithLanguage: French
// elision); its stop-words are not indexed. A query is parsed by
// ParseQuery: every word must match (AND); the last word also matches as
// a prefix while it is being typed, and every word matches the words with
// its stem (words.Language.Stem: a French "infirmier" finds
// "infirmières", an English "nurse" finds "nursing"). In English and in
// languages without a stemmer, its near words are the words that begin
// with its NearStem ("phlebotomy" finds "phlebotomists"), and a word with
// its stem is a weaker match, "stem" below; in the other languages the
// words with its stem are its near words. Each query word scores its best
// match in the document:
//
//	                                                           whole prefix near stem
//	title (an occupation's title and code, a statement's topic)   16    12    10    2
//	text (a statement's performance, an occupation's description)  8     6     4    1
//	context (a statement's occupation title and code)              3     2     1    1
//
// and an occupation whose title matches every word, at least as a near
// word, gets 1000 more, so it
// comes before statements. Ties go to the document with fewer title words,
// then to the earlier document in Build's input. An occupation's initials
// ("rn") are words of its title. A query word that matches no word at all
// matches the words a few edits away instead (fuzzy.go), as near words,
// and Suggest offers the closest. Of the statements of one occupation with
// one topic, the best ranked stands for the others (Hit.Also).
//
// # Units
//
// Statements repeat: the same topic in many occupations, the same task at
// every level of one, the same level qualifier ending every statement of a
// level. So the index stores each distinct title, text, text ending
// (suffix) and occupation once, as a unit, and postings list units, not
// documents; meta.js maps documents to their units. This keeps the corpus
// index near half its size as postings of documents.
//
// # Files
//
// Every file is one call, ladderSearch.add(kind, number, data):
//
//   - search/keys.js ("keys"): which terms file holds which key, and how
//     many files there are. Tiny, loaded first.
//   - search/meta.js ("meta"): the tables (kinds, occupations, levels,
//     groups, suffixes, front-coded URLs, titles and each title's word
//     count), each document's context (kind, occupation, level, group,
//     suffix, URL; run-length coded), each document's title and text and
//     each title's and text's documents (fixed-width base-64 strings that
//     search.js reads in place, so nothing is decoded before the first
//     query), and the anchors that cannot be derived from titles. Loaded
//     beside the first terms file; enough to list results with links.
//   - search/terms-NNN.js ("terms"): the dictionary, by key — the first
//     two letters of a term, or its one letter — with the term's units per
//     field. A query loads one file per word.
//   - search/texts-NNN.js ("texts"): the texts, loaded for the snippets
//     of the results on screen.
package search

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ladder-ssg/ladder/generator/paths"
	"github.com/ladder-ssg/ladder/generator/words"
)

// Doc is one thing search can find. For an occupation: Kind "occupation",
// Title its title, Code, Group, Occupation its title again and URL its
// page; Text may hold a description. For a statement: Kind "statement",
// Title its topic (or its performance when it has no topic), Text its
// performance (or ""), Occupation and Code of its occupation, Level its
// level's label, LevelKey the value of the level filter, Group, and URL
// its level page with the statement's #anchor.
//
// Documents of one occupation level side by side keep the index small.
type Doc struct {
	Kind       string
	Title      string
	Text       string
	Code       string
	Occupation string
	Level      string
	LevelKey   string
	Group      string
	URL        string // site-root-relative, e.g. occupations/x/emerging/index.html#anchor
}

// Docs are the documents to index, document i made when asked for:
// Build reads each twice and holds none, as a large site's hundreds of
// thousands of statements, each with a URL and text of its own, were
// the largest heap of its build when listed all at once.
type Docs interface {
	Len() int
	Doc(i int) Doc
}

// List is documents held in a slice.
type List []Doc

// Len returns the number of documents.
func (l List) Len() int { return len(l) }

// Doc returns document i.
func (l List) Doc(i int) Doc { return l[i] }

// The kinds of document that ranking knows.
const (
	KindOccupation = "occupation"
	KindStatement  = "statement"
)

// Option changes how Build splits the index.
type Option func(*options)

type options struct {
	textShard int
	termBytes int
	lang      words.Language
}

// WithTextShard sets how many texts each texts-NNN.js file holds, 512 by
// default.
func WithTextShard(n int) Option { return func(o *options) { o.textShard = max(1, n) } }

// WithLanguage sets the language of the documents (a BCP 47 tag, such as
// the site's language): its stop-words, stemmer and elision
// (words.LanguageOf); English by default. keys.js records it, so that
// search.js parses queries by the same rules.
func WithLanguage(tag string) Option { return func(o *options) { o.lang = words.LanguageOf(tag) } }

// WithTermFileBytes sets the size a terms-NNN.js file grows to before the
// next key starts a new file, 32 KiB by default. A key is never split.
func WithTermFileBytes(n int) Option { return func(o *options) { o.termBytes = max(1, n) } }

// Index is a built search index.
type Index struct {
	opts options
	docs Docs

	kinds, occs, levels, groups, sufs, urls, titles, texts interner
	ctxs                                                   [][nCtx]int // see ctx*
	ctxOf, ti, xi                                          []int       // per document
	frags                                                  map[int]string
	titleLen                                               []int // per title

	words  []string       // terms by id
	stems  []string       // the stem of each term (words.Language.Stem), by id
	wordID map[string]int // ids by term
	post   [][nUnit][]int // per term: the units that have it, per unit kind, ascending

	files []File
}

// The parts of a document's context, its positions in ctxs.
const (
	ctxKind = iota
	ctxOcc
	ctxLevel
	ctxGroup
	ctxSuffix
	ctxURL
	nCtx
)

// Unit kinds: what postings list.
const (
	unitTitle  = iota // titles
	unitText          // texts without their suffix
	unitSuffix        // suffixes
	unitOcc           // occupations: title and code
	nUnit
)

// File is one file of the index.
type File struct {
	Path string // e.g. search/meta.js
	Data []byte
}

// maxTitleLen is the most title words ranking counts.
const maxTitleLen = 35

// Build indexes docs; a document's number is its position in docs. It
// fails when a document has no URL or no kind.
func Build(docs Docs, opts ...Option) (*Index, error) {
	o := options{textShard: 512, termBytes: 32 << 10, lang: words.LanguageOf("en")}
	for _, f := range opts {
		f(&o)
	}
	ix := &Index{opts: o, docs: docs, frags: map[int]string{}}
	if err := ix.units(); err != nil {
		return nil, err
	}
	ix.index()
	if err := ix.encode(); err != nil {
		return nil, err
	}
	return ix, nil
}

// units gives every document its context, title and text, in two
// passes over the documents: the first finds the contexts, their texts'
// common ending and the fragments, the second the titles and texts.
func (ix *Index) units() error {
	endings, err := ix.contexts()
	if err != nil {
		return err
	}
	for c, e := range endings {
		if s := e.suffix(); s != "" {
			ix.ctxs[c][ctxSuffix] = ix.sufs.id(s)
		}
	}
	n := ix.docs.Len()
	ix.ti = make([]int, n)
	ix.xi = make([]int, n)
	for i := range n {
		d := ix.docs.Doc(i)
		ix.ti[i] = ix.titles.id(d.Title)
		text := d.Text
		if s := ix.ctxs[ix.ctxOf[i]][ctxSuffix]; s >= 0 {
			text = strings.TrimSuffix(text, ix.sufs.list[s])
		}
		ix.xi[i] = ix.texts.id(text)
	}
	return nil
}

// contexts gives every document its context and its fragment where
// search.js cannot derive it (see fragments), and returns the common
// ending of each context's texts. It fails when a document has no URL
// or no kind.
func (ix *Index) contexts() ([]ending, error) {
	type ctxKey struct{ kind, occ, level, group, url int }
	byKey := map[ctxKey]int{}
	var endings []ending
	var errs []error
	orNone := func(in *interner, s ...string) int {
		if strings.Join(s, "") == "" {
			return -1
		}
		return in.id(strings.Join(s, "\x00"))
	}
	frags := newFragments()
	n := ix.docs.Len()
	ix.ctxOf = make([]int, n)
	for i := range n {
		d := ix.docs.Doc(i)
		if d.URL == "" {
			errs = append(errs, fmt.Errorf("search: document %d (%q) has no URL", i, d.Title))
		}
		if d.Kind == "" {
			errs = append(errs, fmt.Errorf("search: document %d (%q) has no kind", i, d.Title))
		}
		if len(errs) > 0 {
			continue // nothing is built
		}
		base, _, _ := strings.Cut(d.URL, "#")
		k := ctxKey{ix.kinds.id(d.Kind), orNone(&ix.occs, d.Occupation, d.Code), orNone(&ix.levels, d.LevelKey, d.Level),
			orNone(&ix.groups, d.Group), ix.urls.id(base)}
		c, ok := byKey[k]
		if !ok {
			c = len(ix.ctxs)
			byKey[k] = c
			ix.ctxs = append(ix.ctxs, [nCtx]int{k.kind, k.occ, k.level, k.group, -1, k.url})
			endings = append(endings, ending{})
		}
		ix.ctxOf[i] = c
		endings[c].add(d.Text)
		if frag, stored := frags.of(d); stored {
			ix.frags[i] = frag
		}
	}
	return endings, errors.Join(errs...)
}

// fragments finds the documents whose fragment search.js cannot derive.
// search.js derives, page by page (by URL without fragment) in document
// order: no fragment for an occupation or a skill; for anything else,
// the anchorBase of its title named by the page's namer. A stored
// fragment is claimed in the namer instead.
//
// Only the namer of the page at hand is kept, as a page's documents
// come together (a site's hundreds of thousands of anchors were a tenth
// of the search step's heap): a page met again after another stores
// every fragment it has from then on, which search.js takes as given.
type fragments struct {
	page  string
	namer namer
	left  map[string]bool // the pages whose documents came before the page at hand
	bases map[string]base // titles repeat
}

// base is a title's anchorBase.
type base struct {
	a  string
	ok bool
}

func newFragments() *fragments {
	return &fragments{left: map[string]bool{}, bases: map[string]base{}}
}

// of returns the fragment of d's URL and whether the index must store
// it; documents are given in order.
func (f *fragments) of(d Doc) (string, bool) {
	page, frag, hasFrag := strings.Cut(d.URL, "#")
	if d.Kind != KindStatement {
		return frag, hasFrag
	}
	if f.namer == nil || page != f.page {
		if f.namer != nil {
			f.left[f.page] = true
		}
		f.page, f.namer = page, newNamer()
	}
	b, seen := f.bases[d.Title]
	if !seen {
		b.a, b.ok = anchorBase(d.Title)
		f.bases[d.Title] = b
	}
	if !f.left[page] && b.ok && hasFrag && f.namer.next(b.a) == frag {
		f.namer.name(b.a)
		return "", false
	}
	f.namer.claim(frag)
	return frag, true
}

// ending is the longest ending the texts of one context share.
type ending struct {
	common string
	texts  int
}

// add narrows the ending to what text shares.
func (e *ending) add(text string) {
	if e.texts == 0 {
		e.common = text
	}
	n := 0
	for n < len(e.common) && n < len(text) && e.common[len(e.common)-1-n] == text[len(text)-1-n] {
		n++
	}
	e.common = e.common[len(e.common)-n:]
	e.texts++
}

// suffix returns the shared ending from a ", " or a " " on, when there
// are two texts or more and it is 12 bytes or longer; else "".
func (e ending) suffix() string {
	const minSuffix = 12
	if e.texts < 2 {
		return ""
	}
	suf := e.common
	if i := strings.Index(suf, ", "); i >= 0 {
		suf = suf[i:]
	} else if i := strings.IndexByte(suf, ' '); i >= 0 {
		suf = suf[i:]
	} else {
		return ""
	}
	if len(suf) < minSuffix {
		return ""
	}
	return suf
}

// index fills the postings: each term's units per unit kind. A term's
// stem is that of the first way it is written.
func (ix *Index) index() {
	ids := map[string]int{}
	ix.wordID = ids
	lang := ix.opts.lang
	addAll := func(kind, unit int, text string) int {
		n := 0
		lang.Each(text, func(w []byte, written string) {
			if lang.IsStopBytes(w) {
				return
			}
			n++
			id, ok := ids[string(w)]
			if !ok {
				id = len(ix.words)
				ids[string(w)] = id
				ix.words = append(ix.words, string(w))
				ix.stems = append(ix.stems, lang.Stem(written))
				ix.post = append(ix.post, [nUnit][]int{})
			}
			if l := ix.post[id][kind]; len(l) == 0 || l[len(l)-1] != unit {
				ix.post[id][kind] = append(l, unit)
			}
		})
		return n
	}
	ix.titleLen = make([]int, len(ix.titles.list))
	for u, t := range ix.titles.list {
		ix.titleLen[u] = min(addAll(unitTitle, u, t), maxTitleLen)
	}
	for u, t := range ix.texts.list {
		addAll(unitText, u, t)
	}
	for u, t := range ix.sufs.list {
		addAll(unitSuffix, u, t)
	}
	for u, oc := range ix.occs.list {
		title, code, _ := strings.Cut(oc, "\x00")
		addAll(unitOcc, u, title)
		addAll(unitOcc, u, code)
		addAll(unitOcc, u, initials(title, lang))
	}
}

// initials is the abbreviation people use for a title of two to five
// words: their first letters ("Registered Nurses" → "rn", "Licensed
// Practical Nurses" → "lpn"), leaving out stop-words; "" for others.
func initials(title string, lang words.Language) string {
	var b strings.Builder
	n := 0
	lang.Each(title, func(w []byte, _ string) {
		if lang.IsStopBytes(w) {
			return
		}
		r, _ := utf8.DecodeRune(w)
		b.WriteRune(r)
		n++
	})
	if n < 2 || n > 5 {
		return ""
	}
	return b.String()
}

// Files returns the index files: keys.js, meta.js, then the terms files,
// then the texts files. The bytes are the same for the same input.
func (ix *Index) Files() []File { return ix.files }

// Doc returns document i as given to Build.
func (ix *Index) Doc(i int) Doc { return ix.docs.Doc(i) }

// key is the terms-file key of a folded word: its first two letters, or
// its one letter.
func key(w string) string {
	_, n := utf8.DecodeRuneInString(w)
	if n < len(w) {
		_, m := utf8.DecodeRuneInString(w[n:])
		n += m
	}
	return w[:n]
}

// interner numbers strings in the order it first meets them.
type interner struct {
	ids  map[string]int
	list []string
}

func (in *interner) id(s string) int {
	if n, ok := in.ids[s]; ok {
		return n
	}
	if in.ids == nil {
		in.ids = map[string]int{}
	}
	n := len(in.list)
	in.ids[s] = n
	in.list = append(in.list, s)
	return n
}

// meta is search/meta.js. Tables hold each distinct value once; -1 means
// none.
type meta struct {
	V      int         `json:"v"` // format version
	N      int         `json:"n"` // documents
	Kinds  []string    `json:"kinds"`
	Occ    [][2]string `json:"occ"`    // [title, code]
	Levels [][2]string `json:"levels"` // [key, label]
	Groups []string    `json:"groups"`
	Sufs   []string    `json:"sufs"` // text endings
	URLs   []any       `json:"urls"` // document URLs without fragments, coded by frontCode
	Ctx    []int       `json:"ctx"`  // [kind, occ, level, group, suffix, url] of each context, flat
	Runs   []int       `json:"runs"` // [count, ctx, count, ctx, …]: each document's ctx
	Titles []string    `json:"titles"`
	TL     string      `json:"tl"` // each title's word count, one base-36 digit
	TI     string      `json:"ti"` // each document's title, coded by base64Fixed
	XI     string      `json:"xi"` // each document's text, coded by base64Fixed
	// The documents of each title: those from TD[TO[t]] to TD[TO[t+1]-1];
	// of each text likewise with XO and XD. All coded by base64Fixed.
	TO    string            `json:"to"`
	TD    string            `json:"td"`
	XO    string            `json:"xo"`
	XD    string            `json:"xd"`
	NX    int               `json:"nx"`    // texts
	Shard int               `json:"shard"` // texts per texts file
	Frags map[string]string `json:"frags"` // document → fragment, where not derived
}

// keys is search/keys.js, small so that it loads at once and the terms
// file of the first word can load beside meta.js.
type keys struct {
	V     int            `json:"v"`
	Lang  string         `json:"lang"`  // words.Language.Code of the index: how to parse queries
	Terms map[string]int `json:"terms"` // key → terms file
	Files [2]int         `json:"files"` // how many terms and texts files
}

// encode fills ix.files.
func (ix *Index) encode() error {
	m := meta{V: 1, N: ix.docs.Len(), Kinds: ix.kinds.list, Groups: nonNil(ix.groups.list),
		Sufs: nonNil(ix.sufs.list), URLs: frontCode(ix.urls.list),
		Titles: nonNil(ix.titles.list), TI: base64Fixed(ix.ti, len(ix.titles.list)), XI: base64Fixed(ix.xi, len(ix.texts.list)),
		NX: len(ix.texts.list), Shard: ix.opts.textShard, Frags: map[string]string{}}
	off, docs := inverse(ix.ti, len(ix.titles.list))
	m.TO, m.TD = base64Fixed(off, m.N+1), base64Fixed(docs, m.N)
	off, docs = inverse(ix.xi, len(ix.texts.list))
	m.XO, m.XD = base64Fixed(off, m.N+1), base64Fixed(docs, m.N)
	pairs := func(list []string) [][2]string {
		out := [][2]string{}
		for _, s := range list {
			a, b, _ := strings.Cut(s, "\x00")
			out = append(out, [2]string{a, b})
		}
		return out
	}
	m.Occ, m.Levels = pairs(ix.occs.list), pairs(ix.levels.list)
	m.Ctx = []int{}
	for _, c := range ix.ctxs {
		m.Ctx = append(m.Ctx, c[:]...)
	}
	m.Runs = []int{}
	for _, c := range ix.ctxOf {
		if k := len(m.Runs); k > 0 && m.Runs[k-1] == c {
			m.Runs[k-2]++
		} else {
			m.Runs = append(m.Runs, 1, c)
		}
	}
	tl := make([]byte, len(ix.titleLen))
	for i, n := range ix.titleLen {
		tl[i] = "0123456789abcdefghijklmnopqrstuvwxyz"[n]
	}
	m.TL = string(tl)
	for d, f := range ix.frags {
		m.Frags[strconv.Itoa(d)] = f
	}
	k := keys{V: 2, Lang: ix.opts.lang.Code(), Terms: map[string]int{}}
	terms, err := ix.termFiles(k.Terms)
	if err != nil {
		return err
	}
	var texts []File
	for s := 0; s*m.Shard < m.NX; s++ {
		data, err := jsCall("texts", s, ix.texts.list[s*m.Shard:min(m.NX, (s+1)*m.Shard)])
		if err != nil {
			return err
		}
		texts = append(texts, File{Path: paths.SearchShard("texts", s), Data: data})
	}
	k.Files = [2]int{len(terms), len(texts)}
	kd, err := jsCall("keys", 0, k)
	if err != nil {
		return err
	}
	md, err := jsCallFields("meta", 0, &m, m.size())
	if err != nil {
		return err
	}
	ix.files = append(ix.files, File{Path: paths.SearchFile("keys"), Data: kd}, File{Path: paths.SearchFile("meta"), Data: md})
	ix.files = append(ix.files, terms...)
	ix.files = append(ix.files, texts...)
	return nil
}

// frontCode codes sorted-ish strings as [n, rest, n, rest, …]: each is
// the first n bytes of the one before it, then rest. Cuts fall on UTF-8
// boundaries, and n counts UTF-16 code units, as JavaScript does.
func frontCode(list []string) []any {
	out := []any{}
	prev := ""
	for _, s := range list {
		n := 0
		for n < len(s) && n < len(prev) && s[n] == prev[n] {
			n++
		}
		for n > 0 && n < len(s) && !utf8.RuneStart(s[n]) {
			n--
		}
		out = append(out, utf16Len(s[:n]), s[n:])
		prev = s
	}
	return out
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r >= 0x10000 {
			n++
		}
	}
	return n
}

// base64Chars are the digits of base64Fixed.
const base64Chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

// base64Fixed codes numbers below n as base-64 digits, most significant
// first, each number in as many digits as n-1 needs (at least one), all
// in one string.
func base64Fixed(nums []int, n int) string {
	width := 1
	for lim := 64; lim < n; lim *= 64 {
		width++
	}
	b := make([]byte, len(nums)*width)
	for i, x := range nums {
		for k := width - 1; k >= 0; k-- {
			b[i*width+k] = base64Chars[x%64]
			x /= 64
		}
	}
	return string(b)
}

// inverse lists, for each of n units, the documents that have it, in
// order: those from docs[off[u]] to docs[off[u+1]-1].
func inverse(unitOf []int, n int) (off, docs []int) {
	off = make([]int, n+1)
	for _, u := range unitOf {
		off[u+1]++
	}
	for u := range n {
		off[u+1] += off[u]
	}
	fill := slices.Clone(off[:n])
	docs = make([]int, len(unitOf))
	for d, u := range unitOf {
		docs[fill[u]] = d
		fill[u]++
	}
	return off, docs
}

// termFiles writes the dictionary: keys in order, packed into files until
// one is big enough; keys records which file holds each key. A file maps
// each key to its entries, [term, stem, title units, text units, suffix
// units, occupation units], the stem coded by stemCode and each list of
// units by encodePostings, trailing empty lists left out.
func (ix *Index) termFiles(keys map[string]int) ([]File, error) {
	order := make([]int, len(ix.words))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(ix.words[a], ix.words[b]) })
	var files []File
	group := map[string][]any{}
	var pending []string
	size := 0
	flush := func() error {
		if len(pending) == 0 {
			return nil
		}
		n := len(files)
		data, err := jsCall("terms", n, group)
		if err != nil {
			return err
		}
		files = append(files, File{Path: paths.SearchShard("terms", n), Data: data})
		for _, k := range pending {
			keys[k] = n
		}
		group, pending, size = map[string][]any{}, nil, 0
		return nil
	}
	for i := 0; i < len(order); {
		k := key(ix.words[order[i]])
		var entries []any
		entriesSize := 0 // about the bytes of their JSON
		for ; i < len(order) && key(ix.words[order[i]]) == k; i++ {
			t := order[i]
			p := &ix.post[t]
			e := []any{ix.words[t], stemCode(ix.words[t], ix.stems[t])}
			last := nUnit
			for last > 0 && len(p[last-1]) == 0 {
				last--
			}
			entriesSize += len(ix.words[t]) + 6
			for u := range last {
				enc := encodePostings(p[u])
				e = append(e, enc)
				entriesSize += 3 + 4*len(enc)
			}
			entries = append(entries, e)
		}
		if size >= ix.opts.termBytes {
			if err := flush(); err != nil {
				return nil, err
			}
		}
		group[k] = entries
		pending = append(pending, k)
		size += entriesSize
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return files, nil
}

// stemCode codes the stem of a term as how many UTF-16 code units of the
// term it is, when it is the term's beginning (as most are), or else as
// itself.
func stemCode(term, stem string) any {
	if strings.HasPrefix(term, stem) {
		return utf16Len(stem)
	}
	return stem
}

// jsCall renders ladderSearch.add(kind, n, JSON.parse('data'));: V8
// parses a large JSON string faster than the same object literal.
func jsCall(kind string, n int, data any) ([]byte, error) {
	return writeJSCall(kind, n, 0, func(c *callWriter) error { return c.value(data) })
}

// jsCallFields is jsCall of the struct *v, byte for byte, encoded a field
// at a time into a buffer of about size bytes: encoding/json holds a
// whole value's text before writing it, and meta.js is 10 MB at ten
// thousand frameworks, which made the end of the search step the peak of
// such a build's memory. *v's fields are all exported and named by a
// plain json tag.
func jsCallFields(kind string, n int, v any, size int) ([]byte, error) {
	return writeJSCall(kind, n, size, func(c *callWriter) error {
		rv := reflect.ValueOf(v).Elem()
		c.b.WriteByte('{')
		for i := range rv.NumField() {
			if i > 0 {
				c.b.WriteByte(',')
			}
			// A tag's name needs neither JSON nor JavaScript escaping.
			c.b.WriteString(`"` + rv.Type().Field(i).Tag.Get("json") + `":`)
			if err := c.value(rv.Field(i).Interface()); err != nil {
				return err
			}
		}
		c.b.WriteByte('}')
		return nil
	})
}

// callWriter is the text of one ladderSearch.add call as it is written.
type callWriter struct {
	b   bytes.Buffer
	enc *json.Encoder
}

// writeJSCall returns the call of kind and n whose JSON body writes,
// in a buffer of size bytes to start with.
func writeJSCall(kind string, n, size int, body func(*callWriter) error) ([]byte, error) {
	c := &callWriter{}
	c.b.Grow(size)
	fmt.Fprintf(&c.b, "ladderSearch.add(%q,%d,JSON.parse('", kind, n)
	// Encoded straight into the call, not into a copy first.
	c.enc = json.NewEncoder(quoted{&c.b})
	c.enc.SetEscapeHTML(false)
	if err := body(c); err != nil {
		return nil, err
	}
	c.b.WriteString("'));\n")
	return c.b.Bytes(), nil
}

// value writes v's JSON text.
func (c *callWriter) value(v any) error {
	if err := c.enc.Encode(v); err != nil {
		return err
	}
	c.b.Truncate(c.b.Len() - 1) // Encode's newline
	return nil
}

// size is about the length of m's JSON text: its long strings, and a
// megabyte for the rest.
func (m *meta) size() int {
	n := len(m.TL) + len(m.TI) + len(m.XI) + len(m.TO) + len(m.TD) + len(m.XO) + len(m.XD) + 1<<20
	for _, t := range m.Titles {
		n += len(t) + 3
	}
	return n
}

// quoted writes JSON text into a JavaScript '…' string: JSON text has no
// raw line breaks, so only backslashes and quotes need a backslash.
type quoted struct{ b *bytes.Buffer }

func (q quoted) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		i := bytes.IndexAny(p, "\\'")
		if i < 0 {
			q.b.Write(p)
			break
		}
		q.b.Write(p[:i])
		q.b.WriteByte('\\')
		q.b.WriteByte(p[i])
		p = p[i+1:]
	}
	return n, nil
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// encodePostings codes increasing numbers as gaps from the previous
// number (starting from -1), where a negative -k stands for k more
// numbers that each follow the previous one: 5, 6, 7, 8, 20 is
// [6, -3, 12].
func encodePostings(units []int) []int {
	out := []int{}
	prev := -1
	for i := 0; i < len(units); {
		out = append(out, units[i]-prev)
		prev = units[i]
		i++
		k := 0
		for i < len(units) && units[i] == prev+1 {
			prev++
			k++
			i++
		}
		if k > 0 {
			out = append(out, -k)
		}
	}
	return out
}

// decodePostings undoes encodePostings.
func decodePostings(enc []int) []int {
	var out []int
	prev := -1
	for _, x := range enc {
		if x > 0 {
			prev += x
			out = append(out, prev)
			continue
		}
		for range -x {
			prev++
			out = append(out, prev)
		}
	}
	return out
}
