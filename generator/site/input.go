package site

import (
	"github.com/ladder-ssg/ladder/generator/config"
	"github.com/ladder-ssg/ladder/generator/framework"
	"github.com/ladder-ssg/ladder/generator/i18n"
	"github.com/ladder-ssg/ladder/generator/markup"
)

// Input is what New builds the model from: decoded files only. The model
// reads nothing itself, and knows nothing of how the files were found.
type Input struct {
	Config config.Config
	// Text is the interface's messages; nil for the shipped catalogue of
	// Config.Language.
	Text       *i18n.Catalogue
	Frameworks []Framework
	Pages      []*markup.Page
	Alignments []framework.AlignmentRule // content/alignments.toml
}

// Framework is one decoded framework file.
type Framework struct {
	*framework.Framework
	File string // its path inside content/, e.g. frameworks/29-2012.00.json
	// Sum is a hash of the file's bytes: equal sums, equal frameworks.
	Sum uint64
}
