package model

import "testing"

// Rows of one name without email each take the next person of that name,
// one in the row's team first. Each namesake is looked at a bounded number
// of times however many rows there are: the time grows with the rows, not
// with their square (20,000 rows of one name took 3 s when each row walked
// all the namesakes from the start, 60,000 took 30 s).
func TestNamesakesAreTakenInLinearTime(t *testing.T) {
	for _, n := range []int{1000, 8000} {
		l := &rosterLookup{byName: map[string]*namesakes{}}
		for i := range n {
			l.addNamesake(Person{ID: uint(i + 1), Name: "New hire", Team: []string{"Phones", "Mail"}[i%2]})
		}
		taken := map[uint]bool{}
		for i := range n {
			p, ok := l.unclaimed("new HIRE", "Phones")
			switch {
			case !ok || taken[p.ID]:
				t.Fatalf("n = %d: row %d took %v, %v: want someone not taken yet", n, i, p.ID, ok)
			case i < n/2 && p.Team != "Phones":
				t.Fatalf("n = %d: row %d took someone in %s while some in its team were left", n, i, p.Team)
			}
			taken[p.ID] = true
		}
		if _, ok := l.unclaimed("New hire", "Phones"); ok {
			t.Errorf("n = %d: a row took someone after all %d were taken", n, n)
		}
		// Each namesake is passed once by the cursor of its team and once
		// by the cursor of all.
		if l.visited > 2*n {
			t.Errorf("%d rows of one name looked at namesakes %d times, want at most %d", n, l.visited, 2*n)
		}
	}
}
