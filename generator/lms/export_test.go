package lms

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
