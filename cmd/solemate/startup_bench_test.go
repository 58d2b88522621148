package main

import (
	"database/sql"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"solemate/model"
)

// The start-up and memory budgets (the performance issue): Solemate maps its
// window within 1.15× the time a bare Fyne window takes, and once Today has
// settled it holds at most 40 MB more than the bare window does. The
// benchmarks report; they do not fail over budget, but say so in the log.
const (
	startupRatioBudget = 1.15
	rssOverBareBudget  = 40.0 // MB
	startupRounds      = 10   // launches of each program, after one warm-up each
	listMemoryRounds   = 3    // launches on each roster size
)

// BenchmarkStartup launches a bare Fyne window (cmd/barewindow) and
// Solemate on a copy of $SOLEMATE_BENCH_DB alternately, startupRounds times
// each after one uncounted warm-up of each, under one Xvfb. It times exec to
// the window being mapped (the X server's MapNotify, see xwatch), then waits
// for the program to settle (Solemate: the Today screen loaded) and reads
// its resident memory. It reports the medians. The whole measurement runs
// once whatever b.N is: run it with -benchtime 1x.
//
// Each launch gets a fresh copy of the database, so nothing one launch
// writes (the WAL) changes the next. All launches share one temporary HOME
// and XDG folders, away from the user's: the warm-up fills the caches there
// as any earlier start would have (Fyne's font index, Mesa's shader cache),
// so what is measured is an ordinary start, not a first one.
//
// Solemate takes a daily backup when it starts (runWindow, in the background).
// Each copy comes with today's backup already there, so what is measured is
// every start but the day's first. SOLEMATE_BENCH_BACKUP=1 measures the
// day's first start instead: every launch then copies the database into
// backups/.
func BenchmarkStartup(b *testing.B) {
	src := os.Getenv("SOLEMATE_BENCH_DB")
	if src == "" {
		b.Skip("set SOLEMATE_BENCH_DB to a Solemate database (e.g. made with solemate demo --people 200) to measure start-up")
	}
	if _, err := os.Stat(src); err != nil {
		b.Fatalf("SOLEMATE_BENCH_DB: %v", err)
	}
	needTools(b)
	withBackup := os.Getenv("SOLEMATE_BENCH_BACKUP") == "1"
	dir := b.TempDir()
	bare := buildBinary(b, dir, "barewindow", "../barewindow")
	solemate := buildBinary(b, dir, "solemate", ".")
	display := startXvfb(b)
	xw := watchMaps(b, display)
	home := newHome(b, dir)

	type sample struct {
		startup time.Duration
		rssMB   float64
	}
	var bareRuns, solemateRuns []sample
	for round := 0; round <= startupRounds; round++ { // round 0 warms up
		for _, isBare := range []bool{true, false} {
			runDir := filepath.Join(dir, fmt.Sprintf("run-%d-%t", round, isBare))
			var p *appProcess
			db := filepath.Join(runDir, "data", "solemate.db")
			if isBare {
				p = launch(b, xw, display, home, runDir, bare)
			} else {
				copyFile(b, src, db)
				if !withBackup {
					skipDailyBackup(b, db)
				}
				p = launch(b, xw, display, home, runDir, solemate, "--db", db)
			}
			rss, settled := p.settle(time.Second, 15*time.Second)
			p.stop()
			if !isBare {
				checkDailyBackup(b, db, withBackup)
			}
			name := map[bool]string{true: "bare", false: "solemate"}[isBare]
			b.Logf("round %2d %-8s mapped after %6.1f ms, %6.1f MB resident%s", round, name,
				ms(p.mapped), rss, map[bool]string{true: "", false: " (still changing after 15 s)"}[settled])
			if round == 0 {
				continue
			}
			if isBare {
				bareRuns = append(bareRuns, sample{p.mapped, rss})
			} else {
				solemateRuns = append(solemateRuns, sample{p.mapped, rss})
			}
		}
	}
	startup := func(s []sample) float64 {
		return median(s, func(x sample) float64 { return ms(x.startup) })
	}
	rss := func(s []sample) float64 { return median(s, func(x sample) float64 { return x.rssMB }) }
	ratio := startup(solemateRuns) / startup(bareRuns)
	over := rss(solemateRuns) - rss(bareRuns)
	b.ReportMetric(startup(solemateRuns), "solemate-startup-ms")
	b.ReportMetric(startup(bareRuns), "bare-startup-ms")
	b.ReportMetric(ratio, "startup-ratio")
	b.ReportMetric(rss(solemateRuns), "solemate-rss-MB")
	b.ReportMetric(rss(bareRuns), "bare-rss-MB")
	b.ReportMetric(over, "rss-over-bare-MB")
	if ratio > startupRatioBudget {
		b.Logf("OVER BUDGET: start-up is %.2f× the bare window's (budget %.2f×)", ratio, startupRatioBudget)
	}
	if over > rssOverBareBudget {
		b.Logf("OVER BUDGET: %.1f MB more than the bare window (budget %.0f MB)", over, rssOverBareBudget)
	}
}

