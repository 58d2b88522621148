package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"solemate/model"
	"solemate/model/agenda"
)

// agendaCmd runs "export agenda PERSON" and "import agenda FILE": the
// agenda file a report fills in before their one-on-one.
func (c *cli) agendaCmd(verb string, args []string) error {
	var db, out string
	cmd := verb + " agenda"
	pos, err := parseArgs(cmd, args, func(fs *flag.FlagSet) {
		fs.StringVar(&db, "db", "", "")
		if verb == "export" {
			fs.StringVar(&out, "out", "", "")
			fs.StringVar(&out, "output", "", "")
			fs.StringVar(&out, "o", "", "")
		}
	}, -1)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		what := map[string]string{"export": "name the person: export agenda EMAIL (or their name or ID)", "import": "name the file they sent back: import agenda FILE.md"}[verb]
		if len(pos) > 1 {
			what = fmt.Sprintf("too many arguments (%d; expected 1); put a name with spaces in quotes", len(pos))
		}
		return &usageError{cmd + ": " + what}
	}
	if verb == "import" {
		return c.importAgenda(pos[0], db)
	}
	return c.exportAgenda(pos[0], db, out)
}

func (c *cli) exportAgenda(who, db, out string) error {
	s, err := c.openReading(db)
	if err != nil {
		return err
	}
	defer s.Close()
	p, err := s.FindMe(who)
	var ve *model.ValidationError
	if errors.As(err, &ve) && !strings.Contains(ve.Error(), "more than one") {
		return fmt.Errorf("nobody active on the roster is %q; give their email, name or ID", who)
	}
	if err != nil {
		return err
	}
	write := func(w io.Writer) error { return agenda.Export(s, p.ID, w) }
	if out == "" {
		keepPrivate(c.stdout)
		return write(c.stdout)
	}
	if err := model.WriteFile(out, false, write); err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "Wrote %s's agenda to %s. Send it to them to fill in; when it comes back, run: solemate import agenda FILE\n", shown(p.DisplayName()), out)
	return nil
}

func (c *cli) importAgenda(file, db string) error {
	f, err := os.Open(file)
	if err != nil {
		return fmt.Errorf("cannot read %s: %w", file, errors.Unwrap(err))
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, agenda.MaxFileSize+1))
	if err != nil {
		return fmt.Errorf("cannot read %s: %w", file, err)
	}
	s, err := c.openExisting(db)
	if err != nil {
		return err
	}
	defer s.Close()
	res, err := agenda.Import(s, data, 0)
	var e *agenda.Error
	if errors.As(err, &e) {
		return fmt.Errorf("%s %w; nothing was added", file, e)
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(c.stdout, res)
	return nil
}
