//go:build !(darwin || dragonfly || freebsd || linux || netbsd || openbsd || solaris)

package publish

import "io"

// lockDir does nothing where flock is not available; Open then treats every
// staging folder left beside the output as a killed build's.
func lockDir(string) io.Closer { return nil }

// inUse always reports false where flock is not available.
func inUse(string) bool { return false }
