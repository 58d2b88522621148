package model

import (
	"fmt"
	"strings"
	"unicode"
)

// Plural says "1 person" or "3 people".
func Plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// OneLine is s as a one-line text may hold it (an action made from a line
// of notes): tabs become spaces, and control and invisible characters go.
func OneLine(s string) string {
	return strings.TrimSpace(strings.Map(func(r rune) rune {
		switch {
		case r == '\t':
			return ' '
		case unicode.IsControl(r) || Invisible(r):
			return -1
		}
		return r
	}, s))
}

// Loosely is text as it is compared loosely: case and spacing aside, so
// "Slow  update" and "slow update" are the same words.
func Loosely(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), " ") }
