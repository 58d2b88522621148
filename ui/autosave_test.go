package ui

import (
	"os"
	"slices"
	"syscall"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"solemate/model"
)

// fakeClock runs the timers set on it when a test moves it on, in time
// order: autosave's tests wait for nothing and time nothing.
type fakeClock struct {
	now    time.Duration
	timers []*fakeTimer
}

type fakeTimer struct {
	at   time.Duration
	f    func()
	done bool // run or stopped
}

func (t *fakeTimer) Stop() bool {
	was := !t.done
	t.done = true
	return was
}

func (c *fakeClock) after(d time.Duration, f func()) timer {
	t := &fakeTimer{at: c.now + d, f: f}
	c.timers = append(c.timers, t)
	return t
}

// advance moves the clock on to at, running each timer due on the way.
func (c *fakeClock) advance(at time.Duration) {
	for {
		var next *fakeTimer
		for _, t := range c.timers {
			if !t.done && t.at <= at && (next == nil || t.at < next.at) {
				next = t
			}
		}
		if next == nil {
			break
		}
		c.now = next.at
		next.done = true
		next.f()
	}
	c.now = at
}

// every is the times from 0 to end, step apart.
func every(step, end time.Duration) []time.Duration {
	var out []time.Duration
	for at := time.Duration(0); at <= end; at += step {
		out = append(out, at)
	}
	return out
}

// Typing is saved once it pauses, and however fast one types, never later
// than saveWithin after the first keystroke not yet saved: a crash loses at
// most that much.
func TestAutosaveWaitsAtMostSaveWithin(t *testing.T) {
	test.NewTempApp(t)
	ms := time.Millisecond
	type save struct {
		at   time.Duration
		upTo int // the last key saved
	}
	for _, tc := range []struct {
		name      string
		keys      []time.Duration // when each key is typed
		wantSaves int
	}{
		{"one key", []time.Duration{0}, 1},
		{"a word, a pause, a word", []time.Duration{0, 100 * ms, 200 * ms, 1000 * ms, 1100 * ms}, 2},
		{"nine seconds without a pause", every(100*ms, 9000*ms), 7},
		{"a key just before each pause would end", every(590*ms, 9000*ms), 6},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := &fakeClock{}
			a := newAutosaver(c.after, nil)
			var saves []save
			for i, at := range tc.keys {
				c.advance(at)
				a.schedule("note", func() error {
					saves = append(saves, save{c.now, i})
					return nil
				})
			}
			c.advance(c.now + time.Minute)
			if len(saves) != tc.wantSaves || saves[len(saves)-1].upTo != len(tc.keys)-1 {
				t.Errorf("%d saves, the last up to key %d; want %d, up to key %d", len(saves), saves[len(saves)-1].upTo, tc.wantSaves, len(tc.keys)-1)
			}
			for i, at := range tc.keys {
				for _, s := range saves {
					if s.upTo >= i {
						if s.at-at > saveWithin {
							t.Errorf("the key typed at %v was saved at %v", at, s.at)
						}
						break
					}
				}
			}
		})
	}
}

// Notes typed without a pause are in the database at most saveWithin after
// each key, as the one-on-one editor saves them.
func TestEditorSavesTypingWithoutAPause(t *testing.T) {
	c := &fakeClock{}
	_, store, o := startWithOverdue(t, false, c.after)
	text := []rune("Walked to the park; talked through the new rota and the refund macro.")
	const step = 100 * time.Millisecond
	for i, r := range text {
		c.advance(time.Duration(i) * step)
		test.Type(o.editor.shared.entry, string(r))
		m, err := store.Meeting(o.editor.meeting.ID)
		if err != nil {
			t.Fatal(err)
		}
		stored := []rune(m.SharedNotes)
		if due := i - int(saveWithin/step); len(stored) <= due || string(stored) != string(text[:len(stored)]) {
			t.Fatalf("at %v: %d of %d keys stored, want at least %d", c.now, len(stored), i+1, due+1)
		}
	}
}

// A signal (a logout, kill, Ctrl+C) ends the app, which then saves what
// closing the window saves: typing waiting for its save, and what was
// typed in meeting mode but not yet added.
func TestSignalsSaveTypingAndQuit(t *testing.T) {
	for _, sig := range []os.Signal{syscall.SIGTERM, syscall.SIGINT, syscall.SIGHUP} {
		t.Run(sig.String(), func(t *testing.T) {
			// autosave's timers never fire by themselves
			s, store, o := startWithOverdue(t, false, (&fakeClock{}).after)
			id := o.editor.meeting.ID
			test.Type(o.editor.shared.entry, "Walked to the park.")
			mm := openMeetingMode(s, id, func() {})
			mm.begin()
			mm.setHeading(model.HeadingFocus)
			test.Type(mm.adder, "Typed in meeting mode")

			signals := make(chan os.Signal, 1)
			quit := make(chan struct{})
			quitOn(signals, func() { close(quit) })
			signals <- sig
			<-quit
			s.saveOnQuit() // as Run does once the app has stopped
			m, err := store.Meeting(id)
			if err != nil {
				t.Fatal(err)
			}
			if m.SharedNotes != "Walked to the park." {
				t.Errorf("shared notes after %v: %q", sig, m.SharedNotes)
			}
			if it := itemsByText(t, store, id)["Typed in meeting mode"]; it == nil || it.Heading != model.HeadingFocus {
				t.Errorf("meeting mode's typing was lost")
			}
		})
	}
}

// What is typed into an add box is kept like other typing, within
// saveWithin, before Enter: a crash loses no more of it. It stays out of
// the list until Enter, and emptying the box takes it back.
func TestAddBoxTypingIsSavedBeforeEnter(t *testing.T) {
	c := &fakeClock{}
	_, store, o := startWithOverdue(t, false, c.after)
	e := o.editor
	add := e.adders[model.HeadingObstacles]
	stored := func() []string {
		t.Helper()
		m, err := store.Meeting(e.meeting.ID)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, it := range m.Items {
			if it.Heading == model.HeadingObstacles && !it.Carried {
				out = append(out, it.Text)
			}
		}
		return out
	}
	listed := len(e.items[model.HeadingObstacles])
	test.Type(add, "Headset crackles")
	c.advance(saveWithin)
	if got := stored(); !slices.Equal(got, []string{"Headset crackles"}) {
		t.Fatalf("after %v of typing the store holds %q", saveWithin, got)
	}
	test.Type(add, " on long calls")
	c.advance(2 * saveWithin)
	if got := stored(); !slices.Equal(got, []string{"Headset crackles on long calls"}) {
		t.Fatalf("more typing: the store holds %q", got)
	}
	if len(e.items[model.HeadingObstacles]) != listed {
		t.Error("a draft is listed before Enter")
	}
	add.OnSubmitted(add.Text)
	if got := stored(); !slices.Equal(got, []string{"Headset crackles on long calls"}) || add.Text != "" || len(e.items[model.HeadingObstacles]) != listed+1 {
		t.Errorf("Enter: store %q, box %q, %d listed", got, add.Text, len(e.items[model.HeadingObstacles]))
	}
	test.Type(add, "Second thought")
	c.advance(saveWithin)
	add.SetText("")
	c.advance(saveWithin)
	if got := stored(); len(got) != 1 {
		t.Errorf("an emptied box left %q", got)
	}
}
