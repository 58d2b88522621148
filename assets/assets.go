// Package assets holds what Solemate embeds: the icon and the prompt
// library. It imports no Fyne so the model can use it too.
package assets

import _ "embed"

// IconPNG is the app icon, icon.svg rendered at 512 px.
//
//go:embed icon.png
var IconPNG []byte

// PromptsJSON is the prompt library shipped with the app; the model loads
// it into the database on first run and on upgrade.
//
//go:embed prompts.json
var PromptsJSON []byte
