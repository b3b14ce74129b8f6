package load

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/ladder-ssg/ladder/generator/diag"
	"github.com/ladder-ssg/ladder/generator/framework"
)

// PlaceholderTopic is the topic of the example statements that `ladder new
// framework` writes; a statement with it is a warning until replaced.
const PlaceholderTopic = "Example topic"

// DecodeFramework decodes one framework file. It reports every problem it
// can find in one pass, each with the line:column and JSON path where it
// is, and returns a nil framework when any of them is an error. Unknown
// fields are warnings, or errors when strict is set.
func DecodeFramework(file string, data []byte, strict bool) (*framework.Framework, diag.List) {
	f, _, diags := decodeFramework(file, data, strict, nil)
	return f, diags
}

// Places says where the values that identify a framework are in its
// file, for diagnostics about the site as a whole.
type Places struct {
	SOC, Title Place
}

// Place is a 1-based line and column in a file; zero when unknown.
type Place struct{ Line, Column int }

// decodeFramework is DecodeFramework, also returning where the
// occupation's code and title are.
func decodeFramework(file string, data []byte, strict bool, strs *texts) (*framework.Framework, Places, diag.List) {
	var places Places
	f, d := decodeFile(file, data, strict, strs)
	if d.socAt >= 0 {
		places.SOC.Line, places.SOC.Column = diag.Position(d.data, d.socAt)
	}
	if d.titleAt >= 0 {
		places.Title.Line, places.Title.Column = diag.Position(d.data, d.titleAt)
	}
	return f, places, d.diags
}

func decodeFile(file string, data []byte, strict bool, strs *texts) (*framework.Framework, *decoder) {
	d := &decoder{file: file, strict: strict, socAt: -1, titleAt: -1, strs: strs}
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	d.data = data
	if len(bytes.TrimSpace(data)) == 0 {
		d.errorAt(0, "", "empty file: expected a JSON object with \"occupation\" and \"framework\"")
		return nil, d
	}
	if !utf8.Valid(data) {
		off := invalidUTF8Offset(data)
		d.errorAt(off, "", "invalid UTF-8: the file must be saved as UTF-8")
		return nil, d
	}
	d.dec = jsontext.NewDecoder(bytes.NewReader(data))
	var f framework.Framework
	d.frameworkFile(&f)
	if !d.failed {
		// Anything after the top-level value is an error too.
		if off := d.valueStart(); off < len(d.data) {
			d.errorAt(off, "", "unexpected text after the end of the JSON object")
		}
	}
	if len(d.diags.Errors()) > 0 {
		return nil, d
	}
	return &f, d
}

// decoder walks the token stream of one file against the framework format.
// failed is set on a syntax error, after which the stream cannot be read.
type decoder struct {
	file   string
	data   []byte
	dec    *jsontext.Decoder
	strict bool
	failed bool
	// skipped is set when describeNext already consumed the value.
	skipped bool
	diags   diag.List
	// socAt and titleAt are the offsets of the occupation's code and
	// title values, or -1.
	socAt, titleAt int
	// strs interns the strings read; unquoted holds a string's bytes
	// until then.
	strs     *texts
	unquoted []byte
}

func (d *decoder) frameworkFile(f *framework.Framework) {
	seen := map[string]bool{}
	d.object("", "a JSON object with \"occupation\" and \"framework\"", func(name, path string, start int) {
		seen[name] = true
		switch name {
		case "schemaVersion":
			f.SchemaVersion, _ = d.optString(path)
		case "exportedAt":
			if s, ok := d.optString(path); ok && s != "" {
				t, err := parseTime(s)
				if err != nil {
					d.errorAt(start, path, fmt.Sprintf("expected an RFC 3339 date-time such as \"2026-05-15T12:38:05Z\", found %q", s))
				}
				f.ExportedAt = t
			}
		case "occupation":
			d.occupation(&f.Occupation, path, start)
		case "framework":
			d.frameworkBody(f, path, start)
		case "sources":
			d.object(path, "an object of source names and descriptions", func(key, p string, _ int) {
				if v, ok := d.optString(p); ok && v != "" {
					f.Sources = append(f.Sources, framework.Source{Key: key, Value: v})
				}
			})
		case "attribution":
			f.Attribution, _ = d.optString(path)
		case "$schema":
			// Points editors at the JSON Schema; nothing for ladder.
			d.optString(path)
		case "ladder":
			// What ladder derived when it published the file (codes,
			// anchors, URLs, alignments): made afresh from the rest.
			d.skip()
		default:
			d.unknown(name, path, start)
		}
	})
	if d.failed || !d.wasObject(d.valueStartOf(0)) {
		return
	}
	for _, req := range []string{"occupation", "framework"} {
		if !seen[req] {
			d.errorAt(0, "", fmt.Sprintf("missing %q: expected an object", req))
		}
	}
}

