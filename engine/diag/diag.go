// Package diag owns the engine's one error type: a code, a message and a
// source position, able to print the offending source line with a caret under
// the span, the way Fauna's shell reported errors.
package diag

import (
	"fmt"
	"strings"
)

// Error codes shared by every part of the engine. The FQL ones follow Fauna's.
const (
	InvalidSchema             = "invalid_schema"
	InvalidQuery              = "invalid_query"
	InvalidArgument           = "invalid_argument"
	InvalidFunctionInvocation = "invalid_function_invocation"
	InvalidType               = "invalid_type"
	DocumentNotFound          = "document_not_found"
	ConstraintFailure         = "constraint_failure"
	Abort                     = "abort"
	LimitExceeded             = "limit_exceeded"
	InvalidRequest            = "invalid_request"
	InternalError             = "internal_error"
	DivideByZero              = "divide_by_zero"
	IndexOutOfBounds          = "index_out_of_bounds"
	InvalidCursor             = "invalid_cursor"
	InvalidDate               = "invalid_date"
	InvalidTime               = "invalid_time"
	InvalidUnit               = "invalid_unit"
	InvalidRegex              = "invalid_regex"
	InvalidNullAccess         = "invalid_null_access"
)

// Pos is a 1-based line and column; the zero Pos means "unknown".
type Pos struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

// IsValid reports whether p names a real place in the source.
func (p Pos) IsValid() bool { return p.Line > 0 }

func (p Pos) String() string { return fmt.Sprintf("%d:%d", p.Line, p.Column) }

// Error is an engine error with a position. Len is the width of the span in
// characters (0 or 1 draws a single caret).
type Error struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Pos
	Len int `json:"-"`
	// Abort is the value given to FQL's abort(), in Fauna's simple JSON
	// form: Fauna's HTTP API returned it beside the code as `abort`.
	Abort any `json:"abort,omitempty"`
	// Failures are a constraint_failure's parts, each with the paths into
	// the written data it is about (Fauna's constraint_failures: an app
	// maps them to its form's fields).
	Failures []Failure `json:"constraint_failures,omitempty"`
}

// A Failure is one failed constraint of a write: what failed, and the
// paths of the fields it is about ([["email"]]; none for a check of the
// whole document).
type Failure struct {
	Message string  `json:"message"`
	Paths   [][]any `json:"paths"`
}

// FieldPath is the path of a field name, or of a dotted one ("address.city").
func FieldPath(name string) []any {
	parts := strings.Split(strings.TrimPrefix(name, "."), ".")
	path := make([]any, len(parts))
	for i, p := range parts {
		path[i] = p
	}
	return path
}

// Errorf builds an *Error at pos.
//
// A String argument is input echoed in the message: past MaxEcho
// characters it is cut, with its length (Clip).
func Errorf(code string, pos Pos, format string, args ...any) *Error {
	clipped := args
	for i, a := range args {
		if s, ok := a.(string); ok && len(s) > MaxEcho {
			if &clipped[0] == &args[0] {
				clipped = append([]any(nil), args...)
			}
			clipped[i] = Clip(s)
		}
	}
	return &Error{Code: code, Message: fmt.Sprintf(format, clipped...), Pos: pos}
}

func (e *Error) Error() string {
	if e.Pos.IsValid() {
		return fmt.Sprintf("%s at %d:%d: %s", e.Code, e.Line, e.Column, e.Message)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

// Format renders the error with the source line it points at and a caret
// line under the span, e.g.
//
//	error: invalid_query: unknown variable `usr`
//	at 2:12
//	  |
//	2 | Video.where(.author == usr)
//	  |                        ^^^
func (e *Error) Format(src string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "error: %s: %s\n", e.Code, e.Message)
	if !e.Pos.IsValid() {
		return b.String()
	}
	lines := strings.Split(src, "\n")
	if e.Line > len(lines) {
		fmt.Fprintf(&b, "at %d:%d\n", e.Line, e.Column)
		return b.String()
	}
	line := strings.TrimRight(lines[e.Line-1], "\r")
	num := fmt.Sprint(e.Line)
	pad := strings.Repeat(" ", len(num))
	col := e.Column - 1
	runes := []rune(line)
	if len(runes) > maxShown {
		// A very long line (a megabyte of text on one line) shows only
		// the part around the column, with … where it is cut.
		from := max(0, min(col-maxShown/2, len(runes)-maxShown))
		to := min(len(runes), from+maxShown)
		cut := append([]rune{}, runes[from:to]...)
		if from > 0 {
			cut = append([]rune("…"), cut...)
			col = col - from + 1
		}
		if to < len(runes) {
			cut = append(cut, '…')
		}
		runes = cut
		line = string(cut)
	}
	fmt.Fprintf(&b, "at %d:%d\n%s |\n%s | %s\n", e.Line, e.Column, pad, num, line)
	if col < 0 {
		col = 0
	}
	if col > len(runes) {
		col = len(runes)
	}
	// Keep tabs so the caret lines up under tab-indented code.
	var lead strings.Builder
	for _, r := range runes[:col] {
		if r == '\t' {
			lead.WriteRune('\t')
		} else {
			lead.WriteRune(' ')
		}
	}
	width := e.Len
	if width < 1 {
		width = 1
	}
	if col+width > len(runes) && len(runes) > col {
		width = len(runes) - col
	}
	fmt.Fprintf(&b, "%s | %s%s\n", pad, lead.String(), strings.Repeat("^", width))
	return b.String()
}

// maxShown is the most characters of the source line Format shows.
const maxShown = 160

// As returns err as an *Error, wrapping foreign errors as internal errors.
func As(err error) *Error {
	if err == nil {
		return nil
	}
	if d, ok := err.(*Error); ok {
		return d
	}
	return &Error{Code: InternalError, Message: err.Error()}
}
