package value

import (
	"encoding/json"
	"math"
	"time"

	"github.com/faunaplay/playground/engine/diag"
	"github.com/faunaplay/playground/engine/schema"
)

// Globals are the names every query can use: the schema's collections, and
// FQL's modules and functions.
func Globals(m *schema.Model) map[string]Value {
	g := map[string]Value{
		"Time":       timeModule,
		"Date":       dateModule,
		"Math":       mathModule,
		"Set":        setModule,
		"Array":      arrayModule,
		"Object":     objectModule,
		"Collection": collectionModule,
		"Function":   functionModule,
		"asc": NewBuiltin("asc", 1, 1, func(ctx Context, a []Value) (Value, error) {
			return &Ordering{Fn: a[0]}, nil
		}),
		"desc": NewBuiltin("desc", 1, 1, func(ctx Context, a []Value) (Value, error) {
			return &Ordering{Fn: a[0], Desc: true}, nil
		}),
		"newId": NewBuiltin("newId", 0, 0, func(ctx Context, a []Value) (Value, error) {
			return String(ctx.Tx().NewID("")), nil
		}),
		"abort": NewBuiltin("abort", 1, 1, func(ctx Context, a []Value) (Value, error) {
			// The value travels with the error, as Fauna's `abort` field.
			j, err := ToJSON(ctx, a[0])
			if err != nil {
				return nil, err
			}
			if j == nil {
				j = json.RawMessage("null") // abort(null) still carries its value
			}
			return nil, &diag.Error{Code: diag.Abort, Message: "Query aborted.", Pos: ctx.Pos(), Abort: j}
		}),
		"dbg": NewBuiltin("dbg", 1, 1, func(ctx Context, a []Value) (Value, error) {
			if l, ok := ctx.(interface{ Log(string) }); ok {
				l.Log(Show(a[0]))
			}
			return a[0], nil
		}),
		"log": flatCost(NewBuiltin("log", 0, -1, func(ctx Context, a []Value) (Value, error) {
			if l, ok := ctx.(interface{ Log(string) }); ok {
				parts := ""
				for i, v := range a {
					if i > 0 {
						parts += " "
					}
					if s, ok := v.(String); ok {
						parts += string(s)
					} else {
						shown := Show(v) // a String is kept as it is; this is work
						if err := ctx.Compute(len(shown) / 64); err != nil {
							return nil, err
						}
						parts += shown
					}
				}
				l.Log(parts)
			}
			return Null{}, nil
		})),
	}
	addOneDatabaseModules(g)
	if m != nil {
		for _, c := range m.Collections {
			g[c.Name] = &Collection{Def: c}
		}
		for _, fn := range m.Functions {
			g[fn.Name] = &Function{Def: fn}
		}
	}
	return g
}

var timeModule = &Module{
	Name: "Time",
	Fn: &method{1, 1, func(ctx Context, _ Value, a []Value) (Value, error) {
		s, err := stringArg(ctx, a[0])
		if err != nil {
			return nil, err
		}
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			return nil, diag.Errorf(diag.InvalidTime, ctx.Pos(), "invalid Time %q: expected ISO 8601 such as \"2024-01-02T03:04:05Z\"", s)
		}
		return Time{t.UTC()}, nil
	}},
	Methods: map[string]method{
		"now": {0, 0, func(ctx Context, _ Value, _ []Value) (Value, error) { return Time{ctx.Tx().TS()}, nil }},
		"epoch": {2, 2, func(ctx Context, _ Value, a []Value) (Value, error) {
			n, err := intArg(ctx, a[0])
			if err != nil {
				return nil, err
			}
			d, err := unitDuration(ctx, a[1])
			if err != nil {
				return nil, err
			}
			if n > math.MaxInt64/int64(d) || n < -math.MaxInt64/int64(d) {
				return nil, diag.Errorf(diag.InvalidTime, ctx.Pos(), "%d %s since the epoch is out of the range of Times", n, Show(a[1]))
			}
			return Time{time.Unix(0, 0).UTC().Add(time.Duration(n) * d)}, nil
		}},
		"fromString": {1, 1, func(ctx Context, m Value, a []Value) (Value, error) { return m.(*Module).Call(ctx, a) }},
	},
}

var dateModule = &Module{
	Name: "Date",
	Fn: &method{1, 1, func(ctx Context, _ Value, a []Value) (Value, error) {
		s, err := stringArg(ctx, a[0])
		if err != nil {
			return nil, err
		}
		t, err := time.Parse("2006-01-02", s)
		if err != nil {
			return nil, diag.Errorf(diag.InvalidDate, ctx.Pos(), "invalid Date %q: expected YYYY-MM-DD", s)
		}
		return Date{t}, nil
	}},
	Methods: map[string]method{
		"fromString": {1, 1, func(ctx Context, m Value, a []Value) (Value, error) { return m.(*Module).Call(ctx, a) }},
		"today": {0, 0, func(ctx Context, _ Value, _ []Value) (Value, error) {
			t := ctx.Tx().TS()
			return Date{time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)}, nil
		}},
	},
}

