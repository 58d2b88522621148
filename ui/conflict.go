package ui

import (
	"errors"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
)

// conflicts asks whose version to keep when a save was refused because
// someone else saved the same record first (another lead on a shared
// database, or another window). It shows one dialog at a time; the others
// wait their turn. Until the user chooses, their change stays unsaved but
// is kept, and Esc leaves the choice for later.
type conflicts struct {
	win  fyne.Window
	show func(dialog.Dialog) // shows a dialog over win, Esc closing it
	// onChange hears that conflicts came or went (to update a notice).
	onChange func()
	// review brings the waiting dialog back; shown while one waits.
	review *widget.Button

	// saved holds each item as last loaded or saved here, to tell their
	// changes from ours.
	saved map[uint]model.Item
	queue []*conflict
	open  dialog.Dialog // the dialog showing, if any
}

// conflict is one refused save waiting for the user's choice.
type conflict struct {
	key     any    // the record: an item's ID, or "meeting"
	subject string // "the item “…”", "this one-on-one"
	title   string // the dialog's, when not about an item or a meeting
	// dismissed, when set, runs if Esc closes the dialog: for a record
	// edited in a dialog that is gone, there is no "later" to wait for.
	dismissed func()
	// version is theirs: a retry refused by the same save of theirs does
	// not ask again.
	version    int
	diffs      []fieldDiff
	keep, take func()
}

func newConflicts(win fyne.Window, show func(dialog.Dialog)) *conflicts {
	c := &conflicts{win: win, show: show, saved: map[uint]model.Item{}}
	c.review = widget.NewButtonWithIcon("Choose whose to keep…", theme.WarningIcon(), c.showFirst)
	c.review.Hide()
	return c
}

// theirsOf is the record as stored now when err is a refused save of a T.
func theirsOf[T any](err error) *T {
	var ce *model.ConflictError
	if !errors.As(err, &ce) {
		return nil
	}
	theirs, _ := ce.Theirs.(*T)
	return theirs
}

// isConflict reports whether err holds a save refused as stale.
func isConflict(err error) bool {
	var ce *model.ConflictError
	return errors.As(err, &ce)
}

// loaded notes the items as they were read from the store.
func (c *conflicts) loaded(items []*model.MeetingItem) {
	clear(c.saved)
	for _, it := range items {
		c.saved[it.ID] = it.Item
	}
}

// updateItem saves an item. When someone else saved it first, it saves
// again over theirs if they changed nothing shown (moving it, say) or hold
// what we would write, as then nothing of theirs is lost; otherwise it
// asks and returns the refusal. done runs once the user chose, with it at
// their version (keep) or holding theirs (take).
func (c *conflicts) updateItem(st *model.Store, it *model.Item, done func(keptMine bool)) error {
	err := st.UpdateItem(it)
	if theirs := theirsOf[model.Item](err); theirs != nil {
		base, known := c.saved[it.ID]
		diffs := itemDiffs(it, theirs)
		if len(diffs) > 0 && (!known || len(itemDiffs(&base, theirs)) > 0) {
			c.add(&conflict{key: it.ID, subject: itemSubject(theirs), version: theirs.Version, diffs: diffs,
				keep: func() { it.Version = theirs.Version; done(true) },
				take: func() { *it = *theirs; c.saved[it.ID] = *theirs; done(false) },
			})
			return err
		}
		it.Version = theirs.Version
		err = st.UpdateItem(it)
	}
	if err == nil {
		c.saved[it.ID] = *it
	}
	return err
}

// saveOneOnOne is updateItem for a one-on-one's own fields, base being
// them as last loaded or saved here: keep gets their version to save at,
// take gets theirs (private notes are each lead's own and never part of it).
func (c *conflicts) saveOneOnOne(st *model.Store, o *model.OneOnOne, base model.OneOnOne, keep func(version int), take func(theirs model.OneOnOne)) error {
	err := st.SaveOneOnOne(o)
	theirs := theirsOf[model.OneOnOne](err)
	if theirs == nil {
		return err
	}
	diffs := meetingDiffs(o, theirs)
	if len(diffs) == 0 || len(meetingDiffs(&base, theirs)) == 0 {
		o.Version = theirs.Version
		return st.SaveOneOnOne(o)
	}
	c.add(&conflict{key: "meeting", subject: "this one-on-one", version: theirs.Version, diffs: diffs,
		keep: func() { keep(theirs.Version) },
		take: func() { take(*theirs) },
	})
	return err
}

func itemSubject(it *model.Item) string {
	return "the item “" + model.Ellipsize(it.Text, 40) + "”"
}

// refusedText says in plain words why a save failed.
func refusedText(err error) string {
	if theirs := theirsOf[model.Item](err); theirs != nil {
		return refusedNotice(itemSubject(theirs))
	}
	if isConflict(err) {
		return refusedNotice("this one-on-one")
	}
	return err.Error()
}

func refusedNotice(subject string) string {
	return "someone else saved " + subject + " while you were editing it — choose whose to keep"
}

