package eval

import (
	"strings"

	"github.com/faunaplay/playground/engine/diag"
	"github.com/faunaplay/playground/engine/fql/syntax"
	"github.com/faunaplay/playground/engine/fql/value"
)

// Closure is an arrow function or a short-hand `.field` predicate, with the
// scope it was made in.
type Closure struct {
	in     *Interp
	params []string
	body   syntax.Expr
	env    *env
	pos    diag.Pos
}

func (c *Closure) Type() string { return "Function" }

func (c *Closure) Arity() int { return len(c.params) }

// Call binds the parameters (missing ones are null) and evaluates the body.
// It runs on the caller's interpreter, so a set made in an earlier query
// (behind a cursor) reads the current transaction.
func (c *Closure) Call(ctx value.Context, args []value.Value) (value.Value, error) {
	in, ok := ctx.(*Interp)
	if !ok {
		in = c.in
	}
	if err := in.Compute(1); err != nil {
		return nil, err
	}
	if len(args) < len(c.params) && c.params[0] != implicitParam {
		return nil, arityError(in.pos, len(c.params), len(args))
	}
	e := c.env
	for i, p := range c.params {
		var v value.Value = value.Null{}
		if i < len(args) {
			v = args[i]
		}
		e = &env{name: p, val: v, parent: e}
	}
	saved := in.pos
	defer func() { in.pos = saved }()
	return in.eval(c.body, e)
}

// EqualityTerms says which fields the predicate tests for equality, when
// it is `.f == v`, `x => x.f == v` or a conjunction of those, with v free
// of the parameter (evaluated now, in the closure's scope).
func (c *Closure) EqualityTerms(ctx value.Context) (map[string]value.Value, bool, error) {
	if len(c.params) != 1 {
		return nil, false, nil
	}
	in, ok := ctx.(*Interp)
	if !ok {
		in = c.in
	}
	terms := map[string]value.Value{}
	ok, err := c.collect(in, c.body, terms)
	if err != nil || !ok {
		return nil, false, err
	}
	return terms, true, nil
}

func (c *Closure) collect(in *Interp, x syntax.Expr, terms map[string]value.Value) (bool, error) {
	b, ok := x.(*syntax.Binary)
	if !ok {
		return false, nil
	}
	switch b.Op {
	case "&&":
		ok, err := c.collect(in, b.X, terms)
		if err != nil || !ok {
			return false, err
		}
		return c.collect(in, b.Y, terms)
	case "==":
		field, other := c.paramField(b.X), b.Y
		if field == "" {
			field, other = c.paramField(b.Y), b.X
		}
		if field == "" || c.mentionsParam(other) {
			return false, nil
		}
		if _, dup := terms[field]; dup {
			return false, nil
		}
		v, err := in.eval(other, c.env)
		if err != nil {
			return false, err
		}
		terms[field] = v
		return true, nil
	}
	return false, nil
}

// paramField is "f" when x is `.f` or `p.f` for the parameter p.
func (c *Closure) paramField(x syntax.Expr) string {
	s, ok := x.(*syntax.Select)
	if !ok || s.Optional {
		return ""
	}
	p := c.params[0]
	if s.X == nil && p == implicitParam {
		return s.Name
	}
	if id, ok := s.X.(*syntax.Ident); ok && id.Name == p {
		return s.Name
	}
	return ""
}

// mentionsParam is a conservative check that x does not read the parameter.
func (c *Closure) mentionsParam(x syntax.Expr) bool {
	p := c.params[0]
	if p == implicitParam {
		return syntax.UsesImplicit(x)
	}
	found := false
	syntax.Walk(x, func(n syntax.Expr) bool {
		if id, ok := n.(*syntax.Ident); ok && id.Name == p {
			found = true
		}
		return !found
	})
	return found
}

func arityError(p diag.Pos, want, got int) error {
	return diag.Errorf(diag.InvalidFunctionInvocation, p, "the function takes %d argument(s), got %d", want, got)
}

// FieldPath says which field the closure reads when its body is only a
// field of its parameter (`.price`, `p => p.address.city`): the planner
// then sorts by an index's values instead of calling it.
func (c *Closure) FieldPath() (string, bool) {
	if len(c.params) != 1 {
		return "", false
	}
	var path []string
	x := c.body
	for {
		switch n := x.(type) {
		case *syntax.Select:
			if n.Optional {
				return "", false
			}
			path = append([]string{n.Name}, path...)
			if n.X == nil { // `.a.b`: the short-hand's implicit parameter
				if c.params[0] != implicitParam {
					return "", false
				}
				return strings.Join(path, "."), true
			}
			x = n.X
			continue
		case *syntax.Ident:
			if n.Name != c.params[0] || len(path) == 0 {
				return "", false
			}
			return strings.Join(path, "."), true
		}
		return "", false
	}
}