// BenchmarkListMemory opens Solemate on a roster of 1,000 people and one of
// 100,000, waits for Today to settle, goes to the People screen (Ctrl+2),
// scrolls its list, waits for the app to settle again and reads its resident
// memory; listMemoryRounds launches on each, alternately, and it reports the
// medians (on People, and on Today before it). Lists are virtualized, so
// the two should be close. It runs when SOLEMATE_BENCH=1 or
// SOLEMATE_BENCH_DB is set; run it with -benchtime 1x.
//
// The 1,000 are imported with "solemate import people" from a generated CSV;
// the 100,000 are that database with its people copied 99 more times in SQL
// (new names, emails and teams; each copy's managers within the copy),
// because importing 100,000 rows takes far longer (each row looks its email
// up without an index).
func BenchmarkListMemory(b *testing.B) {
	if os.Getenv("SOLEMATE_BENCH") != "1" && os.Getenv("SOLEMATE_BENCH_DB") == "" {
		b.Skip("set SOLEMATE_BENCH=1 to measure memory with 1,000 and 100,000 people")
	}
	needTools(b)
	dir := b.TempDir()
	bin := buildBinary(b, dir, "solemate", ".")
	small := filepath.Join(dir, "people-1k.db")
	csvPath := filepath.Join(dir, "roster.csv")
	writeRoster(b, csvPath, 1000)
	if out, err := exec.Command(bin, "import", "people", csvPath, "--db", small).CombinedOutput(); err != nil {
		b.Fatalf("import: %v\n%s", err, out)
	}
	large := filepath.Join(dir, "people-100k.db")
	copyFile(b, small, large)
	multiplyPeople(b, large, 100)
	display := startXvfb(b)
	xw := watchMaps(b, display)
	home := newHome(b, dir)

	sizes := []struct {
		name, db   string
		today, rss []float64 // MB, once Today settled and on People
	}{{name: "1k", db: small}, {name: "100k", db: large}}
	for round := range listMemoryRounds {
		for i := range sizes {
			sz := &sizes[i]
			runDir := filepath.Join(dir, fmt.Sprintf("run-%d-%s", round, sz.name))
			db := filepath.Join(runDir, "data", "solemate.db")
			copyFile(b, sz.db, db)
			skipDailyBackup(b, db)
			p := launch(b, xw, display, home, runDir, bin, "--db", db)
			today, _ := p.settle(time.Second, 30*time.Second)
			xdotool(b, display, "key", "--window", p.window, "ctrl+2")
			waitForWindow(b, display, "People$", 20*time.Second, p.logPath)
			people, _ := p.settle(time.Second, 60*time.Second)
			// Scroll well down the list: a virtualized list draws no more rows.
			xdotool(b, display, "mousemove", "--window", p.window, "330", "360", "click", "--repeat", "200", "--delay", "5", "5")
			scrolled, settled := p.settle(time.Second, 60*time.Second)
			p.stop()
			b.Logf("round %d %4s people: Today %6.1f MB, People %6.1f MB, scrolled %6.1f MB%s", round, sz.name, today, people, scrolled,
				map[bool]string{true: "", false: " (still changing after 60 s)"}[settled])
			sz.today, sz.rss = append(sz.today, today), append(sz.rss, scrolled)
		}
	}
	id := func(v float64) float64 { return v }
	small1k, large100k := median(sizes[0].rss, id), median(sizes[1].rss, id)
	b.ReportMetric(small1k, "rss-1k-people-MB")
	b.ReportMetric(large100k, "rss-100k-people-MB")
	b.ReportMetric(large100k-small1k, "rss-growth-MB")
	// Today comes first and loads every report too: its share of the growth.
	b.ReportMetric(median(sizes[0].today, id), "rss-1k-today-MB")
	b.ReportMetric(median(sizes[1].today, id), "rss-100k-today-MB")
}

