package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
)

// searchLimit bounds how many hits the search box shows.
const searchLimit = 100

// searchBox is the one box over everything (Ctrl+F): results grouped by
// kind, matching words in bold, private notes marked; Enter or a click
// opens the thing found.
type searchBox struct {
	sh       *shell
	nav      navigator
	entry    *dialogEntry
	list     *widget.List
	status   *widget.Label
	rows     []searchRow
	searches line
	dialog   *dialog.CustomDialog
	// shownFor is the query the rows answer; openSoon says Enter came
	// before the answer to the query in the box, which opens on arrival.
	shownFor string
	openSoon bool
}

// searchRow is a group heading or a hit.
type searchRow struct {
	heading string
	hit     model.SearchHit
}

func showSearch(sh *shell) *searchBox {
	b := &searchBox{sh: sh, nav: sh}
	b.entry = newDialogEntry()
	b.entry.OnSubmitted = func(string) { b.openFirst() }
	b.entry.SetPlaceHolder("Search people, notes, sessions, prompts…")
	b.entry.OnChanged = func(string) { b.run() }
	b.status = widget.NewLabel("Type a word or two; results come as you type.")
	b.status.SizeName = theme.SizeNameCaptionText
	b.list = widget.NewList(
		func() int { return len(b.rows) },
		func() fyne.CanvasObject { return widget.NewRichText() },
		func(id widget.ListItemID, o fyne.CanvasObject) { b.fill(o.(*widget.RichText), b.rows[id]) },
	)
	b.list.OnSelected = func(id widget.ListItemID) {
		b.list.UnselectAll()
		if id < len(b.rows) && b.rows[id].heading == "" {
			b.openHit(b.rows[id].hit)
		}
	}
	content := container.NewBorder(container.NewVBox(b.entry, b.status), nil, nil, nil, b.list)
	b.dialog = dialog.NewCustom("Search", "Close", content, sh.win)
	b.dialog.Resize(fyne.NewSize(760, 560))
	sh.showDialog(b.dialog)
	sh.win.Canvas().Focus(b.entry)
	return b
}

// run searches off the UI goroutine and shows the newest answer only.
func (b *searchBox) run() {
	q := b.entry.Text
	fetchOr(b.sh, &b.searches, func(st *model.Store) ([]model.SearchHit, error) {
		return st.Search(q, true, searchLimit)
	}, func(hits []model.SearchHit) { b.show(q, hits) }, func(err error) { b.status.SetText("Could not search: " + err.Error()) })
}

func (b *searchBox) show(q string, hits []model.SearchHit) {
	b.shownFor = q
	b.rows = b.rows[:0]
	last := model.SearchKind(0)
	for _, h := range hits {
		if h.Kind != last {
			b.rows = append(b.rows, searchRow{heading: h.Kind.Label()})
			last = h.Kind
		}
		b.rows = append(b.rows, searchRow{hit: h})
	}
	switch {
	case strings.TrimSpace(q) == "":
		b.status.SetText("Type a word or two; results come as you type.")
	case len(hits) == 0:
		b.status.SetText("Nothing found for “" + q + "”.")
	case len(hits) == searchLimit:
		b.status.SetText("The first 100 matches; add a word to narrow them. Enter opens the first.")
	default:
		b.status.SetText(model.Plural(len(hits), "match", "matches") + ". Enter opens the first; click any to open it.")
	}
	b.list.Refresh()
	b.list.ScrollToTop()
	if b.openSoon && q == b.entry.Text {
		b.openSoon = false
		b.openFirst()
	}
}

// fill renders a heading, or a hit with its matched words in bold.
func (b *searchBox) fill(rt *widget.RichText, r searchRow) {
	if r.heading != "" {
		rt.Segments = []widget.RichTextSegment{&widget.TextSegment{Text: r.heading, Style: widget.RichTextStyle{TextStyle: fyne.TextStyle{Bold: true}, ColorName: theme.ColorNamePrimary}}}
		rt.Refresh()
		return
	}
	h := r.hit
	var meta []string
	if h.Private {
		meta = append(meta, "🔒 private")
	}
	if h.PersonName != "" {
		meta = append(meta, h.PersonName)
	}
	if !h.At.IsZero() {
		meta = append(meta, formatDay(model.DateOf(h.At.Local())))
	}
	segs := []widget.RichTextSegment{}
	if len(meta) > 0 {
		segs = append(segs, &widget.TextSegment{Text: strings.Join(meta, " · ") + " — ", Style: widget.RichTextStyle{Inline: true, ColorName: theme.ColorNamePlaceHolder}})
	}
	segs = append(segs, highlight(model.Ellipsize(h.Snippet, 110))...)
	rt.Segments = segs
	rt.Truncation = fyne.TextTruncateEllipsis
	rt.Refresh()
}

// highlight turns "a [match] b" into text segments with the match in bold.
func highlight(snippet string) []widget.RichTextSegment {
	var segs []widget.RichTextSegment
	for snippet != "" {
		open := strings.IndexByte(snippet, '[')
		closing := strings.IndexByte(snippet, ']')
		if open < 0 || closing < open {
			segs = append(segs, &widget.TextSegment{Text: snippet, Style: widget.RichTextStyleInline})
			break
		}
		if open > 0 {
			segs = append(segs, &widget.TextSegment{Text: snippet[:open], Style: widget.RichTextStyleInline})
		}
		segs = append(segs, &widget.TextSegment{Text: snippet[open+1 : closing], Style: widget.RichTextStyle{Inline: true, TextStyle: fyne.TextStyle{Bold: true}}})
		snippet = snippet[closing+1:]
	}
	return segs
}

// openFirst opens the top hit (Enter in the box) for the words in the box:
// while their answer is still coming, once it comes.
func (b *searchBox) openFirst() {
	if b.shownFor != b.entry.Text {
		b.openSoon = true
		return
	}
	for _, r := range b.rows {
		if r.heading == "" {
			b.openHit(r.hit)
			return
		}
	}
}

// openHit closes the search and shows the thing found.
func (b *searchBox) openHit(h model.SearchHit) {
	b.sh.closeDialogs()
	nav, ref := b.nav, h.Ref
	const failure = "Could not open what was found"
	switch h.Kind {
	case model.SearchPerson:
		nav.openPerson(ref)
	case model.SearchItem:
		fetch(b.sh, nil, failure, func(st *model.Store) (uint, error) { return st.MeetingOfItem(ref) }, nav.openMeeting)
	case model.SearchNotes, model.SearchPrivate:
		nav.openMeeting(ref)
	case model.SearchSession:
		nav.openSession(ref)
	case model.SearchHire:
		fetch(b.sh, nil, failure, func(st *model.Store) (uint, error) { return st.CohortOfHire(ref) }, nav.openCohort)
	case model.SearchPrompt:
		nav.openPrompt(ref)
	}
}
