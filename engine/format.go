package engine

import (
	"errors"
	"fmt"

	"github.com/faunaplay/playground/engine/diag"
	"github.com/faunaplay/playground/engine/fql/format"
)

// FormatResult is the text printed again, or why it could not be: a text
// that does not parse has its error and no text.
type FormatResult struct {
	Text  string      `json:"text"`
	Error *diag.Error `json:"error,omitempty"`
}

// Format prints src in the canonical layout of lang, keeping its comments.
// Only "fql" is formatted here; the page formats SDL and GraphQL itself.
func (e *Engine) Format(lang, src string) (res FormatResult) {
	defer func() {
		if r := recover(); r != nil {
			res = FormatResult{Error: &diag.Error{Code: diag.InternalError, Message: fmt.Sprintf("internal error formatting: %v", r)}}
		}
	}()
	if lang != "fql" {
		return FormatResult{Error: &diag.Error{Code: diag.InvalidRequest, Message: fmt.Sprintf("cannot format %q: only fql is formatted by the engine", lang)}}
	}
	text, err := format.Format(src)
	if err != nil {
		var d *diag.Error
		if !errors.As(err, &d) {
			d = &diag.Error{Code: diag.InvalidQuery, Message: err.Error(), Pos: diag.Pos{Line: 1, Column: 1}}
		}
		return FormatResult{Error: d}
	}
	return FormatResult{Text: text}
}