func mathFn(f func(float64) float64, keepInt bool) method {
	return method{1, 1, func(ctx Context, _ Value, a []Value) (Value, error) {
		x, ok := AsNumber(a[0])
		if !ok {
			return nil, typeError(ctx, "a Number", a[0])
		}
		if _, isInt := a[0].(Int); isInt && keepInt {
			return a[0], nil // already whole: no trip through a float
		}
		return Double(f(x)), nil
	}}
}

// mathRound is round or trunc with an optional precision: the digits kept
// after the point (negative: before it). An Int stays an Int.
func mathRound(f func(float64) float64) method {
	return method{1, 2, func(ctx Context, _ Value, a []Value) (Value, error) {
		x, ok := AsNumber(a[0])
		if !ok {
			return nil, typeError(ctx, "a Number", a[0])
		}
		var digits int64
		if len(a) == 2 {
			var err error
			if digits, err = intArg(ctx, a[1]); err != nil {
				return nil, err
			}
			if digits < -18 || digits > 18 {
				return nil, argError(ctx, "the precision must be between -18 and 18, got %d", digits)
			}
		}
		scale := math.Pow(10, float64(digits))
		r := f(x*scale) / scale
		if i, isInt := a[0].(Int); isInt {
			if digits >= 0 {
				return i, nil
			}
			return Int(int64(r)), nil
		}
		return Double(r), nil
	}}
}

func mathFloat(f func(float64) float64) method { return mathFn(f, false) }

// mathFloat2 is Math.name(x, y) of two Numbers, as a Double.
func mathFloat2(name string, f func(x, y float64) float64) method {
	return method{2, 2, func(ctx Context, _ Value, a []Value) (Value, error) {
		x, ok1 := AsNumber(a[0])
		y, ok2 := AsNumber(a[1])
		if !ok1 || !ok2 {
			return nil, argError(ctx, "Math.%s takes two Numbers", name)
		}
		return Double(f(x, y)), nil
	}}
}

func mathPick(better func(a, b float64) bool) method {
	return method{1, -1, func(ctx Context, _ Value, a []Value) (Value, error) {
		var best Value
		for _, v := range a {
			x, ok := AsNumber(v)
			if !ok {
				return nil, typeError(ctx, "a Number", v)
			}
			if best == nil {
				best = v
				continue
			}
			y, _ := AsNumber(best)
			if better(x, y) {
				best = v
			}
		}
		return best, nil
	}}
}

var mathModule = &Module{
	Name:   "Math",
	Consts: map[string]Value{"PI": Double(math.Pi), "E": Double(math.E), "Infinity": Double(math.Inf(1)), "NaN": Double(math.NaN())},
	Methods: map[string]method{
		"abs": {1, 1, func(ctx Context, _ Value, a []Value) (Value, error) {
			switch x := a[0].(type) {
			case Int:
				if x == math.MinInt64 {
					return nil, argError(ctx, "Int overflow: the absolute value of %d does not fit in 64 bits", x)
				}
				return Int(max(x, -x)), nil
			case Double:
				return Double(math.Abs(float64(x))), nil
			}
			return nil, typeError(ctx, "a Number", a[0])
		}},
		"sign": {1, 1, func(ctx Context, _ Value, a []Value) (Value, error) {
			switch x := a[0].(type) {
			case Int:
				return Int(sign(int(max(min(x, 1), -1)))), nil
			case Double:
				switch {
				case x > 0:
					return Double(1), nil
				case x < 0:
					return Double(-1), nil
				}
				return x, nil
			}
			return nil, typeError(ctx, "a Number", a[0])
		}},
		"ceil":    mathFn(math.Ceil, true),
		"floor":   mathFn(math.Floor, true),
		"round":   mathRound(math.Round),
		"trunc":   mathRound(math.Trunc),
		"sqrt":    mathFloat(math.Sqrt),
		"cbrt":    mathFloat(math.Cbrt),
		"log":     mathFloat(math.Log),
		"log10":   mathFloat(math.Log10),
		"exp":     mathFloat(math.Exp),
		"sin":     mathFloat(math.Sin),
		"cos":     mathFloat(math.Cos),
		"tan":     mathFloat(math.Tan),
		"asin":    mathFloat(math.Asin),
		"acos":    mathFloat(math.Acos),
		"atan":    mathFloat(math.Atan),
		"sinh":    mathFloat(math.Sinh),
		"cosh":    mathFloat(math.Cosh),
		"tanh":    mathFloat(math.Tanh),
		"degrees": mathFloat(func(r float64) float64 { return r * 180 / math.Pi }),
		"radians": mathFloat(func(d float64) float64 { return d * math.Pi / 180 }),
		"hypot":   mathFloat2("hypot", math.Hypot),
		"max":     mathPick(func(a, b float64) bool { return a > b }),
		"min":     mathPick(func(a, b float64) bool { return a < b }),
		"pow":     mathFloat2("pow", math.Pow),
		"mean": {1, 1, func(ctx Context, _ Value, a []Value) (Value, error) {
			it, ok := a[0].(Iterable)
			if !ok {
				return nil, typeError(ctx, "an Array", a[0])
			}
			vs, err := Collect(ctx, it)
			if err != nil || len(vs) == 0 {
				return Null{}, err
			}
			sum := 0.0
			for _, v := range vs {
				x, ok := AsNumber(v)
				if !ok {
					return nil, typeError(ctx, "a Number", v)
				}
				sum += x
			}
			return Double(sum / float64(len(vs))), nil
		}},
		"sum": {1, 1, func(ctx Context, _ Value, a []Value) (Value, error) {
			it, ok := a[0].(Iterable)
			if !ok {
				return nil, typeError(ctx, "an Array", a[0])
			}
			var total Value = Int(0)
			err := it.Iterate(ctx, func(v Value) (bool, error) {
				var err error
				total, err = Add(ctx, total, v)
				return err == nil, err
			})
			return total, err
		}},
	},
}

