//go:build !linux

package filetest

import "testing"

// Watch needs Linux's inotify; elsewhere the test is skipped.
func Watch(t testing.TB, dir string) (stop func() []string) {
	t.Skip("watching files appear needs Linux")
	return nil
}