func (d *decoder) occupation(o *framework.Occupation, path string, start int) {
	required := []requirement{{"soc", "a string"}, {"title", "a string"}}
	d.record(path, "an object with \"soc\" and \"title\"", start, required, func(name, p string, at int) {
		switch name {
		case "soc":
			d.socAt = at
			s, ok := d.reqString(p)
			if !ok {
				return
			}
			s = strings.TrimSpace(s)
			if msg := CheckCode(s); msg != "" {
				d.errorAt(at, p, msg)
				return
			}
			o.SOC = s
		case "title":
			d.titleAt = at
			s, ok := d.reqString(p)
			if ok && strings.TrimSpace(s) == "" {
				d.errorAt(at, p, "expected a non-empty title")
			}
			o.Title = strings.TrimSpace(s)
		case "group":
			s, _ := d.optString(p)
			o.Group = strings.TrimSpace(s)
		case "sector":
			s, _ := d.optString(p)
			o.Sector = strings.TrimSpace(s)
		case "jobZone":
			n, ok := d.optInt(p)
			if ok && !framework.ValidJobZone(n) {
				d.errorAt(at, p, fmt.Sprintf("expected a job zone from 1 to 5, found %d", n))
				return
			}
			o.JobZone = n
		case "jobZoneInferred":
			o.JobZoneInferred, _ = d.optBool(p)
		case "renamedFrom":
			s, _ := d.optString(p)
			o.RenamedFrom = strings.TrimSpace(s)
		default:
			d.unknown(name, p, at)
		}
	})
}

func (d *decoder) frameworkBody(f *framework.Framework, path string, start int) {
	required := []requirement{{"levels", "an object of proficiency levels"}}
	d.record(path, "an object with \"levels\"", start, required, func(name, p string, at int) {
		switch name {
		case "version":
			f.Version, _ = d.optString(p)
		case "description":
			s, _ := d.optString(p)
			f.Description = strings.TrimSpace(s)
		case "contextCovered":
			s, _ := d.optString(p)
			f.ContextCovered = strings.TrimSpace(s)
		case "levels":
			d.levels(f, p, at)
		default:
			d.unknown(name, p, at)
		}
	})
}

