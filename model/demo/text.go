package demo

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Details that vary the demo's stock sentences, so a long history reads
// like many weeks rather than the same few lines, and search meets the
// spread of names, places and numbers real notes have. A sentence says
// where a detail fits with a slot ({customer}, {order}, {day}, {colleague},
// {product}); one without slots is written as it stands, so a detail never
// lands where no one would write it ("painting in the evenings (order 5)").
var (
	demoCities   = []string{"Leeds", "Porto", "Gdańsk", "Lyon", "Cork", "Malmö", "Bologna", "Utrecht", "Nantes", "Aarhus", "Bilbao", "Graz", "Tampere", "Brno", "Ghent"}
	demoProducts = []string{"trail runners", "winter boots", "kids' sandals", "loafers", "hiking boots", "ballet flats", "work shoes", "slippers"}
	demoWeekdays = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"}
)

// sentence writes a stock sentence with its slots filled in.
func (g *demoGen) sentence(text string) string {
	var sb strings.Builder
	for {
		open := strings.IndexByte(text, '{')
		if open < 0 {
			break
		}
		end := strings.IndexByte(text[open:], '}') + open
		sb.WriteString(text[:open])
		sb.WriteString(g.detail(text[open+1 : end]))
		text = text[end+1:]
	}
	sb.WriteString(text)
	out := sb.String()
	r, n := utf8.DecodeRuneInString(out)
	return string(unicode.ToUpper(r)) + out[n:]
}

func (g *demoGen) detail(slot string) string {
	switch slot {
	case "customer":
		switch g.rng.IntN(3) {
		case 0:
			return "Mrs " + pickFrom(g, demoLast)
		case 1:
			return "Mr " + pickFrom(g, demoLast)
		}
		return "a customer in " + pickFrom(g, demoCities)
	case "order":
		return fmt.Sprintf("order %d", 4_000_000+g.rng.IntN(6_000_000))
	case "day":
		return pickFrom(g, demoWeekdays)
	case "colleague":
		if len(g.teams) == 0 {
			return "a colleague"
		}
		return fmt.Sprintf("%s from %s", demoFirst[g.rng.IntN(len(demoFirst))][0], pickFrom(g, g.teams))
	case "product":
		return pickFrom(g, demoProducts)
	}
	panic("demo text: no detail for {" + slot + "}")
}
