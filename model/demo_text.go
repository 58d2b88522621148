package model

import (
	"fmt"
	"strings"
)

// Details that vary the demo's stock sentences, so a long history reads
// like many weeks rather than the same few lines, and search meets the
// spread of names, places and numbers real notes have.
var (
	demoCities   = []string{"Leeds", "Porto", "Gdańsk", "Lyon", "Cork", "Malmö", "Bologna", "Utrecht", "Nantes", "Aarhus", "Bilbao", "Graz", "Tampere", "Brno", "Ghent"}
	demoProducts = []string{"trail runner", "winter boot", "kids' sandal", "loafer", "gift card", "insole", "hiking boot", "ballet flat", "work shoe", "slipper"}
	demoWeekdays = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"}
)

// vary adds a detail to half of the sentences it is given.
func (g *demoGen) vary(text string) string {
	var detail string
	switch g.rng.IntN(10) {
	case 0:
		detail = "for Mrs " + pickFrom(g, demoLast)
	case 1:
		detail = "for a customer in " + pickFrom(g, demoCities)
	case 2:
		detail = fmt.Sprintf("(order %d)", 4_000_000+g.rng.IntN(6_000_000))
	case 3:
		detail = "on " + pickFrom(g, demoWeekdays)
	case 4:
		detail = fmt.Sprintf("with %s from %s", demoFirst[g.rng.IntN(len(demoFirst))][0], demoTeams[g.rng.IntN(len(demoTeams))])
	case 5:
		detail = "after the " + pickFrom(g, demoProducts) + " launch"
	default:
		return text
	}
	return strings.TrimSuffix(text, ".") + " " + detail
}
