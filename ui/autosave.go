package ui

import (
	"errors"
	"slices"
	"sync"
	"time"

	"fyne.io/fyne/v2"
)

// timer is a pending call of afterFunc.
type timer interface{ Stop() bool }

// afterFunc calls f in its own goroutine after d: time.AfterFunc in the
// app (wallClock), a fake clock in tests, so they never wait or time.
type afterFunc func(d time.Duration, f func()) timer

func wallClock(d time.Duration, f func()) timer { return time.AfterFunc(d, f) }

// Typing is saved once it pauses for saveAfterPause and, however fast one
// types, at most saveWithin after the first change not yet saved, so a
// crash during steady typing loses little.
const (
	saveAfterPause = 600 * time.Millisecond
	saveWithin     = 1500 * time.Millisecond
)

// autosaver collects pending saves, runs them all once typing pauses or
// has gone on for saveWithin, and at once on flush (leaving a screen,
// closing the window).
type autosaver struct {
	after afterFunc
	// onTimed hears how each flush run by a timer went (nil: all saved).
	onTimed func(error)

	mu      sync.Mutex
	pending map[any]func() error
	order   []any
	// pause is reset by every change; due is set by the first one since
	// the last flush, and not moved.
	pause, due timer
}

func newAutosaver(after afterFunc, onTimed func(error)) *autosaver {
	return &autosaver{after: after, onTimed: onTimed, pending: map[any]func() error{}}
}

// schedule replaces any pending save under key with save.
func (a *autosaver) schedule(key any, save func() error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.put(key, save)
	if a.pause != nil {
		a.pause.Stop()
	}
	a.pause = a.after(saveAfterPause, a.timed)
	if a.due == nil {
		a.due = a.after(saveWithin, a.timed)
	}
}

// timed flushes when a timer says it is time.
func (a *autosaver) timed() {
	fyne.Do(func() {
		if err := a.flush(); a.onTimed != nil {
			a.onTimed(err)
		}
	})
}

// stopTimers stops both timers; a.mu is held.
func (a *autosaver) stopTimers() {
	for _, t := range []timer{a.pause, a.due} {
		if t != nil {
			t.Stop()
		}
	}
	a.pause, a.due = nil, nil
}

// put adds or replaces a pending save; a.mu is held.
func (a *autosaver) put(key any, save func() error) {
	if _, ok := a.pending[key]; !ok {
		a.order = append(a.order, key)
	}
	a.pending[key] = save
}

// flush runs every pending save now, in the order they were first
// scheduled, and returns what failed. A failed save stays pending, so what
// it holds is tried again rather than forgotten.
func (a *autosaver) flush() error {
	a.mu.Lock()
	keys := a.order
	saves := a.pending
	a.pending = map[any]func() error{}
	a.order = nil
	a.stopTimers()
	a.mu.Unlock()
	var errs []error
	for _, k := range keys {
		if err := saves[k](); err != nil {
			errs = append(errs, err)
			a.mu.Lock()
			if _, newer := a.pending[k]; !newer {
				a.put(k, saves[k])
			}
			a.mu.Unlock()
		}
	}
	return errors.Join(errs...)
}

// discard forgets every pending save: the user chose to drop them.
func (a *autosaver) discard() {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.pending = map[any]func() error{}
	a.order = nil
	a.stopTimers()
}

// forget drops the pending save under key, if any.
func (a *autosaver) forget(key any) {
	a.mu.Lock()
	defer a.mu.Unlock()
	delete(a.pending, key)
	a.order = slices.DeleteFunc(a.order, func(k any) bool { return k == key })
}

// dirty reports whether saves are waiting.
func (a *autosaver) dirty() bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	return len(a.pending) > 0
}
