package ui

import (
	"context"
	"runtime/debug"

	"fyne.io/fyne/v2"

	"solemate/model"
)

// line is a line of loads where only the newest counts, as when each
// keystroke in a filter starts one: a load cancels the one before it, and
// the result of a load a newer one overtook is dropped.
type line struct{ cancel context.CancelFunc }

// loading marks the context of a load, so a test can tell the reads the
// loader makes from any a screen makes on the UI goroutine.
type loading struct{}

// fetch is the one way a screen reads the store: get runs off the UI
// goroutine on a store whose queries stop when the load is cancelled, and
// show gets its result on the UI goroutine, or the user is told what
// failed. On line l a load overtakes the one before it; nil is a line of
// its own.
func fetch[T any](sh *shell, l *line, failure string, get func(*model.Store) (T, error), show func(T)) {
	fetchOr(sh, l, get, show, func(err error) { sh.showError(failure, err) })
}

// fetchOr is fetch telling failures to fail rather than to the user.
func fetchOr[T any](sh *shell, l *line, get func(*model.Store) (T, error), show func(T), fail func(error)) {
	if l == nil {
		l = &line{}
	}
	if l.cancel != nil {
		l.cancel()
	}
	ctx, cancel := context.WithCancel(context.WithValue(context.Background(), loading{}, true))
	l.cancel = cancel
	st := sh.store.WithContext(ctx)
	sh.bg(func() {
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
