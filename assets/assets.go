// Package assets holds what Solemate embeds: the icon and, later, the prompt
// library. It imports no Fyne so the model can use it too.
package assets

import _ "embed"

// IconPNG is the app icon, icon.svg rendered at 512 px.
//
//go:embed icon.png
var IconPNG []byte
