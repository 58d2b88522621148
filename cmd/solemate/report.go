package main

import (
	"errors"
	"flag"
	"fmt"

	"solemate/model"
)

// reportLoginCmd links a report's server login to their person, so that
// when they sign in they see their own agenda and history. The owner runs
// it, after creating the login (see README).
func (c *cli) reportLoginCmd(args []string) error {
	var db string
	pos, err := parseArgs("report-login", args, func(fs *flag.FlagSet) { fs.StringVar(&db, "db", "", "") }, -1)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return &usageError{`report-login: name the login and the person: report-login LOGIN PERSON --db postgres://OWNER@HOST/DB (put a name with spaces in quotes)`}
	}
	s, err := c.openExisting(db)
	if err != nil {
		return err
	}
	defer s.Close()
	p, err := s.FindMe(pos[1])
	var ve *model.ValidationError
	if errors.As(err, &ve) {
		return fmt.Errorf("report-login: nobody active on the roster is exactly %q; give their email or their ID (solemate export people lists them)", pos[1])
	} else if err != nil {
		return err
	}
	if err := s.LinkReport(pos[0], p.ID); err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "%s now signs in as %s: they will see their own agenda, their shared one-on-ones and their actions.\n", shown(pos[0]), whoIs(p))
	return nil
}
