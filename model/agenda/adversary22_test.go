package agenda_test

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"solemate/model"
	"solemate/model/agenda"
	"solemate/model/export"
	"solemate/model/storetest"
)

// Adversary of issue 22: agenda and history files.

// addedOrRefused imports file and fails unless it was refused with a line
// or every one of want landed on the agenda under its heading.
func addedOrRefused(t *testing.T, file string, want map[string]model.Heading) {
	t.Helper()
	s, p := fixture(t)
	_, err := agenda.Import(s, []byte(file), p.ID)
	var e *agenda.Error
	if errors.As(err, &e) && e.Line > 0 {
		return
	}
	if err != nil {
		t.Fatalf("refused without a line: %v", err)
	}
	got := map[string]model.Heading{}
	for _, it := range agendaOf(t, s, p.ID) {
		got[it.Text] = it.Heading
	}
	for text, h := range want {
		if g, ok := got[text]; !ok {
			t.Errorf("the report wrote %q under %s; the import said nothing and it is not on the agenda (%v)", text, h, got)
		} else if g != h {
			t.Errorf("the report wrote %q under %s; it landed under %s", text, h, g)
		}
	}
}

// "- [Urgent]: promotion" is, to CommonMark, a link reference definition:
// goldmark's paragraph transformer swallows it and the report's item
// disappears without a word, while the rest of the file is imported.
func TestAdv22LinkReferenceItemVanishes(t *testing.T) {
	s, p := fixture(t)
	base := exported(t, s, p.ID)
	addedOrRefused(t, fill(base, map[string]string{"Obstacles": "- [Urgent]: promotion\n- The rota"}),
		map[string]model.Heading{"[Urgent]: promotion": model.HeadingObstacles, "The rota": model.HeadingObstacles})
}

// An item followed by a line of "=" is a setext level-1 heading, which
// agendaItems skips: the item vanishes without a word.
func TestAdv22SetextItemVanishes(t *testing.T) {
	s, p := fixture(t)
	base := exported(t, s, p.ID)
	addedOrRefused(t, fill(base, map[string]string{"Obstacles": "Pay rise\n===\n\n- The rota"}),
		map[string]model.Heading{"Pay rise": model.HeadingObstacles, "The rota": model.HeadingObstacles})
}

// "Any heading level may name one of the four" (df9b863), but a level-1
// heading is skipped before it is read: what follows "# Obstacles" lands
// under the heading before it.
func TestAdv22LevelOneHeadingFilesItemsUnderTheWrongHeading(t *testing.T) {
	s, p := fixture(t)
	base := exported(t, s, p.ID)
	addedOrRefused(t, fill(base, map[string]string{"Meaningful progress": "- Closed the backlog\n\n# Obstacles\n\n- My manager shouts"}),
		map[string]model.Heading{"Closed the backlog": model.HeadingProgress, "My manager shouts": model.HeadingObstacles})
}

// Two markers naming two people are refused only when they stand in two
// HTML blocks: two on one line, or in one comment, are read as the first.
func TestAdv22TwoMarkersInOneBlockAccepted(t *testing.T) {
	s, p := fixture(t)
	zed := storetest.AddPerson(t, s, "Yan Third")
	base := exported(t, s, p.ID)
	marker := base[:strings.Index(base, "\n")]
	filled := fill(base, map[string]string{"Obstacles": "- For whom?"})
	for name, m := range map[string]string{
		"one line":    fmt.Sprintf("<!-- solemate-agenda person: %d --><!-- solemate-agenda person: %d -->", p.ID, zed.ID),
		"one comment": fmt.Sprintf("<!-- solemate-agenda person: %d\nsolemate-agenda person: %d -->", p.ID, zed.ID),
	} {
		s, p := fixture(t)
		_, err := agenda.Import(s, []byte(strings.Replace(filled, marker, m, 1)), 0)
		var e *agenda.Error
		if !errors.As(err, &e) || !strings.Contains(e.Reason, "more than one person") {
			t.Errorf("%s: a file naming persons %d and %d was imported (%v) into %d's agenda; it should be refused as naming more than one person", name, p.ID, zed.ID, err, p.ID)
		}
	}
}

// 1 MB of link reference definitions (under MaxFileSize) keeps goldmark
// busy for half a minute on this machine (the other hostile shapes tried
// take under 5 s): a file dropped on the window imports for that long,
// a CPU core spinning. It should be refused or read within seconds.
func TestAdv22LinkReferenceFloodHangs(t *testing.T) {
	s, p := fixture(t)
	file := fill(exported(t, s, p.ID), map[string]string{"Obstacles": strings.Repeat("[a]: b\n", 140000)})
	file = file[:min(len(file), agenda.MaxFileSize)]
	done := make(chan error, 1)
	go func() { _, err := agenda.Import(s, []byte(file), p.ID); done <- err }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Errorf("importing %d KB of link reference definitions took more than 5 s (about 28 s here); refuse or read it fast", len(file)/1024)
	}
}

