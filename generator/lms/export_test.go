package lms

import "testing"

// Test helpers shared with the external tests of lms_test, which build a
// real site (they may import the build, which imports this package).
var (
	LMSServer   = lmsServer
	Unzip       = unzip
	BrokenLinks = brokenLinks
	HostURL     = hostURL
	WaitFor     = waitFor
	Validate12  = validate12
	ValidateCC  = validateCC
	CCSchema    = ccManifestXSD
	WebLinkXSD  = ccWebLinkXSD
	WebLinkFile = webLinkFile
)

// MoodleReading reads a cartridge as Moodle's CC 1.1 converter does (see
// readAsMoodle) and returns its sections, its number of pages, the links
// the import would leave dead and the pages that lose their styles.
func MoodleReading(t *testing.T, files map[string][]byte) (sections []moodleSection, pages int, dead, unstyled []string) {
	c := readAsMoodle(t, files)
	return c.Sections, len(c.Pages), c.deadLinks(), c.unstyled()
}

// Cmi5Verbs launches the AU at launch of an unzipped cmi5 package with an
// LRS stub (see runCmi5), opening its levels, and returns the verbs the
// stub received, in order, and what it found wrong.
func Cmi5Verbs(t *testing.T, files map[string][]byte, launch, activity string, levels int) (verbs, problems []string) {
	lrs := runCmi5(t, files, launch, activity, levels)
	lrs.mu.Lock()
	defer lrs.mu.Unlock()
	return lrs.verbsLocked(), lrs.problems
}
