package ui

import (
	"context"
	"errors"
	"testing"

	"solemate/model"
)

// A load a newer one on its line overtook is cancelled in the store and its
// result dropped, however late it finishes: the shadowing filters showed an
// older, slower answer over a newer one.
func TestFetchNewestOnItsLineWins(t *testing.T) {
	s, _ := newTestShell(t)
	var jobs []func()
	s.bg = func(f func()) { jobs = append(jobs, f) }
	var l line
	var shown []string
	var older error
	fetch(s, &l, "load", func(st *model.Store) (string, error) {
		_, older = st.People(false)
		return "older", nil
	}, func(v string) { shown = append(shown, v) })
	fetch(s, &l, "load", func(st *model.Store) (string, error) {
		_, err := st.People(false)
		return "newer", err
	}, func(v string) { shown = append(shown, v) })
	jobs[1]() // the newer finishes first
	jobs[0]()
	if len(shown) != 1 || shown[0] != "newer" {
		t.Errorf("shown %q, want only the newer load's", shown)
	}
	if !errors.Is(older, context.Canceled) {
		t.Errorf("the overtaken load's query: %v, want it cancelled", older)
	}
}
