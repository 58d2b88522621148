package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"time"

	"solemate/model"
	"solemate/model/copier"
	"solemate/model/demo"
	"solemate/model/export"
	"solemate/model/roster"
)

const usage = `Solemate — one-on-ones, onboarding cohorts and shadowing for service teams.

Usage:
  solemate [--db PATH]                                  open the app
  solemate import people FILE.csv [--db PATH]           import a roster
  solemate export people [--format csv|md] [--db PATH]  write the roster to stdout
  solemate export oneonones [--person EMAIL] [--since YYYY-MM-DD] [--format md|csv]
                            [--include-private] [--db PATH]
                                                        write one-on-ones to stdout
  solemate export calendar [--db PATH]                  write the schedule as iCalendar
  solemate export shadowing [--person EMAIL] [--format csv|md] [--db PATH]
                                                        write shadowing sessions to stdout
  solemate export cohort NAME [--format csv|md] [--db PATH]
                                                        write a cohort's progress to stdout
  solemate export agenda PERSON [--db PATH]             write the agenda file a report fills in
                                                        before their next one-on-one
  solemate import agenda FILE [--db PATH]               add a filled-in agenda to the report's next
                                                        one-on-one; also reads one-on-one history
                                                        kept in Markdown
  (every export takes --output FILE or -o FILE: a new file readable by you alone)
  solemate today [--format text|json] [--include-private] [--db PATH]
                                                        print what Today shows: one-on-ones due,
                                                        follow-ups, actions, cohorts
  solemate me [EMAIL|NAME|ID] [--db PATH]               show who you are, or say it
  solemate me EMAIL "Your Name" [--db PATH]             add yourself to the roster as you
  solemate report-login LOGIN PERSON --db postgres://OWNER@HOST/DB
                                                        on a shared server, link a report's login
                                                        to their person (EMAIL, NAME or ID)
  solemate search QUERY [--include-private] [--db PATH] find people, notes, sessions and prompts
  solemate backup FILE [--db PATH]                      write a copy of the database to FILE
  solemate restore FILE [--db PATH]                     replace the database with a checked backup
  solemate demo [--people N] [--years N] [--today YYYY-MM-DD] [--seed N] [--db PATH]
                                                        fill an empty database with sample data
                                                        as of a day (the same seed and day give
                                                        the same data)
  solemate migrate-to postgres://USER@HOST/DB [--from PATH] [--author ROLE]
                                                        copy a database file into an empty
                                                        server database, checking every table
  solemate version                                      print the version
  solemate help                                         print this help

The database defaults to solemate.db in the app's storage folder;
SOLEMATE_DB may stand in for --db (and for --from). A postgres:// URL in
--db or SOLEMATE_DB opens a shared database on a PostgreSQL server.
SOLEMATE_TODAY=YYYY-MM-DD makes the app and every command behave as of that
day (for demos, screenshots, training sessions and tests).

Who you are ("me") decides whose one-on-ones today and the app show: your
reports, or everyone while nobody is you. A roster may name you as
manager_email once you are on the roster.

Roster CSV columns (header required, any order, any case):
  name (required), preferred_name, email, role, team, start_date (YYYY-MM-DD),
  manager_email, status (active or left)
`

// exit codes
const (
	exitOK    = 0
	exitFail  = 1
	exitUsage = 2
)

// cli is everything a command touches, so tests can run it in-process.
type cli struct {
	stdout, stderr io.Writer
	getenv         func(string) string
	// defaultDB finds the database path when neither --db nor SOLEMATE_DB is set.
	defaultDB func() (string, error)
	// gui opens the window on the database at path and returns when it closes.
	gui func(path string) error
	// importing names the file being imported, for its error lines.
	importing string
}

// usageError means the command line itself was wrong.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// output remembers the first write that failed, so that a command whose
// output is lost (a full disk, a closed file) fails instead of reporting
// success; later writes fail at once.
type output struct {
	w   io.Writer
	err error
}

