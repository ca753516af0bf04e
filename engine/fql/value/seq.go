package value

import "github.com/faunaplay/playground/engine/diag"

// seqMethods are the methods Arrays and Sets share that read their
// elements and return a single value.
var seqMethods = map[string]method{
	"first": {0, 0, func(ctx Context, r Value, _ []Value) (Value, error) {
		var out Value = Null{}
		err := r.(Iterable).Iterate(ctx, func(v Value) (bool, error) { out = v; return false, nil })
		return out, err
	}},
	"last": {0, 0, func(ctx Context, r Value, _ []Value) (Value, error) {
		var out Value = Null{}
		err := r.(Iterable).Iterate(ctx, func(v Value) (bool, error) { out = v; return true, nil })
		return out, err
	}},
	"firstWhere": {1, 1, func(ctx Context, r Value, a []Value) (Value, error) {
		var out Value = Null{}
		err := r.(Iterable).Iterate(ctx, func(v Value) (bool, error) {
			ok, err := callBool(ctx, a[0], v)
			if ok {
				out = v
			}
			return !ok, err
		})
		return out, err
	}},
	"lastWhere": {1, 1, func(ctx Context, r Value, a []Value) (Value, error) {
		var out Value = Null{}
		err := r.(Iterable).Iterate(ctx, func(v Value) (bool, error) {
			ok, err := callBool(ctx, a[0], v)
			if ok {
				out = v
			}
			return true, err
		})
		return out, err
	}},
	"count": {0, 0, func(ctx Context, r Value, _ []Value) (Value, error) {
		if n, ok, err := fastCount(ctx, r); ok {
			return Int(n), err
		}
		n := 0
		err := r.(Iterable).Iterate(ctx, func(Value) (bool, error) { n++; return true, nil })
		return Int(n), err
	}},
	"isEmpty": {0, 0, func(ctx Context, r Value, _ []Value) (Value, error) {
		empty := true
		err := r.(Iterable).Iterate(ctx, func(Value) (bool, error) { empty = false; return false, nil })
		return Bool(empty), err
	}},
	"nonEmpty": {0, 0, func(ctx Context, r Value, _ []Value) (Value, error) {
		empty := true
		err := r.(Iterable).Iterate(ctx, func(Value) (bool, error) { empty = false; return false, nil })
		return Bool(!empty), err
	}},
	"includes": {1, 1, func(ctx Context, r Value, a []Value) (Value, error) {
		found := false
		err := r.(Iterable).Iterate(ctx, func(v Value) (bool, error) {
			eq, err := EqualWork(ctx, v, a[0])
			found = eq
			return !found, err
		})
		return Bool(found), err
	}},
	"any": {1, 1, func(ctx Context, r Value, a []Value) (Value, error) {
		found := false
		err := r.(Iterable).Iterate(ctx, func(v Value) (bool, error) {
			ok, err := callBool(ctx, a[0], v)
			found = ok
			return !ok, err
		})
		return Bool(found), err
	}},
	"every": {1, 1, func(ctx Context, r Value, a []Value) (Value, error) {
		all := true
		err := r.(Iterable).Iterate(ctx, func(v Value) (bool, error) {
			ok, err := callBool(ctx, a[0], v)
			all = ok
			return ok, err
		})
		return Bool(all), err
	}},
	"forEach": {1, 1, func(ctx Context, r Value, a []Value) (Value, error) {
		err := r.(Iterable).Iterate(ctx, func(v Value) (bool, error) {
			_, err := Call(ctx, a[0], v)
			return true, err
		})
		return Null{}, err
	}},
	"reduce": {1, 1, func(ctx Context, r Value, a []Value) (Value, error) {
		var acc Value
		err := r.(Iterable).Iterate(ctx, func(v Value) (bool, error) {
			if acc == nil {
				acc = v
				return true, nil
			}
			var err error
			acc, err = Call(ctx, a[0], acc, v)
			return true, err
		})
		if acc == nil {
			acc = Null{}
		}
		return acc, err
	}},
	"fold": {2, 2, func(ctx Context, r Value, a []Value) (Value, error) {
		acc := a[0]
		err := r.(Iterable).Iterate(ctx, func(v Value) (bool, error) {
			var err error
			acc, err = Call(ctx, a[1], acc, v)
			return true, err
		})
		return acc, err
	}},
}