func (d *decoder) levels(f *framework.Framework, path string, start int) {
	d.object(path, "an object of proficiency levels, e.g. {\"emerging\": {...}}", func(key, p string, at int) {
		if strings.TrimSpace(key) == "" {
			d.errorAt(at, p, "a level needs a non-empty key such as \"emerging\"")
			d.skip()
			return
		}
		lv := framework.Level{Key: key}
		seenLabel, labelBad, labelAt := false, false, at
		seenStatements, statementsOK, statementsAt := false, false, at
		required := []requirement{{"label", "the level's name for people, e.g. \"Emerging\""}, {"statements", "an array of statement strings"}}
		read := d.record(p, "an object with \"label\" and \"statements\"", at, required, func(name, lp string, lat int) {
			switch name {
			case "label":
				seenLabel, labelAt = true, lat
				before := len(d.diags.Errors())
				s, _ := d.optString(lp)
				lv.Label = strings.TrimSpace(s)
				labelBad = len(d.diags.Errors()) > before
			case "statements":
				seenStatements, statementsAt = true, lat
				before := len(d.diags.Errors())
				statementsOK = d.array(lp, "an array of statement strings", func(i int, sp string, sat int) {
					s, ok := d.reqString(sp)
					if !ok {
						return
					}
					if strings.TrimSpace(s) == "" {
						d.warnAt(sat, sp, "empty statement (skipped)")
						return
					}
					st := framework.Split(s)
					if st.Topic == PlaceholderTopic {
						d.warnAt(sat, sp, "placeholder statement from 'ladder new framework': replace it with one of the occupation's own")
					}
					lv.Statements = append(lv.Statements, st)
				})
				// Of the exact size: a large site holds hundreds of thousands
				// of statements, and appending left a third more room.
				lv.Statements = slices.Clone(lv.Statements)
				// A statement of the wrong type is reported already.
				statementsOK = statementsOK && len(d.diags.Errors()) == before
			default:
				d.unknown(name, lp, lat)
			}
		})
		if !read {
			return
		}
		// A label of the wrong type is reported already.
		if seenLabel && !labelBad && lv.Label == "" {
			d.errorAt(labelAt, p+".label", "empty \"label\": expected the level's name for people, e.g. \"Emerging\"")
		}
		if seenStatements && statementsOK && len(lv.Statements) == 0 {
			d.errorAt(statementsAt, p+".statements", "expected at least one non-empty statement")
		}
		f.Levels = append(f.Levels, lv)
	})
	if !d.failed && d.wasObject(start) && len(f.Levels) == 0 && len(d.diags.Errors()) == 0 {
		d.errorAt(start, path, "expected at least one proficiency level")
	}
}

// requirement is a member an object must have, and what its value
// should be, for the message when it is missing.
type requirement struct{ name, expected string }

// record reads an object at start as object does, then reports each
// required member it lacks, at the object. It reports whether an object
// was read.
func (d *decoder) record(path, expected string, start int, required []requirement, member func(name, path string, start int)) bool {
	seen := make(map[string]bool, len(required))
	d.object(path, expected, func(name, p string, at int) {
		seen[name] = true
		member(name, p, at)
	})
	if d.failed || !d.wasObject(start) {
		return false
	}
	for _, r := range required {
		if !seen[r.name] {
			d.errorAt(start, path, fmt.Sprintf("missing %q: expected %s", r.name, r.expected))
		}
	}
	return true
}

// object reads an object, calling member for each name with the member's
// JSON path and the byte offset of its value; member must consume the value.
// A value of another kind is reported (expected says what was wanted) and skipped.
func (d *decoder) object(path, expected string, member func(name, path string, start int)) {
	if d.failed {
		return
	}
	if !d.expectKind(path, '{', expected) {
		return
	}
	if _, err := d.dec.ReadToken(); err != nil {
		d.syntax(err, path)
		return
	}
	for {
		if d.failed {
			return
		}
		if d.dec.PeekKind() == '}' {
			d.dec.ReadToken()
			return
		}
		nameAt := d.valueStart()
		tok, err := d.dec.ReadToken()
		if err != nil {
			d.syntax(err, path)
			return
		}
		if tok.Kind() != '"' {
			d.errorAt(nameAt, path, "expected a member name")
			d.failed = true
			return
		}
		name := tok.String()
		p := joinPath(path, name)
		// Peek before recording the value's start: the peek consumes the colon.
		if d.dec.PeekKind() == 0 {
			_, err := d.dec.ReadValue()
			d.syntax(err, p)
			return
		}
		member(name, p, d.valueStart())
	}
}

// array reads an array, calling elem for each element.
// It reports whether the value was an array.
func (d *decoder) array(path, expected string, elem func(i int, path string, start int)) bool {
	if d.failed || !d.expectKind(path, '[', expected) {
		return false
	}
	if _, err := d.dec.ReadToken(); err != nil {
		d.syntax(err, path)
		return false
	}
	for i := 0; ; i++ {
		if d.failed {
			return true
		}
		k := d.dec.PeekKind()
		if k == ']' {
			d.dec.ReadToken()
			return true
		}
		if k == 0 {
			_, err := d.dec.ReadValue()
			d.syntax(err, path)
			return true
		}
		elem(i, path+"["+strconv.Itoa(i)+"]", d.valueStart())
	}
}

