package engine

import (
	"github.com/faunaplay/playground/engine/complete"
)

// CompletionResult is what Complete returns: the items that may replace
// the text from From to To (UTF-16 offsets, as the page's editor counts).
type CompletionResult = complete.Completion

// HoverResult is what Hover returns; {} in JSON when nothing is under the
// cursor.
type HoverResult = complete.Hover

// Complete lists what may follow the cursor at offset (UTF-16) of src,
// in lang "fql" (queries, against the current schema), "sdl" or "fsl"
// (schema text). It never panics: a panic is an empty list.
func (e *Engine) Complete(lang, src string, offset int) (res CompletionResult) {
	defer func() {
		if r := recover(); r != nil {
			res = complete.None(src, offset)
		}
	}()
	switch lang {
	case "fql":
		return complete.FQL(e.model, src, offset)
	case "sdl":
		return complete.SDL(e.model, src, offset)
	case "fsl":
		return complete.FSL(e.model, src, offset)
	}
	return complete.None(src, offset)
}

// Hover describes the name under the cursor at offset (UTF-16) of src, in
// lang "fql" or "sdl": its signature and a line on what it is. It never
// panics: a panic is an empty hover.
func (e *Engine) Hover(lang, src string, offset int) (res HoverResult) {
	defer func() {
		if r := recover(); r != nil {
			res = HoverResult{}
		}
	}()
	switch lang {
	case "fql":
		return complete.FQLHover(e.model, src, offset)
	case "sdl":
		return complete.SDLHover(e.model, src, offset)
	case "fsl":
		return complete.FSLHover(e.model, src, offset)
	}
	return HoverResult{}
}
