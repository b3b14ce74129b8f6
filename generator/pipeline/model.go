package pipeline

import (
	"github.com/ladder-ssg/ladder/generator/load"
	"github.com/ladder-ssg/ladder/generator/site"
)

// ModelInput is the part of the loaded input that the model is built
// from: the decoded frameworks, pages and rules, without where load
// found them.
func ModelInput(in *load.Input) site.Input {
	fws := make([]site.Framework, len(in.Frameworks))
	for i, f := range in.Frameworks {
		fws[i] = site.Framework{Framework: f.Framework, File: f.File, Sum: f.Sum}
	}
	return site.Input{Config: in.Config, Text: in.Text, Frameworks: fws, Pages: in.Pages, Alignments: in.Alignments}
}
