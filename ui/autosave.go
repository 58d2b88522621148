package ui

import (
	"sync"
	"time"

	"fyne.io/fyne/v2"
)

// autosaver collects pending saves, runs each once typing pauses, and runs
// them all at once on flush (leaving a screen, closing the window).
type autosaver struct {
	delay   time.Duration
	onError func(error)

	mu      sync.Mutex
	pending map[any]func() error
	order   []any
	timer   *time.Timer
}

func newAutosaver(delay time.Duration, onError func(error)) *autosaver {
	return &autosaver{delay: delay, onError: onError, pending: map[any]func() error{}}
}

// schedule replaces any pending save under key with save.
func (a *autosaver) schedule(key any, save func() error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if _, ok := a.pending[key]; !ok {
		a.order = append(a.order, key)
	}
	a.pending[key] = save
	if a.timer != nil {
		a.timer.Stop()
	}
	a.timer = time.AfterFunc(a.delay, func() { fyne.Do(a.flush) })
}

// flush runs every pending save now, in the order they were first scheduled.
func (a *autosaver) flush() {
	a.mu.Lock()
	saves := make([]func() error, 0, len(a.order))
	for _, k := range a.order {
		saves = append(saves, a.pending[k])
	}
	a.pending = map[any]func() error{}
	a.order = nil
	if a.timer != nil {
		a.timer.Stop()
	}
	a.mu.Unlock()
	for _, save := range saves {
		if err := save(); err != nil && a.onError != nil {
			a.onError(err)
		}
	}
}

// dirty reports whether saves are waiting.
func (a *autosaver) dirty() bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	return len(a.pending) > 0
}
