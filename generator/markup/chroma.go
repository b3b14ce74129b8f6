package markup

import (
	"embed"
	"encoding/json"
	"fmt"
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"
)

// chroma's own registries of lexers and styles (packages lexers and
// styles) parse every one of their 279 lexer and 70 style definitions
// when the program starts, about 30 ms before main whether or not a page
// has code. ladder keeps the same definitions here instead (chroma/:
// written from chroma's registries by go test ./generator/markup -run
// TestChromaData -update, and held to them by that test): lexers.json
// lists every lexer's configuration in chroma's order of registration,
// so that a lexerSet is made without reading a definition, and each
// lexer's rules (chroma/lexers/<n>.xml) are read when it first
// highlights; a style is read when it is asked for. Go's lexer, whose
// rules chroma cannot serialise, is copied (chroma_go.go). Of chroma's
// lexers, only the few others written in Go and not serialisable
// (Markdown, PHTML, HTTP, Go HTML templates and the like: TestChromaData
// lists them) are not kept: their blocks are shown unhighlighted, as an
// unknown language's are.
//
//go:embed chroma
var chromaData embed.FS

// storedLexer is one entry of chroma/lexers.json.
type storedLexer struct {
	File   string        `json:"file"`
	Config chroma.Config `json:"config"`
}

// lexerSet is chroma's registry of lexers, made on first use.
type lexerSet struct {
	once sync.Once
	reg  *chroma.LexerRegistry
}

// get returns the lexer of a language name, alias or file extension, as
// chroma's lexers.Get does; nil for none.
func (s *lexerSet) get(name string) chroma.Lexer {
	s.once.Do(func() { s.reg = storedLexers() })
	return s.reg.Get(name)
}

// storedLexers registers the stored lexers, each reading its rules when
// it first tokenises.
func storedLexers() *chroma.LexerRegistry {
	reg := chroma.NewLexerRegistry()
	raw, err := chromaData.ReadFile("chroma/lexers.json")
	var list []storedLexer
	if err == nil {
		err = json.Unmarshal(raw, &list)
	}
	if err != nil {
		return reg // checked by TestChromaData: no lexer, code shown plain
	}
	for _, l := range list {
		lexer, err := chroma.NewLexer(&l.Config, func() chroma.Rules { return storedRules(l.File) })
		if err == nil {
			reg.Register(lexer)
		}
	}
	if tt := reg.Get("go-text-template"); tt != nil {
		reg.Register(goLexer(tt))
	}
	return reg
}

// storedRules reads the rules of a stored lexer; none if they do not
// read (checked by TestChromaData), which Tokenise reports as an error.
func storedRules(file string) chroma.Rules {
	data, err := chromaData.ReadFile("chroma/lexers/" + file)
	if err != nil {
		return nil
	}
	rules, _ := lexerRules(data)
	return rules
}

// lexerRules reads the rules of a lexer's XML.
func lexerRules(data []byte) (chroma.Rules, error) {
	l, err := chroma.Unmarshal(data)
	if err != nil {
		return nil, err
	}
	return l.Rules()
}

// storedStyle reads the chroma style of a name (any case).
func storedStyle(name string) (*chroma.Style, error) {
	f, err := chromaData.Open("chroma/styles/" + strings.ToLower(name) + ".xml")
	if err != nil || strings.ContainsAny(name, "/\\") {
		return nil, fmt.Errorf("markup: unknown chroma style %q", name)
	}
	defer f.Close()
	s, err := chroma.NewXMLStyle(f)
	if err != nil {
		return nil, fmt.Errorf("markup: chroma style %q: %w", name, err)
	}
	return s, nil
}
