package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"solemate/model"
)

func prompts(s *shell) *promptsScreen { return s.prompts() }

func TestPromptsLibraryScreen(t *testing.T) {
	s, store := newTestShell(t)
	s.win.Canvas().(fyne.Shortcutable).TypedShortcut(ctrl(fyne.Key6))
	p := prompts(s)
	if len(p.shown) < 60 || p.ofTheDay.Text == "" {
		t.Fatalf("library: %d prompts, of the day %q", len(p.shown), p.ofTheDay.Text)
	}
	assertGolden(t, "prompts.xml", s.win.Canvas())

	p.theme.SetSelected(model.ThemeNewHire)
	for _, pr := range p.shown {
		if pr.Theme != model.ThemeNewHire {
			t.Fatalf("theme filter let through %q", pr.Theme)
		}
	}
	p.theme.SetSelected(allThemes)
	test.Type(p.filter, "customer")
	if len(p.shown) == 0 || len(p.shown) >= len(p.all) {
		t.Fatalf("filter customer: %d of %d", len(p.shown), len(p.all))
	}
	p.filter.SetText("")

	// Write one of our own.
	s.win.Canvas().(fyne.Shortcutable).TypedShortcut(ctrl(fyne.KeyN))
	test.Type(p.text, "What should we stop doing as a team?")
	test.Type(p.themeEntry, "Team rituals")
	if !p.flush() {
		t.Fatalf("saving a new prompt failed: %s", p.problems.Text)
	}
	mine := p.editing
	if mine.ID == 0 || mine.Theme != "Team rituals" || mine.Fits != string(model.FitDuring) {
		t.Fatalf("saved %+v", mine)
	}
	test.Tap(p.starBtn)
	if got, _ := store.Prompt(mine.ID); !got.Starred {
		t.Error("Star did not stick")
	}
	test.Tap(p.hideBtn)
	for _, pr := range p.shown {
		if pr.ID == mine.ID {
			t.Error("a hidden prompt should leave the list")
		}
	}
	test.Tap(p.deleteBtn)
	if got, _ := store.Prompt(mine.ID); !got.Deleted {
		t.Fatal("Delete did not stick")
	}
	s.undo.trigger()
	if got, _ := store.Prompt(mine.ID); got.Deleted {
		t.Error("undo should restore the prompt")
	}

	// An empty prompt is refused with a reason.
	p.newItem()
	test.Type(p.themeEntry, "x")
	if p.flush() || !strings.Contains(p.problems.Text, "write the prompt") {
		t.Errorf("empty prompt: %q", p.problems.Text)
	}
}

func TestSuggestionsInEditorAndPreparation(t *testing.T) {
	s, store := newTestShell(t)
	overdue, _, _ := teamWithHistory(t, store)
	last, _ := store.History(overdue.ID)
	if _, err := store.AddItem(last[0].ID, model.HeadingProgress, "Moving house", true); err != nil {
		t.Fatal(err)
	}
	s.open(s.oneOnOnes())
	o := oneOnOnes(s)
	o.openPerson(overdue.ID)
	o.prepare(o.page.person)
	for _, want := range []string{"Carrying over", "Refund tool times out", "Last time: Moving house — ask how it went", "Phone on silent"} {
		if !markupContains(t, s, want) {
			t.Errorf("the preparation card lacks %q", want)
		}
	}

	o.start(overdue.ID)
	panel := o.editor.prompts
	if len(panel.box.Objects) != 3 {
		t.Fatalf("%d suggestions in the editor, want 3", len(panel.box.Objects))
	}
	first, _ := store.Suggest(overdue.ID, o.editor.meeting.ID, 1)
	panel.asked(first[0].Prompt.ID)
	again, _ := store.Suggest(overdue.ID, o.editor.meeting.ID, 1)
	if again[0].Prompt.ID == first[0].Prompt.ID {
		t.Error("a prompt marked asked should rotate out")
	}
}
