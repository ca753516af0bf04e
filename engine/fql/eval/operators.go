package eval

// The operators: unary and binary, arithmetic with Fauna's overflow and
// division rules, isa and equality.

import (
	"fmt"
	"math"
	"strings"

	"github.com/faunaplay/playground/engine/diag"
	"github.com/faunaplay/playground/engine/fql/syntax"
	"github.com/faunaplay/playground/engine/fql/value"
)

func (in *Interp) unary(n *syntax.Unary, e *env) (value.Value, error) {
	x, err := in.eval(n.X, e)
	if err != nil {
		return nil, err
	}
	switch n.Op {
	case "!":
		b, ok := x.(value.Bool)
		if !ok {
			return nil, diag.Errorf(diag.InvalidType, n.P, "`!` needs a Boolean, got %s", value.TypeName(x))
		}
		return !b, nil
	case "-":
		switch v := x.(type) {
		case value.Int:
			if v == math.MinInt64 {
				return nil, diag.Errorf(diag.InvalidArgument, n.P, "Int overflow")
			}
			return -v, nil
		case value.Double:
			return -v, nil
		}
		return nil, diag.Errorf(diag.InvalidType, n.P, "`-` needs a Number, got %s", value.TypeName(x))
	}
	return nil, diag.Errorf(diag.InternalError, n.P, "unknown operator %s", n.Op)
}

func (in *Interp) binary(n *syntax.Binary, e *env) (value.Value, error) {
	x, err := in.eval(n.X, e)
	if err != nil {
		return nil, err
	}
	switch n.Op {
	case "&&", "||":
		xb, ok := x.(value.Bool)
		if !ok {
			return nil, diag.Errorf(diag.InvalidType, n.X.Position(), "`%s` needs Booleans, got %s", n.Op, value.TypeName(x))
		}
		if n.Op == "&&" && !bool(xb) || n.Op == "||" && bool(xb) {
			return xb, nil
		}
		y, err := in.eval(n.Y, e)
		if err != nil {
			return nil, err
		}
		if _, ok := y.(value.Bool); !ok {
			return nil, diag.Errorf(diag.InvalidType, n.Y.Position(), "`%s` needs Booleans, got %s", n.Op, value.TypeName(y))
		}
		return y, nil
	case "??":
		if !value.IsNull(x) {
			return x, nil
		}
		return in.eval(n.Y, e)
	case "isa":
		return in.isa(x, n.Y, e)
	}
	y, err := in.eval(n.Y, e)
	if err != nil {
		return nil, err
	}
	in.pos = n.P
	switch n.Op {
	case "==", "!=":
		eq, err := in.equal(x, y)
		if err != nil {
			return nil, err
		}
		return value.Bool(eq == (n.Op == "==")), nil
	case "<", "<=", ">", ">=":
		if !value.Comparable(x, y) {
			return value.Bool(false), nil
		}
		c, err := value.CompareWork(in, x, y)
		if err != nil {
			return nil, err
		}
		switch n.Op {
		case "<":
			return value.Bool(c < 0), nil
		case "<=":
			return value.Bool(c <= 0), nil
		case ">":
			return value.Bool(c > 0), nil
		}
		return value.Bool(c >= 0), nil
	case "+":
		if xs, ok := x.(value.String); ok {
			if ys, ok := y.(value.String); ok && len(xs)+len(ys) > value.MaxString {
				return nil, value.StringTooLong(n.P, len(xs)+len(ys))
			}
		}
		v, err := value.Add(in, x, y)
		if err == nil {
			err = in.alloc(n.P, v)
		}
		return v, err
	}
	return arith(n, x, y)
}

