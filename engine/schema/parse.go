package schema

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/faunaplay/playground/engine/diag"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"
	"github.com/vektah/gqlparser/v2/validator"
)

// faunaDeclarations are the scalars and directives Fauna's GraphQL import
// knew without the user declaring them. Each is added only when the user's
// SDL does not declare it itself.
var faunaDeclarations = []struct{ name, sdl string }{
	{"Long", "scalar Long"},
	{"Date", "scalar Date"},
	{"Time", "scalar Time"},
	{"@embedded", "directive @embedded on OBJECT"},
	{"@collection", "directive @collection(name: String!) on OBJECT"},
	{"@index", "directive @index(name: String!) on FIELD_DEFINITION"},
	{"@resolver", "directive @resolver(name: String, paginated: Boolean = false) on FIELD_DEFINITION"},
	{"@relation", "directive @relation(name: String) on FIELD_DEFINITION"},
	{"@unique", "directive @unique(index: String) on FIELD_DEFINITION"},
	{"@distinct", "directive @distinct on FIELD_DEFINITION"},
}

// MaxSchemaBytes bounds the SDL text: a schema of 5,000 types is about
// 200 KB and is read in well under a second.
const MaxSchemaBytes = 1 << 20

// posAt is the line and column of byte offset off of src.
func posAt(src string, off int) diag.Pos {
	before := src[:off]
	line := strings.Count(before, "\n") + 1
	col := len([]rune(before[strings.LastIndexByte(before, '\n')+1:])) + 1
	return diag.Pos{Line: line, Column: col}
}

// rootTypes hold operations, not data: they are no collections.
var rootTypes = map[string]bool{"Query": true, "Mutation": true, "Subscription": true}

// Parse reads SDL and returns its model. It never panics; problems are
// reported in Model.Errors with line and column, and then the model has no
// collections.
func Parse(sdl string) (m *Model) {
	defer func() {
		if r := recover(); r != nil {
			m = &Model{Errors: []*diag.Error{{Code: diag.InvalidSchema, Message: fmt.Sprint("internal error reading the schema: ", r)}}}
		}
	}()
	if len(sdl) > MaxSchemaBytes {
		return &Model{Errors: []*diag.Error{diag.Errorf(diag.LimitExceeded, posAt(sdl, MaxSchemaBytes),
			"the schema is %d bytes; the limit is %d (1 MiB)", len(sdl), MaxSchemaBytes)}}
	}
	src := &ast.Source{Name: "schema.graphql", Input: sdl}
	doc, err := parser.ParseSchema(src)
	if err != nil {
		return &Model{Errors: fromGQL(err)}
	}
	declared := map[string]bool{}
	for _, d := range doc.Definitions {
		declared[d.Name] = true
	}
	for _, d := range doc.Directives {
		declared["@"+d.Name] = true
	}
	var decl strings.Builder
	for _, fd := range faunaDeclarations {
		if !declared[fd.name] {
			decl.WriteString(fd.sdl + "\n")
		}
	}
	fauna := &ast.Source{Name: "fauna.graphql", Input: decl.String(), BuiltIn: true}
	if _, err := validator.LoadSchema(validator.Prelude, fauna, src); err != nil {
		return &Model{Errors: fromGQL(err), Doc: doc}
	}
	if errs := mergeExtensions(doc); len(errs) > 0 {
		return &Model{Errors: errs, Doc: doc}
	}
	r := &recognizer{doc: doc, model: &Model{Doc: doc}}
	r.run()
	m = r.model
	sortErrors(m.Errors)
	if len(m.Errors) > 0 {
		m.Collections, m.Relations, m.Embedded = nil, nil, nil
	}
	if m.Errors == nil {
		m.Errors = []*diag.Error{}
	}
	return m
}

// mergeExtensions folds `extend type` blocks into the types they extend, so
// everything that reads Doc sees each type whole. Extending a type that is
// not declared is an error (the validator would quietly declare it).
func mergeExtensions(doc *ast.SchemaDocument) []*diag.Error {
	var errs []*diag.Error
	for _, ext := range doc.Extensions {
		def := doc.Definitions.ForName(ext.Name)
		if def == nil {
			errs = append(errs, diag.Errorf(diag.InvalidSchema, posOf(ext.Position), "cannot extend type %s: it is not declared", ext.Name))
			continue
		}
		def.Fields = append(def.Fields, ext.Fields...)
		def.Directives = append(def.Directives, ext.Directives...)
		def.Interfaces = append(def.Interfaces, ext.Interfaces...)
		def.EnumValues = append(def.EnumValues, ext.EnumValues...)
		def.Types = append(def.Types, ext.Types...)
	}
	doc.Extensions = nil
	return errs
}

func fromGQL(err error) []*diag.Error {
	var list gqlerror.List
	var one *gqlerror.Error
	switch {
	case errors.As(err, &list):
	case errors.As(err, &one):
		list = gqlerror.List{one}
	default:
		return []*diag.Error{{Code: diag.InvalidSchema, Message: err.Error(), Pos: diag.Pos{Line: 1, Column: 1}}}
	}
	out := make([]*diag.Error, 0, len(list))
	for _, e := range list {
		d := &diag.Error{Code: diag.InvalidSchema, Message: e.Message}
		if len(e.Locations) > 0 {
			d.Line, d.Column = e.Locations[0].Line, e.Locations[0].Column
		}
		// gqlparser gives a block string spanning lines a column below 1
		// (and no location to a few errors): point at the line's start.
		d.Line, d.Column = max(d.Line, 1), max(d.Column, 1)
		out = append(out, d)
	}
	sortErrors(out)
	return out
}

// sortErrors puts errors in the order of the text, so the first one shown
// is the first one a reader meets.
func sortErrors(errs []*diag.Error) {
	sort.SliceStable(errs, func(i, j int) bool {
		if errs[i].Line != errs[j].Line {
			return errs[i].Line < errs[j].Line
		}
		return errs[i].Column < errs[j].Column
	})
}

func posOf(p *ast.Position) diag.Pos {
	if p == nil {
		return diag.Pos{}
	}
	return diag.Pos{Line: p.Line, Column: p.Column}
}
