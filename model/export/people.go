package model

import (
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"
)

// Export formats.
const (
	FormatCSV      = "csv"
	FormatMarkdown = "md"
)

// ExportPeople writes the roster (people not archived) as CSV, in the same
// columns the importer reads, or as a Markdown list grouped by team.
func (s *Store) ExportPeople(w io.Writer, format string) error {
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
				r.Status = StatusLeft
				rows = append(rows, r)
			}
		}
		return exportPeopleCSV(w, rows, emails)
	case FormatMarkdown:
		return exportPeopleMarkdown(w, rows)
	}
	return fmt.Errorf("unknown format %q (use csv or md)", format)
}

// csvWriter writes RFC 4180 CSV that a spreadsheet opens as text: every CSV
// the app writes goes through it.
type csvWriter struct{ *csv.Writer }

func newCSVWriter(w io.Writer) csvWriter {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	return csvWriter{cw}
}

// Write writes a record, each cell guarded against being run as a formula.
func (c csvWriter) Write(rec []string) error {
	guarded := make([]string, len(rec))
	for i, cell := range rec {
		guarded[i] = guardCell(cell)
	}
	return c.Writer.Write(guarded)
}

// formulaStarts are the first characters that make a spreadsheet run a cell
// (=HYPERLINK(...), +cmd|..., @SUM(...), -2+3): a tab or line break before
// one is skipped by some (a note's leading "\n" is written as CRLF), and
// spreadsheets in East Asian locales read the full-width forms as the plain
// ones.
const formulaStarts = "=+-@\t\r\n＝＋－＠"

// needsGuard reports whether s, past any apostrophes, starts like a formula.
// Counting a guard already there makes guarding exactly reversible.
func needsGuard(s string) bool {
	r, _ := utf8.DecodeRuneInString(strings.TrimLeft(s, "'"))
	return strings.ContainsRune(formulaStarts, r)
}

// guardCell puts an apostrophe before a cell that a spreadsheet would run as
// a formula: it then shows the text as typed.
func guardCell(s string) string {
	if needsGuard(s) {
		return "'" + s
	}
	return s
}

// unguardCell takes off the apostrophe guardCell added, so an exported
// roster imports back as it was.
func unguardCell(s string) string {
	if strings.HasPrefix(s, "'") && needsGuard(s) {
		return s[1:]
	}
	return s
}

func exportPeopleCSV(w io.Writer, rows []PersonRow, emails map[uint]string) error {
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

func exportPeopleMarkdown(w io.Writer, rows []PersonRow) error {
	var b strings.Builder
	b.WriteString("# People\n")
	teams := map[string][]PersonRow{}
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
		fmt.Fprintf(&b, "\n## %s\n\n", mdEscape(title))
		for _, r := range teams[t] {
			fmt.Fprintf(&b, "- **%s** — %s", mdEscape(r.DisplayName()), r.Role.Label())
			if r.Status == StatusLeft {
				b.WriteString(", left")
			}
			if r.Email != "" {
				fmt.Fprintf(&b, ", %s", mdEscape(r.Email))
			}
			if !r.StartDate.IsZero() {
				fmt.Fprintf(&b, ", since %s", r.StartDate)
			}
			if r.ManagerName != "" {
				fmt.Fprintf(&b, ", reports to %s", mdEscape(r.ManagerName))
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

var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`,
	"<", `\<`, ">", `\>`, "#", `\#`, "|", `\|`, "\n", " ", "\r", " ",
)

// mdEscape keeps user text from being read as Markdown syntax.
func mdEscape(s string) string { return mdEscaper.Replace(s) }
