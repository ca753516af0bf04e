package eval

import (
	"github.com/faunaplay/playground/engine/fql/syntax"
	"github.com/faunaplay/playground/engine/fql/value"
	"github.com/faunaplay/playground/engine/schema"
)

// FQL written in the schema (defaults, computed fields, checks, function
// bodies) runs on the query's interpreter, in the global scope: it sees
// the collections and functions, not the query's variables, and its steps
// count against the query's limits.

// EvalSchema evaluates f in the global scope. Its errors say where in the
// schema they happened.
func (in *Interp) EvalSchema(f *schema.FQL) (value.Value, error) {
	saved := in.pos
	defer func() { in.pos = saved }()
	return in.eval(f.Expr, nil)
}

// CallSchema calls f with arg: a lambda is called, a short-hand
// expression is evaluated with arg as its implicit parameter.
func (in *Interp) CallSchema(f *schema.FQL, arg value.Value) (value.Value, error) {
	if _, ok := f.Expr.(*syntax.Lambda); ok {
		fn, err := in.EvalSchema(f)
		if err != nil {
			return nil, err
		}
		return value.Call(in, fn, arg)
	}
	saved := in.pos
	defer func() { in.pos = saved }()
	return in.eval(f.Expr, &env{name: implicitParam, val: arg})
}

// CallFunction runs a user-defined function with args bound to its
// parameters (a variadic last parameter gets the rest as an Array).
func (in *Interp) CallFunction(fn *schema.Function, args []value.Value) (value.Value, error) {
	if err := in.Compute(1); err != nil {
		return nil, err
	}
	if err := value.CheckArity(in.pos, fn, len(args)); err != nil {
		return nil, err
	}
	fixed := len(fn.Params)
	variadic := fixed > 0 && fn.Params[fixed-1].Variadic
	if variadic {
		fixed--
	}
	var e *env
	for i, p := range fn.Params[:fixed] {
		e = &env{name: p.Name, val: args[i], parent: e}
	}
	if variadic {
		rest := value.Array(append([]value.Value{}, args[fixed:]...))
		e = &env{name: fn.Params[fixed].Name, val: rest, parent: e}
	}
	saved := in.pos
	defer func() { in.pos = saved }()
	return in.eval(fn.Body.Expr, e)
}
