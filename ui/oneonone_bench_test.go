package ui

import (
	"fmt"
	"testing"
)

// BenchmarkOpenOneOnOne opens a one-on-one in the editor, loading it from
// the database and laying it out in the test driver (nothing is drawn):
// one with many items, and one with long notes (both shared and private,
// written before there was a limit).
func BenchmarkOpenOneOnOne(b *testing.B) {
	type open struct {
		name  string
		setup func(b *testing.B) (*shell, uint)
	}
	var cases []open
	for _, n := range []int{400, 10000} {
		cases = append(cases, open{fmt.Sprintf("%d items", n), func(b *testing.B) (*shell, uint) {
			s, _, id := withItems(b, n)
			return s, id
		}})
	}
	for _, kb := range []int{100, 5 << 10} {
		cases = append(cases, open{fmt.Sprintf("%d KB notes", kb), func(b *testing.B) (*shell, uint) {
			note := paragraphs(kb << 10)
			s, _, id := onOldDatabase(b, note, note, "An item")
			return s, id
		}})
	}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			s, id := tc.setup(b)
			s.open(s.oneOnOnes())
			b.ReportAllocs()
			for b.Loop() {
				s.oneOnOnes().openMeeting(id)
			}
		})
	}
}
