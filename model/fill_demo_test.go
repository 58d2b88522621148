package model

// FillDemo fills a test store with demo data. Package model cannot import
// model/demo, which imports it; fill_demo_ext_test.go, in package
// model_test of this same test binary, can, and sets FillDemo.
var FillDemo func(s *Store, o DemoOptions) error

// DemoOptions are the demo.Options that model's tests choose.
type DemoOptions struct {
	People, Years int
	Seed          uint64
}
