// Package qa is the quality-gate harness for ladder's test suite: it proves
// that the pages ladder writes are valid, accessible, safe and link-complete
// using checkers that ladder's authors did not write.
//
// The gates:
//
//   - ValidateHTML runs the Nu HTML Checker (vnu.jar) over many files in one JVM.
//   - CheckXML runs xmllint for well-formedness and, optionally, a schema.
//   - CheckLinksStatic parses every page under a folder in pure Go and proves
//     that each internal link ends in an existing file and fragment.
//   - Browser drives Debian's Chromium over the DevTools protocol (chromedp),
//     recording console errors, uncaught exceptions, failed loads and every
//     network request, so a test can prove that nothing leaves the machine.
//   - Axe injects axe-core and returns WCAG 2.1 A/AA violations.
//   - Keyboard tabs through a page and reports controls that cannot be
//     reached or that show no focus indicator.
//   - Browser.Crawl opens a site from file:// and follows every internal link
//     in one tab.
//
// The tools are located by Chromium, VNUJar, AxeSource and Xmllint. When a
// tool is missing the test is skipped, unless CI=true or
// LADDER_REQUIRE_TOOLS=1 is set, in which case it fails: in CI a missing
// checker must never turn a gate into a silent pass.
//
// Every problem is reported as a Finding, so that callers can print, filter
// and assert on results from all gates the same way.
//
// A typical test of a built site in dir:
//
//	qa.AssertNone(t, "links", qa.CheckLinksStatic(dir))
//	qa.AssertNone(t, "vnu", qa.ValidateHTML(t, pages))
//	res := qa.CrawlFile(t, dir, "index.html")
//	qa.AssertNone(t, "crawl", res.Problems())
//
//	b := qa.NewBrowser(t)
//	axe := qa.AxeSource(t)
//	for _, scheme := range []string{"light", "dark"} {
//		b.ColorScheme(scheme)
//		b.Open(filepath.Join(dir, "index.html"))
//		vs, err := qa.Axe(b.Context(), axe)
//		...
//		qa.AssertNone(t, "axe "+scheme, qa.AxeFindings("index.html", vs))
//	}
//	b.Open(filepath.Join(dir, "index.html"))
//	kb, err := qa.Keyboard(b.Context())
//	qa.AssertNone(t, "keyboard", kb.Findings("index.html"))
//
// Browsers started by NewBrowser block every host but loopback (through the
// --host-resolver-rules and --proxy-server switches), so a page's attempt to
// reach the network is recorded and fails at once instead of leaving the
// machine.
package qa