func (o *output) Write(p []byte) (int, error) {
	if o.err != nil {
		return 0, o.err
	}
	n, err := o.w.Write(p)
	o.err = err
	return n, err
}

func (c *cli) run(args []string) int {
	out := &output{w: c.stdout}
	stdout := c.stdout
	c.stdout = out
	err := c.dispatch(args)
	c.stdout = stdout
	if out.err != nil {
		// The write failure is why the command failed, if it did.
		cause := out.err
		var pe *os.PathError
		if errors.As(cause, &pe) {
			cause = pe.Err
		}
		err = fmt.Errorf("cannot write the output: %w", cause)
	}
	var ue *usageError
	var ie *model.ImportError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintf(c.stderr, "solemate: %s\n\n%s", ue.msg, usage)
		return exitUsage
	case errors.As(err, &ie):
		for _, p := range ie.Problems {
			fmt.Fprintf(c.stderr, "solemate: %s line %d: %s\n", c.importing, p.Line, p.Message)
		}
		fmt.Fprintf(c.stderr, "solemate: nothing imported (%s); the database is unchanged\n", model.Plural(len(ie.Problems), "problem", "problems"))
		return exitFail
	case errors.Is(err, model.ErrNotEmpty):
		fmt.Fprintf(c.stderr, "solemate: %s (pass --db with a new file)\n", err)
		return exitFail
	case errors.Is(err, model.ErrNoDatabase):
		fmt.Fprintf(c.stderr, "solemate: %s (check --db, or create one with import or demo)\n", err)
		return exitFail
	default:
		// A store's or server's error may quote stored text.
		fmt.Fprintf(c.stderr, "solemate: %s\n", shown(err.Error()))
		return exitFail
	}
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// shown is stored text as one line a terminal shows and does not run.
func shown(s string) string { return oneLine(export.Visible(s)) }

// valueFlags are the options that take a value as the next argument.
var valueFlags = map[string]bool{"db": true, "format": true, "from": true, "o": true, "output": true, "people": true, "person": true, "since": true}

// splitCommand finds the command word, letting flags such as --db stand
// before it ("solemate --db x.db demo").
func splitCommand(args []string) (cmd string, rest []string) {
	var lead []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if !strings.HasPrefix(a, "-") {
			return a, append(lead, args[i+1:]...)
		}
		lead = append(lead, a)
		if valueFlags[strings.TrimLeft(a, "-")] && i+1 < len(args) {
			lead = append(lead, args[i+1])
			i++
		}
	}
	return "", lead
}

func (c *cli) dispatch(args []string) error {
	if len(args) == 1 && (args[0] == "--version" || args[0] == "-version") {
		args = []string{"version"}
	}
	if cmd, rest := splitCommand(args); cmd != "" {
		if kind, more := splitCommand(rest); kind == "agenda" && (cmd == "import" || cmd == "export") {
			return c.agendaCmd(cmd, more)
		}
		switch cmd {
		case "help":
			fmt.Fprint(c.stdout, usage)
			return nil
		case "version":
			if _, err := parseArgs("version", rest, nil, 0); err != nil {
				return err
			}
			built := fmt.Sprintf("build %d", Build)
			if id := commit(); id != "" {
				built += ", commit " + id
			}
			fmt.Fprintf(c.stdout, "solemate %s (%s, schema %d)\n", Version, built, model.SchemaVersion())
			return nil
		case "import":
			return c.importCmd(rest)
		case "export":
			return c.exportCmd(rest)
		case "demo":
			return c.demoCmd(rest)
		case "search":
			return c.searchCmd(rest)
		case "today":
			return c.todayCmd(rest)
		case "me":
			return c.meCmd(rest)
		case "report-login":
			return c.reportLoginCmd(rest)
		case "backup":
			return c.backupCmd(rest)
		case "restore":
			return c.restoreCmd(rest)
		case "migrate-to":
			return c.migrateToCmd(rest)
		}
		return &usageError{fmt.Sprintf("unknown command %q", cmd)}
	}
	for _, a := range args {
		if a == "-h" || a == "--help" || a == "-help" {
			fmt.Fprint(c.stdout, usage)
			return nil
		}
	}
	var db string
	if _, err := parseArgs("", args, func(fs *flag.FlagSet) { fs.StringVar(&db, "db", "", "") }, 0); err != nil {
		return err
	}
	path, err := c.dbPath(db)
	if err != nil {
		return err
	}
	// Said here, in the terminal that set it, rather than as a database
	// the window could not open.
	if _, err := model.ClockFromEnv(); err != nil {
		return err
	}
	return c.gui(path)
}

