package ui

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

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
func onOldDatabase(t testing.TB, shared, private, item string) (*shell, *model.Store, uint) {
	t.Helper()
	test.NewTempApp(t)
	path := filepath.Join(t.TempDir(), model.FileName)
	store := openTestStore(t, path)
	p := model.Person{Name: "יעל כהן"}
	if err := store.SavePerson(&p); err != nil {
		t.Fatal(err)
	}
	m, err := store.StartOneOnOne(p.ID, fixedNow, model.MeetingSettingWalk)
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
// long paragraph is shown unwrapped, and a note over the limit (written
// before there was one) is shown in part, read-only, until it is shortened.
// Each case runs in about a second.
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
		{"one 19 KB paragraph", longItem, false, false},
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
			if e.shared.Text() != tc.note || e.private.Text() != private {
				t.Fatalf("the notes were cut: %d and %d of %d bytes", len(e.shared.Text()), len(e.private.Text()), len(tc.note))
			}
			if e.shared.entry.Visible() == tc.overLimit || e.shared.longView.Visible() != tc.overLimit {
				t.Errorf("editable = %v, want %v", e.shared.entry.Visible(), !tc.overLimit)
			}
			if got := e.shared.entry.Wrapping == fyne.TextWrapWord; !tc.overLimit && got != tc.wantWrapped {
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
			if err := e.flush(); err != nil {
				t.Fatalf("leaving untouched notes: %v", err)
			}

			if !tc.overLimit { // typing saves
				test.Type(e.shared.entry, "!")
				if err := e.flush(); err != nil { // as leaving does; typing alone waits for a pause
					t.Fatal(err)
				}
				if m, _ := store.Meeting(id); m.SharedNotes != e.shared.Text() || len(m.SharedNotes) != len(tc.note)+1 {
					t.Errorf("stored %d bytes, want %d", len(m.SharedNotes), len(tc.note)+1)
				}
				return
			}
			if !strings.HasPrefix(e.shared.why.Text, fmt.Sprintf("These notes are %d characters long, more than the 20000 a note holds", len([]rune(tc.note)))) {
				t.Errorf("the notes should say why they cannot be edited: %q", e.shared.why.Text)
			}
			// Shortened (both notes: a one-on-one saves whole), the notes
			// keep their first 20,000 characters and save.
			for _, n := range []*noteField{e.shared, e.private} {
				tapButton(t, n.view, "Keep the first 20000 characters…")
				tapButton(t, s.win.Canvas().Overlays().Top(), "Yes")
			}
			if err := e.flush(); err != nil {
				t.Fatal(err)
			}
			m, _ := store.Meeting(id)
			if want := string([]rune(tc.note)[:model.MaxNoteText]); m.SharedNotes != want || e.shared.Text() != want || !e.shared.entry.Visible() {
				t.Errorf("shortened to %d characters, want %d", len([]rune(m.SharedNotes)), model.MaxNoteText)
			}
			if want := string([]rune(private)[:model.MaxNoteText]); m.PrivateNotes != want {
				t.Errorf("private notes shortened to %d characters", len([]rune(m.PrivateNotes)))
			}
		})
	}
}

// A note of any length opens at once in little memory: what is laid out
// of it is bounded, whatever its size, and the whole of it is kept. A 5 MB
// note once took minutes and 11 GB to open: Fyne's entry copies the whole
// text once per line it draws.
func TestHugeNotesAreBounded(t *testing.T) {
	const most = 3 * model.MaxNoteText // both notes' previews and the rest of the editor
	for _, size := range []int{100 << 10, 5 << 20} {
		t.Run(fmt.Sprintf("%d KB", size>>10), func(t *testing.T) {
			note := paragraphs(size)
			s, store, id := onOldDatabase(t, note, note, "An item")
			s.open(s.oneOnOnes())
			s.oneOnOnes().openMeeting(id)
			e := s.oneOnOnes().editor
			if got := laidOut(s.win.Canvas().Content()); got > most {
				t.Errorf("opening laid out %d characters", got)
			}
			if e.shared.Text() != note || e.private.Text() != note {
				t.Fatal("the notes were cut")
			}
			if err := e.flush(); err != nil {
				t.Fatalf("saving a one-on-one whose notes were not touched: %v", err)
			}

			// Pasting as much into an ordinary note is refused, and says so.
			m, err := store.StartOneOnOne(s.oneOnOnes().editor.meeting.PersonID, fixedNow.Add(time.Hour), model.MeetingSettingDesk)
			if err != nil {
				t.Fatal(err)
			}
			s.oneOnOnes().openMeeting(m.ID)
			test.Type(e.shared.entry, "Before the paste.")
			clipboard := fyne.CurrentApp().Clipboard()
			clipboard.SetContent(note)
			e.shared.entry.TypedShortcut(&fyne.ShortcutPaste{Clipboard: clipboard})
			if got := laidOut(s.win.Canvas().Content()); got > most {
				t.Errorf("pasting laid out %d characters", got)
			}
			if e.shared.Text() != "Before the paste." || !markupContains(t, s, "Not added: the note would be") {
				t.Errorf("a paste over the limit should be refused with a reason: %d characters kept", len(e.shared.Text()))
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
	m, err := store.StartOneOnOne(p.ID, fixedNow, model.MeetingSettingDesk)
	if err != nil {
		t.Fatal(err)
	}
	s.open(s.oneOnOnes())
	s.oneOnOnes().openMeeting(m.ID)
	e := s.oneOnOnes().editor.shared.entry
	size := s.win.Canvas().Size()
	long := strings.Repeat(noteSentence, 300) // 19,000 characters, one paragraph
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
		{strings.Repeat(strings.Repeat("x", wrapMaxLine-1)+"\n", model.MaxNoteText/wrapMaxLine), fyne.TextWrapWord},
		{strings.Repeat("x", 100) + "\n" + strings.Repeat("x", wrapMaxLine+1), fyne.TextWrapOff},
	} {
		if got := wrapFor(tc.text); got != tc.want {
			t.Errorf("wrapFor(%d characters) = %v, want %v", len([]rune(tc.text)), got, tc.want)
		}
	}
}
