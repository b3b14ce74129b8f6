// Package i18n holds the messages of ladder's interface in the reader's
// language: every word ladder itself writes into a page, a feed, an
// export's human-readable text and the search box.
//
// A catalogue is a TOML file of keys, each a message or, for counts, a
// table of CLDR plural categories:
//
//	"nav.occupations" = "Occupations"
//	"count.statements" = { one = "{n} statement", other = "{n} statements" }
//
// Placeholders are names in braces; the caller fills them in the order
// they first appear in the English message, whatever order a translation
// puts them in. English (the shipped i18n/en.toml) is the reference: every
// key exists there, and any other catalogue, shipped or a site's own
// i18n/<lang>.toml, is checked against it (Check) and layered over it by
// key, so a missing translation shows the English message.
package i18n

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/language"
)

// Message is one entry of a catalogue: a text, or for a count the text of
// each CLDR plural category that the language uses.
type Message struct {
	Text  string
	Forms map[string]string // by category ("one", "other", ...); nil when not a count
	// Line and Column locate the key in its file, for diagnostics.
	Line, Column int
}

// Plural reports whether the message varies with a count.
func (m Message) Plural() bool { return m.Forms != nil }

// Catalogue is the messages of one language. It is read-only once made
// and safe for concurrent use.
type Catalogue struct {
	lang  string
	tag   language.Tag
	msgs  map[string]Message
	names map[string][]string // each key's placeholders, in English order
}

// Lang is the catalogue's language tag as the site names it ("fr", "pt-BR").
func (c *Catalogue) Lang() string { return c.lang }

// Dir is the writing direction of the language: "rtl" for Arabic, Hebrew,
// Persian, Urdu and the other right-to-left scripts, else "ltr".
func (c *Catalogue) Dir() string {
	base, _ := c.tag.Base()
	switch base.String() {
	case "ar", "he", "fa", "ur", "ps", "sd", "ug", "yi", "dv", "ckb":
		return "rtl"
	}
	return "ltr"
}

// T returns the message of key with its placeholders filled from args in
// the order they appear in the English message. For a count message the
// first argument is the count (an int) and picks the plural form. A time
// is written as a date in the language (see Date). An unknown key gives
// the key itself, so that a mistake shows on the page and in tests.
func (c *Catalogue) T(key string, args ...any) string {
	m, ok := c.msgs[key]
	if !ok {
		return key
	}
	text := m.Text
	if m.Plural() {
		n := 0
		if len(args) > 0 {
			n, _ = args[0].(int)
		}
		text = m.Forms[category(c.tag, n)]
		if text == "" {
			text = m.Forms["other"]
		}
	}
	names := c.names[key]
	if len(names) == 0 || !strings.Contains(text, "{") {
		return text
	}
	return fill(text, func(name string) (string, bool) {
		i := slices.Index(names, name)
		if i < 0 || i >= len(args) {
			return "", false
		}
		return c.format(args[i]), true
	})
}

// fill replaces each {name} of text that value knows, left to right, and
// leaves the rest as it is; a value is not read for placeholders again.
// (A strings.Replacer would do the same, but making one for every message
// a site's pages show cost more than the pages' other text.)
func fill(text string, value func(name string) (string, bool)) string {
	var b strings.Builder
	for {
		open := strings.IndexByte(text, '{')
		if open < 0 {
			break
		}
		end := strings.IndexAny(text[open+1:], "{}")
		if end < 0 {
			break
		}
		end += open + 1
		if text[end] == '{' { // the first brace was not a placeholder's
			b.WriteString(text[:end])
			text = text[end:]
			continue
		}
		if v, ok := value(text[open+1 : end]); ok {
			b.WriteString(text[:open])
			b.WriteString(v)
		} else {
			b.WriteString(text[:end+1])
		}
		text = text[end+1:]
	}
	if b.Len() == 0 {
		return text
	}
	b.WriteString(text)
	return b.String()
}

// format writes one placeholder's value.
func (c *Catalogue) format(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case int:
		return strconv.Itoa(v)
	case time.Time:
		return c.Date(v)
	case fmt.Stringer:
		return v.String()
	}
	return fmt.Sprint(v)
}

// Date writes a calendar date in the language, by the catalogue's
// "date.format" with its "date.month.1" … "date.month.12" names:
// "2 January 2006" in English, "2 janvier 2006" in French.
func (c *Catalogue) Date(t time.Time) string {
	month := c.T("date.month." + strconv.Itoa(int(t.Month())))
	return fill(c.msgs["date.format"].Text, func(name string) (string, bool) {
		switch name {
		case "day":
			return strconv.Itoa(t.Day()), true
		case "month":
			return month, true
		case "year":
			return strconv.Itoa(t.Year()), true
		}
		return "", false
	})
}

// Has reports whether the catalogue has a message for key.
func (c *Catalogue) Has(key string) bool { _, ok := c.msgs[key]; return ok }

// Keys lists every key, sorted.
func (c *Catalogue) Keys() []string {
	keys := make([]string, 0, len(c.msgs))
	for k := range c.msgs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Message returns the message of key as the catalogue holds it.
func (c *Catalogue) Message(key string) (Message, bool) {
	m, ok := c.msgs[key]
	return m, ok
}

// ScriptPrefix starts the keys of the messages that scripts show: they
// are written into every page (Script) for assets/*.js to read.
const ScriptPrefix = "js."

// ScriptData is what pages carry for their scripts, as JSON: the
// language, its direction, and every message whose key starts with
// ScriptPrefix (without the prefix), a string or an object of plural
// forms that the script picks with Intl.PluralRules.
func (c *Catalogue) ScriptData() ScriptData {
	out := ScriptData{Lang: c.lang, Messages: map[string]any{}}
	for k, m := range c.msgs {
		if name, ok := strings.CutPrefix(k, ScriptPrefix); ok {
			if m.Plural() {
				out.Messages[name] = m.Forms
			} else {
				out.Messages[name] = m.Text
			}
		}
	}
	return out
}

// ScriptData is the JSON object of ScriptData.
type ScriptData struct {
	Lang     string         `json:"lang"`
	Messages map[string]any `json:"messages"`
}

// Script is ScriptData as JSON text.
func (c *Catalogue) Script() string {
	b, _ := json.Marshal(c.ScriptData()) // maps of strings always marshal
	return string(b)
}

// ScriptFile is the script that gives every page's scripts their words:
// it sets window.ladderText to ScriptData. One file a language, cached by
// the browser, rather than the same JSON written into thousands of pages.
// (encoding/json escapes <, >, & and U+2028/9, so the JSON is a safe
// JavaScript expression.)
func (c *Catalogue) ScriptFile() []byte {
	return []byte("window.ladderText=" + c.Script() + ";\n")
}