// parseArgs parses flags wherever they stand among the arguments and checks
// the number of positional arguments (any number when positional < 0).
func parseArgs(cmd string, args []string, define func(*flag.FlagSet), positional int) ([]string, error) {
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	if define != nil {
		define(fs)
	}
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, &usageError{prefixed(cmd, flagProblem(err))}
		}
		if fs.NArg() == 0 {
			break
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if positional >= 0 && len(pos) != positional {
		return nil, &usageError{prefixed(cmd, argProblem(cmd, positional, len(pos)))}
	}
	return pos, nil
}

// flagProblem turns the flag package's wording into ours.
func flagProblem(err error) string {
	msg := err.Error()
	switch {
	case strings.HasPrefix(msg, "flag provided but not defined: "):
		return "unknown option -" + strings.TrimPrefix(msg, "flag provided but not defined: ")
	case strings.HasPrefix(msg, "flag needs an argument: "):
		return "option -" + strings.TrimPrefix(msg, "flag needs an argument: ") + " needs a value"
	case strings.HasPrefix(msg, "invalid value "):
		if i := strings.LastIndex(msg, ": "); i >= 0 {
			return msg[i+2:]
		}
	}
	return msg
}

// argProblem says what is missing or too much, in the command's terms.
func argProblem(cmd string, want, got int) string {
	switch {
	case got > want:
		return fmt.Sprintf("too many arguments (%d; expected %d)", got, want)
	case cmd == "export":
		return "say what to export: people, oneonones, calendar, shadowing or cohort NAME"
	case cmd == "import" && got == 0:
		return "say what to import and from which file: import people FILE.csv"
	case cmd == "import":
		return "name the CSV file to import: import people FILE.csv"
	case cmd == "migrate-to":
		return "name the server database to copy into: migrate-to postgres://USER@HOST/DB"
	}
	return fmt.Sprintf("expected %d argument(s), got %d", want, got)
}

func prefixed(cmd, msg string) string {
	if cmd == "" {
		return msg
	}
	return cmd + ": " + msg
}

func (c *cli) dbPath(flagValue string) (string, error) {
	if flagValue != "" {
		return flagValue, nil
	}
	if env := c.getenv("SOLEMATE_DB"); env != "" {
		return env, nil
	}
	return c.defaultDB()
}

