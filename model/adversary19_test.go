package model

import (
	"fmt"
	"net/url"
	"os"
	"testing"
)

// Adversary 19: who "me" is on a server.

// The email fallback in Me matches the login role's name with LIKE, so a
// '_' in a role name (ana_lopez, me_x) is a wildcard: lead B, whose role is
// me_x_PID and who is on no roster row, is taken for the one person whose
// email merely fits the pattern (meaxb PID @...), another lead.
func TestAdv19MeByLoginRoleIsNoPattern(t *testing.T) {
	needServer(t)
	dbURL := newServerDatabase(t)
	b := leadStore(t, dbURL, "me_x") // role me_x_PID
	other := Person{Name: "Ann Other", Email: fmt.Sprintf("meaxb%d@example.com", os.Getpid())}
	if err := b.SavePerson(&other); err != nil {
		t.Fatal(err)
	}
	me, ok, err := b.Me()
	if err != nil {
		t.Fatal(err)
	}
	if ok {
		t.Errorf("lead with role me_x_%d is taken for %s <%s>: the role's '_' matched as a LIKE wildcard", os.Getpid(), me.Name, me.Email)
	}
}

// The same with a '%' in the role's name (quoted, as PostgreSQL allows):
// every email that starts and ends to fit is taken for the lead's own.
func TestAdv19MeByLoginRoleWithPercent(t *testing.T) {
	needServer(t)
	dbURL := newServerDatabase(t)
	role := fmt.Sprintf("adv%%%d", os.Getpid())
	if _, err := serverAdmin.Exec(fmt.Sprintf(`CREATE ROLE %s LOGIN IN ROLE %s`, QuoteIdent(role), LeadRole)); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _, _ = serverAdmin.Exec("DROP ROLE IF EXISTS " + QuoteIdent(role)) })
	u, _ := url.Parse(dbURL)
	u.User = url.User(role)
	b, err := Open(u.String())
	if err != nil {
		t.Fatal(err)
	}
	b.Now = testNow
	t.Cleanup(func() { _ = b.Close() })
	other := Person{Name: "Ann Other", Email: fmt.Sprintf("advertising-%d@example.com", os.Getpid())}
	if err := b.SavePerson(&other); err != nil {
		t.Fatal(err)
	}
	if me, ok, err := b.Me(); err != nil || ok {
		t.Errorf("lead with role %q is taken for %s <%s> (%v): '%%' matched as a wildcard", role, me.Name, me.Email, err)
	}
}

// A role that reads past row-level security (the owner, who the README
// says runs the app to administer, or a superuser) reads user_settings
// without asking whose: UserSetting takes the first row of the name, so
// the owner's "me" (and scope, and week) is whichever lead's row comes
// first, not the one the owner chose.
func TestAdv19OwnersSettingsAreTheirOwn(t *testing.T) {
	needServer(t)
	dbURL := newServerDatabase(t)
	owner, err := Open(dbURL)
	if err != nil {
		t.Fatal(err)
	}
	owner.Now = testNow
	t.Cleanup(func() { _ = owner.Close() })
	a := leadStore(t, dbURL, "own_a")
	lena, dee := Person{Name: "Lena Lead"}, Person{Name: "Dee Deputy"}
	for _, p := range []*Person{&lena, &dee} {
		if err := owner.SavePerson(p); err != nil {
			t.Fatal(err)
		}
	}
	if err := a.SetMe(lena.ID); err != nil {
		t.Fatal(err)
	}
	if err := owner.SetMe(dee.ID); err != nil {
		t.Fatal(err)
	}
	if id, err := owner.MyID(); err != nil || id != dee.ID {
		t.Errorf("the owner chose %d (Dee) but is %d (%v): it read lead A's setting", dee.ID, id, err)
	}
	if id, err := a.MyID(); err != nil || id != lena.ID {
		t.Errorf("lead A is %d (%v), want %d", id, err, lena.ID)
	}
}

// FindMe (solemate me NAME) promises any case, and lowers what is typed
// with Go (every script) but the stored names with SQL's lower(), which in
// SQLite folds ASCII alone: "Élodie Martin", "Łukasz Nowak" or "Ирина
// Петрова" typed exactly as on the roster is "nobody active on the roster".
func TestAdv19FindMeByANameBeyondASCII(t *testing.T) {
	s := newTestStore(t)
	for _, name := range []string{"Élodie Martin", "Łukasz Nowak", "Ирина Петрова", "Ömer Yılmaz"} {
		p := Person{Name: name}
		if err := s.SavePerson(&p); err != nil {
			t.Fatal(err)
		}
		if got, err := s.FindMe(name); err != nil || got.ID != p.ID {
			t.Errorf("FindMe(%q), the name exactly as on the roster: %v", name, err)
		}
	}
}
