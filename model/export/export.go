// Package export writes what the store holds as files for other programs:
// CSV for spreadsheets, Markdown to read, iCalendar for calendars. It reads
// through the store's exported API only.
package export

import (
	"encoding/csv"
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"solemate/model"
)

// Export formats.
const (
	FormatCSV      = "csv"
	FormatMarkdown = "md"
)

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
		guarded[i] = guardCell(Visible(cell))
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

// Unguard takes off the apostrophe the CSV writer added, so an exported
// roster imports back as it was.
func Unguard(s string) string {
	if strings.HasPrefix(s, "'") && needsGuard(s) {
		return s[1:]
	}
	return s
}

var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`,
	"<", `\<`, ">", `\>`, "#", `\#`, "|", `\|`, "~", `\~`, "!", `\!`, "&", `\&`, "\n", " ", "\r", " ",
)

// MDEscape keeps user text from being read as Markdown syntax ("~" strikes
// out and fences code). The text may also start a line of the file (a
// note's line, a list item's words), where "-", "+", "=" or "1." would
// start a list, a rule or a heading, and leading spaces a code block:
// those are escaped or dropped too, so the text stays words of a paragraph.
func MDEscape(s string) string {
	s = strings.TrimLeft(mdEscaper.Replace(Visible(s)), " \t")
	if s != "" && strings.IndexByte("-+=", s[0]) >= 0 {
		return `\` + s
	}
	return mdOrdered.ReplaceAllString(s, `$1\$2`)
}

// mdOrdered matches what starts an ordered list item: "1." or "1)".
var mdOrdered = regexp.MustCompile(`^([0-9]{1,9})([.)](?:[ \t]|$))`)

// Visible replaces each control character in stored text but tab and line
// breaks (each format writes those its own way) with U+FFFD: an export read
// in a terminal must not run an escape sequence planted in a name, and a
// reader sees that something was there. So it does the format characters
// the store refuses in a name (model.Invisible), such as a bidi override
// that shows the rest of the line reversed.
func Visible(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r' || model.Invisible(r) {
			return utf8.RuneError
		}
		return r
	}, s)
}

func writeNotes(b *strings.Builder, title, text string) {
	text = strings.TrimSpace(text)
	if text == "" {
		return
	}
	fmt.Fprintf(b, "\n**%s**\n\n", title)
	for _, para := range strings.Split(text, "\n") {
		if para = strings.TrimSpace(para); para != "" {
			fmt.Fprintf(b, "%s\n", MDEscape(para))
		} else {
			b.WriteString("\n")
		}
	}
}

// writeActions lists agreed actions as a task list: what, who is to do it
// (the report, by the name they go by, or the lead) and by when.
func writeActions(b *strings.Builder, acts []model.Action, reportName string) {
	if len(acts) == 0 {
		return
	}
	b.WriteString("\n**Actions**\n\n")
	for _, a := range acts {
		box := " "
		if a.Done() {
			box = "x"
		}
		who := model.ShortName(reportName, "")
		if a.Owner == model.OwnerLead {
			who = "the lead"
		}
		fmt.Fprintf(b, "- [%s] %s *(%s", box, MDEscape(a.Text), MDEscape(who))
		if !a.Due.IsZero() {
			fmt.Fprintf(b, ", by %s", a.Due)
		}
		b.WriteString(")*\n")
	}
}
