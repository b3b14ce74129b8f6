//go:build !linux

package publish

// swap puts the folder staging in place of out and returns where the
// previous output now is ("" if there was none).
func swap(staging, out string) (string, error) {
	return swapByRenames(staging, out)
}
