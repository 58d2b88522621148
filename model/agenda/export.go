// Package agenda is the agenda a report fills in by file: Export writes a
// small Markdown file with the four MOFO headings ready to fill, the report
// edits it in any editor and sends it back, and Import adds what they wrote
// to their next one-on-one. Import also reads one-on-one history kept in
// Markdown, as model/export writes it.
package agenda

import (
	"fmt"
	"io"
	"regexp"
	"strings"

	"solemate/model"
	"solemate/model/export"
)

// markerRE finds the comment that says whose agenda a file is. It does not
// show when the file is rendered, and editors keep it.
var markerRE = regexp.MustCompile(`solemate-agenda\s+person:\s*([0-9]+)(?:\s+email:\s*([^\s>]+))?`)

// carryingOver is the section that lists what carries over: shown to the
// report, not read back (it comes along by itself).
const carryingOver = "Carrying over from last time"

// agreedLast is the section that shows what was agreed last time: for the
// report to read, not read back.
const agreedLast = "Agreed last time"

// outsideWork heads each heading's sub-list of things outside work.
const outsideWork = "Outside work"

// prompts are the questions under each heading; Import skips them.
var prompts = map[model.Heading]string{
	model.HeadingProgress:  "What moved forward since we last met, at work or outside it?",
	model.HeadingObstacles: "What is in your way, or weighing on you?",
	model.HeadingFocus:     "What do you want to give your time to next week?",
	model.HeadingPulse:     "How do you feel about the team and the company these days?",
}

// Export writes the agenda file for a person's next one-on-one: when it is
// due, what carries over from the last one, what is on the agenda already,
// and the four headings ready to fill. Private items are left out.
func Export(st *model.Store, personID uint, w io.Writer) error {
	p, err := st.Person(personID)
	if err != nil {
		return fmt.Errorf("agenda for person %d: %w", personID, err)
	}
	due, err := nextDue(st, personID)
	if err != nil {
		return fmt.Errorf("agenda for %s: %w", p.Name, err)
	}
	carried, err := st.CarryingOver(personID)
	if err != nil {
		return fmt.Errorf("agenda for %s: %w", p.Name, err)
	}
	waiting, err := st.Agenda(personID)
	if err != nil {
		return fmt.Errorf("agenda for %s: %w", p.Name, err)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<!-- solemate-agenda person: %d", p.ID)
	if p.Email != "" {
		fmt.Fprintf(&b, " email: %s", strings.ReplaceAll(export.Visible(p.Email), "-->", ""))
	}
	b.WriteString(" (keep this line: it says whose agenda this is) -->\n\n")
	fmt.Fprintf(&b, "# Agenda for %s\n\n", export.MDEscape(p.DisplayName()))
	fmt.Fprintf(&b, "Your next one-on-one: %s.\n\n", due)
	b.WriteString("Write what you would like to talk about under each heading, one item to a line, each starting with \"- \". " +
		"Put things outside work under \"" + outsideWork + "\". Anything listed already is on the agenda; leave it as it is. " +
		"Write only what you are happy to share. " +
		"Then save the file and send it back: your items are added to your next one-on-one.\n")
	var shown []model.Item
	for _, h := range model.Headings() { // in meeting order
		for _, it := range carried {
			if it.Heading == h && !it.Private {
				shown = append(shown, it)
			}
		}
	}
	if len(shown) > 0 {
		fmt.Fprintf(&b, "\n## %s\n\nThese come along by themselves; no need to write them again.\n\n", carryingOver)
		for _, it := range shown {
			fmt.Fprintf(&b, "- %s (%s)\n", export.MDEscape(it.Text), it.Heading.Label())
		}
	}
	if err := writeAgreed(st, &b, p); err != nil {
		return fmt.Errorf("agenda for %s: %w", p.Name, err)
	}
	for _, h := range model.Headings() {
		fmt.Fprintf(&b, "\n## %s\n\n*%s*\n\n", h.Label(), prompts[h])
		if h == model.HeadingPulse {
			rating := ""
			if waiting.Pulse != 0 {
				rating = fmt.Sprint(waiting.Pulse)
			}
			fmt.Fprintf(&b, "Your rating (1–5): %s\n\n", rating)
		}
		writeItems(&b, waiting.Items, h, false)
		fmt.Fprintf(&b, "\n### %s\n\n", outsideWork)
		writeItems(&b, waiting.Items, h, true)
	}
	_, err = io.WriteString(w, b.String())
	return err
}

// writeAgreed shows what was agreed at the last one-on-one: its shared
// notes and the actions still open, whose each is.
func writeAgreed(st *model.Store, b *strings.Builder, p model.Person) error {
	hist, err := st.History(p.ID)
	if err != nil || len(hist) == 0 {
		return err
	}
	last, err := st.Meeting(hist[0].ID)
	if err != nil {
		return err
	}
	acts, err := st.OpenActions(p.ID)
	if err != nil {
		return err
	}
	notes := strings.TrimSpace(last.SharedNotes)
	if notes == "" && len(acts) == 0 {
		return nil
	}
	fmt.Fprintf(b, "\n## %s\n\nTo read; nothing here needs writing again.\n\n", agreedLast)
	if notes != "" {
		for line := range strings.SplitSeq(notes, "\n") {
			fmt.Fprintf(b, "> %s\n", export.MDEscape(line))
		}
		b.WriteString("\n")
	}
	for _, a := range acts {
		who := "You"
		if a.Owner == model.OwnerLead {
			who = "Your lead"
		}
		due := ""
		if !a.Due.IsZero() {
			due = " (by " + a.Due.Time().Format("Mon 2 Jan") + ")"
		}
		fmt.Fprintf(b, "- %s: %s%s\n", who, export.MDEscape(a.Text), due)
	}
	return nil
}

// writeItems lists what is on the agenda under h already, then an empty
// line to fill.
func writeItems(b *strings.Builder, items []model.AgendaItem, h model.Heading, nonWork bool) {
	for _, it := range items {
		if it.Heading == h && it.NonWork == nonWork {
			fmt.Fprintf(b, "- %s\n", export.MDEscape(it.Text))
		}
	}
	b.WriteString("- \n")
}

// nextDue says when the person's next one-on-one is due, as people say a
// date, or that it is not planned yet.
func nextDue(st *model.Store, personID uint) (string, error) {
	reps, err := st.Reports()
	if err != nil {
		return "", err
	}
	for _, r := range reps {
		if r.ID == personID {
			return r.NextDue.Time().Format("Monday 2 January 2006"), nil
		}
	}
	return "not planned yet", nil
}

// escaper keeps words from being read as Markdown: each character that
// could start markup gets a backslash, which Import takes off again.