// writeTo runs write on the database, creating it when missing; the Store
// holds the database's users' lock meanwhile, so no restore replaces it
// under the command. When the command fails, a database it made of nothing
// is undone (a missing file removed, an empty one emptied again), so a
// refused import or a failed demo leaves the folder as it was.
func (c *cli) writeTo(flagValue string, write func(*model.Store) error) error {
	path, err := c.dbPath(flagValue)
	if err != nil {
		return err
	}
	fi, statErr := os.Stat(path)
	created := errors.Is(statErr, os.ErrNotExist) && !model.IsServer(path)
	wasEmpty := statErr == nil && fi.Mode().IsRegular() && fi.Size() == 0
	s, err := model.Open(path)
	if err == nil {
		err = write(s)
		if cerr := s.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil && (created || wasEmpty) {
		_ = os.Remove(path + "-wal")
		_ = os.Remove(path + "-shm")
		if created {
			_ = os.Remove(path)
		} else {
			_ = os.Truncate(path, 0)
		}
	}
	return err
}

// openExisting opens a database that must already exist, so a mistyped
// --db does not leave an empty database behind. A server database is there
// or not; opening it says which.
func (c *cli) openExisting(flagValue string) (*model.Store, error) {
	path, err := c.dbPath(flagValue)
	if err != nil {
		return nil, err
	}
	// An empty file is no database either: opening it would make one.
	if fi, err := os.Stat(path); (err != nil || fi.Size() == 0) && !model.IsServer(path) {
		return nil, fmt.Errorf("%w at %s", model.ErrNoDatabase, path)
	}
	return model.Open(path)
}

// openReading opens an existing database for a command that only reads
// it: it creates and writes nothing.
func (c *cli) openReading(flagValue string) (*model.Store, error) {
	path, err := c.dbPath(flagValue)
	if err != nil {
		return nil, err
	}
	return model.OpenReadOnly(path)
}

func (c *cli) importCmd(args []string) error {
	var db string
	pos, err := parseArgs("import", args, func(fs *flag.FlagSet) { fs.StringVar(&db, "db", "", "") }, 2)
	if err != nil {
		return err
	}
	if pos[0] != "people" && pos[0] != "roster" { // the roster is what people call the file
		return &usageError{fmt.Sprintf("import: unknown kind %q (only people can be imported: import people FILE.csv)", pos[0])}
	}
	c.importing = pos[1]
	f, err := os.Open(pos[1])
	if err != nil {
		return fmt.Errorf("cannot read %s: %w", pos[1], errors.Unwrap(err))
	}
	defer f.Close()
	var res model.ImportResult
	err = c.writeTo(db, func(s *model.Store) (err error) {
		res, err = roster.Import(s, f)
		return err
	})
	if err != nil {
		return err
	}
	for _, w := range res.Warnings {
		fmt.Fprintf(c.stderr, "solemate: warning: %s\n", w)
	}
	fmt.Fprintln(c.stdout, res)
	return nil
}

func (c *cli) exportCmd(args []string) error {
	var db, person, since, output string
	var includePrivate bool
	format := ""
	pos, err := parseArgs("export", args, func(fs *flag.FlagSet) {
		fs.StringVar(&db, "db", "", "")
		fs.StringVar(&format, "format", "", "")
		fs.StringVar(&person, "person", "", "")
		fs.StringVar(&since, "since", "", "")
		fs.StringVar(&output, "output", "", "")
		fs.StringVar(&output, "o", "", "")
		fs.BoolVar(&includePrivate, "include-private", false, "")
	}, -1)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return &usageError{prefixed("export", argProblem("export", 1, 0))}
	}
	kind := pos[0]
	// A cohort is named: export cohort NAME.
	if want := map[bool]int{true: 2, false: 1}[kind == "cohort"]; len(pos) != want {
		if kind == "cohort" {
			return &usageError{"export cohort: name the cohort, e.g. export cohort \"March 2026\""}
		}
		return &usageError{prefixed("export", argProblem("export", want, len(pos)))}
	}
	allowed := map[string][]string{"people": {export.FormatCSV, export.FormatMarkdown}, "oneonones": {export.FormatMarkdown, export.FormatCSV},
		"calendar": nil, "shadowing": {export.FormatCSV, export.FormatMarkdown}, "cohort": {export.FormatCSV, export.FormatMarkdown}}
	formats, ok := allowed[kind]
	switch {
	case !ok:
		return &usageError{fmt.Sprintf("export: unknown kind %q (use people, oneonones, calendar, shadowing or cohort)", kind)}
	case kind != "oneonones" && (since != "" || includePrivate):
		return &usageError{fmt.Sprintf("export %s: --since and --include-private go with oneonones", kind)}
	case kind != "oneonones" && kind != "shadowing" && person != "":
		return &usageError{fmt.Sprintf("export %s: --person goes with oneonones and shadowing", kind)}
	case formats == nil && format != "":
		return &usageError{"export calendar: the calendar is always iCalendar; drop --format"}
	case format == "" && formats != nil:
		format = formats[0]
	case formats != nil && format != formats[0] && format != formats[1]:
		return &usageError{fmt.Sprintf("export %s: unknown format %q (use %s or %s)", kind, format, formats[0], formats[1])}
	}
	sinceDate, err := model.ParseDate(since)
	if err != nil {
		return &usageError{"export: --since " + err.Error()}
	}
	s, err := c.openReading(db)
	if err != nil {
		return err
	}
	defer s.Close()
	write := func(w io.Writer) error {
		switch kind {
		case "people":
			return export.People(s, w, format)
		case "calendar":
			return export.Calendar(s, w, nil)
		case "shadowing":
			return export.Shadowing(s, w, export.ShadowingOptions{PersonEmail: person, Format: format})
		case "cohort":
			return export.Cohort(s, w, pos[1], format)
		}
		return export.OneOnOnes(s, w, export.OneOnOneOptions{PersonEmail: person, Since: sinceDate, Format: format, IncludePrivate: includePrivate})
	}
	if output == "" {
		keepPrivate(c.stdout)
		return write(c.stdout)
	}
	if err := model.WriteFile(output, false, write); err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "exported to %s\n", output)
	return nil
}

