package agenda

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"solemate/model"
)

// Limits on what Import reads: an agenda is a page or two.
const (
	MaxFileSize = 1 << 20
	maxItemLen  = 2000 // characters in one item
	maxItems    = 500  // items in one file
	maxDepth    = 8    // lists inside lists
	maxIndent   = 100  // columns a line may be indented by
)

// Error is why a file was refused, and on which line (0 for the whole file).
type Error struct {
	Line   int
	Reason string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("line %d: %s", e.Line, e.Reason)
	}
	return e.Reason
}

// Result is what an import added.
type Result struct {
	Person  model.Person
	History bool // the file was one-on-one history, and these count meetings
	Added   int
	Already int // items already on the agenda, or meetings already kept
	Pulse   int // the rating they gave ahead, 0 for none
}

func (r Result) String() string {
	name := r.Person.DisplayName()
	if r.History && r.Added == 0 {
		return fmt.Sprintf("Nothing new: the file's one-on-ones with %s were all here already.", name)
	}
	if r.History {
		s := fmt.Sprintf("Added %s with %s", model.Plural(r.Added, "past one-on-one", "past one-on-ones"), name)
		if r.Already > 0 {
			s += fmt.Sprintf("; %s already kept", wasWere(r.Already, "was", "were"))
		}
		return s + "."
	}
	if r.Added == 0 {
		if r.Already == 0 {
			return fmt.Sprintf("The file had no items for %s's next one-on-one.", name)
		}
		return fmt.Sprintf("Nothing new for %s's next one-on-one: %s already there.", name, wasWere(r.Already, "was", "were"))
	}
	s := fmt.Sprintf("Added %s to %s's next one-on-one", model.Plural(r.Added, "item", "items"), name)
	if r.Already > 0 {
		s += fmt.Sprintf("; %s already there", wasWere(r.Already, "was", "were"))
	}
	if r.Pulse != 0 {
		s += fmt.Sprintf(". Their rating ahead: %d of 5", r.Pulse)
	}
	return s + "."
}

// wasWere is "1 was" or "3 were".
func wasWere(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// doc is a parsed file and what is needed to say where things stand in it.
type doc struct {
	src  []byte
	root ast.Node
}

// line is the line number a byte offset stands on.
func (d doc) line(offset int) int {
	return bytes.Count(d.src[:min(offset, len(d.src))], []byte("\n")) + 1
}

// lineOf is the line a block starts on; 0 when it has no text of its own.
func (d doc) lineOf(n ast.Node) int {
	for ; n != nil; n = n.FirstChild() {
		if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
			return d.line(n.Lines().At(0).Start)
		}
	}
	return 0
}

// raw is a block's own text as written, its lines joined by sep.
func (d doc) raw(n ast.Node, sep string) string {
	var parts []string
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		parts = append(parts, strings.TrimSpace(string(seg.Value(d.src))))
	}
	return strings.Join(parts, sep)
}

// Import reads a file a report sent back, or one-on-one history kept in
// Markdown, and adds it to the store: an agenda's items to the person's
// next one-on-one, a history's meetings to their past ones. When expect is
// not 0 the file must be that person's. Nothing is written when anything
// in the file is refused.
func Import(st *model.Store, data []byte, expect uint) (Result, error) {
	d, err := parse(data)
	if err != nil {
		return Result{}, err
	}
	id, email, markerLine, err := d.marker()
	if err != nil {
		return Result{}, err
	}
	if id == 0 && d.looksLikeHistory() {
		return importHistory(st, d, expect)
	}
	if id == 0 && expect == 0 {
		return Result{}, &Error{Line: 1, Reason: "this file does not say whose agenda it is: its first line, \"<!-- solemate-agenda person: … -->\", is missing. Send them a new agenda to fill in"}
	}
	if id == 0 {
		id = expect
	}
	p, err := agendaPerson(st, id, email)
	if errors.Is(err, errMismatch) {
		return Result{}, &Error{Line: markerLine, Reason: fmt.Sprintf("the first line names person %d and %s, who are not the same person here; send them a new agenda to fill in", id, email)}
	}
	if errors.Is(err, model.ErrNotFound) {
		who := email
		if who == "" {
			who = fmt.Sprintf("person %d", id)
		}
		return Result{}, &Error{Line: markerLine, Reason: fmt.Sprintf("this agenda is for someone who is not on the roster here (%s)", who)}
	}
	if err != nil {
		return Result{}, err
	}
	if expect != 0 && p.ID != expect {
		who, err := st.Person(expect)
		if err != nil {
			return Result{}, err
		}
		return Result{}, &Error{Line: markerLine, Reason: fmt.Sprintf("this agenda is %s's, not %s's", p.DisplayName(), who.DisplayName())}
	}
	items, lines, pulse, err := d.agendaItems()
	if err != nil {
		return Result{}, err
	}
	items, lines, carried, err := withoutCarried(st, p.ID, items, lines)
	if err != nil {
		return Result{}, err
	}
	added, err := st.AddToAgenda(p.ID, items)
	var v *model.ValidationError
	if errors.As(err, &v) && len(v.Problems) > 0 {
		return Result{}, itemError(v.Problems[0].Message, lines)
	}
	if err != nil {
		return Result{}, err
	}
	if pulse != 0 {
		if err := st.SetAgendaPulse(p.ID, pulse); err != nil {
			return Result{}, err
		}
	}
	return Result{Person: p, Added: len(added), Already: len(items) - len(added) + carried, Pulse: pulse}, nil
}

