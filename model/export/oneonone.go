package export

import (
	"fmt"
	"io"
	"strings"
	"time"

	"solemate/model"
)

// OneOnOneOptions says which one-on-ones to export and how.
type OneOnOneOptions struct {
	PersonEmail    string     // "" for everyone
	PersonID       uint       // 0 for everyone; the app's way to pick one person
	Since          model.Date // zero for all time
	Format         string     // FormatMarkdown or FormatCSV
	IncludePrivate bool
	TimeZone       *time.Location // for dates and times; nil means local
}

// OneOnOnes writes one-on-ones as CommonMark (a section per meeting: its
// items, progress as plain bullets and the rest as task-list entries, then
// its actions) or CSV (a row per item). Private items and
// private notes are left out unless asked for.
func OneOnOnes(s *model.Store, w io.Writer, opt OneOnOneOptions) error {
	if opt.Format != FormatCSV && opt.Format != FormatMarkdown {
		return fmt.Errorf("unknown format %q (use md or csv)", opt.Format)
	}
	if opt.TimeZone == nil {
		opt.TimeZone = time.Local
	}
	f := model.MeetingFilter{PersonID: opt.PersonID}
	if opt.PersonEmail != "" {
		id, err := s.PersonIDByEmail(opt.PersonEmail)
		if err != nil {
			return err
		}
		f.PersonID = id
	}
	if !opt.Since.IsZero() {
		f.Since = time.Date(opt.Since.Time().Year(), opt.Since.Time().Month(), opt.Since.Time().Day(), 0, 0, 0, 0, opt.TimeZone)
	}
	ids, err := s.MeetingIDs(f)
	if err != nil {
		return fmt.Errorf("export one-on-ones: %w", err)
	}
	meetings := make([]model.Meeting, 0, len(ids))
	for _, id := range ids {
		m, err := s.Meeting(id)
		if err != nil {
			return err
		}
		if !opt.IncludePrivate {
			m.PrivateNotes = ""
			kept := m.Items[:0]
			for _, it := range m.Items {
				if !it.Private {
					kept = append(kept, it)
				}
			}
			m.Items = kept
		}
		meetings = append(meetings, m)
	}
	if opt.Format == FormatCSV {
		return oneOnOnesCSV(w, meetings, opt.TimeZone)
	}
	return oneOnOnesMarkdown(w, meetings, opt)
}

func itemTag(it model.Item) string {
	if it.NonWork {
		return "non-work"
	}
	return "work"
}

func oneOnOnesCSV(w io.Writer, meetings []model.Meeting, loc *time.Location) error {
	cw := newCSVWriter(w)
	_ = cw.Write([]string{"date", "person", "email", "setting", "heading", "text", "tag", "status", "follow_up", "private", "carried_from", "asked_on", "they_said"})
	for _, m := range meetings {
		for _, it := range m.Items {
			carried := ""
			if it.Carried {
				carried = it.FromDate.In(loc).Format(model.DateLayout)
			}
			private := "no"
			if it.Private {
				private = "yes"
			}
			_ = cw.Write([]string{m.HeldAt.In(loc).Format("2006-01-02 15:04"), m.Person.Name, m.Person.Email, string(m.Setting),
				it.Heading.Label(), it.Text, itemTag(it.Item), string(it.Status), it.FollowUp.String(), private, carried, it.AskedOn.String(), it.AskedNote})
		}
	}
	cw.Flush()
	return cw.Error()
}

func oneOnOnesMarkdown(w io.Writer, meetings []model.Meeting, opt OneOnOneOptions) error {
	var b strings.Builder
	b.WriteString("# One-on-ones\n")
	if !opt.IncludePrivate {
		b.WriteString("\nPrivate items and private notes are not included.\n")
	}
	if len(meetings) == 0 {
		b.WriteString("\nNo one-on-ones match.\n")
	}
	for _, m := range meetings {
		fmt.Fprintf(&b, "\n## %s — %s · %s\n", MDEscape(m.Person.Name), m.HeldAt.In(opt.TimeZone).Format("Mon 2 Jan 2006, 15:04"), m.Setting.Label())
		for _, h := range model.Headings() {
			fmt.Fprintf(&b, "\n### %s\n\n", h.Label())
			n := 0
			for _, it := range m.Items {
				if it.Heading != h {
					continue
				}
				n++
				// Progress is what was achieved, not a task to tick off.
				bullet := "- [ ] "
				switch {
				case h == model.HeadingProgress:
					bullet = "- "
				case it.Status == model.ItemDone:
					bullet = "- [x] "
				}
				notes := []string{itemTag(it.Item)}
				if it.Status == model.ItemDropped {
					notes = append(notes, "dropped")
				}
				if !it.FollowUp.IsZero() {
					notes = append(notes, "follow up "+it.FollowUp.String())
				}
				if !it.AskedOn.IsZero() {
					notes = append(notes, "asked "+it.AskedOn.String())
				}
				if it.Carried {
					notes = append(notes, "carried over from "+it.FromDate.In(opt.TimeZone).Format(model.DateLayout))
				}
				if it.Private {
					notes = append(notes, "private")
				}
				fmt.Fprintf(&b, "%s%s *(%s)*\n", bullet, MDEscape(it.Text), strings.Join(notes, ", "))
				if it.AskedNote != "" {
					fmt.Fprintf(&b, "  - They said: %s\n", MDEscape(strings.Join(strings.Fields(it.AskedNote), " ")))
				}
			}
			if h == model.HeadingPulse && (m.PulseRating > 0 || strings.TrimSpace(m.PulseComment) != "") {
				if n > 0 {
					b.WriteString("\n")
				}
				if m.PulseRating > 0 {
					fmt.Fprintf(&b, "Pulse: %d/5", m.PulseRating)
				} else {
					b.WriteString("Pulse: not rated")
				}
				if c := strings.TrimSpace(m.PulseComment); c != "" {
					fmt.Fprintf(&b, " — %s", MDEscape(c))
				}
				b.WriteString("\n")
				n++
			}
			if n == 0 {
				b.WriteString("Nothing noted.\n")
			}
		}
		writeActions(&b, m.Actions, m.Person.Name)
		writeNotes(&b, "Shared notes", m.SharedNotes)
		writeNotes(&b, "Private notes", m.PrivateNotes)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