// keepPrivate makes a file the shell has just opened for the output
// ("solemate export ... > FILE") readable by the user alone before the first
// byte goes in: the shell made it with the umask. Someone who opened it in
// that moment keeps their access; --output closes that gap. A file that
// already holds something (>>) or is not the user's is left as it is.
func keepPrivate(w io.Writer) {
	if o, ok := w.(*output); ok {
		w = o.w
	}
	f, ok := w.(*os.File)
	if !ok {
		return
	}
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() == 0 && fi.Mode().Perm()&0o077 != 0 {
		_ = f.Chmod(0o600) // at worst the file keeps the mode the shell gave it
	}
}

func (c *cli) backupCmd(args []string) error {
	var db string
	pos, err := parseArgs("backup", args, func(fs *flag.FlagSet) { fs.StringVar(&db, "db", "", "") }, 1)
	if err != nil {
		return err
	}
	s, err := c.openExisting(db)
	if err != nil {
		return err
	}
	defer s.Close()
	if err := s.CopyTo(pos[0]); err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "backed up to %s\n", pos[0])
	return nil
}

func (c *cli) restoreCmd(args []string) error {
	var db string
	pos, err := parseArgs("restore", args, func(fs *flag.FlagSet) { fs.StringVar(&db, "db", "", "") }, 1)
	if err != nil {
		return err
	}
	path, err := c.dbPath(db)
	if err != nil {
		return err
	}
	lock, err := model.LockInstance(path)
	if errors.Is(err, model.ErrAlreadyOpen) {
		return fmt.Errorf("not restored: %w (or another restore is running); close it and try again", err)
	} else if err != nil {
		return err
	}
	defer lock.Release()
	clock, err := model.ClockFromEnv()
	if err != nil {
		return err
	}
	kept, err := lock.Restore(pos[0], clock())
	if errors.Is(err, model.ErrInUse) {
		// A second window, or an import, demo or backup, has it open.
		return fmt.Errorf("%w; close every Solemate window on it, let its commands finish, and try again", err)
	} else if err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "restored %s into %s\n", pos[0], path)
	if kept != "" {
		fmt.Fprintf(c.stdout, "the database it replaced is kept as %s\n", kept)
	}
	return nil
}

// copyProgressRows is the size from which a table's copy is reported every
// tenth of the way, not only when done.
const copyProgressRows = 10000