// errMismatch means an agenda's person and email name different people.
var errMismatch = errors.New("the agenda's person and email differ")

// ratingRE is the line where a report gives their rating ahead.
var ratingRE = regexp.MustCompile(`(?i)^your rating \(1\s*[–-]\s*5\):\s*(\S*)\s*$`)

// agendaPerson is the active person an agenda names: by email when the
// file gives one (IDs differ between databases), but never when its ID is
// someone else here.
func agendaPerson(st *model.Store, id uint, email string) (model.Person, error) {
	if email != "" {
		byEmail, err := st.PersonIDByEmail(email)
		if err != nil {
			return model.Person{}, model.ErrNotFound
		}
		if byEmail != id {
			// The ID of another copy of the database is no one here;
			// someone else's means the file was edited: neither is trusted.
			if _, err := st.Person(id); err == nil {
				return model.Person{}, errMismatch
			}
			id = byEmail
		}
	}
	p, err := st.Person(id)
	if err == nil && p.Archived() {
		return p, model.ErrNotFound
	}
	return p, err
}

// withoutCarried leaves out the items that carry over into the meeting
// anyway (a report may write one again), and says how many it left out.
func withoutCarried(st *model.Store, personID uint, items []model.AgendaItem, lines []int) ([]model.AgendaItem, []int, int, error) {
	carried, err := st.CarryingOver(personID)
	if err != nil {
		return nil, nil, 0, err
	}
	open := map[string]bool{}
	for _, c := range carried {
		open[string(c.Heading)+"|"+model.Loosely(c.Text)] = true
	}
	var keptItems []model.AgendaItem
	var keptLines []int
	for i, it := range items {
		if !open[string(it.Heading)+"|"+model.Loosely(it.Text)] {
			keptItems, keptLines = append(keptItems, it), append(keptLines, lines[i])
		}
	}
	return keptItems, keptLines, len(items) - len(keptItems), nil
}

// itemError places a store's "item N: …" problem on the file's line.
func itemError(msg string, lines []int) error {
	if rest, ok := strings.CutPrefix(msg, "item "); ok {
		if n, reason, ok := strings.Cut(rest, ": "); ok {
			if i, err := strconv.Atoi(n); err == nil && i >= 1 && i <= len(lines) {
				return &Error{Line: lines[i-1], Reason: reason}
			}
		}
	}
	return &Error{Reason: msg}
}

// parse checks the file is text of a sensible size and parses it.
func parse(data []byte) (doc, error) {
	if len(data) > MaxFileSize {
		return doc{}, &Error{Reason: fmt.Sprintf("the file is %d KB; an agenda or a history is at most %d KB", len(data)/1024, MaxFileSize/1024)}
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
	d := doc{src: data}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return d, &Error{Line: d.line(i), Reason: "the file holds binary data, not text; save it as plain text (Markdown) and try again"}
	}
	if !utf8.Valid(data) {
		i := 0
		for r, n := utf8.DecodeRune(data); r != utf8.RuneError || n > 1; r, n = utf8.DecodeRune(data[i:]) {
			i += n
		}
		return d, &Error{Line: d.line(i), Reason: "the file is not UTF-8 text; save it as UTF-8 and try again"}
	}
	if err := d.checkNesting(); err != nil {
		return d, err
	}
	// Only blocks: items are kept as written (less the backslashes that
	// escape punctuation), so emphasis, links and inline HTML stay plain text.
	// No paragraph transformers either: the one for link reference
	// definitions would swallow an item like "[Urgent]: promotion", and
	// crawls through a file full of them.
	p := parser.NewParser(parser.WithBlockParsers(parser.DefaultBlockParsers()...))
	d.root = p.Parse(text.NewReader(data))
	return d, nil
}