// appProcess is one launched program whose window is on screen.
type appProcess struct {
	tb      testing.TB
	cmd     *exec.Cmd
	exited  chan struct{}
	logPath string
	window  string        // X window id, for xdotool
	mapped  time.Duration // from exec to the window mapped
}

// newHome makes a home folder in dir for the launched programs, so they
// neither read nor change the user's preferences and caches.
func newHome(tb testing.TB, dir string) string {
	tb.Helper()
	home := filepath.Join(dir, "home")
	for _, d := range []string{".config", ".local/share", ".cache"} {
		if err := os.MkdirAll(filepath.Join(home, d), 0o700); err != nil {
			tb.Fatal(err)
		}
	}
	return home
}

// launch starts bin with args under display, with HOME and the XDG folders
// in home and its output in dir/app.log, and waits for its window to be
// mapped.
func launch(tb testing.TB, xw *xwatch, display, home, dir, bin string, args ...string) *appProcess {
	tb.Helper()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		tb.Fatal(err)
	}
	p := &appProcess{tb: tb, exited: make(chan struct{}), logPath: filepath.Join(dir, "app.log")}
	logFile, err := os.Create(p.logPath)
	if err != nil {
		tb.Fatal(err)
	}
	defer logFile.Close()
	p.cmd = exec.Command(bin, args...)
	p.cmd.Env = append(os.Environ(), "DISPLAY="+display, "LANG=en_US.UTF-8", "HOME="+home,
		"XDG_CONFIG_HOME="+filepath.Join(home, ".config"), "XDG_DATA_HOME="+filepath.Join(home, ".local/share"),
		"XDG_CACHE_HOME="+filepath.Join(home, ".cache"), "SOLEMATE_DB=")
	p.cmd.Stdout, p.cmd.Stderr = logFile, logFile
	xw.forget()
	start := time.Now()
	if err := p.cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	go func() {
		_ = p.cmd.Wait()
		close(p.exited)
	}()
	tb.Cleanup(p.stop) // if the benchmark stops half-way
	m, err := xw.waitMapped(p.cmd.Process.Pid, time.Minute, p.exited)
	if err != nil {
		p.stop()
		log, _ := os.ReadFile(p.logPath)
		tb.Fatalf("%s: %v; it said:\n%s", filepath.Base(bin), err, log)
	}
	p.mapped = m.at.Sub(start)
	p.window = strconv.FormatUint(uint64(m.window), 10)
	return p
}

// stop kills the program and waits for it to go; again is harmless.
func (p *appProcess) stop() {
	_ = p.cmd.Process.Kill()
	<-p.exited
}

