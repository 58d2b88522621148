package model

import (
	"fmt"
	"os"
	"testing"
)

// On a server every lead is themselves: me is the person whose email is
// their login role's, until they choose someone else; and that choice is
// theirs alone, neither read nor changed by another lead, even with SQL of
// their own (row-level security on user_settings).
func TestMeOnServerIsEachLeadsOwn(t *testing.T) {
	needServer(t)
	dbURL := newServerDatabase(t)
	a, b := leadStore(t, dbURL, "me_a"), leadStore(t, dbURL, "me_b")
	roleA, roleB := fmt.Sprintf("me_a_%d", os.Getpid()), fmt.Sprintf("me_b_%d", os.Getpid())
	person := func(name, email string) Person {
		p := Person{Name: name, Email: email}
		if err := a.SavePerson(&p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	lena, omar, deputy := person("Lena Lead", roleA+"@example.com"), person("Omar Other", roleB+"@example.com"), person("Dee Deputy", "")
	meOf := func(s *Store) uint {
		t.Helper()
		id, err := s.MyID()
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	if meOf(a) != lena.ID || meOf(b) != omar.ID {
		t.Fatalf("by login: A is %d, B is %d; want %d and %d", meOf(a), meOf(b), lena.ID, omar.ID)
	}
	if err := a.SetMe(deputy.ID); err != nil {
		t.Fatal(err)
	}
	if err := a.SetScope(ScopeEveryone); err != nil {
		t.Fatal(err)
	}
	if meOf(a) != deputy.ID || meOf(b) != omar.ID {
		t.Fatalf("after A chose: A is %d, B is %d", meOf(a), meOf(b))
	}
	var seen int
	if err := b.db.Raw("SELECT COUNT(*) FROM user_settings WHERE login = ?", roleA).Scan(&seen).Error; err != nil || seen != 0 {
		t.Errorf("B reads %d of A's settings (%v)", seen, err)
	}
	changed := b.db.Exec("UPDATE user_settings SET value = ? WHERE login = ?", fmt.Sprint(omar.ID), roleA)
	if changed.Error != nil || changed.RowsAffected != 0 {
		t.Errorf("B changed %d of A's settings (%v)", changed.RowsAffected, changed.Error)
	}
	if err := b.db.Exec("INSERT INTO user_settings (login, name, value) VALUES (?, 'scope', 'mine')", roleA).Error; err == nil {
		t.Error("B wrote a setting as A")
	}
	if c, _ := a.ScopeChoice(); meOf(a) != deputy.ID || c.Current != ScopeEveryone {
		t.Errorf("A's choices after B tried: me %d, scope %s", meOf(a), c.Current)
	}
}