// notice says what waits for a choice, or "" when nothing does.
func (c *conflicts) notice() string {
	if len(c.queue) == 0 {
		return ""
	}
	return "Not saved: " + refusedNotice(c.queue[0].subject) + "."
}

func (c *conflicts) pending() bool { return len(c.queue) > 0 }

// add queues a conflict and shows it when no other dialog of ours is up. A
// newer refusal of the same record replaces the one waiting.
func (c *conflicts) add(n *conflict) {
	i := slices.IndexFunc(c.queue, func(x *conflict) bool { return x.key == n.key })
	switch {
	case i < 0:
		c.queue = append(c.queue, n)
	case c.queue[i].version == n.version:
		return // already asked; Esc left it waiting
	default:
		c.queue[i] = n
		if i == 0 && c.open != nil {
			c.open.Hide() // it showed their older save
		}
	}
	c.changed()
	c.showFirst()
}

// clear forgets every conflict: what they held was discarded.
func (c *conflicts) clear() {
	c.queue = nil
	if c.open != nil {
		c.open.Hide()
	}
	c.changed()
}

// drop forgets the conflict of one record (it was deleted).
func (c *conflicts) drop(key any) {
	if len(c.queue) > 0 && c.queue[0].key == key && c.open != nil {
		c.open.Hide()
	}
	c.queue = slices.DeleteFunc(c.queue, func(x *conflict) bool { return x.key == key })
	c.changed()
}

func (c *conflicts) changed() {
	c.review.Hidden = len(c.queue) == 0
	c.review.Refresh()
	if c.onChange != nil {
		c.onChange()
	}
}

// showFirst shows the oldest waiting conflict unless one is showing.
func (c *conflicts) showFirst() {
	if c.open != nil || len(c.queue) == 0 {
		return
	}
	n := c.queue[0]
	d := dialog.NewCustomWithoutButtons(conflictTitle(n), n.content(), c.win)
	// Neither is the default: Enter picks nothing, as in the app's other
	// dialogs, and Esc closes the dialog leaving the change waiting.
	take := widget.NewButton("Take theirs", func() { c.resolve(n, n.take) })
	keep := widget.NewButton("Keep mine", func() { c.resolve(n, n.keep) })
	d.SetButtons([]fyne.CanvasObject{take, keep})
	d.SetOnClosed(func() {
		if c.open == d {
			c.open = nil
		}
		if n.dismissed != nil && slices.Contains(c.queue, n) {
			c.queue = slices.DeleteFunc(c.queue, func(x *conflict) bool { return x == n })
			c.changed()
			n.dismissed()
		}
	})
	d.Resize(fyne.NewSize(max(d.MinSize().Width, 560), d.MinSize().Height))
	c.open = d
	c.show(d)
}

func (c *conflicts) resolve(n *conflict, choice func()) {
	c.queue = slices.DeleteFunc(c.queue, func(x *conflict) bool { return x == n })
	if c.open != nil {
		c.open.Hide()
	}
	c.changed()
	choice()
	c.showFirst()
}

func conflictTitle(n *conflict) string {
	if n.title != "" {
		return n.title
	}
	if n.key == "meeting" {
		return "Someone else saved this one-on-one"
	}
	return "Someone else saved this item"
}

