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
package qa
