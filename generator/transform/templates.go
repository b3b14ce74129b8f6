package transform

import (
	"bytes"
	"io/fs"
	"path"
)

// templateType is the media type under which NewMinifier registers the
// HTML minifier that leaves Go template actions ({{ … }}) as they are.
const templateType = "text/x-go-template+html"

// Templates returns fsys with every .html file minified as an HTML
// template: markup and whitespace between actions are minified once, when
// the templates are parsed, instead of in every page rendered from them.
// Actions are left as written; a script or style that holds one only has
// its runs of whitespace collapsed, as the minifier cannot know what the
// action will print (so a string literal with two spaces in a row, in a
// script with an action, loses one). A file the minifier cannot read is
// served as it is, for the template parser to judge. Other files and
// folders pass through.
func (m *Minifier) Templates(fsys fs.FS) fs.FS { return &templateFS{fsys: fsys, m: m} }

type templateFS struct {
	fsys fs.FS
	m    *Minifier
}

func (t *templateFS) Open(name string) (fs.File, error) {
	if path.Ext(name) != ".html" {
		return t.fsys.Open(name)
	}
	data, err := t.ReadFile(name)
	if err != nil {
		return nil, err
	}
	f, err := t.fsys.Open(name)
	if err != nil {
		return nil, err
	}
	info, err := f.Stat()
	f.Close()
	if err != nil {
		return nil, err
	}
	return &memFile{Reader: bytes.NewReader(data), info: sizedInfo{info, int64(len(data))}}, nil
}

// ReadFile returns the file's bytes, minified for .html.
func (t *templateFS) ReadFile(name string) ([]byte, error) {
	src, err := fs.ReadFile(t.fsys, name)
	if err != nil || path.Ext(name) != ".html" {
		return src, err
	}
	var out bytes.Buffer
	if t.m.stored.lookup(templateType, &out, src) {
		return out.Bytes(), nil
	}
	if err := t.m.m.Minify(templateType, &out, bytes.NewBuffer(src[:len(src):len(src)])); err != nil {
		return src, nil
	}
	return out.Bytes(), nil
}

// ReadDir passes folders through, so that fs.Glob and fs.WalkDir work.
func (t *templateFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(t.fsys, name) }

// memFile is a minified template opened for reading.
type memFile struct {
	*bytes.Reader
	info fs.FileInfo
}

func (f *memFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *memFile) Close() error               { return nil }

// sizedInfo is a file's information with the size of its minified bytes.
type sizedInfo struct {
	fs.FileInfo
	size int64
}

func (i sizedInfo) Size() int64 { return i.size }