// content tells what happened and lists the fields that differ.
func (n *conflict) content() fyne.CanvasObject {
	rows := container.New(layout.NewFormLayout())
	for _, f := range n.diffs {
		rows.Add(widget.NewLabelWithStyle(f.name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		rows.Add(widget.NewLabel("Theirs:  " + f.theirs))
		rows.Add(widget.NewLabel(""))
		rows.Add(widget.NewLabel("Yours:   " + f.mine))
	}
	help := "Keep mine saves yours over theirs. Take theirs shows theirs and drops your change.\nEsc decides later: your change waits, unsaved."
	if n.key == "meeting" {
		help += " Your private notes are kept either way."
	}
	hint := widget.NewLabel(help)
	hint.SizeName = theme.SizeNameCaptionText
	return container.NewVBox(
		widget.NewLabel("While you were editing "+n.subject+", someone else saved it.\nNothing of yours is saved yet. What differs:"),
		rows, widget.NewSeparator(), hint)
}

// fieldDiff is one field as stored now (theirs) and as edited here (mine).
type fieldDiff struct{ name, theirs, mine string }

type fieldDiffs []fieldDiff

// value adds a field shown as a short value when the two differ.
func (d *fieldDiffs) value(name, theirs, mine string) {
	if theirs != mine {
		*d = append(*d, fieldDiff{name, theirs, mine})
	}
}

// text adds a text field, both sides shortened to what tells them apart.
func (d *fieldDiffs) text(name, theirs, mine string) {
	if theirs != mine {
		t, m := excerpts(theirs, mine)
		*d = append(*d, fieldDiff{name, t, m})
	}
}

func itemDiffs(mine, theirs *model.Item) []fieldDiff {
	var d fieldDiffs
	d.text("Text", theirs.Text, mine.Text)
	d.value("Done / open", string(theirs.Status), string(mine.Status))
	d.value("Work / non-work", tagLabel(theirs.NonWork), tagLabel(mine.NonWork))
	d.value("Private", yesNo(theirs.Private), yesNo(mine.Private))
	d.value("Follow up on", dayOrNone(theirs.FollowUp), dayOrNone(mine.FollowUp))
	d.value("Asked on", dayOrNone(theirs.AskedOn), dayOrNone(mine.AskedOn))
	d.text("What they said", theirs.AskedNote, mine.AskedNote)
	return d
}

// meetingDiffs compares every field a lead edits (model's meetingEdits): one
// left out would let a save that differs only there overwrite silently.
func meetingDiffs(mine, theirs *model.OneOnOne) []fieldDiff {
	var d fieldDiffs
	d.value("Time", theirs.HeldAt.Local().Format("Mon 2 Jan 2006 15:04"), mine.HeldAt.Local().Format("Mon 2 Jan 2006 15:04"))
	d.value("Where", theirs.Setting.Label(), mine.Setting.Label())
	d.value("Pulse rating", ratingText(theirs.PulseRating), ratingText(mine.PulseRating))
	d.text("Pulse comment", theirs.PulseComment, mine.PulseComment)
	d.text("Shared notes", theirs.SharedNotes, mine.SharedNotes)
	return d
}

func personDiffs(mine, theirs *model.Person, nameOf func(*uint) string) []fieldDiff {
	var d fieldDiffs
	d.value("Name", theirs.Name, mine.Name)
	d.value("Called", theirs.PreferredName, mine.PreferredName)
	d.value("Role", theirs.Role.Label(), mine.Role.Label())
	d.value("Team", theirs.Team, mine.Team)
	d.value("Email", theirs.Email, mine.Email)
	d.value("Started", dayOrNone(theirs.StartDate), dayOrNone(mine.StartDate))
	d.value("Reports to", nameOf(theirs.ManagerID), nameOf(mine.ManagerID))
	d.value("Status", theirs.Status.Label(), mine.Status.Label())
	d.value("One-on-ones", theirs.Cadence.Label(), mine.Cadence.Label())
	return d
}

func hireDiffs(mine, theirs *model.Hire) []fieldDiff {
	var d fieldDiffs
	d.value("Status", theirs.Status.Label(), mine.Status.Label())
	d.text("Trainer notes", theirs.Notes, mine.Notes)
	d.value("Offer made on", dayOrNone(theirs.OfferedOn), dayOrNone(mine.OfferedOn))
	d.value("Amount", strconv.Itoa(theirs.OfferAmount), strconv.Itoa(mine.OfferAmount))
	d.value("Answer", theirs.OfferOutcome, mine.OfferOutcome)
	d.text("Offer note", theirs.OfferNote, mine.OfferNote)
	return d
}

func sessionDiffs(mine, theirs *model.Session) []fieldDiff {
	var d fieldDiffs
	d.value("Day", dayOrNone(theirs.Date), dayOrNone(mine.Date))
	d.value("Channel", theirs.Channel.Label(), mine.Channel.Label())
	d.value("Minutes", strconv.Itoa(theirs.Minutes), strconv.Itoa(mine.Minutes))
	d.text("Journey", theirs.Journey, mine.Journey)
	d.text("What worked", theirs.Worked, mine.Worked)
	d.text("Friction", theirs.Friction, mine.Friction)
	d.text("Wow", theirs.Wow, mine.Wow)
	d.text("Ideas", theirs.Ideas, mine.Ideas)
	d.value("Debrief on", dayOrNone(theirs.DebriefDate), dayOrNone(mine.DebriefDate))
	d.text("Agreed", theirs.DebriefAgreed, mine.DebriefAgreed)
	return d
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func dayOrNone(d model.Date) string {
	if d.IsZero() {
		return "none"
	}
	return formatDay(d)
}

func ratingText(r int) string {
	if r == 0 {
		return "none"
	}
	return strconv.Itoa(r) + " of 5"
}

// excerptLen is how many characters of a text a comparison shows.
const excerptLen = 60

// excerpts shortens two versions of a text, on one line each. When they
// differ only far in, both start shortly before the first difference, at a
// word, so what tells them apart is in view.
func excerpts(theirs, mine string) (string, string) {
	a := []rune(strings.Join(strings.Fields(theirs), " "))
	b := []rune(strings.Join(strings.Fields(mine), " "))
	same := 0
	for same < len(a) && same < len(b) && a[same] == b[same] {
		same++
	}
	start := 0
	if same > excerptLen/2 {
		start = same - excerptLen/2
		if sp := slices.Index(a[start:same], ' '); sp >= 0 {
			start += sp + 1
		}
	}
	return excerpt(a, start), excerpt(b, start)
}

func excerpt(r []rune, start int) string {
	if len(r) == 0 {
		return "(empty)"
	}
	s := string(r[start:min(len(r), start+excerptLen)])
	if start > 0 {
		s = "…" + s
	}
	if start+excerptLen < len(r) {
		s = strings.TrimRight(s, " ") + "…"
	}
	return s
}
