// Package host knows the published limits of the static hosts ladder
// sites go to, measures a site's files against them, and says, when a
// site does not fit, which limit it passes and what would make it fit.
// It knows nothing of ladder's pages: it works on file paths and sizes.
package host

import (
	"fmt"
	"maps"
	"path"
	"slices"
	"sort"
	"strings"
)

// Limits are what one host accepts of a site. A zero field has no limit.
type Limits struct {
	Name  string // as given to --host and host = in ladder.toml
	Title string // the host and plan, for messages
	// Files is the most files a site may have; Entries the most files
	// and folders together (GitLab counts both).
	Files, Entries int
	// FilesPerFolder is the most files one folder may hold.
	FilesPerFolder int
	FileBytes      int64 // the largest file
	SiteBytes      int64 // all files together
	Sources        []string
}

const (
	mib = 1 << 20
	gb  = 1_000_000_000
)

// hosts are the documented limits, as of December 2026.
var hosts = []Limits{
	{Name: "cloudflare-pages", Title: "Cloudflare Pages (Free plan)", Files: 20_000, FileBytes: 25 * mib,
		Sources: []string{"https://developers.cloudflare.com/pages/platform/limits/"}},
	{Name: "github-pages", Title: "GitHub Pages", SiteBytes: gb,
		Sources: []string{"https://docs.github.com/en/pages/getting-started-with-github-pages/github-pages-limits"}},
	{Name: "gitlab-pages", Title: "GitLab Pages (GitLab.com)", SiteBytes: gb, Entries: 200_000,
		Sources: []string{"https://docs.gitlab.com/user/gitlab_com/#gitlab-pages"}},
	{Name: "netlify", Title: "Netlify", FilesPerFolder: 54_000,
		Sources: []string{"https://docs.netlify.com/site-deploys/overview/#files-per-directory-limit"}},
	{Name: "s3", Title: "Amazon S3", FileBytes: 5 << 40,
		Sources: []string{"https://docs.aws.amazon.com/AmazonS3/latest/userguide/upload-objects.html"}},
}

// Names lists the hosts Lookup knows, in the order the docs list them.
func Names() []string {
	out := make([]string, len(hosts))
	for i, h := range hosts {
		out[i] = h.Name
	}
	return out
}

// All returns every host's limits.
func All() []Limits { return slices.Clone(hosts) }

// Lookup returns the limits of the host called name.
func Lookup(name string) (Limits, error) {
	for _, h := range hosts {
		if h.Name == name {
			return h, nil
		}
	}
	return Limits{}, fmt.Errorf("unknown host %q: expected one of %s", name, strings.Join(Names(), ", "))
}

// Usage is what a site holds, as a host counts it.
type Usage struct {
	// AtLeast marks a count made before the site is written: the site
	// will have at least Files files.
	AtLeast bool
	Files   int
	Folders int // below the top folder
	Bytes   int64
	// Largest is the biggest file, LargestBytes its size.
	Largest      string
	LargestBytes int64
	// Fullest is the folder ("" for the top) holding the most files,
	// FullestFiles how many.
	Fullest      string
	FullestFiles int
	// Parts totals each top-level folder (and the top folder's own files,
	// as "/"), largest first, for messages saying where the bulk is.
	Parts []Part
}

// Part is one top-level folder of a site and what it holds.
type Part struct {
	Folder string
	Files  int
	Bytes  int64
}

// Measure counts the files of a site, given each file's slash-separated
// path and size.
func Measure(sizes map[string]int64) Usage {
	var u Usage
	perFolder := map[string]int{}
	folders := map[string]bool{}
	parts := map[string]*Part{}
	for _, name := range slices.Sorted(maps.Keys(sizes)) {
		n := sizes[name]
		u.Files++
		u.Bytes += n
		if n > u.LargestBytes {
			u.Largest, u.LargestBytes = name, n
		}
		dir := folderOf(name)
		perFolder[dir]++
		top, _, nested := strings.Cut(name, "/")
		if !nested {
			top = ""
		}
		p := parts[top]
		if p == nil {
			p = &Part{Folder: top + "/"}
			parts[top] = p
		}
		p.Files++
		p.Bytes += n
		for d := dir; d != "" && !folders[d]; d = folderOf(d) {
			folders[d] = true
		}
	}
	u.Folders = len(folders)
	for _, top := range slices.Sorted(maps.Keys(parts)) {
		u.Parts = append(u.Parts, *parts[top])
	}
	sort.SliceStable(u.Parts, func(i, j int) bool { return u.Parts[i].Bytes > u.Parts[j].Bytes })
	for _, dir := range slices.Sorted(maps.Keys(perFolder)) {
		if perFolder[dir] > u.FullestFiles {
			u.Fullest, u.FullestFiles = dir, perFolder[dir]
		}
	}
	return u
}

func folderOf(name string) string {
	if d := path.Dir(name); d != "." {
		return d
	}
	return ""
}
