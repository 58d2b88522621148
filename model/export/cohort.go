package export

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"solemate/model"
)

// Cohort writes a cohort as CSV (a row per hire and milestone) or as a
// readable Markdown report.
func Cohort(s *model.Store, w io.Writer, name, format string) error {
	if format != FormatCSV && format != FormatMarkdown {
		return fmt.Errorf("unknown format %q (use csv or md)", format)
	}
	c, err := s.CohortByName(name)
	if err != nil {
		return err
	}
	b, err := s.CohortBoard(c.ID)
	if err != nil {
		return err
	}
	if format == FormatCSV {
		return cohortCSV(w, b)
	}
	return cohortMarkdown(w, b, s.Today())
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func cohortCSV(w io.Writer, b model.Board) error {
	cw := newCSVWriter(w)
	_ = cw.Write([]string{"cohort", "hire", "email", "hire_status", "phase", "milestone", "kind", "due_date", "done", "done_on", "signed_off_by", "overdue", "note",
		"offered_on", "offer_amount", "offer_currency", "offer_answer", "trainer_notes"})
	for _, r := range b.Rows {
		for _, p := range r.Phases {
			for _, m := range p.Milestones {
				note := m.Note
				if m.Auto != "" {
					note = strings.TrimSpace(m.Auto + ". " + note)
				}
				_ = cw.Write([]string{b.Name, r.Name, r.Email, r.StatusText(), p.Name, m.Title, string(m.Kind), m.DueDate.String(),
					yesNo(m.Done), m.DoneOn.String(), m.SignedOffBy, yesNo(m.Overdue), note,
					r.OfferedOn.String(), amount(r.OfferAmount, r.OfferedOn), r.OfferCurrency, r.OfferOutcome, r.Notes})
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// amount is an offer's amount, empty when no offer was made.
func amount(n int, on model.Date) string {
	if on.IsZero() {
		return ""
	}
	return strconv.Itoa(n)
}

func percent(f float64) string { return fmt.Sprintf("%.0f%%", f*100) }

func cohortMarkdown(w io.Writer, b model.Board, today model.Date) error {
	var sb strings.Builder
	fmt.Fprintf(&sb, "# Cohort %s\n\n", MDEscape(b.Name))
	if b.ProgramName != "" {
		fmt.Fprintf(&sb, "Program: %s. ", MDEscape(b.ProgramName))
	}
	fmt.Fprintf(&sb, "%s %s.", model.StartVerb(b.StartDate, today), b.StartDate.Time().Format("Mon 2 Jan 2006"))
	if len(b.Trainers) > 0 {
		fmt.Fprintf(&sb, " Trainers: %s.", MDEscape(strings.Join(b.TrainerNames(), ", ")))
	}
	offer := "Offer to leave"
	if !b.OfferOn.IsZero() {
		offer += fmt.Sprintf(" (made %s: %s)", b.OfferOn.Time().Format("2 Jan 2006"), strings.TrimSpace(fmt.Sprintf("%d %s", b.OfferAmount, MDEscape(b.OfferCurrency))))
	}
	fmt.Fprintf(&sb, "\n\n%s, %d in training, %d behind as of %s. %s: %d accepted, %d declined (%s); retention %s.\n",
		model.Plural(len(b.Rows), "hire", "hires"), b.InTraining(), b.BehindCount(), today.Time().Format("2 Jan 2006"), offer,
		b.Offers.Accepted, b.Offers.Declined, b.Offers.AcceptanceText(), percent(b.Offers.Retention()))
	sb.WriteString("\n## Phases\n\n")
	for i, p := range b.Phases {
		mark := ""
		if i == b.Current {
			mark = " (now)"
		}
		fmt.Fprintf(&sb, "%d. **%s**%s — %s to %s, %s", i+1, MDEscape(p.Name), mark,
			p.StartDate.Time().Format("2 Jan"), p.EndDate.Time().Format("2 Jan 2006"), model.Phase{LengthDays: p.LengthDays, InWeeks: p.InWeeks}.LengthText(b.SkipWeekends))
		if p.Purpose != "" {
			fmt.Fprintf(&sb, ": %s", MDEscape(p.Purpose))
		}
		sb.WriteString("\n")
	}
	sb.WriteString("\n## Hires\n")
	for _, r := range b.Rows {
		fmt.Fprintf(&sb, "\n### %s — %s, %s done\n\n", MDEscape(r.Name), r.StatusText(), percent(r.Progress()))
		for _, p := range r.Phases {
			for _, m := range p.Milestones {
				box := " "
				if m.Done {
					box = "x"
				}
				var notes []string
				if m.Done && !m.DoneOn.IsZero() {
					notes = append(notes, "done "+m.DoneOn.String())
				} else if !m.Done {
					notes = append(notes, "due "+m.DueDate.String())
				}
				if m.SignedOffBy != "" {
					notes = append(notes, "signed off by "+MDEscape(m.SignedOffBy))
				}
				if m.Auto != "" {
					notes = append(notes, strings.ToLower(m.Auto))
				}
				if m.Overdue {
					notes = append(notes, "**overdue**")
				}
				if m.BeforeJoining {
					notes = append(notes, "due before they joined, not owed")
				}
				fmt.Fprintf(&sb, "- [%s] %s: %s *(%s)*\n", box, MDEscape(p.Name), MDEscape(m.Title), strings.Join(notes, ", "))
			}
		}
		if r.OfferOutcome != "" {
			fmt.Fprintf(&sb, "\nOffer to leave: %s on %s", r.OfferOutcome, r.OfferedOn)
			if r.OfferAmount > 0 {
				fmt.Fprintf(&sb, " (%s)", strings.TrimSpace(fmt.Sprintf("%d %s", r.OfferAmount, MDEscape(r.OfferCurrency))))
			}
			sb.WriteString(".\n")
		}
		writeNotes(&sb, "Trainer notes", r.Notes)
	}
	_, err := io.WriteString(w, sb.String())
	return err
}
