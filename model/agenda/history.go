package agenda

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/yuin/goldmark/ast"

	"solemate/model"
)

// A history section's heading is "Name — date, time · setting", as
// model/export writes it, or just a date for notes kept by hand.
var (
	headingSep  = regexp.MustCompile(`\s+[—–-]\s+`)
	dateLayouts = []string{"Mon 2 Jan 2006, 15:04", "Mon 2 Jan 2006", "2 Jan 2006, 15:04", "2 Jan 2006",
		"2006-01-02 15:04", "2006-01-02", "Monday 2 January 2006", "2 January 2006", "January 2, 2006"}
	notesRE = regexp.MustCompile(`\s*\*\(([^()]*)\)\*$`)
	pulseRE = regexp.MustCompile(`^Pulse: (?:([1-5])/5|not rated)(?: — (.*))?$`)
)

// meetingHeading reads a history section's heading: whose meeting, when,
// and where. ok is false when the heading holds no date.
func meetingHeading(s string) (name string, at time.Time, setting model.MeetingSetting, ok bool) {
	rest := s
	if loc := headingSep.FindStringIndex(s); loc != nil {
		if _, _, dated := parseWhen(s); !dated {
			name, rest = strings.TrimSpace(s[:loc[0]]), s[loc[1]:]
		}
	}
	when, where, _ := strings.Cut(rest, " · ")
	at, setting, ok = parseWhen(when)
	if where != "" {
		if st, known := model.ParseMeetingSetting(where); known {
			setting = st
		}
	}
	return name, at, setting, ok
}

// parseWhen reads a date, with or without a time, on the local clock; a
// day without a time is taken as nine in the morning.
func parseWhen(s string) (time.Time, model.MeetingSetting, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range dateLayouts {
		if t, err := time.ParseInLocation(layout, s, time.Local); err == nil {
			if !strings.Contains(layout, "15") {
				t = t.Add(9 * time.Hour)
			}
			return t, model.MeetingSettingDesk, true
		}
	}
	return time.Time{}, "", false
}

// looksLikeHistory reports whether a section of the file is a dated
// meeting.
func (d doc) looksLikeHistory() bool {
	for n := d.root.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok && h.Level == 2 {
			if _, _, _, ok := meetingHeading(d.headingText(h)); ok {
				return true
			}
		}
	}
	return false
}

// pastMeeting is a meeting read from a history, with where it stands.
type pastMeeting struct {
	model.HistoryMeeting
	line    int
	carried []time.Time // when each item was first raised, zero for its own
}

// importHistory adds the meetings of a history file to the person it
// names, or expect.
func importHistory(st *model.Store, d doc, expect uint) (Result, error) {
	name, nameLine, meetings, err := d.history()
	if err != nil {
		return Result{}, err
	}
	p, err := historyPerson(st, name, nameLine, expect)
	if err != nil {
		return Result{}, err
	}
	past := make([]model.HistoryMeeting, len(meetings))
	for i, m := range meetings {
		past[i] = m.HistoryMeeting
		past[i].Items = nil
		for j, it := range m.Items {
			if ref, ok := carriedFrom(past[:i], it, m.carried[j]); ok {
				past[i].Carried = append(past[i].Carried, ref)
			} else {
				past[i].Items = append(past[i].Items, it)
			}
		}
	}
	added, err := st.ImportHistory(p.ID, past)
	var v *model.ValidationError
	if errors.As(err, &v) && len(v.Problems) > 0 {
		msg := v.Problems[0].Message
		if n, reason, ok := strings.Cut(strings.TrimPrefix(msg, "meeting "), ": "); ok {
			if i, err := strconv.Atoi(n); err == nil && i >= 1 && i <= len(meetings) {
				return Result{}, &Error{Line: meetings[i-1].line, Reason: reason}
			}
		}
		return Result{}, &Error{Reason: msg}
	}
	if err != nil {
		return Result{}, err
	}
	return Result{Person: p, History: true, Added: added, Already: len(meetings) - added}, nil
}

// carriedFrom finds the item a meeting carried over from an earlier one
// in the file: the earlier meeting keeps it.
func carriedFrom(earlier []model.HistoryMeeting, it model.Item, from time.Time) (model.CarriedItem, bool) {
	if from.IsZero() {
		return model.CarriedItem{}, false
	}
	for i, m := range earlier {
		if model.DateOf(m.HeldAt) != model.DateOf(from) {
			continue
		}
		for j, mine := range m.Items {
			if mine.Heading == it.Heading && model.Loosely(mine.Text) == model.Loosely(it.Text) {
				return model.CarriedItem{Meeting: i, Item: j}, true
			}
		}
	}
	return model.CarriedItem{}, false
}

// historyPerson is the person a history is for: the one its headings
// name, who must be expect when that is given.
func historyPerson(st *model.Store, name string, line int, expect uint) (model.Person, error) {
	if expect != 0 {
		p, err := st.Person(expect)
		if err != nil {
			return p, err
		}
		if name != "" && !strings.EqualFold(name, p.Name) && !strings.EqualFold(name, p.PreferredName) && !strings.EqualFold(name, p.DisplayName()) {
			return p, &Error{Line: line, Reason: fmt.Sprintf("these one-on-ones are with %s, not %s", name, p.DisplayName())}
		}
		return p, nil
	}
	if name == "" {
		return model.Person{}, &Error{Line: line, Reason: "the one-on-ones' headings do not say whom they were with; write the name before the date, like \"## Amara Okafor — 3 Mar 2026\""}
	}
	people, err := st.People(false)
	if err != nil {
		return model.Person{}, err
	}
	var found []model.Person
	for _, r := range people {
		if strings.EqualFold(name, r.Name) || strings.EqualFold(name, r.PreferredName) {
			found = append(found, r.Person)
		}
	}
	switch len(found) {
	case 0:
		return model.Person{}, &Error{Line: line, Reason: fmt.Sprintf("nobody on the roster here is called %s; add them first", name)}
	case 1:
		return found[0], nil
	}
	return model.Person{}, &Error{Line: line, Reason: fmt.Sprintf("more than one person on the roster is called %s; import from their page instead", name)}
}

// history reads a history file's meetings and whom they were with.
func (d doc) history() (name string, nameLine int, meetings []pastMeeting, err error) {
	var m *pastMeeting
	var section model.Heading
	notes := "" // "shared", "private" or "actions" after such a title
	for n := d.root.FirstChild(); n != nil; n = n.NextSibling() {
		line := d.lineOf(n)
		switch n := n.(type) {
		case *ast.Heading:
			text := d.headingText(n)
			switch n.Level {
			case 2:
				who, at, setting, ok := meetingHeading(text)
				if !ok {
					return "", 0, nil, &Error{Line: line, Reason: fmt.Sprintf("%q is not a one-on-one's heading: give its date, like \"## Amara Okafor — 3 Mar 2026\"", text)}
				}
				if who != "" && name != "" && !strings.EqualFold(who, name) {
					return "", 0, nil, &Error{Line: line, Reason: fmt.Sprintf("this one-on-one is with %s, the ones before with %s; import one person's history at a time", who, name)}
				}
				if name == "" {
					name, nameLine = who, line
				}
				meetings = append(meetings, pastMeeting{HistoryMeeting: model.HistoryMeeting{HeldAt: at, Setting: setting}, line: line})
				m, section, notes = &meetings[len(meetings)-1], "", ""
			case 1:
				// A title, unless it names one of the four in a meeting.
				if _, ok := model.ParseHeading(text); !ok || m == nil {
					continue
				}
				fallthrough
			default:
				h, ok := model.ParseHeading(text)
				if m == nil || !ok {
					return "", 0, nil, &Error{Line: line, Reason: fmt.Sprintf("%q is not one of the four headings (%s)", text, headingList())}
				}
				section, notes = h, ""
			}
		case *ast.Paragraph:
			text := unescape(d.raw(n, "\n"))
			switch {
			case m == nil || text == "Nothing noted.":
			case text == "**Actions**":
				notes = "actions"
			case text == "**Shared notes**":
				notes = "shared"
			case text == "**Private notes**":
				notes = "private"
			case notes == "shared":
				m.SharedNotes = joinNotes(m.SharedNotes, text)
			case notes == "private":
				m.PrivateNotes = joinNotes(m.PrivateNotes, text)
			case section == model.HeadingPulse && pulseRE.MatchString(text):
				p := pulseRE.FindStringSubmatch(text)
				m.PulseRating, _ = strconv.Atoi(p[1])
				m.PulseComment = p[2]
			case section != "" && notes == "":
				for l := range strings.SplitSeq(text, "\n") {
					m.add(model.Item{Heading: section, Text: l, Status: model.ItemOpen}, time.Time{})
				}
			}
		case *ast.List:
			if m == nil {
				continue
			}
			if notes == "actions" {
				for li := n.FirstChild(); li != nil; li = li.NextSibling() {
					if err := d.historyAction(m, li); err != nil {
						return "", 0, nil, err
					}
				}
				continue
			}
			if section == "" {
				return "", 0, nil, &Error{Line: line, Reason: "put each item under one of the four headings"}
			}
			for li := n.FirstChild(); li != nil; li = li.NextSibling() {
				if err := d.historyItem(m, section, li); err != nil {
					return "", 0, nil, err
				}
			}
		}
	}
	return name, nameLine, meetings, nil
}