// checkNesting refuses lines that open more quotes or lists than a
// person writes, before the parser, which slows down on them, sees them.
func (d doc) checkNesting() error {
	for i, l := range bytes.Split(d.src, []byte("\n")) {
		indent := len(l) - len(bytes.TrimLeft(l, " \t"))
		if indent > maxIndent || containers(l) > maxDepth {
			return &Error{Line: i + 1, Reason: fmt.Sprintf("lists or quotes go more than %d deep here; write each item on a line of its own", maxDepth)}
		}
	}
	return nil
}

// containers counts the quotes and list items a line opens at its start.
func containers(l []byte) int {
	for n := 0; ; n++ {
		l = bytes.TrimLeft(l, " \t")
		switch {
		case len(l) > 0 && l[0] == '>':
			l = l[1:]
		case bullet.Match(l):
			l = l[len(bullet.Find(l)):]
		default:
			return n
		}
	}
}

var bullet = regexp.MustCompile(`^(?:[-*+]|[0-9]{1,9}[.)])(?:[ \t]|$)`)

// marker finds whose agenda the file is: a person's ID and, when known,
// email; 0 when the file does not say.
func (d doc) marker() (id uint, email string, line int, err error) {
	for n := d.root.FirstChild(); n != nil; n = n.NextSibling() {
		if n.Kind() != ast.KindHTMLBlock {
			continue
		}
		// A block may hold several comments, on one line or across lines;
		// the line that closes it is kept apart from the others.
		text := d.raw(n, "\n")
		if h := n.(*ast.HTMLBlock); h.HasClosure() {
			text += "\n" + string(h.ClosureLine.Value(d.src))
		}
		for _, m := range markerRE.FindAllStringSubmatch(text, -1) {
			got, err := strconv.ParseUint(m[1], 10, 32)
			if err != nil || id != 0 && (uint(got) != id || m[2] != email) {
				return 0, "", d.lineOf(n), &Error{Line: d.lineOf(n), Reason: "the file names more than one person; send each person's agenda in a file of its own"}
			}
			id, email, line = uint(got), m[2], d.lineOf(n)
		}
	}
	return id, email, line, nil
}

// headingText is a heading's words, without a trailing colon.
func (d doc) headingText(n ast.Node) string {
	return strings.TrimSpace(strings.TrimSuffix(unescape(d.raw(n, " ")), ":"))
}

var (
	checkbox   = regexp.MustCompile(`^\[[ xX]\]\s*`)
	outsideTag = regexp.MustCompile(`(?i)\s*\*?\((?:outside work|non-work)\)\*?$`)
	backslash  = regexp.MustCompile(`\\([!-/:-@\[-` + "`" + `{-~])`)
)

// unescape takes off the backslashes that keep punctuation literal.
func unescape(s string) string { return backslash.ReplaceAllString(s, "$1") }

// isPrompt reports whether t is one of the template's questions.
func isPrompt(t string) bool {
	for _, p := range prompts {
		if model.Loosely(t) == model.Loosely("*"+p+"*") {
			return true
		}
	}
	return false
}

// kindWords are the sub-headings that say whether what follows is work.
var kindWords = map[string]*bool{"outside work": &yes, "non-work": &yes, "not work": &yes, "personal": &yes, "work": &no, "at work": &no}

var yes, no = true, false

