package model

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// OneOnOneExport says which one-on-ones to export and how.
type OneOnOneExport struct {
	PersonEmail    string // "" for everyone
	PersonID       uint   // 0 for everyone; the app's way to pick one person
	Since          Date   // zero for all time
	Format         string // FormatMarkdown or FormatCSV
	IncludePrivate bool
	Location       *time.Location // for dates and times; nil means local
}

// ExportOneOnOnes writes one-on-ones as CommonMark (a section per meeting,
// items as task-list entries) or CSV (a row per item). Private items and
// private notes are left out unless asked for.
func (s *Store) ExportOneOnOnes(w io.Writer, opt OneOnOneExport) error {
	if opt.Format != FormatCSV && opt.Format != FormatMarkdown {
		return fmt.Errorf("unknown format %q (use md or csv)", opt.Format)
	}
	if opt.Location == nil {
		opt.Location = time.Local
	}
	q := s.db.Table("one_on_ones AS o").Select("o.id").Joins("JOIN people p ON p.id = o.person_id").Order(s.d.nocase("p.name") + ", o.held_at, o.id")
	if opt.PersonEmail != "" {
		email := strings.ToLower(strings.TrimSpace(opt.PersonEmail))
		var n int64
		if err := s.db.Model(&Person{}).Where("email = ?", email).Count(&n).Error; err != nil {
			return err
		}
		if n == 0 {
			return fmt.Errorf("no one on the roster has the email %s", email)
		}
		q = q.Where("p.email = ?", email)
	}
	if opt.PersonID != 0 {
		q = q.Where("p.id = ?", opt.PersonID)
	}
	if !opt.Since.IsZero() {
		q = q.Where("o.held_at >= ?", time.Date(opt.Since.Time().Year(), opt.Since.Time().Month(), opt.Since.Time().Day(), 0, 0, 0, 0, opt.Location).UTC())
	}
	var ids []uint
	if err := q.Pluck("o.id", &ids).Error; err != nil {
		return fmt.Errorf("export one-on-ones: %w", err)
	}
	meetings := make([]Meeting, 0, len(ids))
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
		return oneOnOnesCSV(w, meetings, opt.Location)
	}
	return oneOnOnesMarkdown(w, meetings, opt)
}

func itemTag(it Item) string {
	if it.NonWork {
		return "non-work"
	}
	return "work"
}

func oneOnOnesCSV(w io.Writer, meetings []Meeting, loc *time.Location) error {
	cw := newCSVWriter(w)
	_ = cw.Write([]string{"date", "person", "email", "setting", "heading", "text", "tag", "status", "follow_up", "private", "carried_from"})
	for _, m := range meetings {
		for _, it := range m.Items {
			carried := ""
			if it.Carried {
				carried = it.FromDate.In(loc).Format(DateLayout)
			}
			private := "no"
			if it.Private {
				private = "yes"
			}
			_ = cw.Write([]string{m.HeldAt.In(loc).Format("2006-01-02 15:04"), m.Person.Name, m.Person.Email, string(m.Setting),
				it.Heading.Label(), it.Text, itemTag(it.Item), string(it.Status), it.FollowUp.String(), private, carried})
		}
	}
	cw.Flush()
	return cw.Error()
}

func oneOnOnesMarkdown(w io.Writer, meetings []Meeting, opt OneOnOneExport) error {
	var b strings.Builder
	b.WriteString("# One-on-ones\n")
	if !opt.IncludePrivate {
		b.WriteString("\nPrivate items and private notes are not included.\n")
	}
	if len(meetings) == 0 {
		b.WriteString("\nNo one-on-ones match.\n")
	}
	for _, m := range meetings {
		fmt.Fprintf(&b, "\n## %s — %s · %s\n", mdEscape(m.Person.Name), m.HeldAt.In(opt.Location).Format("Mon 2 Jan 2006, 15:04"), m.Setting.Label())
		for _, h := range Headings() {
			fmt.Fprintf(&b, "\n### %s\n\n", h.Label())
			n := 0
			for _, it := range m.Items {
				if it.Heading != h {
					continue
				}
				n++
				box := " "
				if it.Status == ItemDone {
					box = "x"
				}
				notes := []string{itemTag(it.Item)}
				if it.Status == ItemDropped {
					notes = append(notes, "dropped")
				}
				if !it.FollowUp.IsZero() {
					notes = append(notes, "follow up "+it.FollowUp.String())
				}
				if it.Carried {
					notes = append(notes, "carried over from "+it.FromDate.In(opt.Location).Format(DateLayout))
				}
				if it.Private {
					notes = append(notes, "private")
				}
				fmt.Fprintf(&b, "- [%s] %s *(%s)*\n", box, mdEscape(it.Text), strings.Join(notes, ", "))
			}
			if h == HeadingPulse && (m.PulseRating > 0 || strings.TrimSpace(m.PulseComment) != "") {
				if n > 0 {
					b.WriteString("\n")
				}
				if m.PulseRating > 0 {
					fmt.Fprintf(&b, "Pulse: %d/5", m.PulseRating)
				} else {
					b.WriteString("Pulse: not rated")
				}
				if c := strings.TrimSpace(m.PulseComment); c != "" {
					fmt.Fprintf(&b, " — %s", mdEscape(c))
				}
				b.WriteString("\n")
				n++
			}
			if n == 0 {
				b.WriteString("Nothing noted.\n")
			}
		}
		writeNotes(&b, "Shared notes", m.SharedNotes)
		writeNotes(&b, "Private notes", m.PrivateNotes)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func writeNotes(b *strings.Builder, title, text string) {
	text = strings.TrimSpace(text)
	if text == "" {
		return
	}
	fmt.Fprintf(b, "\n**%s**\n\n", title)
	for _, para := range strings.Split(text, "\n") {
		if para = strings.TrimSpace(para); para != "" {
			fmt.Fprintf(b, "%s\n", mdEscape(para))
		} else {
			b.WriteString("\n")
		}
	}
}