var arrayModule = &Module{
	Name: "Array",
	Methods: map[string]method{
		"sequence": {2, 2, func(ctx Context, _ Value, a []Value) (Value, error) {
			s, err := setModule.Methods["sequence"].fn(ctx, nil, a)
			if err != nil {
				return nil, err
			}
			vs, err := Collect(ctx, s.(Iterable))
			if vs == nil {
				vs = Array{}
			}
			return Array(vs), err
		}},
	},
}

var setModule = &Module{
	Name: "Set",
	Methods: map[string]method{
		"sequence": {2, 2, func(ctx Context, _ Value, a []Value) (Value, error) {
			from, err := intArg(ctx, a[0])
			if err != nil {
				return nil, err
			}
			until, err := intArg(ctx, a[1])
			if err != nil {
				return nil, err
			}
			return &SeqSet{From: from, Until: until}, nil
		}},
		"single": {1, 1, func(ctx Context, _ Value, a []Value) (Value, error) { return &ArraySet{Elems: []Value{a[0]}}, nil }},
		"paginate": {1, 2, func(ctx Context, _ Value, a []Value) (Value, error) {
			cur, err := stringArg(ctx, a[0])
			if err != nil {
				return nil, err
			}
			c, ok := ctx.(interface{ Cursors() Cursors })
			if !ok || c.Cursors() == nil {
				return nil, diag.Errorf(diag.InvalidCursor, ctx.Pos(), "cursors are not available here")
			}
			s, offset, size, found := c.Cursors().Load(cur)
			if !found {
				return nil, diag.Errorf(diag.InvalidCursor, ctx.Pos(), "invalid cursor %q: use the `after` of a page this session returned", cur)
			}
			if len(a) == 2 {
				n, err := intArg(ctx, a[1])
				if err != nil {
					return nil, err
				}
				if n < 1 || n > 16000 {
					return nil, argError(ctx, "page size must be between 1 and 16000, got %d", n)
				}
				size = int(n)
			}
			return Paginate(ctx, s, offset, size)
		}},
	},
}

// Add is FQL's +: numbers (Int overflow is an error), and strings.
func Add(ctx Context, a, b Value) (Value, error) {
	switch x := a.(type) {
	case Int:
		switch y := b.(type) {
		case Int:
			s := x + y
			if (s > x) != (y > 0) {
				return nil, diag.Errorf(diag.InvalidArgument, ctx.Pos(), "Int overflow: %d + %d does not fit in 64 bits", x, y)
			}
			return s, nil
		case Double:
			return Double(float64(x) + float64(y)), nil
		}
	case Double:
		if y, ok := AsNumber(b); ok {
			return Double(float64(x) + y), nil
		}
	case String:
		// A String on the left joins the right side's text, whatever it is.
		y := String(ConcatText(b))
		if n := len(x) + len(y); n > MaxString {
			return nil, StringTooLong(ctx.Pos(), n)
		}
		return x + y, nil
	}
	return nil, diag.Errorf(diag.InvalidType, ctx.Pos(), "cannot add %s and %s", TypeName(a), TypeName(b))
}