// agendaItems reads the items under the four headings, with the line each
// stands on.
func (d doc) agendaItems() (items []model.AgendaItem, lines []int, pulse int, err error) {
	var section model.Heading
	skipping, nonWork, headings := false, false, 0
	add := func(raw string, line int) error {
		t := checkbox.ReplaceAllString(raw, "")
		nw := nonWork
		if loc := outsideTag.FindStringIndex(t); loc != nil {
			t, nw = t[:loc[0]], true
		}
		t = strings.TrimSpace(unescape(t))
		if m := ratingRE.FindStringSubmatch(t); m != nil {
			switch r, err := strconv.Atoi(m[1]); {
			case m[1] == "":
			case err != nil || model.ValidateRating(r) != nil:
				return &Error{Line: line, Reason: fmt.Sprintf("give your rating as a number from 1 to 5, not %q", m[1])}
			default:
				pulse = r
			}
			return nil
		}
		switch {
		case t == "" || isPrompt(t):
			return nil
		case section == "":
			return &Error{Line: line, Reason: "put each item under one of the four headings"}
		case utf8.RuneCountInString(t) > maxItemLen:
			return &Error{Line: line, Reason: fmt.Sprintf("keep an item under %d characters; say the rest in the meeting", maxItemLen)}
		case len(items) == maxItems:
			return &Error{Line: line, Reason: fmt.Sprintf("that is more than %d items; keep some for the meeting", maxItems)}
		}
		items = append(items, model.AgendaItem{Heading: section, Text: t, NonWork: nw})
		lines = append(lines, line)
		return nil
	}
	for n := d.root.FirstChild(); n != nil; n = n.NextSibling() {
		line := d.lineOf(n)
		switch n := n.(type) {
		case *ast.Heading:
			name := d.headingText(n)
			h, ok := model.ParseHeading(name)
			switch {
			case n.Level >= 3 && section != "" && kindWords[model.Loosely(name)] != nil:
				nonWork = *kindWords[model.Loosely(name)]
				continue
			case model.Loosely(name) == model.Loosely(carryingOver) || model.Loosely(name) == model.Loosely(agreedLast):
				skipping, section = true, ""
				continue
			case ok:
			case n.Level == 1 && section == "":
				continue // the file's title
			case d.setext(n) && section != "":
				// A line underlined with "=" or "-": the words are an item.
				if err := d.addLines(n, add); err != nil {
					return nil, nil, 0, err
				}
				continue
			}
			if !ok {
				return nil, nil, 0, &Error{Line: line, Reason: fmt.Sprintf("%q is not one of the four headings (%s); things outside work go under %q below one", name, headingList(), outsideWork)}
			}
			section, skipping, nonWork = h, false, false
			headings++
		case *ast.List:
			if skipping {
				continue
			}
			err := ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
				if !entering || c.Kind() != ast.KindListItem {
					return ast.WalkContinue, nil
				}
				if depth(c) > maxDepth {
					return ast.WalkStop, &Error{Line: d.lineOf(c), Reason: fmt.Sprintf("lists go more than %d deep here; write each item on a line of its own", maxDepth)}
				}
				if first := c.FirstChild(); first != nil && isText(first) {
					return ast.WalkContinue, add(d.raw(first, " "), d.lineOf(first))
				}
				return ast.WalkContinue, nil
			})
			if err != nil {
				return nil, nil, 0, err
			}
		case *ast.Paragraph, *ast.HTMLBlock:
			// Before the first heading is the file's introduction; after
			// one, a line without "- " is an item all the same.
			if skipping || section == "" || n.Kind() == ast.KindHTMLBlock && strings.HasPrefix(d.raw(n, ""), "<!--") {
				continue
			}
			if err := d.addLines(n, add); err != nil {
				return nil, nil, 0, err
			}
		case *ast.ThematicBreak:
		default:
			if !skipping && section != "" {
				return nil, nil, 0, &Error{Line: line, Reason: "write items as a list, each line starting with \"- \""}
			}
		}
	}
	if headings == 0 {
		return nil, nil, 0, &Error{Reason: fmt.Sprintf("none of the four headings (%s) is in the file; was it edited past recognition? Send a new agenda to fill in", headingList())}
	}
	return items, lines, pulse, nil
}

// addLines adds each line of a block as an item.
func (d doc) addLines(n ast.Node, add func(string, int) error) error {
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		if err := add(strings.TrimSpace(string(seg.Value(d.src))), d.line(seg.Start)); err != nil {
			return err
		}
	}
	return nil
}

// isText reports whether a list item's first block is its words: a
// paragraph, or a heading when a line of "=" or "-" follows them, or "#"
// starts them.
func isText(n ast.Node) bool {
	switch n.Kind() {
	case ast.KindTextBlock, ast.KindParagraph, ast.KindHeading:
		return n.Lines().Len() > 0
	}
	return false
}

// setext reports whether a heading is words underlined with "=" or "-"
// rather than a line starting with "#".
func (d doc) setext(n ast.Node) bool {
	if n.Lines().Len() == 0 {
		return false
	}
	start := n.Lines().At(0).Start
	lineStart := bytes.LastIndexByte(d.src[:start], '\n') + 1
	return !bytes.HasPrefix(bytes.TrimLeft(d.src[lineStart:start], " \t"), []byte("#"))
}

// depth counts the lists a node stands in.
func depth(n ast.Node) int {
	k := 0
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Kind() == ast.KindList {
			k++
		}
	}
	return k
}

func headingList() string {
	var labels []string
	for _, h := range model.Headings() {
		labels = append(labels, h.Label())
	}
	return strings.Join(labels, ", ")
}
