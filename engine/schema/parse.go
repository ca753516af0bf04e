package schema

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/faunaplay/playground/engine/diag"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/lexer"
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
		return &Model{Errors: fromGQL(sdl, err)}
	}
	undefined := undefinedNames(doc)
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
	_, err = validator.LoadSchema(validator.Prelude, fauna, src)
	if err != nil || len(undefined) > 0 {
		errs := undefined
		for _, e := range fromGQL(sdl, err) {
			// The names pass has found every undefined name, the
			// validator only its first.
			if len(undefined) == 0 || !strings.HasPrefix(e.Message, "Undefined ") {
				errs = append(errs, e)
			}
		}
		sortErrors(errs)
		return &Model{Errors: errs, Doc: doc}
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

// fromGQL converts gqlparser's errors (none for a nil err), each at a place
// within src so that the editor can mark it.
func fromGQL(src string, err error) []*diag.Error {
	var list gqlerror.List
	var one *gqlerror.Error
	switch {
	case err == nil:
		return nil
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
		switch {
		case strings.Contains(d.Message, "<EOF>"):
			atEnd(src, d)
		case strings.Contains(d.Message, "<Invalid>"):
			// The parser drops the lexer's own words ("Unterminated
			// string."): read them again.
			if _, lexErr := scan(src); lexErr != nil {
				d.Message = lexErr.Message
				if len(lexErr.Locations) > 0 {
					d.Line, d.Column = lexErr.Locations[0].Line, lexErr.Locations[0].Column
				}
			}
		}
		d.Pos = within(src, d.Pos)
		out = append(out, d)
	}
	sortErrors(out)
	return out
}

// atEnd rewrites an error at the end of the input: gqlparser places it
// after the last character (often on an empty last line, where there is
// nothing to underline) and names the end <EOF>. It is moved onto the last
// character of the text and says which bracket is left open, if one is.
func atEnd(src string, d *diag.Error) {
	d.Message = strings.ReplaceAll(d.Message, "<EOF>", "the end of the schema")
	if last := strings.TrimRightFunc(src, unicode.IsSpace); last != "" {
		_, size := utf8.DecodeLastRuneInString(last)
		d.Pos = posAt(src, len(last)-size)
	}
	if open, _ := scan(src); open != nil {
		d.Message += fmt.Sprintf(": the %q at %d:%d is not closed", open.Kind.String(), open.Pos.Line, open.Pos.Column)
	}
}

// scan reads the tokens of src: the innermost bracket left open at the end
// (or at the first lexical error), and that error.
func scan(src string) (*lexer.Token, *gqlerror.Error) {
	lx := lexer.New(&ast.Source{Input: src})
	var open []lexer.Token
	for {
		tok, err := lx.ReadToken()
		if err != nil {
			var e *gqlerror.Error
			errors.As(err, &e)
			return last(open), e
		}
		switch tok.Kind {
		case lexer.EOF:
			return last(open), nil
		case lexer.BraceL, lexer.ParenL, lexer.BracketL:
			open = append(open, tok)
		case lexer.BraceR, lexer.ParenR, lexer.BracketR:
			if len(open) > 0 {
				open = open[:len(open)-1]
			}
		}
	}
}

func last(toks []lexer.Token) *lexer.Token {
	if len(toks) == 0 {
		return nil
	}
	return &toks[len(toks)-1]
}

// within moves p onto a character of src: gqlparser gives a block string
// spanning lines a column below 1, a few errors no location, and the end
// of input a place after the last character.
func within(src string, p diag.Pos) diag.Pos {
	lines := strings.Split(src, "\n")
	p.Line = min(max(p.Line, 1), len(lines))
	width := utf8.RuneCountInString(strings.TrimSuffix(lines[p.Line-1], "\r"))
	p.Column = min(max(p.Column, 1), max(width, 1))
	return p
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
