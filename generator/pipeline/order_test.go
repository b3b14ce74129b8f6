package pipeline

import (
	"slices"
	"testing"

	"github.com/ladder-ssg/ladder/generator/site"
)

// TestSlowestFirst checks the order pages are rendered in: markdown pages
// by their code blocks, most first, then every other page in its place.
func TestSlowestFirst(t *testing.T) {
	page := func(path, body string) *site.Page {
		if body == "" {
			return &site.Page{Kind: site.OccupationPage, Path: path}
		}
		return &site.Page{Kind: site.ContentPageKind, Path: path, Content: &site.ContentPage{Body: []byte(body)}}
	}
	pages := []*site.Page{
		page("a", ""),
		page("prose", "# Prose\n\nNo code.\n"),
		page("b", ""),
		page("one", "Text\n```sh\nls\n```\n"),
		page("three", "Text\n```sh\nls\n```\n\n~~~yaml\na: 1\n~~~\n\n```toml\nb = 2\n```\n"),
		page("c", ""),
	}
	var got []string
	for _, p := range slowestFirst(pages) {
		got = append(got, p.Path)
	}
	if want := []string{"three", "one", "a", "prose", "b", "c"}; !slices.Equal(got, want) {
		t.Errorf("order %v, want %v", got, want)
	}
	if pages[0].Path != "a" || pages[4].Path != "three" {
		t.Error("slowestFirst reordered its argument")
	}
}
