//go:build linux

package qa

import (
	"os/exec"
	"syscall"
)

// ownProcessGroup starts cmd in a new process group that dies with the test
// process, so that killProcessGroup can end Chromium and all its helpers.
func ownProcessGroup(cmd *exec.Cmd) {
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = new(syscall.SysProcAttr)
	}
	cmd.SysProcAttr.Setpgid = true
	cmd.SysProcAttr.Pdeathsig = syscall.SIGKILL
}

// killProcessGroup sends SIGKILL to every process left in cmd's group.
func killProcessGroup(cmd *exec.Cmd) {
	if cmd != nil && cmd.Process != nil {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}
