package markup

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"
	yamlast "github.com/goccy/go-yaml/ast"
	yamlparser "github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"
)

// decodeYAML decodes a YAML front matter block (the lines between the
// delimiters, LF line endings).
func decodeYAML(block []byte) (FrontMatter, error) {
	var fm FrontMatter
	file, err := yamlparser.ParseBytes(block, 0)
	if err != nil {
		return fm, yamlSyntaxError(err)
	}
	if len(file.Docs) == 0 || file.Docs[0].Body == nil {
		return fm, nil
	}
	body := file.Docs[0].Body
	var values []*yamlast.MappingValueNode
	switch n := body.(type) {
	case *yamlast.MappingNode:
		values = n.Values
	case *yamlast.MappingValueNode:
		values = []*yamlast.MappingValueNode{n}
	default:
		return fm, yamlErrorAt(body.GetToken(), "expected key: value lines, found %s", describeYAML(body))
	}
	for _, mv := range values {
		key := yamlKey(mv.Key)
		kind, ok := fieldKindOf(key)
		if !ok {
			fm.Unknown = append(fm.Unknown, key)
			continue
		}
		if err := fm.setYAML(key, kind, mv); err != nil {
			return FrontMatter{}, err
		}
	}
	return fm, nil
}

func (fm *FrontMatter) setYAML(key string, kind fieldKind, mv *yamlast.MappingValueNode) error {
	v := unwrapYAML(mv.Value)
	if _, ok := v.(*yamlast.NullNode); ok || v == nil {
		return nil
	}
	mismatch := func() error {
		tok := v.GetToken()
		switch v.(type) {
		case *yamlast.MappingNode, *yamlast.SequenceNode:
			tok = mv.Key.GetToken()
		}
		return yamlErrorAt(tok, "%s: expected %s, found %s", key, expected(kind, "mapping"), describeYAML(v))
	}
	switch kind {
	case kindString:
		switch n := v.(type) {
		case *yamlast.StringNode:
			fm.setString(key, n.Value)
		case *yamlast.LiteralNode:
			fm.setString(key, n.Value.Value)
		case *yamlast.IntegerNode, *yamlast.FloatNode:
			// A numeric title such as 1984 is meant as text: keep it as written.
			fm.setString(key, n.GetToken().Value)
		default:
			return mismatch()
		}
	case kindInt:
		n, ok := v.(*yamlast.IntegerNode)
		if s, isStr := v.(*yamlast.StringNode); isStr && s.GetToken().Type == token.StringType && isDigits(s.Value) {
			// go-yaml reads an integer too big for 64 bits as a string.
			return yamlErrorAt(s.GetToken(), "%s: expected an integer, found %s (out of range)", key, s.Value)
		}
		if !ok {
			return mismatch()
		}
		i, err := toInt(n.Value)
		if err != nil {
			return yamlErrorAt(n.GetToken(), "%s: expected an integer, found %s (%v)", key, n.GetToken().Value, err)
		}
		fm.Weight = i
	case kindBool:
		n, ok := v.(*yamlast.BoolNode)
		if !ok {
			return mismatch()
		}
		fm.Draft = n.Value
	case kindTable:
		if _, ok := v.(*yamlast.MappingNode); !ok {
			if _, ok := v.(*yamlast.MappingValueNode); !ok {
				return mismatch()
			}
		}
		var params map[string]any
		if err := yaml.NodeToValue(v, &params); err != nil {
			return yamlErrorAt(mv.Key.GetToken(), "%s: %v", key, err)
		}
		fm.Params = params
	}
	return nil
}

// unwrapYAML looks through anchors and tags to the value they carry.
func unwrapYAML(n yamlast.Node) yamlast.Node {
	for {
		switch v := n.(type) {
		case *yamlast.AnchorNode:
			n = v.Value
		case *yamlast.TagNode:
			n = v.Value
		default:
			return n
		}
	}
}

func yamlKey(k yamlast.MapKeyNode) string {
	if s, ok := k.(*yamlast.StringNode); ok {
		return s.Value
	}
	return k.GetToken().Value
}

// describeYAML names a YAML value for an error message: its type and, for
// scalars, the value as written.
func describeYAML(n yamlast.Node) string {
	switch v := n.(type) {
	case *yamlast.StringNode:
		return "string " + quoteFound(v.Value)
	case *yamlast.LiteralNode:
		return "string " + quoteFound(v.Value.Value)
	case *yamlast.IntegerNode:
		return "integer " + v.GetToken().Value
	case *yamlast.FloatNode, *yamlast.InfinityNode, *yamlast.NanNode:
		return "number " + v.GetToken().Value
	case *yamlast.BoolNode:
		return "boolean " + v.GetToken().Value
	case *yamlast.MappingNode, *yamlast.MappingValueNode:
		return "a mapping"
	case *yamlast.SequenceNode:
		return "a list"
	case *yamlast.AliasNode:
		return "alias " + v.String()
	}
	return n.Type().String()
}

func yamlErrorAt(tok *token.Token, format string, args ...any) error {
	line, col := 1, 1
	if tok != nil {
		line, col = tok.Position.Line, tok.Position.Column
	}
	return &FrontMatterError{Line: line + blockLineOffset, Column: col, Msg: fmt.Sprintf(format, args...)}
}

// yamlPosRef matches a position that go-yaml embeds in a message, such as
// `already defined at [1:1]`; it is relative to the block, not the file.
var yamlPosRef = regexp.MustCompile(`\[(\d+):(\d+)\]`)

// yamlSyntaxError turns a go-yaml parse error into a FrontMatterError
// located in the file.
func yamlSyntaxError(err error) error {
	var se *yaml.SyntaxError
	if !errors.As(err, &se) || se.Token == nil {
		return &FrontMatterError{Line: 1 + blockLineOffset, Column: 1, Msg: "invalid YAML: " + err.Error(), Err: err}
	}
	msg := yamlPosRef.ReplaceAllStringFunc(se.Message, func(ref string) string {
		m := yamlPosRef.FindStringSubmatch(ref)
		line, _ := strconv.Atoi(m[1])
		return fmt.Sprintf("line %d:%s", line+blockLineOffset, m[2])
	})
	return &FrontMatterError{
		Line:   se.Token.Position.Line + blockLineOffset,
		Column: se.Token.Position.Column,
		Msg:    "invalid YAML: " + msg,
		Err:    err,
	}
}

// isDigits reports whether s is an optionally signed run of ASCII digits.
func isDigits(s string) bool {
	s = strings.TrimLeft(s, "+-")
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
