package model

import (
	"cmp"
	"fmt"
	"slices"
)

// PromptsFor lists up to n prompts that fit (n < 1 for all of them), never
// hidden or deleted ones, in an order shuffled by seed: the same seed (a
// session) keeps its order, another seed starts elsewhere.
func (s *Store) PromptsFor(fit Fit, n int, seed uint64) ([]Prompt, error) {
	var all []Prompt
	if err := s.db.Where("NOT deleted AND NOT hidden").Order("id").Find(&all).Error; err != nil {
		return nil, fmt.Errorf("list %s prompts: %w", fit, err)
	}
	var out []Prompt
	for _, p := range all {
		if slices.Contains(p.FitList(), fit) {
			out = append(out, p)
		}
	}
	key := func(p Prompt) uint64 { return mix(seed<<32 ^ uint64(p.ID)) }
	slices.SortFunc(out, func(a, b Prompt) int { return cmp.Compare(key(a), key(b)) })
	if n > 0 && len(out) > n {
		out = out[:n]
	}
	return out, nil
}
