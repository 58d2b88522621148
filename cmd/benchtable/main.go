// Command benchtable reads `go test -bench` output on stdin and prints the
// performance targets beside what was measured, for make bench. It exits 0
// either way: targets are read by people, not asserted.
package main

import (
	"bufio"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"text/tabwriter"
)

// target is a figure the performance issue sets: a benchmark's metric
// (ns/op shown as ms) and the most it may be.
type target struct {
	bench, metric, figure string
	most                  float64
	unit                  string
}

var targets = []target{
	{"BenchmarkToday", "ns/op", "Today", 5, "ms"},
	{"BenchmarkPeopleList", "ns/op", "People list", 5, "ms"},
	{"BenchmarkOneOnOnesDue", "ns/op", "One-on-ones due", 5, "ms"},
	{"BenchmarkPersonPage/Person", "ns/op", "Person page: person", 5, "ms"},
	{"BenchmarkPersonPage/History", "ns/op", "Person page: history", 5, "ms"},
	{"BenchmarkPersonPage/PulseHistory", "ns/op", "Person page: pulse", 5, "ms"},
	{"BenchmarkPersonPage/FollowUps", "ns/op", "Person page: follow-ups", 5, "ms"},
	{"BenchmarkPersonPage/OpenActions", "ns/op", "Person page: actions", 5, "ms"},
	{"BenchmarkPersonPage/CarryingOver", "ns/op", "Person page: carrying over", 5, "ms"},
	{"BenchmarkOneOnOne/Meeting", "ns/op", "One-on-one editor", 5, "ms"},
	{"BenchmarkOneOnOne/Suggest", "ns/op", "Suggested prompts", 5, "ms"},
	{"BenchmarkCohorts/Board", "ns/op", "Cohort board", 5, "ms"},
	{"BenchmarkCohorts/List", "ns/op", "Cohort list (last year)", 5, "ms"},
	{"BenchmarkCohorts/ListAll", "ns/op", "Cohort list (all 100)", 5, "ms"},
	{"BenchmarkShadowing/Sessions", "ns/op", "Shadowing: sessions", 5, "ms"},
	{"BenchmarkShadowing/Themes", "ns/op", "Shadowing: friction themes", 5, "ms"},
	{"BenchmarkSearch", "ns/op", "Search, per keystroke", 10, "ms"},
	{"BenchmarkSaveItem", "ns/op", "Saving an item", 2, "ms"},
	{"BenchmarkImportRoster/Add", "ns/op", "Roster import: 100k new people", 10000, "ms"},
	{"BenchmarkImportRoster/Update", "ns/op", "Roster import: 100k updated", 10000, "ms"},
	{"BenchmarkStartup", "startup-ratio", "Start-up / bare window", 1.15, "×"},
	{"BenchmarkStartup", "rss-over-bare-MB", "Memory over bare window", 40, "MB"},
	{"BenchmarkListMemory", "rss-growth-MB", "Memory, 1k → 100k people", 10, "MB"},
}

var line = regexp.MustCompile(`^(Benchmark\S+?)(?:-\d+)?\s+\d+\s+(.+)$`)

func main() {
	measured := map[string]float64{} // bench + " " + metric
	sc := bufio.NewScanner(os.Stdin)
	for sc.Scan() {
		m := line.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		f := strings.Fields(m[2])
		for i := 0; i+1 < len(f); i += 2 {
			if v, err := strconv.ParseFloat(f[i], 64); err == nil {
				measured[m[1]+" "+f[i+1]] = v
			}
		}
	}
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "figure\ttarget\tmeasured\tratio\t\t")
	for _, t := range targets {
		v, ok := measured[t.bench+" "+t.metric]
		if !ok {
			fmt.Fprintf(w, "%s\t%s %s\tnot run\t\t\t\n", t.figure, num(t.most), t.unit)
			continue
		}
		if t.metric == "ns/op" {
			v /= 1e6
		}
		verdict := "met"
		if v > t.most {
			verdict = "MISSED"
		}
		fmt.Fprintf(w, "%s\t%s %s\t%s %s\t%.2f\t%s\t\n", t.figure, num(t.most), t.unit, num(v), t.unit, v/t.most, verdict)
	}
	w.Flush()
}

func num(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }
