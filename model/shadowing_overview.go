package model

import (
	"cmp"
	"fmt"
	"slices"
)

// ThemeMonths is how far back the overview looks: what customers meet
// now, not what was fixed years ago.
const ThemeMonths = 12

// ThemeCount is how many sessions on a channel carried a tag.
type ThemeCount struct {
	Channel Channel
	Tag     string
	Count   int
}

// ChannelResponse is how long customers waited for an answer on a channel:
// the median of the response times sessions logged, and how many did.
type ChannelResponse struct {
	Channel       Channel
	MedianMinutes int
	Count         int
}

// ThemeOverview is what the shadowing overview shows of one kind of theme
// over the sessions since Since.
type ThemeOverview struct {
	Since Date
	// Totals is each theme across every channel, most frequent first: what
	// hurts (or delights) most overall.
	Totals []TagCount
	// ByChannel is each channel's themes, most frequent first within it.
	ByChannel []ThemeCount
	// Response is per channel, whatever the kind: waiting is no theme.
	Response []ChannelResponse
}

// Overview counts the themes of kind on the sessions of the last
// ThemeMonths, per channel and in all, with the response times per channel.
func (s *Store) Overview(kind TagKind) (ThemeOverview, error) {
	o := ThemeOverview{Since: DateOf(s.Today().Time().AddDate(0, -ThemeMonths, 0))}
	err := s.db.Raw(`SELECT s.channel, t.name AS tag, COUNT(*) AS count
		-- the recent sessions by their date index first (keepOrder; an
		-- unindexed channel keeps the channel index from being chosen to group)
		FROM shadowing_sessions s `+s.d.keepOrder()+` session_tags st ON st.session_id = s.id JOIN tags t ON t.id = st.tag_id
		WHERE s.date >= ? AND t.kind = ?
		GROUP BY `+s.d.unindexed("s.channel")+`, t.name ORDER BY s.channel, count DESC, t.name`, o.Since, kind).Scan(&o.ByChannel).Error
	if err != nil {
		return o, fmt.Errorf("count %s themes: %w", kind, err)
	}
	o.Totals = themeTotals(o.ByChannel, kind)
	if o.Response, err = s.responseByChannel(o.Since); err != nil {
		return o, err
	}
	return o, nil
}

// themeTotals adds up each theme over the channels; a session has one
// channel, so the sum counts each session once.
func themeTotals(rows []ThemeCount, kind TagKind) []TagCount {
	sums := map[string]int{}
	for _, r := range rows {
		sums[r.Tag] += r.Count
	}
	out := make([]TagCount, 0, len(sums))
	for name, n := range sums {
		out = append(out, TagCount{Name: name, Kind: kind, Count: n})
	}
	slices.SortFunc(out, func(a, b TagCount) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Name, b.Name))
	})
	return out
}

// responseByChannel summarises the response times logged since since. The
// median is taken here rather than in SQL, which SQLite and PostgreSQL
// spell differently (if at all); a year's sessions are few.
func (s *Store) responseByChannel(since Date) ([]ChannelResponse, error) {
	var rows []responseRow
	err := s.db.Raw(`SELECT s.channel, s.response_minutes FROM shadowing_sessions s
		WHERE s.date >= ? AND s.response_minutes IS NOT NULL`, since).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("summarise response times: %w", err)
	}
	// Sorted here: asked to sort, SQLite would walk the channel index
	// through every year rather than the date index through this one.
	slices.SortFunc(rows, func(a, b responseRow) int {
		return cmp.Or(cmp.Compare(a.Channel, b.Channel), cmp.Compare(a.ResponseMinutes, b.ResponseMinutes))
	})
	var out []ChannelResponse
	for start := 0; start < len(rows); {
		end := start
		var minutes []int
		for ; end < len(rows) && rows[end].Channel == rows[start].Channel; end++ {
			minutes = append(minutes, rows[end].ResponseMinutes)
		}
		out = append(out, ChannelResponse{Channel: rows[start].Channel, MedianMinutes: median(minutes), Count: len(minutes)})
		start = end
	}
	return out, nil
}

type responseRow struct {
	Channel         Channel
	ResponseMinutes int
}

// median of sorted values, rounded to the nearest whole; between the two
// middle ones for an even count, and 0 for none.
func median(sorted []int) int {
	n := len(sorted)
	switch {
	case n == 0:
		return 0
	case n%2 == 1:
		return sorted[n/2]
	}
	return (sorted[n/2-1] + sorted[n/2] + 1) / 2
}

// SetTagKind files the theme name under kind from now on, in every count.
func (s *Store) SetTagKind(name string, kind TagKind) error {
	shown := Ellipsize(name, 40)
	if !tagKinds.has(kind) {
		return fmt.Errorf("set the kind of theme %q: %q is not a kind of theme", shown, Ellipsize(string(kind), 40))
	}
	if !mayBeTag(NormalizeTag(name)) {
		return fmt.Errorf("set the kind of theme %q: %w", shown, ErrNotFound)
	}
	res := s.db.Exec(`UPDATE tags SET kind = ? WHERE name = ?`, kind, NormalizeTag(name))
	if res.Error != nil {
		return fmt.Errorf("set the kind of theme %q: %w", shown, res.Error)
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("set the kind of theme %q: %w", shown, ErrNotFound)
	}
	return nil
}