// settle waits until the program has been quiet for quiet (resident memory
// within 0.5 MB, under 5% of a CPU), at most limit, and returns its resident
// memory in MB and whether it settled.
func (p *appProcess) settle(quiet, limit time.Duration) (float64, bool) {
	p.tb.Helper()
	const every = 50 * time.Millisecond
	type reading struct {
		rss, cpu float64 // MB, seconds
		at       time.Time
	}
	var window []reading
	deadline := time.Now().Add(limit)
	for {
		rss, cpu, err := procUsage(p.cmd.Process.Pid)
		if err != nil {
			log, _ := os.ReadFile(p.logPath)
			p.tb.Fatalf("%v; it said:\n%s", err, log)
		}
		now := time.Now()
		window = append(window, reading{rss, cpu, now})
		for now.Sub(window[0].at) > quiet {
			window = window[1:]
		}
		first := window[0]
		if now.Sub(first.at) >= quiet-every {
			lo, hi := rss, rss
			for _, r := range window {
				lo, hi = min(lo, r.rss), max(hi, r.rss)
			}
			if hi-lo <= 0.5 && (cpu-first.cpu)/now.Sub(first.at).Seconds() < 0.05 {
				return rss, true
			}
		}
		if now.After(deadline) {
			return rss, false
		}
		time.Sleep(every)
	}
}

// procUsage reads a process's resident memory (VmRSS, in MB) and the CPU
// time it has used (user and system, in seconds) from /proc.
func procUsage(pid int) (rssMB, cpuSeconds float64, err error) {
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0, fmt.Errorf("the program is gone: %w", err)
	}
	for _, line := range strings.Split(string(status), "\n") {
		if f := strings.Fields(line); len(f) == 3 && f[0] == "VmRSS:" && f[2] == "kB" {
			kB, _ := strconv.ParseFloat(f[1], 64)
			rssMB = kB / 1024
		}
	}
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, 0, fmt.Errorf("the program is gone: %w", err)
	}
	// The fields after the command name, which is in parentheses: utime
	// and stime are the 12th and 13th of them, in clock ticks.
	f := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+1:]))
	if len(f) < 13 || rssMB == 0 {
		return 0, 0, fmt.Errorf("cannot read /proc/%d", pid)
	}
	utime, _ := strconv.ParseFloat(f[11], 64)
	stime, _ := strconv.ParseFloat(f[12], 64)
	const ticksPerSecond = 100 // USER_HZ, 100 on Linux
	return rssMB, (utime + stime) / ticksPerSecond, nil
}

// skipDailyBackup puts today's (and tomorrow's, in case the run crosses
// midnight) daily backup beside db, so the app does not take one at start.
func skipDailyBackup(tb testing.TB, db string) {
	tb.Helper()
	dir := model.BackupDir(db)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		tb.Fatal(err)
	}
	for _, day := range []time.Time{time.Now(), time.Now().AddDate(0, 0, 1)} {
		if err := os.WriteFile(filepath.Join(dir, "solemate-"+day.Format(time.DateOnly)+".db"), nil, 0o600); err != nil {
			tb.Fatal(err)
		}
	}
}

// checkDailyBackup fails unless the app run on db took today's backup
// (taken) or left the stand-in from skipDailyBackup alone (!taken).
func checkDailyBackup(tb testing.TB, db string, taken bool) {
	tb.Helper()
	fi, err := os.Stat(filepath.Join(model.BackupDir(db), "solemate-"+time.Now().Format(time.DateOnly)+".db"))
	switch {
	case taken && (err != nil || fi.Size() == 0):
		tb.Fatalf("the app took no daily backup at start (%v)", err)
	case !taken && (err != nil || fi.Size() != 0):
		tb.Fatalf("the app took a daily backup at start, though today's was there (%v)", err)
	}
}

// copyFile copies the database src to dst, making dst's folder. A closed
// database has everything in its one file; a -wal beside it means it is
// open (or was not closed), and a copy could miss data.
func copyFile(tb testing.TB, src, dst string) {
	tb.Helper()
	if fi, err := os.Stat(src + "-wal"); err == nil && fi.Size() > 0 {
		tb.Fatalf("%s has a write-ahead log beside it: close the app using it first", src)
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
		tb.Fatal(err)
	}
	in, err := os.Open(src)
	if err != nil {
		tb.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		tb.Fatal(err)
	}
	if err := out.Close(); err != nil {
		tb.Fatal(err)
	}
}

