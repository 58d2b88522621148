package model

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
	"unicode"

	"gorm.io/gorm"
)

// SearchKind is what a search hit points at.
type SearchKind int

// What can be found. The numbers are part of the index's document IDs.
const (
	SearchPerson   SearchKind = 1
	SearchItem     SearchKind = 2
	SearchNotes    SearchKind = 3
	SearchPrivate  SearchKind = 4
	SearchSession  SearchKind = 5
	SearchHire     SearchKind = 6
	SearchPrompt   SearchKind = 7
	searchKindBase            = 10_000_000_000 // docid = kind*base + row ID
)

var searchKinds = enum[SearchKind]{unknown: SearchPrompt, entries: []labelled[SearchKind]{
	{SearchPerson, "People"}, {SearchItem, "One-on-one items"}, {SearchNotes, "One-on-one notes"},
	{SearchPrivate, "Private notes"}, {SearchSession, "Shadowing"},
	{SearchHire, "Cohort and trainer notes"}, {SearchPrompt, "Prompts"},
}}

// Label names the kind as results are grouped.
func (k SearchKind) Label() string { return searchKinds.label(k) }

// Key is a short name for the command line.
func (k SearchKind) Key() string {
	return [...]string{"", "person", "item", "notes", "private", "shadowing", "trainer", "prompt"}[k]
}

// searchSource is a table whose rows the search index holds. The SQL is
// over NEW, as triggers see a row, and means the same to both dialects.
type searchSource struct {
	table, kind        string
	body, person, at   string
	private, condition string
	// watch lists the columns the index reads, so an update that changes
	// none of them (a ticked item, a new pulse rating) leaves it alone.
	watch []string
	// author is who may find a private entry on a server ('' for anyone
	// when empty); a file of one's own has no authors.
	author string
}

func searchDocid(kind, row string) string {
	return fmt.Sprintf("%s * %d + %s", kind, searchKindBase, row)
}

// fill is a SELECT of the index entry for each row of from (aliased NEW)
// that has one; from is empty in a trigger, where NEW is the row. With
// authors, the entry ends with its author.
func (src searchSource) fill(from string, authors bool) string {
	if from != "" {
		from = " FROM " + from + " AS NEW"
	}
	cols := []string{searchDocid(src.kind, "NEW.id"), src.body, src.person, src.at, src.private}
	if authors {
		cols = append(cols, cmp.Or(src.author, "''"))
	}
	return fmt.Sprintf(`SELECT %s%s WHERE %s`, strings.Join(cols, ", "), from, src.condition)
}

// kindRange is the docids of the source's entries.
func (src searchSource) kindRange() string {
	return fmt.Sprintf("docid BETWEEN %s AND %s", searchDocid(src.kind, "0"), searchDocid(src.kind, fmt.Sprint(searchKindBase-1)))
}

// changed is true when an update touched what the index reads.
func (src searchSource) changed() string {
	c := make([]string, len(src.watch))
	for i, col := range src.watch {
		c[i] = fmt.Sprintf("OLD.%s IS DISTINCT FROM NEW.%s", col, col)
	}
	return strings.Join(c, " OR ")
}

// name tells apart the two sources on one_on_ones in trigger names.
func (src searchSource) name() string {
	if src.table == searchPrivate.table && src.kind == searchPrivate.kind {
		return "private"
	}
	return src.table
}

const sqliteSearchInsert = `INSERT INTO search_fts (docid, body, person_id, at, private) `

func sqliteUpdateTrigger(src searchSource) string {
	return fmt.Sprintf(`CREATE TRIGGER search_%s_au AFTER UPDATE ON %s WHEN %s BEGIN DELETE FROM search_fts WHERE docid = %s; %s; END`,
		src.name(), src.table, src.changed(), searchDocid(src.kind, "OLD.id"), sqliteSearchInsert+src.fill("", false))
}

// searchIndex on SQLite is an FTS4 table (FTS4 needs no build tag) kept by
// triggers.
func (d sqliteDialect) searchIndex(tx *gorm.DB, sources []searchSource) error {
	stmts := []string{
		`CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts4(body, person_id, at, private,
			notindexed=person_id, notindexed=at, notindexed=private, tokenize=unicode61)`,
	}
	for _, src := range sources {
		if err := d.dropSearchSource(tx, src); err != nil {
			return err
		}
		stmts = append(stmts,
			fmt.Sprintf(`CREATE TRIGGER search_%s_ai AFTER INSERT ON %s BEGIN %s; END`, src.name(), src.table, sqliteSearchInsert+src.fill("", false)),
			sqliteUpdateTrigger(src),
			fmt.Sprintf(`CREATE TRIGGER search_%s_ad AFTER DELETE ON %s BEGIN DELETE FROM search_fts WHERE docid = %s; END`,
				src.name(), src.table, searchDocid(src.kind, "OLD.id")),
			// Fill from what is already there.
			sqliteSearchInsert+src.fill(src.table, false),
		)
	}
	return execAll(tx, stmts)
}