func arith(n *syntax.Binary, x, y value.Value) (value.Value, error) {
	xi, xInt := x.(value.Int)
	yi, yInt := y.(value.Int)
	if xInt && yInt {
		switch n.Op {
		case "-":
			d := xi - yi
			if (d < xi) != (yi > 0) {
				return nil, diag.Errorf(diag.InvalidArgument, n.P, "Int overflow: %d - %d does not fit in 64 bits", xi, yi)
			}
			return d, nil
		case "**":
			if yi >= 0 {
				return intPow(n, xi, yi)
			}
		case "&":
			return xi & yi, nil
		case "|":
			return xi | yi, nil
		case "^":
			return xi ^ yi, nil
		case "*":
			if xi != 0 && ((xi*yi)/xi != yi || (xi == -1 && yi == math.MinInt64) || (yi == -1 && xi == math.MinInt64)) {
				return nil, diag.Errorf(diag.InvalidArgument, n.P, "Int overflow: %d * %d does not fit in 64 bits", xi, yi)
			}
			return xi * yi, nil
		case "/", "%":
			if yi == 0 {
				return nil, diag.Errorf(diag.DivideByZero, n.P, "attempted integer division by zero")
			}
			if xi == math.MinInt64 && yi == -1 {
				return nil, diag.Errorf(diag.InvalidArgument, n.P, "Int overflow")
			}
			if n.Op == "/" {
				return xi / yi, nil
			}
			return xi % yi, nil
		}
	}
	switch n.Op {
	case "&", "|", "^":
		if xb, ok := x.(value.Bool); ok {
			if yb, ok := y.(value.Bool); ok {
				switch n.Op {
				case "&":
					return xb && yb, nil
				case "|":
					return xb || yb, nil
				}
				return value.Bool(xb != yb), nil
			}
		}
		return nil, diag.Errorf(diag.InvalidType, n.P, "`%s` needs two Ints or two Booleans, got %s and %s", n.Op, value.TypeName(x), value.TypeName(y))
	}
	a, ok1 := value.AsNumber(x)
	b, ok2 := value.AsNumber(y)
	if !ok1 || !ok2 {
		return nil, diag.Errorf(diag.InvalidType, n.P, "`%s` needs Numbers, got %s and %s", n.Op, value.TypeName(x), value.TypeName(y))
	}
	switch n.Op {
	case "-":
		return value.Double(a - b), nil
	case "*":
		return value.Double(a * b), nil
	case "/":
		if b == 0 {
			return nil, diag.Errorf(diag.DivideByZero, n.P, "attempted division by zero")
		}
		return value.Double(a / b), nil
	case "%":
		if b == 0 {
			return nil, diag.Errorf(diag.DivideByZero, n.P, "attempted division by zero")
		}
		return value.Double(math.Mod(a, b)), nil
	case "**":
		return value.Double(math.Pow(a, b)), nil
	}
	return nil, diag.Errorf(diag.InternalError, n.P, "unknown operator %s", n.Op)
}

// intPow is x ** y for Ints (y >= 0), by squaring, failing on overflow.
func intPow(n *syntax.Binary, x, y value.Int) (value.Value, error) {
	overflow := diag.Errorf(diag.InvalidArgument, n.P, "Int overflow: %d ** %d does not fit in 64 bits", x, y)
	switch x {
	case 0, 1:
		if y == 0 {
			return value.Int(1), nil
		}
		return x, nil
	case -1:
		if y%2 == 0 {
			return value.Int(1), nil
		}
		return value.Int(-1), nil
	}
	// |x| >= 2, so y < 64 or it overflows.
	if y >= 64 {
		return nil, overflow
	}
	// A product that overflows does not divide back; |x| >= 2 keeps the
	// division itself from overflowing. (Not math/big: it was the only
	// use of that package in the engine, 125 KB of its wasm.)
	r := int64(1)
	for i := value.Int(0); i < y; i++ {
		p := r * int64(x)
		if p/int64(x) != r {
			return nil, overflow
		}
		r = p
	}
	return value.Int(r), nil
}

