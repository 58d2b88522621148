package model

import (
	"errors"
	"testing"
	"time"
)

// adv19c: two leads mark one follow-up asked at once (on Today, say, each
// with what they heard). AskFollowUp reads the item, sees it not asked,
// then saves: the second lead read it before the first committed, so
// their save finds another version and is refused as a conflict ("someone
// else changed this item while you were editing it") instead of
// ErrAlreadyAsked. The UI then shows an error instead of "Already asked …
// They said: …", and what the second lead was told is nowhere. (Nothing
// stored is overwritten: the version check holds that.) A trigger that
// sleeps in the first save makes the interleaving certain.
func TestAdv19cTwoLeadsAskOneFollowUpAtOnce(t *testing.T) {
	needServer(t)
	dbURL := newServerDatabase(t)
	a, b := leadStore(t, dbURL, "adv_a"), leadStore(t, dbURL, "adv_b")
	owner, err := Open(dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer owner.Close()
	p := Person{Name: "Pia Probe"}
	if err := a.SavePerson(&p); err != nil {
		t.Fatal(err)
	}
	first, err := a.StartOneOnOne(p.ID, time.Now().Add(-48*time.Hour), "")
	if err != nil {
		t.Fatal(err)
	}
	it, err := a.AddItem(first.ID, HeadingObstacles, "The move", true)
	if err != nil {
		t.Fatal(err)
	}
	it.FollowUp = NewDate(2000, 1, 1)
	if err := a.UpdateItem(&it); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`CREATE FUNCTION adv19c_slow() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(1); RETURN NEW; END $$`,
		`CREATE TRIGGER adv19c_slow BEFORE UPDATE ON one_on_one_items FOR EACH ROW WHEN (NEW.asked_note = 'from A') EXECUTE FUNCTION adv19c_slow()`,
	} {
		if err := owner.db.Exec(q).Error; err != nil {
			t.Fatal(err)
		}
	}
	done := make(chan error)
	go func() {
		_, err := a.AskFollowUp(it.ID, "from A")
		done <- err
	}()
	time.Sleep(300 * time.Millisecond) // A's save is under way, not committed
	_, errB := b.AskFollowUp(it.ID, "from B")
	if errA := <-done; errA != nil {
		t.Fatalf("A: %v", errA)
	}
	if !errors.Is(errB, ErrAlreadyAsked) {
		t.Errorf("B asking just after A: %v, want ErrAlreadyAsked", errB)
	}
}
