package ui

import (
	"errors"
	"slices"
	"sync"
	"time"

	"fyne.io/fyne/v2"
)

// autosaver collects pending saves, runs each once typing pauses, and runs
// them all at once on flush (leaving a screen, closing the window).
type autosaver struct {
	delay time.Duration
	// onTimed hears how each flush run by the timer went (nil: all saved).
	onTimed func(error)

	mu      sync.Mutex
	pending map[any]func() error
	order   []any
	timer   *time.Timer
}

func newAutosaver(delay time.Duration, onTimed func(error)) *autosaver {
	return &autosaver{delay: delay, onTimed: onTimed, pending: map[any]func() error{}}
}

// schedule replaces any pending save under key with save.
func (a *autosaver) schedule(key any, save func() error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.put(key, save)
	if a.timer != nil {
		a.timer.Stop()
	}
	a.timer = time.AfterFunc(a.delay, func() {
		fyne.Do(func() {
			if err := a.flush(); a.onTimed != nil {
				a.onTimed(err)
			}
		})
	})
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
	if a.timer != nil {
		a.timer.Stop()
	}
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
	if a.timer != nil {
		a.timer.Stop()
	}
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
