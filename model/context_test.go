package model

import (
	"context"
	"errors"
	"testing"
)

func TestWithContextCancelsQueries(t *testing.T) {
	s := newTestStore(t)
	ctx, cancel := context.WithCancel(context.Background())
	scoped := s.WithContext(ctx)
	if _, err := scoped.People(false); err != nil {
		t.Fatalf("before cancel: %v", err)
	}
	cancel()
	if _, err := scoped.People(false); !errors.Is(err, context.Canceled) {
		t.Errorf("after cancel: got %v, want context.Canceled", err)
	}
	if _, err := s.People(false); err != nil {
		t.Errorf("the original store must not be cancelled: %v", err)
	}
}

type readKey struct{}

func TestOnReadSeesEachReadsContext(t *testing.T) {
	s := newTestStore(t)
	var seen []any
	s.OnRead(func(ctx context.Context) { seen = append(seen, ctx.Value(readKey{})) })
	if _, err := s.WithContext(context.WithValue(context.Background(), readKey{}, "marked")).People(false); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Programs(); err != nil {
		t.Fatal(err)
	}
	if len(seen) < 2 || seen[0] != "marked" || seen[len(seen)-1] != nil {
		t.Errorf("contexts seen: %v", seen)
	}
	s.OnRead(func(context.Context) {}) // replaces, so seen stays
	n := len(seen)
	if _, err := s.Programs(); err != nil || len(seen) != n {
		t.Errorf("after replacing the hook: %d reads seen, err %v", len(seen)-n, err)
	}
}
