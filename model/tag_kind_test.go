package model

import (
	"path/filepath"
	"testing"

	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
)

func TestNewThemesGuessTheirKind(t *testing.T) {
	st := newTestStore(t)
	p := addPerson(t, st, "Sam Okafor")
	sess := Session{PersonID: p.ID, Channel: ChannelChat, Date: DateOf(fixedNow)}
	if err := st.SaveSession(&sess, []string{"Slow update", "WOW moment", "empowered agent"}); err != nil {
		t.Fatal(err)
	}
	want := map[string]TagKind{"slow update": TagFriction, "wow moment": TagStrength, "empowered agent": TagStrength}
	var tags []Tag
	if err := st.db.Find(&tags).Error; err != nil {
		t.Fatal(err)
	}
	if len(tags) != len(want) {
		t.Fatalf("tags %v, want %v", tags, want)
	}
	for _, tg := range tags {
		if want[tg.Name] != tg.Kind {
			t.Errorf("%q is %q, want %q", tg.Name, tg.Kind, want[tg.Name])
		}
	}
}

func TestMigrationGivesExistingThemesAKind(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	if err := copyFile(filepath.Join("testdata", "fixtures", "schema-12.db"), path); err != nil {
		t.Fatal(err)
	}
	old, err := gorm.Open(sqlite.Open(path), &gorm.Config{})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"label printed wrong", "personal touch at the till", "Proud team lead"} {
		if err := old.Exec(`INSERT INTO tags (name) VALUES (?)`, name).Error; err != nil {
			t.Fatal(err)
		}
	}
	if db, _ := old.DB(); db != nil {
		db.Close()
	}
	st, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	got := map[string]TagKind{}
	var tags []Tag
	if err := st.db.Find(&tags).Error; err != nil {
		t.Fatal(err)
	}
	for _, tg := range tags {
		got[tg.Name] = tg.Kind
	}
	want := map[string]TagKind{"label printed wrong": TagFriction, "personal touch at the till": TagStrength, "proud team lead": TagStrength}
	for n, k := range want {
		if got[n] != k {
			t.Errorf("%q: %q, want %q", n, got[n], k)
		}
	}
}
