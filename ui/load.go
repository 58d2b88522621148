package ui

import (
	"context"
	"runtime/debug"

	"fyne.io/fyne/v2"

	"solemate/model"
)

// loader is what loading needs of the shell: the store to read, a way off
// the UI goroutine and a way to tell the user what failed. A widget that
// only loads takes it (loads) rather than the whole shell.
type loader struct {
	store *model.Store // nil while Run is still opening the database
	// bg runs work off the UI goroutine; tests make it synchronous.
	bg func(func())
	// fail tells the user what failed.
	fail func(what string, err error)
}

func (l *loader) loads() *loader { return l }

// loads is anything holding a loader: the shell, or a widget given one.
type loads interface{ loads() *loader }

// line is a line of loads where only the newest counts, as when each
// keystroke in a filter starts one: a load cancels the one before it, and
// the result of a load a newer one overtook is dropped.
type line struct{ cancel context.CancelFunc }

// stop cancels the load in progress on l, if any: its result is dropped.
func (l *line) stop() {
	if l.cancel != nil {
		l.cancel()
	}
}

// loading marks the context of a load, so a test can tell the reads the
// loader makes from any a screen makes on the UI goroutine.
type loading struct{}

// fetch is the one way a screen reads the store: get runs off the UI
// goroutine on a store whose queries stop when the load is cancelled, and
// show gets its result on the UI goroutine, or the user is told what
// failed. On line l a load overtakes the one before it; nil is a line of
// its own.
func fetch[T any](from loads, l *line, failure string, get func(*model.Store) (T, error), show func(T)) {
	ld := from.loads()
	fetchOr(ld, l, get, show, func(err error) { ld.fail(failure, err) })
}

// fetchOr is fetch telling failures to fail rather than to the user.
func fetchOr[T any](from loads, l *line, get func(*model.Store) (T, error), show func(T), fail func(error)) {
	ld := from.loads()
	if l == nil {
		l = &line{}
	}
	l.stop()
	ctx, cancel := context.WithCancel(context.WithValue(context.Background(), loading{}, true))
	l.cancel = cancel
	st := ld.store.WithContext(ctx)
	ld.bg(func() {
		v, err := get(st)
		fyne.Do(func() {
			switch {
			case ctx.Err() != nil: // overtaken
			case err != nil:
				fail(err)
			default:
				show(v)
			}
		})
	})
}

// bigLoad is how many rows make a load big enough to give its garbage back
// to the system at once (releaseAfterLoad).
const bigLoad = 10000

// releaseAfterLoad gives memory back to the system after a load of n rows,
// off the UI goroutine, when n is big: reading rows through the model makes
// several times their size in garbage, which the runtime would otherwise
// keep resident for minutes.
func releaseAfterLoad(n int) {
	if n >= bigLoad {
		debug.FreeOSMemory()
	}
}
