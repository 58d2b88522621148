package model_test

import (
	"solemate/model"
	"solemate/model/demo"
)

func init() {
	model.FillDemo = func(s *model.Store, o model.DemoOptions) error {
		_, err := demo.Generate(s, demo.Options{People: o.People, Years: o.Years, Seed: o.Seed})
		return err
	}
}
