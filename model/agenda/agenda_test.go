package agenda_test

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"solemate/model"
	"solemate/model/agenda"
	"solemate/model/storetest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// fixture is Priya, met on 3 March: an open obstacle and a private one
// carry over, and one item already waits on her agenda.
func fixture(t *testing.T) (*model.Store, model.Person) {
	t.Helper()
	s := storetest.New(t)
	p := model.Person{Name: "Priya Natarajan", Email: "priya@example.com"}
	if err := s.SavePerson(&p); err != nil {
		t.Fatal(err)
	}
	storetest.AddPerson(t, s, "Zed Other")
	m := storetest.Start(t, s, p.ID, time.Date(2026, 3, 3, 10, 0, 0, 0, time.UTC))
	storetest.Item(t, s, m, model.HeadingFocus, "Shadow the returns desk")
	storetest.Item(t, s, m, model.HeadingObstacles, "The label printer *jams*")
	secret := storetest.Item(t, s, m, model.HeadingObstacles, "Dad in hospital")
	secret.NonWork, secret.Private = true, true
	if err := s.UpdateItem(&secret); err != nil {
		t.Fatal(err)
	}
	m.SharedNotes = "Agreed to try the new macro for a week.\nPriya leads Monday's huddle."
	if err := s.SaveOneOnOne(&m); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveAction(&model.Action{PersonID: p.ID, OneOnOneID: &m.ID, Text: "Send IT the printer's serial", Due: model.NewDate(2026, 3, 6)}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddToAgenda(p.ID, []model.AgendaItem{{Heading: model.HeadingFocus, Text: "Learn the returns desk"}}); err != nil {
		t.Fatal(err)
	}
	return s, p
}

// The file shows what was agreed last time and takes the report's rating
// ahead; its first line must not name two people. Before, the rating had
// no place, and an email edited to someone else's moved the agenda to them.
func TestRatingAgreedAndWhoseFile(t *testing.T) {
	s, p := fixture(t)
	file := exported(t, s, p.ID)
	for _, want := range []string{"## Agreed last time", "> Agreed to try the new macro for a week.", "- You: Send IT the printer's serial (by Fri 6 Mar)", "Your rating (1–5): \n"} {
		if !strings.Contains(file, want) {
			t.Errorf("the agenda lacks %q", want)
		}
	}
	rated := strings.Replace(file, "Your rating (1–5): \n", "Your rating (1–5): 4\n", 1)
	res, err := agenda.Import(s, []byte(rated), p.ID)
	if err != nil || res.Pulse != 4 {
		t.Fatalf("rated file: %+v, %v", res, err)
	}
	if a, _ := s.Agenda(p.ID); a.Pulse != 4 || len(a.Items) != 1 {
		t.Errorf("after a rated file the agenda is %+v", a)
	}
	bad := strings.Replace(file, "Your rating (1–5): \n", "Your rating (1–5): 9\n", 1)
	var e *agenda.Error
	if _, err := agenda.Import(s, []byte(bad), p.ID); !errors.As(err, &e) || !strings.Contains(e.Reason, "from 1 to 5") {
		t.Errorf("a rating of 9: %v", err)
	}
	tom := model.Person{Name: "Tom Becker", Email: "tom@example.com"}
	if err := s.SavePerson(&tom); err != nil {
		t.Fatal(err)
	}
	forged := strings.Replace(rated, "email: priya@example.com", "email: tom@example.com", 1)
	forged = strings.Replace(forged, "## Obstacles\n", "## Obstacles\n\n- Forged item\n", 1)
	if _, err := agenda.Import(s, []byte(forged), 0); !errors.As(err, &e) || e.Line != 1 {
		t.Errorf("a file naming Priya's ID and Tom's email: %v", err)
	}
	if a, _ := s.Agenda(tom.ID); len(a.Items) != 0 {
		t.Errorf("the forged file put %d items on Tom's agenda", len(a.Items))
	}
}

func exported(t *testing.T, s *model.Store, id uint) string {
	t.Helper()
	var b bytes.Buffer
	if err := agenda.Export(s, id, &b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestExportGolden(t *testing.T) {
	s, p := fixture(t)
	got := exported(t, s, p.ID)
	path := filepath.Join("testdata", "agenda.md")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("export differs from %s (run with -update to accept):\n%s", path, got)
	}
	if strings.Contains(got, "hospital") {
		t.Error("a private item carried over is in the file")
	}
}

// fill is what a report does in an editor: write under the empty lines.
func fill(file string, under map[string]string) string {
	for heading, items := range under {
		file = strings.Replace(file, "## "+heading+"\n", "## "+heading+"\n\n"+items+"\n", 1)
	}
	return file
}

func agendaOf(t *testing.T, s *model.Store, id uint) []model.AgendaItem {
	t.Helper()
	a, err := s.Agenda(id)
	if err != nil {
		t.Fatal(err)
	}
	return a.Items
}

func TestRoundTrip(t *testing.T) {
	s, p := fixture(t)
	file := fill(exported(t, s, p.ID), map[string]string{
		"Meaningful progress": "- [x] Closed the refund backlog\n- Helped Sam <script>alert(1)</script> & co",
		"Obstacles":           "- The chat tool logs me out\n  - every hour or so",
		"Outside work":        "- Moving house next month",
	})
	file = strings.Replace(file, "## Organizational pulse\n", "## Organizational pulse\n\nThe new rota feels fairer (outside work)\n", 1)
	res, err := agenda.Import(s, []byte(file), 0)
	if err != nil {
		t.Fatalf("import: %v\n%s", err, file)
	}
	if res.Added != 6 || res.Already != 1 || res.Person.ID != p.ID {
		t.Errorf("result %+v", res)
	}
	if got, want := res.String(), "Added 6 items to Priya Natarajan's next one-on-one; 1 was already there."; got != want {
		t.Errorf("said %q, want %q", got, want)
	}
	want := map[string]model.AgendaItem{
		"Closed the refund backlog":                 {Heading: model.HeadingProgress},
		"Helped Sam <script>alert(1)</script> & co": {Heading: model.HeadingProgress},
		"The chat tool logs me out":                 {Heading: model.HeadingObstacles},
		"every hour or so":                          {Heading: model.HeadingObstacles},
		"Moving house next month":                   {Heading: model.HeadingProgress, NonWork: true},
		"Learn the returns desk":                    {Heading: model.HeadingFocus},
		"The new rota feels fairer":                 {Heading: model.HeadingPulse, NonWork: true},
	}
	items := agendaOf(t, s, p.ID)
	if len(items) != len(want) {
		t.Fatalf("agenda holds %d items, want %d: %+v", len(items), len(want), items)
	}
	for _, it := range items {
		w, ok := want[it.Text]
		if !ok || w.Heading != it.Heading || w.NonWork != it.NonWork {
			t.Errorf("item %q under %s (outside work %t) not expected", it.Text, it.Heading, it.NonWork)
		}
	}
	// The same file again adds nothing; so does the re-exported agenda.
	if res, err := agenda.Import(s, []byte(file), p.ID); err != nil || res.Added != 0 {
		t.Errorf("second import: %+v, %v", res, err)
	}
	if res, err := agenda.Import(s, []byte(exported(t, s, p.ID)), 0); err != nil || res.Added != 0 || res.Already != 7 {
		t.Errorf("re-exported agenda: %+v, %v", res, err)
	}
	// A file from another copy of the database, where Priya has another
	// ID, finds her by email; what she wrote again of what carries over
	// counts as there already.
	moved := strings.Replace(file, "person: 1 ", "person: 7 ", 1)
	moved = strings.Replace(moved, "## Obstacles\n", "## Obstacles\n\n- the label printer *jams*\n", 1)
	if res, err := agenda.Import(s, []byte(moved), 0); err != nil || res.Added != 0 || res.Already != 8 {
		t.Errorf("moved file: %+v, %v", res, err)
	}
	// The meeting takes the items in, marked as the report's.
	if theirs := theirItems(t, s, storetest.Start(t, s, p.ID, storetest.FixedNow)); theirs != 7 {
		t.Errorf("the meeting holds %d of the report's items, want 7", theirs)
	}
}

func TestEditedFilesAccepted(t *testing.T) {
	s, p := fixture(t)
	base := exported(t, s, p.ID)
	tests := []struct {
		name string
		file string
		want int
	}{
		{"reordered", strings.Replace(fill(base, map[string]string{"Obstacles": "- A"}), "## Meaningful progress", "## Obstacles\n\n- B\n\n## Meaningful progress", 1), 2},
		{"duplicated lines", fill(base, map[string]string{"Obstacles": "- A\n- A\n-   a  "}), 1},
		{"heading repeated", base + "\n## Obstacles\n\n- A\n\n## OBSTACLES:\n\n- B\n", 2},
		{"extra blank lines", fill(base, map[string]string{"Focus for next week": "\n\n\n- A\n\n\n\n- B\n\n"}), 2},
		{"CRLF and a BOM", "\uFEFF" + strings.ReplaceAll(fill(base, map[string]string{"Obstacles": "- A"}), "\n", "\r\n"), 1},
		{"headings in other case", strings.ReplaceAll(fill(base, map[string]string{"Obstacles": "- A"}), "## Obstacles", "## obstacles"), 1},
		{"sub-headings", fill(base, map[string]string{"Obstacles": "### Work\n\n- A\n\n### Focus for next week\n\n- B\n\n### Personal\n\n- C"}), 3},
		{"ordered list and task boxes", fill(base, map[string]string{"Obstacles": "1. [ ] A\n2. [x] B"}), 2},
		{"deep nesting", fill(base, map[string]string{"Obstacles": "- A\n  - B\n    - C\n      - D"}), 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, p := fixture(t)
			res, err := agenda.Import(s, []byte(tt.file), p.ID)
			if err != nil || res.Added != tt.want {
				t.Errorf("added %+v, %v; want %d", res, err, tt.want)
			}
		})
	}
}

func TestHostileFilesRefused(t *testing.T) {
	s, p := fixture(t)
	base := exported(t, s, p.ID)
	zed, err := s.FindMe("Zed Other")
	if err != nil {
		t.Fatal(err)
	}
	deep := "- x\n"
	for i := 1; i < 20; i++ {
		deep += strings.Repeat("  ", i) + "- x\n"
	}
	tests := []struct {
		name, file string
		expect     uint
		line       int
		reason     string
	}{
		{"someone else's", base, zed.ID, 1, "this agenda is Priya Natarajan's, not Zed Other's"},
		{"not on the roster", strings.Replace(base, "person: 1 email: priya@example.com", "person: 99", 1), 0, 1, "not on the roster"},
		{"unknown email", strings.Replace(base, "priya@example.com", "priya@elsewhere.example", 1), 0, 1, "not on the roster here (priya@elsewhere.example)"},
		{"no marker", base[strings.Index(base, "\n")+1:], 0, 1, "does not say whose agenda"},
		{"no headings", "<!-- solemate-agenda person: 1 -->\n\nJust some thoughts.\n", 0, 0, "none of the four headings"},
		{"unknown heading", fill(base, map[string]string{"Obstacles": "- A"}) + "\n## Gossip\n\n- B\n", 0, 70, `"Gossip" is not one of the four headings`},
		{"too big", base + strings.Repeat("- a long line of words\n", 5<<20/23), 0, 0, "at most 1024 KB"},
		{"NUL bytes", fill(base, map[string]string{"Obstacles": "- A\x00B"}), 0, 37, "binary data"},
		{"item too long", fill(base, map[string]string{"Obstacles": "- " + strings.Repeat("word ", 500)}), 0, 37, "under 2000 characters"},
		{"indented far", fill(base, map[string]string{"Obstacles": "- A\n" + strings.Repeat(" ", 5000) + "B"}), 0, 38, "more than 8 deep"},
		{"too deep", fill(base, map[string]string{"Obstacles": deep}), 0, 45, "more than 8 deep"},
		{"quotes in quotes", fill(base, map[string]string{"Obstacles": strings.Repeat(">", 200000) + " x"}), 0, 37, "more than 8 deep"},
		{"control character", fill(base, map[string]string{"Obstacles": "- fine\n- the bell\x1b[31m rings"}), 0, 38, "control character (U+001B)"},
		{"code block", fill(base, map[string]string{"Obstacles": "```\nrm -rf /\n```"}), 0, 38, "write items as a list"},
		{"item before any heading", strings.Replace(base, "# Agenda", "- sneaky\n\n# Agenda", 1), 0, 3, "under one of the four headings"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := agenda.Import(s, []byte(tt.file), tt.expect)
			var e *agenda.Error
			if !errors.As(err, &e) || e.Line != tt.line || !strings.Contains(e.Reason, tt.reason) {
				t.Errorf("got %v (%#v), want line %d: …%s…", err, e, tt.line, tt.reason)
			}
			if items := agendaOf(t, s, p.ID); len(items) != 1 {
				t.Errorf("a refused file wrote: %+v", items)
			}
		})
	}
}

// theirItems counts the items of meeting o the report added.
func theirItems(t *testing.T, s *model.Store, o model.OneOnOne) int {
	t.Helper()
	m, err := s.Meeting(o.ID)
	if err != nil {
		t.Fatal(err)
	}
	theirs := 0
	for _, it := range m.Items {
		if it.ByReport {
			theirs++
		}
	}
	return theirs
}