// dropSearchSource removes a source's triggers and entries, if any.
func (sqliteDialect) dropSearchSource(tx *gorm.DB, src searchSource) error {
	if !tx.Migrator().HasTable("search_fts") {
		return nil
	}
	stmts := []string{"DELETE FROM search_fts WHERE " + src.kindRange()}
	for _, op := range []string{"ai", "au", "ad"} {
		stmts = append(stmts, fmt.Sprintf("DROP TRIGGER IF EXISTS search_%s_%s", src.name(), op))
	}
	return execAll(tx, stmts)
}

func (sqliteDialect) search(db *gorm.DB, words []string, includePrivate bool, limit int) ([]searchRow, error) {
	match := make([]string, len(words))
	for i, w := range words {
		match[i] = w + "*"
	}
	var rows []searchRow
	err := db.Raw(`SELECT docid, person_id, at, private, snippet(search_fts, '[', ']', '…', 0, 14) AS snippet
		FROM search_fts WHERE search_fts MATCH ? AND (? OR private = '0') LIMIT ?`, strings.Join(match, " "), includePrivate, limit).Scan(&rows).Error
	return rows, err
}

func execAll(tx *gorm.DB, stmts []string) error {
	for _, s := range stmts {
		if err := tx.Exec(s).Error; err != nil {
			return fmt.Errorf("%w in: %.80s", err, s)
		}
	}
	return nil
}

// searchRow is an index entry as a search returns it.
type searchRow struct {
	Docid    int64
	PersonID uint
	At       string
	Private  string
	Snippet  string
}

// SearchHit is one match.
type SearchHit struct {
	Kind       SearchKind
	Ref        uint // the row: person, item, meeting, session, hire or prompt ID
	PersonID   uint
	PersonName string
	At         time.Time // when it was said or happened; zero when timeless
	Private    bool
	Snippet    string // with matched words between [ and ]
}

// searchWords splits what someone typed into the words to look for: every
// word must match, each as a prefix so results come while typing.
func searchWords(q string) []string {
	return strings.FieldsFunc(strings.ToLower(q), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// Search finds people, one-on-one items and notes, shadowing observations,
// trainer notes and prompts that contain every word of query. Private notes
// and items are left out unless includePrivate. Results come grouped by kind,
// newest first within a kind.
func (s *Store) Search(query string, includePrivate bool, limit int) ([]SearchHit, error) {
	words := searchWords(query)
	if len(words) == 0 {
		return nil, nil
	}
	rows, err := s.d.search(s.db, words, includePrivate, limit)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", query, err)
	}
	names, err := s.PersonNames()
	if err != nil {
		return nil, err
	}
	hits := make([]SearchHit, len(rows))
	for i, r := range rows {
		h := SearchHit{Kind: SearchKind(r.Docid / searchKindBase), Ref: uint(r.Docid % searchKindBase), PersonID: r.PersonID,
			PersonName: names[r.PersonID], Private: r.Private == "1", Snippet: strings.Join(strings.Fields(r.Snippet), " ")}
		if t, ok := parseDBTime(r.At); ok {
			h.At = t
		} else if d, err := ParseDate(r.At); err == nil {
			h.At = d.Time()
		}
		hits[i] = h
	}
	if hits, err = s.meetingsOfNotes(hits); err != nil {
		return nil, fmt.Errorf("search %q: %w", query, err)
	}
	slices.SortStableFunc(hits, func(a, b SearchHit) int {
		if a.Kind != b.Kind {
			return int(a.Kind) - int(b.Kind)
		}
		return b.At.Compare(a.At)
	})
	return hits, nil
}

// meetingsOfNotes points private-notes hits at their one-on-one (the index
// knows the notes' own row), leaving out any whose notes are gone.
func (s *Store) meetingsOfNotes(hits []SearchHit) ([]SearchHit, error) {
	notes := map[uint]uint{} // note → meeting, 0 until found
	for _, h := range hits {
		if h.Kind == SearchPrivate {
			notes[h.Ref] = 0
		}
	}
	if len(notes) == 0 {
		return hits, nil
	}
	var found []privateNote
	if err := s.db.Select("id", "one_on_one_id").Where("id IN ?", slices.Collect(maps.Keys(notes))).Find(&found).Error; err != nil {
		return nil, err
	}
	for _, n := range found {
		notes[n.ID] = n.OneOnOneID
	}
	kept := hits[:0]
	for _, h := range hits {
		if h.Kind == SearchPrivate {
			if h.Ref = notes[h.Ref]; h.Ref == 0 {
				continue
			}
		}
		kept = append(kept, h)
	}
	return kept, nil
}

// MeetingOfItem is the one-on-one an item was raised in, for opening a hit.
func (s *Store) MeetingOfItem(itemID uint) (uint, error) {
	var it Item
	if err := s.db.Select("one_on_one_id").First(&it, itemID).Error; err != nil {
		return 0, fmt.Errorf("find item %d: %w", itemID, err)
	}
	return it.OneOnOneID, nil
}

// CohortOfHire is the cohort a hire is in, for opening a hit.
func (s *Store) CohortOfHire(hireID uint) (uint, error) {
	var h Hire
	if err := s.db.Select("cohort_id").First(&h, hireID).Error; err != nil {
		return 0, fmt.Errorf("find hire %d: %w", hireID, err)
	}
	return h.CohortID, nil
}