// isa is `x isa T`: T is a type name (String, Number, Int, Double,
// Boolean, Null, Array, Object, Time, Date, Set, Function, Any), a
// collection (its documents), or a module such as Time.
func (in *Interp) isa(x value.Value, t syntax.Expr, e *env) (value.Value, error) {
	id, ok := t.(*syntax.Ident)
	if !ok {
		return nil, diag.Errorf(diag.InvalidQuery, t.Position(), "`isa` needs a type name on its right, such as String or a collection")
	}
	if v, ok := e.lookup(id.Name); ok {
		return nil, diag.Errorf(diag.InvalidQuery, id.P, "`isa` needs a type name on its right, not the variable `%s` (%s)", id.Name, value.TypeName(v))
	}
	if c, ok := in.globals[id.Name].(*value.Collection); ok {
		d, ok := x.(*value.Document)
		return value.Bool(ok && d.Coll.Name == c.Def.Name), nil
	}
	switch id.Name {
	case "Any":
		return value.Bool(true), nil
	case "Number":
		_, ok := value.AsNumber(x)
		return value.Bool(ok), nil
	case "Long":
		_, ok := x.(value.Int)
		return value.Bool(ok), nil
	case "Object", "Struct":
		_, ok := x.(*value.Object)
		return value.Bool(ok), nil
	case "Set":
		_, ok := x.(value.Set)
		return value.Bool(ok), nil
	case "Function":
		_, ok := x.(value.Callable)
		_, mod := x.(*value.Module)
		return value.Bool(ok && !mod), nil
	case "Int", "Double", "String", "Boolean", "Null", "Array", "Time", "Date":
		return value.Bool(value.TypeName(x) == id.Name), nil
	}
	return nil, &diag.Error{Code: diag.InvalidQuery, Message: fmt.Sprintf("unknown type `%s` after `isa`", diag.Clip(id.Name)), Pos: id.P, Len: len(id.Name)}
}

// hasType checks a value against a `let x: T` annotation: type names,
// `T?`, `A | B`, `Array<T>`, collections (their documents); names it does
// not know pass.
func (in *Interp) hasType(v value.Value, t string) bool {
	t = strings.TrimSpace(t)
	if parts := splitTop(t, '|'); len(parts) > 1 {
		for _, p := range parts {
			if in.hasType(v, p) {
				return true
			}
		}
		return false
	}
	if strings.HasSuffix(t, "?") {
		return value.IsNull(v) || in.hasType(v, t[:len(t)-1])
	}
	name, arg := t, ""
	if i := strings.IndexByte(t, '<'); i > 0 && strings.HasSuffix(t, ">") {
		name, arg = t[:i], t[i+1:len(t)-1]
	}
	switch name {
	case "Any":
		return true
	case "Number":
		_, ok := value.AsNumber(v)
		return ok
	case "Int", "Long":
		_, ok := v.(value.Int)
		return ok
	case "Double", "Float":
		_, ok := v.(value.Double)
		return ok
	case "String", "Boolean", "Null", "Time", "Date":
		return value.TypeName(v) == name
	case "Object", "Struct":
		_, ok := v.(*value.Object)
		return ok
	case "Set":
		_, ok := v.(value.Set)
		return ok
	case "Array":
		arr, ok := v.(value.Array)
		if !ok || arg == "" {
			return ok
		}
		for _, e := range arr {
			if !in.hasType(e, arg) {
				return false
			}
		}
		return true
	case "Ref":
		return in.hasType(v, arg) || value.IsNull(v)
	}
	if c, ok := in.globals[name].(*value.Collection); ok {
		switch d := v.(type) {
		case *value.Document:
			return d.Coll.Name == c.Def.Name
		case *value.NullDoc:
			return d.Coll == c.Def.Name
		}
		return false
	}
	return true
}

// splitTop splits s at sep outside <…>.
func splitTop(s string, sep byte) []string {
	var parts []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '<':
			depth++
		case '>':
			depth--
		case sep:
			if depth == 0 {
				parts = append(parts, s[start:i])
				start = i + 1
			}
		}
	}
	return append(parts, s[start:])
}

// equal is ==: value.Equal, and two Sets are equal when they hold equal
// elements in the same order (reading them).
func (in *Interp) equal(x, y value.Value) (bool, error) {
	xs, ok1 := x.(value.Set)
	ys, ok2 := y.(value.Set)
	if !ok1 || !ok2 {
		return value.EqualWork(in, x, y)
	}
	a, err := value.Collect(in, xs)
	if err != nil {
		return false, err
	}
	b, err := value.Collect(in, ys)
	if err != nil {
		return false, err
	}
	return value.EqualWork(in, value.Array(a), value.Array(b))
}