func (c *cli) migrateToCmd(args []string) error {
	var from, author string
	pos, err := parseArgs("migrate-to", args, func(fs *flag.FlagSet) {
		fs.StringVar(&from, "from", "", "")
		fs.StringVar(&author, "author", "", "")
	}, 1)
	if err != nil {
		return err
	}
	if !model.IsServer(pos[0]) {
		return &usageError{fmt.Sprintf("migrate-to: %s is not a server database; give a postgres://USER@HOST/DB address", model.RedactURL(pos[0]))}
	}
	path, err := c.dbPath(from)
	if err != nil {
		return err
	}
	start := time.Now()
	tenths := map[string]int{}
	rep, err := copier.ToServer(path, pos[0], author, func(table string, done, total int) {
		tenth := 10
		if total > 0 {
			tenth = done * 10 / total
		}
		if done == total || (total >= copyProgressRows && tenth != tenths[table]) {
			tenths[table] = tenth
			fmt.Fprintf(c.stderr, "%s: %d of %d rows (%s)\n", table, done, total, time.Since(start).Round(time.Second))
		}
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "copied %s into %s\n%s\n", path, model.RedactURL(pos[0]), rep)
	return nil
}

// errNothingFound makes search exit 1 without a message of its own.
var errNothingFound = errors.New("nothing found")

func (c *cli) searchCmd(args []string) error {
	var db string
	var includePrivate bool
	pos, err := parseArgs("search", args, func(fs *flag.FlagSet) {
		fs.StringVar(&db, "db", "", "")
		fs.BoolVar(&includePrivate, "include-private", false, "")
	}, -1)
	if err != nil {
		return err
	}
	query := strings.Join(pos, " ")
	if strings.TrimSpace(query) == "" {
		return &usageError{"search: say what to look for"}
	}
	s, err := c.openReading(db)
	if err != nil {
		return err
	}
	defer s.Close()
	hits, err := s.Search(query, includePrivate, 200)
	if err != nil {
		return err
	}
	if len(hits) == 0 {
		return fmt.Errorf("%w for %q", errNothingFound, query)
	}
	keepPrivate(c.stdout)
	for _, h := range hits {
		date := ""
		if !h.At.IsZero() {
			date = model.DateOf(h.At.Local()).String()
		}
		// Names and notes are shared text another lead may have written by
		// hand: shown as the exports show them, one line, no escape codes.
		fmt.Fprintf(c.stdout, "%s\t%s\t%s\t%s\n", h.Kind.Key(), date, shown(h.PersonName), shown(h.Snippet))
	}
	return nil
}

func (c *cli) demoCmd(args []string) error {
	var db string
	opts := demo.Options{People: defaultDemoPeople, Seed: demoSeed}
	_, err := parseArgs("demo", args, func(fs *flag.FlagSet) {
		fs.StringVar(&db, "db", "", "")
		fs.Func("people", "", wholeNumber(&opts.People, 1, demo.MaxPeople, "--people"))
		fs.Func("years", "", wholeNumber(&opts.Years, 0, demo.MaxYears, "--years"))
		fs.Func("today", "", func(v string) error {
			d, err := model.ParseDate(v)
			if err == nil && d.IsZero() {
				err = errors.New("no date given")
			}
			if err != nil {
				return fmt.Errorf("--today: %w", err)
			}
			opts.Today = d
			return nil
		})
		fs.Func("seed", "", func(v string) error {
			n, err := strconv.ParseUint(v, 10, 64)
			if err != nil {
				return fmt.Errorf("--seed wants a whole number from 0 to %d", uint64(math.MaxUint64))
			}
			opts.Seed = n
			return nil
		})
	}, 0)
	if err != nil {
		return err
	}
	if opts.Years > 0 {
		start, last := time.Now(), -1
		opts.Progress = func(done, total int) {
			if pct := done * 100 / total; pct/10 != last/10 {
				last = pct
				fmt.Fprintf(c.stderr, "one-on-ones: %d%% (%d of %d people, %s)\n", pct, done, total, time.Since(start).Round(time.Second))
			}
		}
	}
	var res demo.Result
	err = c.writeTo(db, func(s *model.Store) (err error) {
		res, err = demo.Generate(s, opts)
		return err
	})
	if err != nil {
		return err
	}
	fmt.Fprintln(c.stdout, res)
	return nil
}

// wholeNumber is a flag that takes a whole number from lo to hi.
func wholeNumber(to *int, lo, hi int, name string) func(string) error {
	return func(v string) error {
		n, err := strconv.Atoi(v)
		if err != nil || n < lo || n > hi {
			return fmt.Errorf("%s wants a whole number from %d to %d", name, lo, hi)
		}
		*to = n
		return nil
	}
}
