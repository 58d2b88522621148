package model

import (
	"fmt"
	"slices"
	"strings"
)

// enum is the one place an enum's values are written: in the order pickers
// show them, each with its label. Its Label method and its list (Cadences,
// Channels, …) read it.
type enum[T comparable] struct {
	entries []labelled[T]
	// unknown is the value whose label stands in for a value not in the
	// list (one from a damaged file, or the zero value of a new record);
	// without one, such a value shows as it is stored.
	unknown T
}

type labelled[T comparable] struct {
	value T
	label string
}

// label is v's label.
func (e enum[T]) label(v T) string {
	for _, l := range e.entries {
		if l.value == v {
			return l.label
		}
	}
	var zero T
	if e.unknown != zero && e.unknown != v {
		return e.label(e.unknown)
	}
	return fmt.Sprint(v)
}

// values lists the values in order, in a slice the caller may change.
func (e enum[T]) values() []T {
	vs := make([]T, len(e.entries))
	for i, l := range e.entries {
		vs[i] = l.value
	}
	return vs
}

// has reports whether v is one of the values.
func (e enum[T]) has(v T) bool {
	return slices.ContainsFunc(e.entries, func(l labelled[T]) bool { return l.value == v })
}

// lookup finds the value whose key or label is s, in any case.
func (e enum[T]) lookup(s string) (T, bool) {
	k := strings.ToLower(strings.TrimSpace(s))
	for _, l := range e.entries {
		if k == strings.ToLower(fmt.Sprint(l.value)) || k == strings.ToLower(l.label) {
			return l.value, true
		}
	}
	var zero T
	return zero, false
}
