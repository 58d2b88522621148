package model

import (
	"strings"
	"testing"
)

func hitTexts(t *testing.T, s *Store, q string, private bool) []string {
	t.Helper()
	hits, err := s.Search(q, private, 50)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, h := range hits {
		out = append(out, h.Kind.Key()+":"+h.Snippet)
	}
	return out
}

func TestSearchIndexKeepsInStep(t *testing.T) {
	s := newTestStore(t)
	p := Person{Name: "Amara Okafor", Team: "Chat"}
	if err := s.SavePerson(&p); err != nil {
		t.Fatal(err)
	}
	if got := hitTexts(t, s, "okaf", false); len(got) != 1 || got[0] != "person:Amara [Okafor] Chat" {
		t.Errorf("new person: %v", got)
	}
	p.Name = "Amara Mensah"
	if err := s.SavePerson(&p); err != nil {
		t.Fatal(err)
	}
	if got := hitTexts(t, s, "okafor", false); len(got) != 0 {
		t.Errorf("the old name is still found: %v", got)
	}
	if got := hitTexts(t, s, "MENSAH", false); len(got) != 1 {
		t.Errorf("edited name not found: %v", got)
	}

	m := mustStart(t, s, p.ID, fixedNow)
	pet := mustItem(t, s, m, HeadingProgress, "Biscuit the dog had surgery, all fine now")
	secret := mustItem(t, s, m, HeadingObstacles, "Worried about the biscuit factory closing")
	secret.Private = true
	if err := s.UpdateItem(&secret); err != nil {
		t.Fatal(err)
	}
	m.PrivateNotes, m.SharedNotes = "Biscuit again: vet bills are heavy", "Walked to the park"
	if err := s.SaveOneOnOne(&m); err != nil {
		t.Fatal(err)
	}
	if got := hitTexts(t, s, "biscuit", false); len(got) != 1 || !strings.Contains(got[0], "[Biscuit] the dog") {
		t.Errorf("without private: %v", got)
	}
	if got := hitTexts(t, s, "biscuit", true); len(got) != 3 || !strings.HasPrefix(got[2], "private:") {
		t.Errorf("with private: %v", got)
	}
	hits, _ := s.Search("park", false, 10)
	if len(hits) != 1 || hits[0].Kind != SearchNotes || hits[0].Ref != m.ID || hits[0].PersonName != "Amara Mensah" || !hits[0].At.Equal(fixedNow) {
		t.Errorf("notes hit = %+v", hits)
	}
	if err := s.DeleteItem(pet.ID); err != nil {
		t.Fatal(err)
	}
	if got := hitTexts(t, s, "dog", false); len(got) != 0 {
		t.Errorf("deleted item still found: %v", got)
	}
	if err := s.DeleteOneOnOne(m.ID); err != nil {
		t.Fatal(err)
	}
	if got := hitTexts(t, s, "biscuit", true); len(got) != 0 {
		t.Errorf("deleted meeting still found: %v", got)
	}
}

func TestSearchAcrossKinds(t *testing.T) {
	s := newTestStore(t)
	c, hires := cohortFixture(t, s)
	b, _ := s.CohortBoard(c.ID)
	h := b.Rows[0].Hire
	h.Notes = "Strong on refunds, shy on the phone"
	if err := s.SaveHire(&h); err != nil {
		t.Fatal(err)
	}
	sess := Session{PersonID: hires[1].ID, Channel: ChannelPhone, Date: NewDate(2026, 3, 3), Friction: "Refunds took three transfers"}
	if err := s.SaveSession(&sess, nil); err != nil {
		t.Fatal(err)
	}
	got := hitTexts(t, s, "refund", false)
	kinds := map[string]bool{}
	for _, g := range got {
		kinds[strings.SplitN(g, ":", 2)[0]] = true
	}
	for _, k := range []string{"shadowing", "trainer"} {
		if !kinds[k] {
			t.Errorf("refund should find a %s hit: %v", k, got)
		}
	}
	if got := hitTexts(t, s, "customer", false); len(got) == 0 || !strings.HasPrefix(got[0], "prompt:") {
		t.Errorf("prompts are searched too: %v", got)
	}
	// Grouped by kind in a fixed order.
	hits, _ := s.Search("refund", false, 50)
	for i := 1; i < len(hits); i++ {
		if hits[i].Kind < hits[i-1].Kind {
			t.Fatalf("not grouped: %v", got)
		}
	}
	pr, _ := s.Prompts(false)
	if err := s.DeletePrompt(pr[0].ID); err != nil {
		t.Fatal(err)
	}
	if hits, _ := s.Search(strings.Fields(pr[0].Text)[0]+" "+strings.Fields(pr[0].Text)[1], false, 50); len(hits) > 0 {
		for _, h := range hits {
			if h.Kind == SearchPrompt && h.Ref == pr[0].ID {
				t.Error("a deleted prompt is still found")
			}
		}
	}
	for _, q := range []string{"", "  ", "***", `"`} {
		if hits, err := s.Search(q, true, 10); err != nil || len(hits) != 0 {
			t.Errorf("query %q: %v, %v", q, hits, err)
		}
	}
	if _, err := s.Search(`refund" OR (`, true, 10); err != nil {
		t.Errorf("punctuation should not break the query: %v", err)
	}
}
