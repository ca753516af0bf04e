package fsl

import (
	"errors"
	"reflect"
	"strings"

	"github.com/alecthomas/participle/v2/lexer"
	"github.com/faunaplay/playground/engine/diag"
	"github.com/faunaplay/playground/engine/fql/syntax"
	"github.com/faunaplay/playground/engine/schema"
)

// FQL inside FSL is parsed by the FQL grammar from its own text; every
// position in its AST and in its errors is then moved to where that text
// sits in the schema, so an error in a computed field points into the
// schema editor.

// span is the schema text of toks (tokens of one run) and where it starts.
func (b *builder) span(toks []lexer.Token) (string, diag.Pos) {
	first, last := toks[0], toks[len(toks)-1]
	return b.src[first.Pos.Offset : last.Pos.Offset+len(last.Value)], posOf(first.Pos)
}

// expr parses one FQL expression (a default, a computed field's function,
// a check's predicate); what names it in errors.
func (b *builder) expr(g *gFQL, what string) *schema.FQL {
	if g == nil || len(g.Tokens) == 0 {
		return nil
	}
	text, at := b.span(g.Tokens)
	prog, err := syntax.Parse(text)
	if err != nil {
		b.fqlError(err, at, what)
		return nil
	}
	moveAll(reflect.ValueOf(prog.Stmts), at)
	if len(prog.Stmts) != 1 {
		b.errorf(prog.Stmts[1].Position(), "%s must be one FQL expression", what)
		return nil
	}
	e, ok := prog.Stmts[0].(syntax.Expr)
	if !ok {
		b.errorf(prog.Stmts[0].Position(), "%s must be an FQL expression, not a `let`", what)
		return nil
	}
	return &schema.FQL{Src: text, Pos: at, Expr: e}
}

// block parses a function body: the statements between its braces, as one
// *syntax.Block (never read as an object literal, as `{ a: 1 }` alone
// would be).
func (b *builder) block(g *gGroup, what string) *schema.FQL {
	toks := g.Tokens
	open := posOf(toks[0].Pos)
	if len(toks) < 3 {
		b.errorf(open, "%s is empty: a function's body holds FQL statements", what)
		return nil
	}
	text, at := b.span(toks[1 : len(toks)-1])
	prog, err := syntax.ParseFile(text)
	if err != nil {
		b.fqlError(err, at, what)
		return nil
	}
	moveAll(reflect.ValueOf(prog.Stmts), at)
	whole, _ := b.span(toks)
	return &schema.FQL{Src: whole, Pos: open, Expr: &syntax.Block{P: open, Stmts: prog.Stmts}}
}

// fqlError reports an FQL error at its place in the schema.
func (b *builder) fqlError(err error, at diag.Pos, what string) {
	var d *diag.Error
	if !errors.As(err, &d) {
		d = &diag.Error{Message: err.Error()}
	}
	p := d.Pos
	if !p.IsValid() {
		p = diag.Pos{Line: 1, Column: 1}
	}
	msg := strings.NewReplacer("unexpected token end of query", "unexpected end of the FQL",
		"end of query", "the end of the FQL").Replace(d.Message)
	msg = expectedList.ReplaceAllString(msg, "(expected $1)")
	b.errorf(move(p, at), "in %s: %s", what, msg)
}

// move places p, a position in a text starting at `at`, in the schema.
func move(p, at diag.Pos) diag.Pos {
	if !p.IsValid() {
		return p
	}
	if p.Line == 1 {
		p.Column += at.Column - 1
	}
	p.Line += at.Line - 1
	return p
}

var posType = reflect.TypeOf(diag.Pos{})

// moveAll moves every position in an AST (its nodes are pointers to
// structs whose positions are diag.Pos fields).
func moveAll(v reflect.Value, at diag.Pos) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			moveAll(v.Elem(), at)
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			moveAll(v.Index(i), at)
		}
	case reflect.Struct:
		if v.Type() == posType {
			if v.CanSet() {
				v.Set(reflect.ValueOf(move(v.Interface().(diag.Pos), at)))
			}
			return
		}
		for i := 0; i < v.NumField(); i++ {
			moveAll(v.Field(i), at)
		}
	}
}
