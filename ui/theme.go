package ui

import (
	_ "embed"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"solemate/assets"
)

// appIcon is shown in the About dialog and the welcome.
var appIcon = fyne.NewStaticResource("solemate.png", assets.IconPNG)

// windowIcon is the app icon at 256 px, the size Fyne itself draws window
// icons at, for the window manager and notifications. The window decodes it
// before it shows: a quarter of the 512 px icon's work.
//
//go:embed windowicon.png
var windowIconPNG []byte

var windowIcon = fyne.NewStaticResource("solemate-256.png", windowIconPNG)

// brandTheme is Fyne's default theme with Solemate's teal accent. It follows
// the system's light or dark choice unless settings force one.
type brandTheme struct {
	fyne.Theme
	force *fyne.ThemeVariant
}

var (
	tealLight  = color.NRGBA{R: 0x0b, G: 0x72, B: 0x7c, A: 0xff} // 5.6:1 on white
	tealDark   = color.NRGBA{R: 0x2f, G: 0xb8, B: 0xb0, A: 0xff}
	amberLight = color.NRGBA{R: 0xb4, G: 0x5a, B: 0x09, A: 0xff}
	amberDark  = color.NRGBA{R: 0xf0, G: 0xa0, B: 0x40, A: 0xff}
)

func (t brandTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if t.force != nil {
		v = *t.force
	}
	dark := v == theme.VariantDark
	pick := func(light, darkC color.NRGBA) color.NRGBA {
		if dark {
			return darkC
		}
		return light
	}
	switch n {
	case theme.ColorNamePrimary, theme.ColorNameHyperlink:
		return pick(tealLight, tealDark)
	case theme.ColorNameFocus:
		c := pick(tealLight, tealDark)
		c.A = 0x7f
		return c
	case theme.ColorNameSelection:
		c := pick(tealLight, tealDark)
		c.A = 0x40
		return c
	case theme.ColorNameWarning:
		return pick(amberLight, amberDark)
	case theme.ColorNameInputBorder:
		// The default light border all but vanishes on white: checkboxes
		// and radio buttons need to be seen.
		if !dark {
			return color.NRGBA{R: 0x9a, G: 0x9a, B: 0x9a, A: 0xff}
		}
	}
	return t.Theme.Color(n, v)
}

// loadBoldFont loads the bold text face off the UI goroutine and closes the
// channel it returns once it is ready. Fyne parses a font, and its emoji
// font with it, the first time a text style is measured, and the window
// needs regular and bold (headings, buttons) before it shows. Run loads regular on the UI goroutine
// meanwhile, so start-up waits for one parse instead of two.
//
// Fyne's font faces are not safe for concurrent use, so until the channel
// closes the UI goroutine must measure no bold text. Regular text is safe:
// measuring ASCII only uses the face of its own style, as the bundled fonts
// have every ASCII glyph.
func loadBoldFont() <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		fyne.MeasureText("Solemate", theme.TextSize(), fyne.TextStyle{Bold: true})
	}()
	return done
}
