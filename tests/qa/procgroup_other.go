//go:build !linux

package qa

import "os/exec"

// ownProcessGroup is a no-op where process groups are not used.
func ownProcessGroup(*exec.Cmd) {}

// killProcessGroup kills the browser process itself.
func killProcessGroup(cmd *exec.Cmd) {
	if cmd != nil && cmd.Process != nil {
		_ = cmd.Process.Kill()
	}
}