// writeRoster writes a roster CSV of n people in teams of ten: a team lead
// and nine agents who report to them.
func writeRoster(tb testing.TB, path string, n int) {
	tb.Helper()
	var sb strings.Builder
	sb.WriteString("name,preferred_name,email,role,team,start_date,manager_email,status\n")
	for i := range n {
		lead := i - i%10
		if i == lead {
			fmt.Fprintf(&sb, "Lead Person %d,,p%d@example.com,team_lead,Team %d,2020-01-%02d,,active\n", i, i, i/10, 1+i%28)
			continue
		}
		fmt.Fprintf(&sb, "Agent Person %d,Pat %d,p%d@example.com,agent,Team %d,2021-03-%02d,p%d@example.com,active\n",
			i, i, i, i/10, 1+i%28, lead)
	}
	if err := os.WriteFile(path, []byte(sb.String()), 0o600); err != nil {
		tb.Fatal(err)
	}
}

// multiplyPeople copies the people in db so there are times as many: copy k
// gets " k" after its names and teams and "ck." before its emails, and its
// managers are in copy k too. Every other column is copied as it is.
func multiplyPeople(tb testing.TB, db string, times int) {
	tb.Helper()
	conn, err := sql.Open("sqlite3", db)
	if err != nil {
		tb.Fatal(err)
	}
	defer conn.Close()
	var count, maxID int
	if err := conn.QueryRow("SELECT COUNT(*), MAX(id) FROM people").Scan(&count, &maxID); err != nil || count != maxID {
		tb.Fatalf("people ids are not 1..%d (%v)", count, err)
	}
	rows, err := conn.Query("SELECT name FROM pragma_table_info('people') ORDER BY cid")
	if err != nil {
		tb.Fatal(err)
	}
	var cols, exprs []string
	for rows.Next() {
		var col string
		if err := rows.Scan(&col); err != nil {
			tb.Fatal(err)
		}
		expr := "p." + col
		switch col {
		case "id":
			continue
		case "name", "team":
			expr = fmt.Sprintf("CASE WHEN p.%[1]s = '' THEN '' ELSE p.%[1]s || ' ' || c.k END", col)
		case "email":
			expr = "CASE WHEN p.email = '' THEN '' ELSE 'c' || c.k || '.' || p.email END"
		case "manager_id":
			expr = fmt.Sprintf("p.manager_id + c.k * %d", count)
		}
		cols, exprs = append(cols, col), append(exprs, expr)
	}
	if err := rows.Err(); err != nil {
		tb.Fatal(err)
	}
	q := fmt.Sprintf(`WITH RECURSIVE c(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM c WHERE k < %d)
		INSERT INTO people (%s) SELECT %s FROM people AS p, c ORDER BY c.k, p.id`,
		times-1, strings.Join(cols, ", "), strings.Join(exprs, ", "))
	if _, err := conn.Exec(q); err != nil {
		tb.Fatalf("copy people: %v", err)
	}
	if err := conn.QueryRow("SELECT COUNT(*) FROM people").Scan(&count); err != nil || count != times*maxID {
		tb.Fatalf("%d people after copying, want %d (%v)", count, times*maxID, err)
	}
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// median of f over xs.
func median[T any](xs []T, f func(T) float64) float64 {
	v := make([]float64, len(xs))
	for i, x := range xs {
		v[i] = f(x)
	}
	slices.Sort(v)
	if len(v) == 0 {
		return 0
	}
	if len(v)%2 == 1 {
		return v[len(v)/2]
	}
	return (v[len(v)/2-1] + v[len(v)/2]) / 2
}
