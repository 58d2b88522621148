package model

import (
	"context"

	"gorm.io/gorm"
)

// WithContext returns a Store whose every query runs under ctx, so a
// caller that loses interest (a screen whose filter changed again) stops
// the query without each method taking a context. It shares the database,
// the clock and the users' lock with s: close s, not the copy.
func (s *Store) WithContext(ctx context.Context) *Store {
	c := *s
	c.db = s.db.WithContext(ctx)
	return &c
}

// onReadName is the gorm callback OnRead registers.
const onReadName = "solemate:on_read"

// OnRead has f called with the context of every read made through s or a
// Store derived from it (WithContext), before the read runs. Reads inside a
// transaction are a write's own and are left out: writes are small and may
// run where they are asked for. It is for tests: the UI's check that no
// screen reads on the UI goroutine. A later call replaces f.
func (s *Store) OnRead(f func(ctx context.Context)) {
	hook := func(db *gorm.DB) {
		if _, inTx := db.Statement.ConnPool.(gorm.TxCommitter); !inTx {
			f(db.Statement.Context)
		}
	}
	q, r := s.db.Callback().Query(), s.db.Callback().Row()
	if q.Get(onReadName) != nil {
		_ = q.Replace(onReadName, hook)
		_ = r.Replace(onReadName, hook)
		return
	}
	_ = q.Before("gorm:query").Register(onReadName, hook)
	_ = r.Before("gorm:row").Register(onReadName, hook)
}

// Context is the context s's queries run under (WithContext), for the few
// methods that still take one.
func (s *Store) Context() context.Context { return s.db.Statement.Context }