// optString reads a string, or null as "" (ok false).
func (d *decoder) optString(path string) (string, bool) { return d.stringValue(path, true) }

// reqString reads a string; null is reported like any other wrong type.
func (d *decoder) reqString(path string) (string, bool) { return d.stringValue(path, false) }

func (d *decoder) stringValue(path string, nullOK bool) (string, bool) {
	if d.failed || !d.expectKind(path, '"', "a string", nullOK) {
		return "", false
	}
	raw, err := d.dec.ReadValue()
	if err != nil {
		d.syntax(err, path)
		return "", false
	}
	// A string the decoder has read is valid JSON: unquoting cannot fail.
	d.unquoted, _ = jsontext.AppendUnquote(d.unquoted[:0], raw)
	return d.strs.intern(d.unquoted), true
}

// optInt reads an integer, or null (ok false).
func (d *decoder) optInt(path string) (int, bool) {
	at := d.valueStart()
	if d.failed || !d.expectKind(path, '0', "an integer") {
		return 0, false
	}
	tok, err := d.dec.ReadToken()
	if err != nil {
		d.syntax(err, path)
		return 0, false
	}
	n, err := strconv.Atoi(tok.String())
	if err != nil {
		d.errorAt(at, path, fmt.Sprintf("expected an integer, found %s", tok.String()))
		return 0, false
	}
	return n, true
}

// optBool reads true or false, or null (ok false).
func (d *decoder) optBool(path string) (bool, bool) {
	if d.failed || !d.expectKind(path, 't', "true or false") {
		return false, false
	}
	tok, err := d.dec.ReadToken()
	if err != nil {
		d.syntax(err, path)
		return false, false
	}
	return tok.Bool(), true
}

// expectKind checks the next value's kind. null is accepted silently for
// scalars (as "absent") and reported for objects and arrays; any other
// mismatch is reported with what was found, and the value is skipped.
func (d *decoder) expectKind(path string, want jsontext.Kind, expected string, nullOK ...bool) bool {
	got := d.dec.PeekKind()
	if got == 0 {
		_, err := d.dec.ReadValue()
		d.syntax(err, path)
		return false
	}
	if want == 't' && got == 'f' {
		got = 't'
	}
	if got == want {
		return true
	}
	at := d.valueStart()
	if got == 'n' && want != '{' && want != '[' && (len(nullOK) == 0 || nullOK[0]) {
		d.skip()
		return false
	}
	d.errorAt(at, path, fmt.Sprintf("expected %s, found %s", expected, d.describeNext()))
	d.skip()
	return false
}

// valueStartOf is the offset of the first value at or after offset.
func (d *decoder) valueStartOf(offset int) int {
	for offset < len(d.data) && (d.data[offset] == ' ' || d.data[offset] == '\t' || d.data[offset] == '\r' || d.data[offset] == '\n') {
		offset++
	}
	return offset
}

// wasObject reports whether the value that started at offset was an object,
// so that required-member checks are not piled onto a type error.
func (d *decoder) wasObject(start int) bool {
	return start < len(d.data) && d.data[start] == '{'
}

func (d *decoder) describeNext() string {
	switch d.dec.PeekKind() {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case 'n':
		return "null"
	case 't', 'f':
		return "a boolean"
	}
	v, err := d.dec.ReadValue()
	if err != nil {
		d.syntax(err, "")
		return "an invalid value"
	}
	d.skipped = true
	s := string(v)
	if r := []rune(s); len(r) > 40 {
		s = string(r[:37]) + "…"
	}
	if v.Kind() == '"' {
		return "string " + s
	}
	return "number " + s
}

func (d *decoder) skip() {
	if d.skipped {
		d.skipped = false
		return
	}
	if err := d.dec.SkipValue(); err != nil {
		d.syntax(err, "")
	}
}

