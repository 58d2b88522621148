package model

import (
	"slices"
	"testing"
)

// Debrief prompts are the library's debrief ones, never a hidden or deleted
// one, in an order that differs from session to session and stays put for one.
func TestPromptsForShufflesTheFittingOnesBySeed(t *testing.T) {
	s := newTestStore(t)
	all, err := s.PromptsFor(FitDebrief, 0, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 8 {
		t.Fatalf("%d debrief prompts, want the library's 8", len(all))
	}
	for _, p := range all {
		if !slices.Contains(p.FitList(), FitDebrief) {
			t.Errorf("%q does not fit a debrief", p.Text)
		}
	}
	if err := s.SetPromptHidden(all[0].ID, true); err != nil {
		t.Fatal(err)
	}
	if err := s.DeletePrompt(all[1].ID); err != nil {
		t.Fatal(err)
	}
	ids := func(seed uint64, n int) []uint {
		ps, err := s.PromptsFor(FitDebrief, n, seed)
		if err != nil {
			t.Fatal(err)
		}
		var out []uint
		for _, p := range ps {
			out = append(out, p.ID)
		}
		return out
	}
	one := ids(1, 0)
	if len(one) != 6 || slices.Contains(one, all[0].ID) || slices.Contains(one, all[1].ID) {
		t.Errorf("hidden or deleted prompt shown: %v", one)
	}
	if !slices.Equal(ids(1, 0), one) || !slices.Equal(ids(1, 3), one[:3]) {
		t.Errorf("one session's order moved: %v then %v", one, ids(1, 0))
	}
	differ := 0
	for seed := uint64(2); seed < 12; seed++ {
		if !slices.Equal(ids(seed, 3), one[:3]) {
			differ++
		}
	}
	if differ < 8 {
		t.Errorf("only %d of 10 other sessions show other prompts", differ)
	}
}
