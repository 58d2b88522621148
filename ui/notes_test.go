package ui

import (
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"solemate/model"
)

// sentence mixes accents, emoji and right-to-left text, as notes do.
const noteSentence = "Talked through the week: détails, 😊 and محمد الفارسي joined. "

// paragraphs is about size bytes of paragraphs of 80 to 400 characters.
func paragraphs(size int) string {
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		b.WriteString(strings.Repeat(noteSentence, 2+i%6)) // 2–7 sentences
		b.WriteString("\n")
	}
	return b.String()
}

// onOldDatabase opens a shell on a database holding one one-on-one whose
// notes were written straight into the file, as a Solemate from before the
// notes limit could have; item is one of its items.
func onOldDatabase(t *testing.T, shared, private, item string) (*shell, *model.Store, uint) {
	t.Helper()
	test.NewTempApp(t)
	path := filepath.Join(t.TempDir(), model.FileName)
	store := openTestStore(t, path)
	p := model.Person{Name: "יעל כהן"}
	if err := store.SavePerson(&p); err != nil {
		t.Fatal(err)
	}
	m, err := store.StartOneOnOne(p.ID, fixedNow, model.SettingWalk)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.AddItem(m.ID, model.HeadingProgress, item, false); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite3", model.DSN(path))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("UPDATE one_on_ones SET shared_notes = ? WHERE id = ?", shared, m.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("INSERT INTO private_notes (one_on_one_id, text) VALUES (?, ?)", m.ID, private); err != nil {
		t.Fatal(err)
	}
	return newTestShellOn(t, test.NewTempWindow(t, nil), store), store, m.ID
}

// Long notes open whole in the editor and meeting mode without widening
// the window: Fyne's word wrap is quadratic in a paragraph's length, so a
// 100 KB note once took minutes to open. Each case runs in about a second.
func TestLongNotesOpenWhole(t *testing.T) {
	longItem := strings.Repeat("An item pasted from a long chat. ", 590) + "The end." // 19,478 characters, one paragraph
	for _, tc := range []struct {
		name        string
		note        string
		overLimit   bool
		wantWrapped bool
	}{
		{"empty", "", false, true},
		{"ordinary paragraphs", paragraphs(4000), false, true},
		{"100 KB of paragraphs", paragraphs(100 << 10), true, false},
		{"one 100 KB paragraph", strings.Repeat(noteSentence, (100<<10)/len(noteSentence)), true, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			private := strings.ToUpper(tc.note)
			s, store, id := onOldDatabase(t, tc.note, private, longItem)
			s.open(s.oneOnOnes())
			size := s.win.Canvas().Size()
			s.oneOnOnes().openMeeting(id)
			e := s.oneOnOnes().editor
			if e.shared.Text != tc.note || e.private.Text != private {
				t.Fatalf("the notes were cut: %d and %d of %d bytes", len(e.shared.Text), len(e.private.Text), len(tc.note))
			}
			if got := e.shared.Wrapping == fyne.TextWrapWord; got != tc.wantWrapped {
				t.Errorf("wrapped = %v, want %v", got, tc.wantWrapped)
			}
			if got := s.win.Canvas().Size(); got != size {
				t.Errorf("the note resized the window from %v to %v", size, got)
			}
			_ = test.RenderToMarkup(s.win.Canvas()) // renders without panicking

			mm := openMeetingMode(s, id, func() {})
			mm.win.Resize(fyne.NewSize(1280, 800)) // a screen; short text needs less
			mmSize := mm.win.Canvas().Size()
			mm.begin()
			if got := mm.win.Canvas().Size(); got != mmSize {
				t.Errorf("meeting mode grew from %v to %v", mmSize, got)
			}
			if !markupContainsCanvas(mm.win.Canvas(), "An item pasted from a long chat") {
				t.Error("meeting mode should show the start of the long item")
			}
			mm.win.Close()
			if m, _ := store.Meeting(id); m.SharedNotes != tc.note || len(m.Items) != 1 || m.Items[0].Text != longItem {
				t.Error("opening changed what is stored")
			}

			// Typing into the notes saves them, or says why it cannot: an
			// older note over the limit is kept until it is shortened.
			test.Type(e.shared, "!")
			err := e.flush() // as leaving does; typing alone waits for a pause
			if tc.overLimit != model.IsValidation(err) || tc.overLimit != markupContains(t, s, "shorten the shared notes to at most 20000 characters") {
				t.Fatalf("saving after typing: %v", err)
			}
			m, _ := store.Meeting(id)
			if tc.overLimit {
				if m.SharedNotes != tc.note {
					t.Error("a refused save changed the stored note")
				}
				s.oneOnOnes().openPerson(m.PersonID)
				if !markupContains(t, s, "Discard changes?") || len(e.shared.Text) != len(tc.note)+1 {
					t.Fatal("leaving with notes that cannot be saved should ask first and keep them")
				}
				s.closeDialogs()
			} else if m.SharedNotes != e.shared.Text || len(m.SharedNotes) != len(tc.note)+1 {
				t.Errorf("stored %d bytes, want %d", len(m.SharedNotes), len(tc.note)+1)
			}
		})
	}
}