// historyOf imports file for Amara in a fresh store and returns her
// meetings' times.
func historyOf(t *testing.T, file string) ([]time.Time, error) {
	t.Helper()
	s := storetest.New(t)
	p := storetest.AddPerson(t, s, "Amara Okafor")
	_, err := agenda.Import(s, []byte(file), 0)
	ids, e := s.MeetingIDs(model.MeetingFilter{PersonID: p.ID})
	if e != nil {
		t.Fatal(e)
	}
	var at []time.Time
	for _, id := range ids {
		m, e := s.Meeting(id)
		if e != nil {
			t.Fatal(e)
		}
		at = append(at, m.HeldAt)
	}
	return at, err
}

// History is "one-on-ones kept elsewhere": past ones. A section dated 2099
// or year 1 is imported as a one-on-one; the 2099 one becomes the
// person's latest, so the next real meeting carries over from the future
// and the lists count their next one-on-one from 2099 (Reports() says
// next due 2099-01-08; 10000-01-07 after a 9999 section; 0001-01-08 after
// a year-1 one).
func TestAdv22HistoryFromTheFutureOrYearOne(t *testing.T) {
	for _, when := range []string{"2099-01-01", "0001-01-01", "9999-12-31 23:59"} {
		at, err := historyOf(t, "## Amara Okafor — "+when+"\n\n### Obstacles\n\n- [ ] A\n")
		if len(at) > 0 {
			t.Errorf("a history section dated %s was imported as a one-on-one held %v (err %v); refuse it with its line (not a past date a one-on-one was held on)", when, at[0], err)
		}
	}
}

// A history file has no bound but MaxFileSize: one meeting of 5,000 items
// is imported (1 MB makes 100,000 items in one meeting, 24 s here; or
// 20,000 meetings, 11 s), where an agenda file stops at 500 items.
func TestAdv22HistoryUnbounded(t *testing.T) {
	file := "## Amara Okafor — 2026-01-06\n\n### Obstacles\n\n" + strings.Repeat("- [ ] A thing to say\n", 5000)
	at, err := historyOf(t, file)
	if len(at) > 0 {
		t.Errorf("a one-on-one of 5,000 items was imported (err %v); refuse it with its line, as an agenda past %d items is", err, 500)
	}
}

// An export limited by --since writes an item carried from a meeting
// before the limit as the meeting's own ("carried over from …"). Imported
// where the full history is already, heldAlready compares it with the
// meeting's own items only, finds them different, and adds the meeting a
// second time.
func TestAdv22HistoryRecentExportDuplicatesAMeeting(t *testing.T) {
	from, _ := historyFixture(t)
	var full, recent bytes.Buffer
	for _, out := range []struct {
		b     *bytes.Buffer
		since model.Date
	}{{&full, model.Date{}}, {&recent, model.NewDate(2026, 3, 5)}} {
		if err := export.OneOnOnes(from, out.b, export.OneOnOneOptions{PersonEmail: "amara@example.com", Format: export.FormatMarkdown, IncludePrivate: true, TimeZone: time.Local, Since: out.since}); err != nil {
			t.Fatal(err)
		}
	}
	to := storetest.New(t)
	p := storetest.AddPerson(t, to, "Amara Okafor")
	if res, err := agenda.Import(to, full.Bytes(), p.ID); err != nil || res.Added != 2 {
		t.Fatalf("full history: %+v %v", res, err)
	}
	res, err := agenda.Import(to, recent.Bytes(), p.ID)
	if err != nil || res.Added != 0 {
		ids, _ := to.MeetingIDs(model.MeetingFilter{PersonID: p.ID})
		t.Errorf("the last weeks' export, imported where the full history is already, added %d (err %v): %d one-on-ones where 2 were; want nothing new", res.Added, err, len(ids))
	}
}

// A history imported, then one of its meetings edited in the app (an item
// the lead adds afterwards), then the same file imported again: the whole
// meeting is added a second time beside the edited one.
func TestAdv22HistoryAgainAfterAnEditDuplicates(t *testing.T) {
	from, _ := historyFixture(t)
	file := historyMarkdown(t, from, "amara@example.com")
	to := storetest.New(t)
	p := storetest.AddPerson(t, to, "Amara Okafor")
	if res, err := agenda.Import(to, file, p.ID); err != nil || res.Added != 2 {
		t.Fatalf("history: %+v %v", res, err)
	}
	ids, _ := to.MeetingIDs(model.MeetingFilter{PersonID: p.ID})
	m, err := to.Meeting(ids[0])
	if err != nil {
		t.Fatal(err)
	}
	storetest.Item(t, to, m.OneOnOne, model.HeadingFocus, "Added in the app afterwards")
	res, err := agenda.Import(to, file, p.ID)
	if err != nil || res.Added != 0 {
		after, _ := to.MeetingIDs(model.MeetingFilter{PersonID: p.ID})
		t.Errorf("the same history again after an edit added %d (err %v): %d one-on-ones where 2 were", res.Added, err, len(after))
	}
}
