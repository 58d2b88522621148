package export

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"solemate/model"
)

// ShadowingOptions says which sessions to export and how.
type ShadowingOptions struct {
	PersonEmail string // "" for everyone
	Format      string // FormatMarkdown or FormatCSV
}

// Shadowing writes sessions, oldest first, as CSV (a row per session)
// or as a readable Markdown report.
func Shadowing(s *model.Store, w io.Writer, opt ShadowingOptions) error {
	if opt.Format != FormatCSV && opt.Format != FormatMarkdown {
		return fmt.Errorf("unknown format %q (use md or csv)", opt.Format)
	}
	var f model.SessionFilter
	if opt.PersonEmail != "" {
		id, err := s.PersonIDByEmail(opt.PersonEmail)
		if err != nil {
			return err
		}
		f.PersonID = id
	}
	rows, err := s.Sessions(f)
	if err != nil {
		return err
	}
	names, err := s.PersonNames()
	if err != nil {
		return err
	}
	slices.Reverse(rows) // oldest first reads like a diary
	if opt.Format == FormatCSV {
		return shadowingCSV(w, rows, names)
	}
	ids := make([]uint, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	bySession, err := s.SessionActions(ids)
	if err != nil {
		return fmt.Errorf("export shadowing: %w", err)
	}
	return shadowingMarkdown(w, rows, names, bySession)
}

func nameOf(names map[uint]string, id *uint) string {
	if id == nil {
		return ""
	}
	return names[*id]
}

func shadowingCSV(w io.Writer, rows []model.SessionRow, names map[uint]string) error {
	cw := newCSVWriter(w)
	_ = cw.Write([]string{"date", "person", "kind", "agent", "channel", "journey", "minutes", "worked", "friction", "wow", "response_minutes", "ideas", "tags", "debrief_date", "debrief_with", "debrief_agreed"})
	for _, r := range rows {
		resp := ""
		if r.ResponseMinutes != nil {
			resp = strconv.Itoa(*r.ResponseMinutes)
		}
		_ = cw.Write([]string{r.Date.String(), r.PersonName, string(r.Kind), r.AgentName, string(r.Channel), r.Journey, strconv.Itoa(r.Minutes),
			r.Worked, r.Friction, r.Wow, resp, r.Ideas, r.Tags, r.DebriefDate.String(), nameOf(names, r.DebriefWithID), r.DebriefAgreed})
	}
	cw.Flush()
	return cw.Error()
}

func shadowingMarkdown(w io.Writer, rows []model.SessionRow, names map[uint]string, actions map[uint][]model.Action) error {
	var b strings.Builder
	b.WriteString("# Walk in the customer's shoes\n")
	if len(rows) == 0 {
		b.WriteString("\nNo sessions yet.\n")
	}
	for _, r := range rows {
		fmt.Fprintf(&b, "\n## %s — %s, %s\n\n", r.Date.Time().Format("Mon 2 Jan 2006"), MDEscape(r.PersonName), r.Channel.Label())
		fmt.Fprintf(&b, "%s", r.Kind.Label())
		if r.AgentName != "" {
			fmt.Fprintf(&b, " (%s)", MDEscape(r.AgentName))
		}
		if r.Journey != "" {
			fmt.Fprintf(&b, ": %s", MDEscape(r.Journey))
		}
		if r.Minutes > 0 {
			fmt.Fprintf(&b, " · %d minutes", r.Minutes)
		}
		b.WriteString("\n")
		if r.Tags != "" {
			fmt.Fprintf(&b, "\nThemes: %s\n", MDEscape(r.Tags))
		}
		for _, part := range []struct{ title, text string }{
			{"What worked", r.Worked}, {"Friction and pain points", r.Friction}, {"WOW moments", r.Wow},
		} {
			writeNotes(&b, part.title, part.text)
		}
		// Ideas are written one per line: a list reads as one.
		var ideas []string
		for _, l := range strings.Split(r.Ideas, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				ideas = append(ideas, "- "+MDEscape(l))
			}
		}
		if len(ideas) > 0 {
			fmt.Fprintf(&b, "\n**Ideas**\n\n%s\n", strings.Join(ideas, "\n"))
		}
		if r.ResponseMinutes != nil {
			fmt.Fprintf(&b, "\nResponse time seen: %s\n", model.SpanText(*r.ResponseMinutes))
		}
		if r.Debriefed() {
			fmt.Fprintf(&b, "\n**Debrief** on %s with %s\n\n%s\n", r.DebriefDate.Time().Format("Mon 2 Jan 2006"),
				MDEscape(nameOf(names, r.DebriefWithID)), MDEscape(strings.TrimSpace(r.DebriefAgreed)))
		}
		writeActions(&b, actions[r.ID], r.PersonName)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