// Pasting a long paragraph into notes turns wrapping off before Fyne lays
// it out, and pastes exactly what was copied where the cursor was.
func TestPastingALongParagraph(t *testing.T) {
	s, store := newTestShell(t)
	p := model.Person{Name: "Zoë Ávila"}
	if err := store.SavePerson(&p); err != nil {
		t.Fatal(err)
	}
	m, err := store.StartOneOnOne(p.ID, fixedNow, model.SettingDesk)
	if err != nil {
		t.Fatal(err)
	}
	s.open(s.oneOnOnes())
	s.oneOnOnes().openMeeting(m.ID)
	e := s.oneOnOnes().editor.shared
	size := s.win.Canvas().Size()
	long := strings.Repeat(noteSentence, 1000) // 60 KB, one paragraph
	clipboard := fyne.CurrentApp().Clipboard()
	clipboard.SetContent(long)

	test.Type(e, strings.Repeat("Before the paste, a wrapped line or two. ", 4))
	before := []rune(e.Text)
	at := e.CursorTextOffset()
	e.TypedShortcut(&fyne.ShortcutPaste{Clipboard: clipboard})
	if want := string(before[:at]) + long + string(before[at:]); e.Text != want {
		t.Fatalf("pasted %d bytes where %d were expected", len(e.Text), len(want))
	}
	if e.Wrapping != fyne.TextWrapOff {
		t.Error("a long paste should turn wrapping off")
	}

	// Select all and paste: the selection is replaced, wrapped or not.
	e.SetText("A short note.")
	e.TypedShortcut(&fyne.ShortcutSelectAll{})
	e.TypedShortcut(&fyne.ShortcutPaste{Clipboard: clipboard})
	if e.Text != long {
		t.Fatalf("pasting over a selection: got %d bytes, want %d", len(e.Text), len(long))
	}
	if got := s.win.Canvas().Size(); got != size {
		t.Errorf("the paste resized the window from %v to %v", size, got)
	}
}

func TestWrapFor(t *testing.T) {
	for _, tc := range []struct {
		text string
		want fyne.TextWrap
	}{
		{"", fyne.TextWrapWord},
		{strings.Repeat("x", wrapMaxLine), fyne.TextWrapWord},
		{strings.Repeat("x", wrapMaxLine+1), fyne.TextWrapOff},
		{strings.Repeat("😊", wrapMaxLine), fyne.TextWrapWord}, // characters, not bytes
		{strings.Repeat(strings.Repeat("x", wrapMaxLine-1)+"\n", wrapMaxText/wrapMaxLine), fyne.TextWrapWord},
		{strings.Repeat(strings.Repeat("x", 99)+"\n", wrapMaxText/100+1), fyne.TextWrapOff},
	} {
		if got := wrapFor(tc.text); got != tc.want {
			t.Errorf("wrapFor(%d characters) = %v, want %v", len([]rune(tc.text)), got, tc.want)
		}
	}
}
