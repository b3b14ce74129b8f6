package pipeline

import (
	"github.com/ladder-ssg/ladder/assets"
	"github.com/ladder-ssg/ladder/content"
	"github.com/ladder-ssg/ladder/generator/load"
	"github.com/ladder-ssg/ladder/templates"
)

// testDefaults are the embedded defaults the ladder binary uses.
func testDefaults() load.Defaults {
	return load.Defaults{Content: content.FS, Templates: templates.FS, Assets: assets.FS}
}
