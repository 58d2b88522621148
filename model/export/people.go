package export

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"solemate/model"
)

// RosterColumns are the columns a roster CSV may have, in export order.
var RosterColumns = []string{"name", "preferred_name", "email", "role", "team", "start_date", "manager_email", "status"}

// People writes the roster (people not archived) as CSV, in the same
// columns the importer reads, or as a Markdown list grouped by team.
func People(s *model.Store, w io.Writer, format string) error {
	rows, err := s.People(false)
	if err != nil {
		return err
	}
	// Managers may be archived and still be someone's manager.
	everyone, err := s.People(true)
	if err != nil {
		return err
	}
	emails := map[uint]string{}
	for _, r := range everyone {
		emails[r.ID] = r.Email
	}
	switch format {
	case FormatCSV:
		// An archived manager comes along, as someone who left, so the
		// file imports into a new database with every manager it names.
		managers := map[uint]bool{}
		for _, r := range rows {
			if r.ManagerID != nil {
				managers[*r.ManagerID] = true
			}
		}
		for _, r := range everyone {
			if r.Archived() && managers[r.ID] && r.Email != "" {
				r.Status = model.StatusLeft
				rows = append(rows, r)
			}
		}
		return exportPeopleCSV(w, rows, emails)
	case FormatMarkdown:
		return exportPeopleMarkdown(w, rows)
	}
	return fmt.Errorf("unknown format %q (use csv or md)", format)
}

func exportPeopleCSV(w io.Writer, rows []model.PersonRow, emails map[uint]string) error {
	cw := newCSVWriter(w)
	if err := cw.Write(RosterColumns); err != nil {
		return err
	}
	for _, r := range rows {
		manager := ""
		if r.ManagerID != nil {
			manager = emails[*r.ManagerID]
		}
		rec := []string{r.Name, r.PreferredName, r.Email, string(r.Role), r.Team, r.StartDate.String(), manager, string(r.Status)}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func exportPeopleMarkdown(w io.Writer, rows []model.PersonRow) error {
	var b strings.Builder
	b.WriteString("# People\n")
	teams := map[string][]model.PersonRow{}
	var order []string
	for _, r := range rows {
		if _, ok := teams[r.Team]; !ok {
			order = append(order, r.Team)
		}
		teams[r.Team] = append(teams[r.Team], r)
	}
	sortTeams(order)
	for _, t := range order {
		title := t
		if title == "" {
			title = "No team"
		}
		fmt.Fprintf(&b, "\n## %s\n\n", MDEscape(title))
		for _, r := range teams[t] {
			fmt.Fprintf(&b, "- **%s** — %s", MDEscape(r.DisplayName()), r.Role.Label())
			if r.Status == model.StatusLeft {
				b.WriteString(", left")
			}
			if r.Email != "" {
				fmt.Fprintf(&b, ", %s", MDEscape(r.Email))
			}
			if !r.StartDate.IsZero() {
				fmt.Fprintf(&b, ", since %s", r.StartDate)
			}
			if r.ManagerName != "" {
				fmt.Fprintf(&b, ", reports to %s", MDEscape(r.ManagerName))
			}
			b.WriteString("\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// sortTeams orders team names alphabetically with "no team" last.
func sortTeams(teams []string) {
	slices.SortFunc(teams, func(a, b string) int {
		if a == "" || b == "" {
			return strings.Compare(b, a)
		}
		return strings.Compare(strings.ToLower(a), strings.ToLower(b))
	})
}