// historyAction reads an action agreed in a meeting: "[x] what *(who, by
// 2026-03-13)*", who being the report or "the lead".
func (d doc) historyAction(m *pastMeeting, li ast.Node) error {
	first := li.FirstChild()
	if first == nil || first.Lines().Len() == 0 {
		return nil
	}
	raw := d.raw(first, " ")
	a := model.Action{Owner: model.OwnerReport}
	if box := checkbox.FindString(raw); box != "" {
		raw = raw[len(box):]
		if strings.ContainsAny(box, "xX") {
			done := m.HeldAt // when exactly is not written down
			a.DoneAt = &done
		}
	}
	if loc := notesRE.FindStringSubmatchIndex(raw); loc != nil {
		for note := range strings.SplitSeq(raw[loc[2]:loc[3]], ", ") {
			switch {
			case strings.HasPrefix(note, "by "):
				due, err := model.ParseDate(strings.TrimPrefix(note, "by "))
				if err != nil {
					return &Error{Line: d.lineOf(first), Reason: err.Error()}
				}
				a.Due = due
			case unescape(note) == "the lead":
				a.Owner = model.OwnerLead
			}
		}
		raw = raw[:loc[0]]
	}
	if a.Text = strings.TrimSpace(unescape(raw)); a.Text != "" {
		m.Actions = append(m.Actions, a)
	}
	return nil
}

func joinNotes(have, more string) string {
	if have == "" {
		return more
	}
	return have + "\n\n" + more
}

func (m *pastMeeting) add(it model.Item, from time.Time) {
	m.Items = append(m.Items, it)
	m.carried = append(m.carried, from)
}

// historyItem reads one list item of a meeting: its box, its words, the
// notes after them ("non-work, follow up 2026-03-20") and what the person
// said when asked.
func (d doc) historyItem(m *pastMeeting, h model.Heading, li ast.Node) error {
	first := li.FirstChild()
	if first == nil || !isText(first) {
		return nil
	}
	line := d.lineOf(first)
	raw := d.raw(first, " ")
	it := model.Item{Heading: h, Status: model.ItemOpen}
	if box := checkbox.FindString(raw); box != "" {
		raw = raw[len(box):]
		if strings.ContainsAny(box, "xX") {
			it.Status = model.ItemDone
		}
	} else if h == model.HeadingProgress {
		it.Status = model.ItemDone // progress is written as what was achieved
	}
	var from time.Time
	if loc := notesRE.FindStringSubmatchIndex(raw); loc != nil {
		for note := range strings.SplitSeq(raw[loc[2]:loc[3]], ", ") {
			var err error
			switch {
			case note == "work":
			case note == "non-work":
				it.NonWork = true
			case note == "dropped":
				it.Status = model.ItemDropped
			case note == "private":
				it.Private = true
			case strings.HasPrefix(note, "follow up "):
				it.FollowUp, err = model.ParseDate(strings.TrimPrefix(note, "follow up "))
			case strings.HasPrefix(note, "asked "):
				it.AskedOn, err = model.ParseDate(strings.TrimPrefix(note, "asked "))
			case strings.HasPrefix(note, "carried over from "):
				var day model.Date
				day, err = model.ParseDate(strings.TrimPrefix(note, "carried over from "))
				from = day.Time()
			}
			if err != nil {
				return &Error{Line: line, Reason: err.Error()}
			}
		}
		raw = raw[:loc[0]]
	}
	it.Text = strings.TrimSpace(unescape(raw))
	if it.Text == "" {
		return nil
	}
	if utf8Len := len([]rune(it.Text)); utf8Len > maxItemLen {
		return &Error{Line: line, Reason: fmt.Sprintf("keep an item under %d characters", maxItemLen)}
	}
	for sub := first.NextSibling(); sub != nil; sub = sub.NextSibling() {
		if sub.Kind() != ast.KindList {
			continue
		}
		for c := sub.FirstChild(); c != nil; c = c.NextSibling() {
			if t := c.FirstChild(); t != nil && t.Lines().Len() > 0 {
				if said, ok := strings.CutPrefix(unescape(d.raw(t, " ")), "They said: "); ok {
					it.AskedNote = said
				}
			}
		}
	}
	m.add(it, from)
	return nil
}
