package value

import (
	"fmt"
	"strings"

	"github.com/faunaplay/playground/engine/diag"
)

// method is one entry of a type's method table: its arity bounds and body.
type method struct {
	min, max int // max -1: variadic
	fn       func(ctx Context, recv Value, args []Value) (Value, error)
}

// Builtin is a built-in function, or a method bound to its receiver.
type Builtin struct {
	Name string
	Recv Value
	m    method
	// flat is true for the few built-ins whose work does not grow with
	// their arguments (log keeps a String as it is): one step a call.
	flat bool
}

func bind(name string, recv Value, m method) *Builtin { return &Builtin{Name: name, Recv: recv, m: m} }

// NewBuiltin makes a global function.
func NewBuiltin(name string, min, max int, fn func(ctx Context, args []Value) (Value, error)) *Builtin {
	return &Builtin{Name: name, m: method{min, max, func(ctx Context, _ Value, args []Value) (Value, error) { return fn(ctx, args) }}}
}

func (b *Builtin) Type() string { return "Function" }

func (b *Builtin) Arity() int { return b.m.max }

func (b *Builtin) Call(ctx Context, args []Value) (Value, error) {
	if len(args) < b.m.min || (b.m.max >= 0 && len(args) > b.m.max) {
		want := fmt.Sprint(b.m.min)
		switch {
		case b.m.max < 0:
			want = fmt.Sprintf("at least %d", b.m.min)
		case b.m.max != b.m.min:
			want = fmt.Sprintf("%d to %d", b.m.min, b.m.max)
		}
		return nil, diag.Errorf(diag.InvalidFunctionInvocation, ctx.Pos(), "`%s` takes %s argument(s), got %d", b.Name, want, len(args))
	}
	work := 1
	if !b.flat {
		work += Work(b.Recv)
		for _, a := range args {
			work += Work(a)
		}
	}
	if err := ctx.Compute(work); err != nil {
		return nil, err
	}
	v, err := b.m.fn(ctx, b.Recv, args)
	if err != nil {
		return nil, err
	}
	if !b.flat {
		if err := ctx.Compute(Work(v)); err != nil {
			return nil, err
		}
	}
	// A built-in's result may be far larger than its arguments (concat,
	// replaceAll, split): refuse it before it is kept or grows further.
	if err := CheckSize(ctx.Pos(), v); err != nil {
		return nil, err
	}
	return v, nil
}

// flatCost marks b as one whose work does not grow with its arguments.
func flatCost(b *Builtin) *Builtin {
	b.flat = true
	return b
}

// lookup binds a method of a table, or returns nil.
func lookup(table map[string]method, name string, recv Value) Value {
	if m, ok := table[name]; ok {
		return bind(name, recv, m)
	}
	return nil
}

// Call calls fn with args; fn must be Callable.
func Call(ctx Context, fn Value, args ...Value) (Value, error) {
	c, ok := fn.(Callable)
	if !ok {
		return nil, diag.Errorf(diag.InvalidArgument, ctx.Pos(), "expected a function, got %s", TypeName(fn))
	}
	if a := c.Arity(); a >= 0 && a < len(args) {
		args = args[:a] // a one-argument predicate may be given to reduce-style callers
	}
	return c.Call(ctx, args)
}

// callBool calls a predicate and wants a Boolean back.
func callBool(ctx Context, fn Value, arg Value) (bool, error) {
	r, err := Call(ctx, fn, arg)
	if err != nil {
		return false, err
	}
	switch r := r.(type) {
	case Bool:
		return bool(r), nil
	case Null:
		return false, nil
	}
	return false, diag.Errorf(diag.InvalidType, ctx.Pos(), "the predicate returned %s, expected a Boolean", TypeName(r))
}

// Article is "a" or "an" before a type name: "an Int", "a String".
func Article(name string) string {
	if name != "" && strings.ContainsRune("AEIOU", rune(name[0])) {
		return "an " + name
	}
	return "a " + name
}

// TypeName is v's type name, "Null" for a Go nil.
func TypeName(v Value) string {
	if v == nil {
		return "Null"
	}
	return v.Type()
}

func typeError(ctx Context, want string, got Value) error {
	return diag.Errorf(diag.InvalidArgument, ctx.Pos(), "expected %s, got %s", want, TypeName(got))
}

func argError(ctx Context, format string, args ...any) error {
	return diag.Errorf(diag.InvalidArgument, ctx.Pos(), format, args...)
}

func intArg(ctx Context, v Value) (int64, error) {
	switch v := v.(type) {
	case Int:
		return int64(v), nil
	case Double:
		if float64(v) == float64(int64(v)) {
			return int64(v), nil
		}
	}
	return 0, typeError(ctx, "Int", v)
}