// valueStart is the byte offset where the next value begins, after the
// white space, colon or comma the decoder has not consumed yet.
func (d *decoder) valueStart() int {
	off := int(d.dec.InputOffset())
	for off < len(d.data) {
		switch d.data[off] {
		case ' ', '\t', '\r', '\n', ':', ',':
			off++
			continue
		}
		break
	}
	return off
}

func (d *decoder) unknown(name, path string, start int) {
	sev, msg := diag.Unknown("field", name, d.strict)
	d.add(start, path, sev, msg)
	d.skip()
}

// syntax records a syntax error and stops the walk: after one, the token
// stream cannot be trusted.
func (d *decoder) syntax(err error, path string) {
	if err == nil || d.failed {
		return
	}
	d.failed = true
	var se *jsontext.SyntacticError
	if errors.As(err, &se) {
		p := pointerToPath(string(se.JSONPointer))
		if p == "" {
			p = path
		}
		msg := syntaxMessage(se.Err)
		if strings.Contains(msg, "duplicate object member name") {
			name := p
			if i := strings.LastIndexAny(p, ".["); i >= 0 {
				name = strings.Trim(p[i:], ".[]")
			}
			msg = fmt.Sprintf("duplicate member %s: each name may appear only once in an object", strconv.Quote(strings.Trim(name, `"`)))
		}
		d.errorAt(int(se.ByteOffset), p, msg)
		return
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || err == io.EOF {
		d.errorAt(len(d.data), path, "unexpected end of file: the JSON is truncated")
		return
	}
	d.errorAt(int(d.dec.InputOffset()), path, "invalid JSON: "+err.Error())
}

func syntaxMessage(err error) string {
	if err == nil {
		return "invalid JSON"
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return "unexpected end of file: the JSON is truncated"
	}
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "jsontext: ")
	return "invalid JSON: " + msg
}

func (d *decoder) errorAt(offset int, path, msg string) {
	d.add(offset, path, diag.Error, msg)
}

func (d *decoder) warnAt(offset int, path, msg string) {
	d.add(offset, path, diag.Warning, msg)
}

func (d *decoder) add(offset int, path string, sev diag.Severity, msg string) {
	line, col := diag.Position(d.data, offset)
	d.diags = append(d.diags, diag.Diagnostic{File: d.file, Line: line, Column: col, Path: path, Severity: sev, Message: msg})
}

// CheckCode returns why code is not a safe occupation code, or "".
// The code names the occupation's folder, so it must not escape it.
func CheckCode(code string) string {
	if code == "" {
		return "expected a non-empty occupation code such as \"29-2012.00\""
	}
	if len(code) > 64 {
		return "expected an occupation code of at most 64 characters"
	}
	if code[0] == '.' || code[0] == '-' {
		return fmt.Sprintf("unsafe occupation code %q: it must start with a letter, digit or underscore", code)
	}
	for _, r := range code {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-' || r == '_') {
			return fmt.Sprintf("unsafe occupation code %q: only letters, digits, '.', '-' and '_' are allowed", code)
		}
	}
	return ""
}

// joinPath appends a member name to a JSON path, quoting names that are
// not plain identifiers: framework.levels["odd name"].
func joinPath(path, name string) string {
	plain := name != ""
	for i, r := range name {
		if !(r == '_' || r == '$' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && (r >= '0' && r <= '9' || r == '-')) {
			plain = false
			break
		}
	}
	if !plain {
		return path + "[" + strconv.Quote(name) + "]"
	}
	if path == "" {
		return name
	}
	return path + "." + name
}

// pointerToPath turns a JSON Pointer such as /framework/levels/x/statements/3
// into the dotted path ladder prints.
func pointerToPath(ptr string) string {
	if ptr == "" {
		return ""
	}
	var path string
	for _, tok := range strings.Split(ptr[1:], "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		if _, err := strconv.Atoi(tok); err == nil && path != "" && !strings.HasSuffix(path, "levels") {
			path += "[" + tok + "]"
			continue
		}
		path = joinPath(path, tok)
	}
	return path
}

func parseTime(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("not a date-time")
}

func invalidUTF8Offset(data []byte) int {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(data)
}