func init() {
	seqMethods["aggregate"] = seqMethods["fold"] // the same, under Fauna's other name
	seqMethods["foldRight"] = method{2, 2, func(ctx Context, r Value, a []Value) (Value, error) {
		vs, err := Collect(ctx, r.(Iterable))
		if err != nil {
			return nil, err
		}
		acc := a[0]
		for i := len(vs) - 1; i >= 0; i-- {
			if acc, err = Call(ctx, a[1], acc, vs[i]); err != nil {
				return nil, err
			}
		}
		return acc, nil
	}}
	seqMethods["reduceRight"] = method{1, 1, func(ctx Context, r Value, a []Value) (Value, error) {
		vs, err := Collect(ctx, r.(Iterable))
		if err != nil || len(vs) == 0 {
			return Null{}, err
		}
		acc := vs[len(vs)-1]
		for i := len(vs) - 2; i >= 0; i-- {
			if acc, err = Call(ctx, a[0], acc, vs[i]); err != nil {
				return nil, err
			}
		}
		return acc, nil
	}}
}

// indexFrom reads the optional start (or end) index argument of indexOf
// and its kin: def when absent, negative counts from the end.
func indexFrom(ctx Context, a []Value, n int, def int64) (int64, error) {
	if len(a) < 2 {
		return def, nil
	}
	i, err := intArg(ctx, a[1])
	if err != nil {
		return 0, err
	}
	if i < 0 {
		i += int64(n)
	}
	return i, nil
}

// search finds the first (step 1) or last (step -1) index from start whose
// element passes test; null when there is none.
func search(arr Array, start int64, step int64, test func(Value) (bool, error)) (Value, error) {
	for i := start; i >= 0 && i < int64(len(arr)); i += step {
		ok, err := test(arr[i])
		if err != nil {
			return nil, err
		}
		if ok {
			return Int(i), nil
		}
	}
	return Null{}, nil
}

func equalTo(ctx Context, v Value) func(Value) (bool, error) {
	return func(e Value) (bool, error) { return EqualWork(ctx, e, v) }
}

func passes(ctx Context, pred Value) func(Value) (bool, error) {
	return func(e Value) (bool, error) {
		if err := ctx.Compute(1); err != nil {
			return false, err
		}
		return callBool(ctx, pred, e)
	}
}

// arrayMethods are an Array's: the shared ones, eager versions of the
// lazy Set methods, and the Array-only ones.
var arrayMethods = map[string]method{}

