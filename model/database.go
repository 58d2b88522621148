package model

import "gorm.io/gorm"

// DB is the store's database handle, for tools that work on every table
// whatever it holds (the file-to-server copier, tests that compare whole
// databases). Everything else goes through the Store's methods, which keep
// its rules.
func (s *Store) DB() *gorm.DB { return s.db }
