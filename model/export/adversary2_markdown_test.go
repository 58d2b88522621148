package export_test

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"time"

	"solemate/model"
	"solemate/model/export"
	"solemate/model/storetest"
)

// mdEscape promises to keep "user text from being read as Markdown syntax",
// and writeNotes writes a note's lines as lines of the file. The escaper
// knows the inline syntax (\ * _ ` [ ] < > # |) but not the block syntax
// that a whole line makes: a note line "~~~" opens a fenced code block
// that runs to the end of the file (every later meeting, heading and item
// is shown as code, or hidden in a collapsed block), and a note line "==="
// or "---" under another turns the note's words into a heading of the
// export (setext headings) or a rule. Notes keep line breaks, so the store
// takes all of these from the forms. A note's line must stay the note's.
func TestMarkdownNotesMakeNoBlocksOfTheirOwn(t *testing.T) {
	blocky := regexp.MustCompile("(?m)^ {0,3}(~~~|```|=+[ \t]*$|-{3,}[ \t]*$|\\*{3,}[ \t]*$|_{3,}[ \t]*$)")
	for _, note := range []string{
		"Walked by the river.\n~~~",
		"Walked by the river.\n===",
		"Walked by the river.\n---",
	} {
		t.Run(note, func(t *testing.T) {
			s := storetest.New(t)
			p := model.Person{Name: "Amara Okafor", Email: "amara@example.com"}
			if err := s.SavePerson(&p); err != nil {
				t.Fatal(err)
			}
			m1 := storetest.Start(t, s, p.ID, time.Date(2026, 3, 3, 10, 0, 0, 0, time.UTC))
			m1.SharedNotes = note
			if err := s.SaveOneOnOne(&m1); err != nil {
				t.Fatalf("the form refuses the note: %v", err)
			}
			m2 := storetest.Start(t, s, p.ID, time.Date(2026, 3, 10, 10, 0, 0, 0, time.UTC))
			storetest.Item(t, s, m2, model.HeadingFocus, "Moving house")
			var out bytes.Buffer
			opt := export.OneOnOneOptions{Format: export.FormatMarkdown, TimeZone: time.UTC}
			if err := export.OneOnOnes(s, &out, opt); err != nil {
				t.Fatal(err)
			}
			if loc := blocky.FindStringIndex(out.String()); loc != nil {
				line := out.String()[loc[0]:]
				line, _, _ = strings.Cut(line, "\n")
				t.Errorf("the note %q writes the Markdown block line %q into the export:\n%s", note, line, out.String())
			}
		})
	}
}