func init() {
	for name, m := range seqMethods {
		arrayMethods[name] = m
	}
	eager := map[string]method{
		"where":    {1, 1, arrayVia("where")},
		"filter":   {1, 1, arrayVia("where")},
		"map":      {1, 1, arrayVia("map")},
		"flatMap":  {1, 1, arrayVia("flatMap")},
		"take":     {1, 1, arrayVia("take")},
		"drop":     {1, 1, arrayVia("drop")},
		"order":    {0, -1, arrayVia("order")},
		"distinct": {0, 0, arrayVia("distinct")},
		"reverse":  {0, 0, func(ctx Context, r Value, _ []Value) (Value, error) { return Array(reversed(r.(Array))), nil }},
		"toArray":  {0, 0, func(ctx Context, r Value, _ []Value) (Value, error) { return r, nil }},
		"toSet":    {0, 0, func(ctx Context, r Value, _ []Value) (Value, error) { return &ArraySet{Elems: r.(Array)}, nil }},
		"at":       {1, 1, func(ctx Context, r Value, a []Value) (Value, error) { return r.(Array).Index(ctx, a[0]) }},
		"append": {1, 1, func(ctx Context, r Value, a []Value) (Value, error) {
			arr := r.(Array)
			out := make(Array, 0, len(arr)+1)
			return append(append(out, arr...), a[0]), nil
		}},
		"prepend": {1, 1, func(ctx Context, r Value, a []Value) (Value, error) {
			return append(Array{a[0]}, r.(Array)...), nil
		}},
		"concat": {1, 1, func(ctx Context, r Value, a []Value) (Value, error) {
			o, ok := a[0].(Array)
			if !ok {
				return nil, typeError(ctx, "Array", a[0])
			}
			if n := len(r.(Array)) + len(o); n > MaxArray {
				return nil, ArrayTooLong(ctx.Pos(), n)
			}
			out := make(Array, 0, len(r.(Array))+len(o))
			return append(append(out, r.(Array)...), o...), nil
		}},
		"indexOf": {1, 2, func(ctx Context, r Value, a []Value) (Value, error) {
			arr := r.(Array)
			start, err := indexFrom(ctx, a, len(arr), 0)
			if err != nil {
				return nil, err
			}
			return search(arr, max(start, 0), 1, equalTo(ctx, a[0]))
		}},
		"lastIndexOf": {1, 2, func(ctx Context, r Value, a []Value) (Value, error) {
			arr := r.(Array)
			end, err := indexFrom(ctx, a, len(arr), int64(len(arr))-1)
			if err != nil {
				return nil, err
			}
			return search(arr, min(end, int64(len(arr))-1), -1, equalTo(ctx, a[0]))
		}},
		"indexWhere": {1, 2, func(ctx Context, r Value, a []Value) (Value, error) {
			arr := r.(Array)
			start, err := indexFrom(ctx, a, len(arr), 0)
			if err != nil {
				return nil, err
			}
			return search(arr, max(start, 0), 1, passes(ctx, a[0]))
		}},
		"lastIndexWhere": {1, 2, func(ctx Context, r Value, a []Value) (Value, error) {
			arr := r.(Array)
			end, err := indexFrom(ctx, a, len(arr), int64(len(arr))-1)
			if err != nil {
				return nil, err
			}
			return search(arr, min(end, int64(len(arr))-1), -1, passes(ctx, a[0]))
		}},
		"flatten": {0, 0, func(ctx Context, r Value, _ []Value) (Value, error) {
			out := Array{}
			for _, e := range r.(Array) {
				inner, ok := e.(Array)
				if !ok {
					return nil, argError(ctx, "flatten needs an Array of Arrays, found %s", Article(TypeName(e)))
				}
				out = append(out, inner...)
			}
			return out, nil
		}},
		"entries": {0, 0, func(ctx Context, r Value, _ []Value) (Value, error) {
			out := make(Array, len(r.(Array)))
			for i, e := range r.(Array) {
				out[i] = Array{Int(i), e}
			}
			return out, nil
		}},
		"toString": {0, 0, func(ctx Context, r Value, _ []Value) (Value, error) { return String(Show(r)), nil }},
		"slice": {1, 2, func(ctx Context, r Value, a []Value) (Value, error) {
			arr := r.(Array)
			from, err := intArg(ctx, a[0])
			if err != nil {
				return nil, err
			}
			until := int64(len(arr))
			if len(a) == 2 {
				if until, err = intArg(ctx, a[1]); err != nil {
					return nil, err
				}
			}
			from, until = clamp(from, int64(len(arr))), clamp(until, int64(len(arr)))
			if until < from {
				until = from
			}
			return append(Array{}, arr[from:until]...), nil
		}},
		"isEmpty":  {0, 0, func(ctx Context, r Value, _ []Value) (Value, error) { return Bool(len(r.(Array)) == 0), nil }},
		"nonEmpty": {0, 0, func(ctx Context, r Value, _ []Value) (Value, error) { return Bool(len(r.(Array)) > 0), nil }},
	}
	for name, m := range eager {
		arrayMethods[name] = m
	}
}

func clamp(i, n int64) int64 {
	if i < 0 {
		i += n
	}
	if i < 0 {
		return 0
	}
	if i > n {
		return n
	}
	return i
}

// arrayVia runs the Set method of that name on the array and reads the
// result back into an Array: one implementation for both.
func arrayVia(name string) func(ctx Context, r Value, a []Value) (Value, error) {
	return func(ctx Context, r Value, a []Value) (Value, error) {
		s, err := setMethods[name].fn(ctx, &ArraySet{Elems: r.(Array)}, a)
		if err != nil {
			return nil, err
		}
		vs, err := Collect(ctx, s.(Iterable))
		if vs == nil {
			vs = []Value{}
		}
		return Array(vs), err
	}
}

// Array is an immutable array.
type Array []Value

func (Array) Type() string { return "Array" }

func (a Array) Iterate(ctx Context, fn func(Value) (bool, error)) error {
	for _, v := range a {
		if err := ctx.Compute(1); err != nil {
			return err
		}
		if more, err := fn(v); err != nil || !more {
			return err
		}
	}
	return nil
}

func (a Array) Attr(ctx Context, name string) (Value, error) {
	if name == "length" {
		return Int(len(a)), nil // a property, as String's
	}
	return lookup(arrayMethods, name, a), nil
}

func (a Array) Index(ctx Context, key Value) (Value, error) {
	i, ok := key.(Int)
	if !ok {
		return nil, diag.Errorf(diag.InvalidArgument, ctx.Pos(), "an Array is indexed by an Int, got %s", TypeName(key))
	}
	n := Int(len(a))
	if i < 0 {
		i += n
	}
	if i < 0 || i >= n {
		return nil, diag.Errorf(diag.IndexOutOfBounds, ctx.Pos(), "index %d out of bounds for length %d", key.(Int), n)
	}
	return a[i], nil
}
