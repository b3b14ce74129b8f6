package i18n

import (
	"fmt"
	"io/fs"
	"regexp"
	"sort"
	"strings"

	"github.com/ladder-ssg/ladder/generator/diag"
	shipped "github.com/ladder-ssg/ladder/i18n"
	"golang.org/x/text/language"
)

// CountName is the placeholder of a count message's count, always its
// first argument; a plural form may leave it out ("one statement").
const CountName = "n"

// Reference is the language every other catalogue is checked against.
const Reference = "en"

// Sources are where a catalogue's files come from: the shipped ones and,
// optionally, the site's own i18n/ folder, whose files are named in
// diagnostics by Label.
type Sources struct {
	Shipped fs.FS // the shipped catalogues, <lang>.toml; nil for the embedded ones
	Site    fs.FS // a site's i18n/ folder, or nil
	// Label names a site file in diagnostics ("i18n/fr.toml" as the user
	// sees it); nil leaves the name as it is.
	Label func(name string) string
}

// Load makes the catalogue of lang: English, then the shipped catalogue
// of lang, then the site's i18n/en.toml and i18n/<lang>.toml, each
// layered by key. Every site file is checked (Check); a language with no
// catalogue at all reads in English.
func Load(lang string, src Sources) (*Catalogue, diag.List) {
	if src.Shipped == nil {
		src.Shipped = shipped.FS
	}
	tag, err := language.Parse(lang)
	if err != nil {
		tag = language.English
	}
	ref, diags := parseShipped(Reference, "(embedded) i18n/"+Reference+".toml", readFS(src.Shipped, Reference+".toml"))
	c := &Catalogue{lang: lang, tag: tag, msgs: map[string]Message{}, names: map[string][]string{}}
	for k, m := range ref {
		c.msgs[k] = m
		c.names[k] = placeholders(m)
	}
	// shipped names the language of a shipped catalogue, "" for a site's.
	layer := func(fsys fs.FS, name, label string, shipped string) {
		data := readFS(fsys, name)
		if data == nil {
			return
		}
		check := shipped == ""
		var msgs map[string]Message
		var d diag.List
		if check {
			msgs, d = Parse(label, data)
		} else {
			msgs, d = parseShipped(shipped, label, data)
		}
		diags = append(diags, d...)
		if check {
			diags = append(diags, Check(label, msgs, ref, tag)...)
		}
		for k, m := range msgs {
			if _, ok := ref[k]; ok {
				c.msgs[k] = m
			}
		}
	}
	if base, _ := tag.Base(); base.String() != Reference {
		layer(src.Shipped, lang+".toml", "(embedded) i18n/"+lang+".toml", lang)
	}
	label := src.Label
	if label == nil {
		label = func(s string) string { return s }
	}
	for _, name := range siteFiles(lang) {
		layer(src.Site, name, label(name), "")
	}
	return c, diags
}

// siteFiles are the site's files that apply to lang, in layering order.
func siteFiles(lang string) []string {
	if lang == Reference {
		return []string{Reference + ".toml"}
	}
	return []string{Reference + ".toml", lang + ".toml"}
}

// readFS reads name from fsys, or returns nil.
func readFS(fsys fs.FS, name string) []byte {
	if fsys == nil {
		return nil
	}
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil
	}
	return data
}

var placeholderRE = regexp.MustCompile(`\{([A-Za-z][A-Za-z0-9_]*)\}`)

// placeholders lists a message's placeholder names in order of first
// appearance; a count's are {n}, the count, first, then those of its
// "other" form.
func placeholders(m Message) []string {
	text := m.Text
	var out []string
	seen := map[string]bool{}
	if m.Plural() {
		text = m.Forms["other"]
		out, seen[CountName] = []string{CountName}, true
	}
	for _, sub := range placeholderRE.FindAllStringSubmatch(text, -1) {
		if !seen[sub[1]] {
			seen[sub[1]] = true
			out = append(out, sub[1])
		}
	}
	return out
}

// Check holds a catalogue against the reference: every key must exist in
// English, use only English's placeholders (all of them, but that a
// plural form may leave out the count), be a count where English is one,
// and then give every plural category the language's whole numbers use.
func Check(file string, msgs, ref map[string]Message, tag language.Tag) diag.List {
	keys := make([]string, 0, len(msgs))
	for k := range msgs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out diag.List
	for _, k := range keys {
		m := msgs[k]
		at := func(format string, a ...any) {
			out = append(out, diag.Diagnostic{File: file, Line: m.Line, Column: m.Column, Path: k,
				Severity: diag.Error, Message: fmt.Sprintf(format, a...)})
		}
		r, ok := ref[k]
		switch {
		case !ok:
			at("unknown key %q: ladder has no such message (see i18n/en.toml for the keys)", k)
		case r.Plural() && !m.Plural():
			at("expected plural forms %s, found a single message", strings.Join(requiredCategories(tag), ", "))
		case !r.Plural() && m.Plural():
			at("expected a single message, found plural forms")
		default:
			for _, msg := range checkMessage(m, r, tag) {
				at("%s", msg)
			}
		}
	}
	return out
}

// checkMessage compares one message with its English reference.
func checkMessage(m, r Message, tag language.Tag) []string {
	var out []string
	want := placeholders(r)
	texts := map[string]string{"": m.Text}
	if m.Plural() {
		texts = m.Forms
		var missing []string
		for _, c := range requiredCategories(tag) {
			if _, ok := m.Forms[c]; !ok {
				missing = append(missing, c)
			}
		}
		if len(missing) > 0 {
			out = append(out, fmt.Sprintf("missing plural forms %s (the language uses %s)",
				strings.Join(missing, ", "), strings.Join(requiredCategories(tag), ", ")))
		}
	}
	forms := make([]string, 0, len(texts))
	for f := range texts {
		forms = append(forms, f)
	}
	sort.Strings(forms)
	for _, f := range forms {
		if msg := comparePlaceholders(placeholders(Message{Text: texts[f]}), want, m.Plural()); msg != "" {
			if f != "" {
				msg = "plural form " + f + ": " + msg
			}
			out = append(out, msg)
		}
	}
	return out
}

// comparePlaceholders says what is wrong with the placeholders got of a
// message whose English has want, or "".
func comparePlaceholders(got, want []string, plural bool) string {
	known := map[string]bool{}
	for _, w := range want {
		known[w] = true
	}
	have := map[string]bool{}
	for _, g := range got {
		have[g] = true
		if !known[g] {
			return fmt.Sprintf("unknown placeholder {%s}; expected %s", g, braces(want))
		}
	}
	for _, w := range want {
		if !have[w] && !(plural && w == CountName) {
			return fmt.Sprintf("missing placeholder {%s}; expected %s", w, braces(want))
		}
	}
	return ""
}

// braces lists placeholder names as they are written, or says there are none.
func braces(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	return "{" + strings.Join(names, "}, {") + "}"
}

// Shipped makes the catalogue of lang from the shipped files alone,
// English where lang has none.
func Shipped(lang string) *Catalogue {
	c, _ := Load(lang, Sources{})
	return c
}

// Languages lists the languages ladder ships catalogues for.
func Languages() []string {
	names, _ := fs.Glob(shipped.FS, "*.toml")
	out := make([]string, 0, len(names))
	for _, n := range names {
		out = append(out, strings.TrimSuffix(n, ".toml"))
	}
	return out
}
