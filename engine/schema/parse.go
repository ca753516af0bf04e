package schema

import (
	"github.com/faunaplay/playground/engine/diag"
)

// Parse reads SDL and returns its model. It never panics; problems are
// reported in Model.Errors with line and column.
func Parse(sdl string) *Model {
	// Placeholder until recognition lands: no collections.
	_ = sdl
	return &Model{Errors: []*diag.Error{}}
}
