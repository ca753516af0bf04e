package value

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

func str(r Value) string { return string(r.(String)) }

func stringArg(ctx Context, v Value) (string, error) {
	s, ok := v.(String)
	if !ok {
		return "", typeError(ctx, "String", v)
	}
	return string(s), nil
}

func strFn(f func(s, arg string) Value) func(ctx Context, r Value, a []Value) (Value, error) {
	return func(ctx Context, r Value, a []Value) (Value, error) {
		arg, err := stringArg(ctx, a[0])
		if err != nil {
			return nil, err
		}
		return f(str(r), arg), nil
	}
}

// replace replaces the first n occurrences (all for n < 0).
func replace(n int) func(ctx Context, r Value, a []Value) (Value, error) {
	return func(ctx Context, r Value, a []Value) (Value, error) {
		old, err := stringArg(ctx, a[0])
		if err != nil {
			return nil, err
		}
		repl, err := stringArg(ctx, a[1])
		if err != nil {
			return nil, err
		}
		return String(strings.Replace(str(r), old, repl, n)), nil
	}
}

var stringMethods = map[string]method{
	"toUpperCase": {0, 0, func(ctx Context, r Value, _ []Value) (Value, error) { return String(strings.ToUpper(str(r))), nil }},
	"toLowerCase": {0, 0, func(ctx Context, r Value, _ []Value) (Value, error) { return String(strings.ToLower(str(r))), nil }},
	"trim":        {0, 0, func(ctx Context, r Value, _ []Value) (Value, error) { return String(strings.TrimSpace(str(r))), nil }},
	"trimStart": {0, 0, func(ctx Context, r Value, _ []Value) (Value, error) {
		return String(strings.TrimLeft(str(r), " \t\r\n")), nil
	}},
	"trimEnd": {0, 0, func(ctx Context, r Value, _ []Value) (Value, error) {
		return String(strings.TrimRight(str(r), " \t\r\n")), nil
	}},
	"includes":   {1, 1, strFn(func(s, a string) Value { return Bool(strings.Contains(s, a)) })},
	"startsWith": {1, 1, strFn(func(s, a string) Value { return Bool(strings.HasPrefix(s, a)) })},
	"endsWith":   {1, 1, strFn(func(s, a string) Value { return Bool(strings.HasSuffix(s, a)) })},
	"concat":     {1, 1, strFn(func(s, a string) Value { return String(s + a) })},
	"indexOf": {1, 1, strFn(func(s, a string) Value {
		i := strings.Index(s, a)
		if i < 0 {
			return Null{}
		}
		return Int(utf8.RuneCountInString(s[:i]))
	})},
	"split": {1, 1, strFn(func(s, a string) Value {
		out := Array{}
		for _, p := range strings.Split(s, a) {
			out = append(out, String(p))
		}
		return out
	})},
	"replaceAll": {2, 2, replace(-1)},
	"replace":    {2, 2, replace(1)},
	"slice": {1, 2, func(ctx Context, r Value, a []Value) (Value, error) {
		runes := []rune(str(r))
		from, err := intArg(ctx, a[0])
		if err != nil {
			return nil, err
		}
		until := int64(len(runes))
		if len(a) == 2 {
			if until, err = intArg(ctx, a[1]); err != nil {
				return nil, err
			}
		}
		from, until = clamp(from, int64(len(runes))), clamp(until, int64(len(runes)))
		if until < from {
			until = from
		}
		return String(runes[from:until]), nil
	}},
	"at": {1, 1, func(ctx Context, r Value, a []Value) (Value, error) {
		runes := []rune(str(r))
		i, err := intArg(ctx, a[0])
		if err != nil {
			return nil, err
		}
		if i < 0 {
			i += int64(len(runes))
		}
		if i < 0 || i >= int64(len(runes)) {
			return Null{}, nil
		}
		return String(runes[i]), nil
	}},
	"toString": {0, 0, func(ctx Context, r Value, _ []Value) (Value, error) { return r, nil }},
	"parseInt": {0, 0, func(ctx Context, r Value, _ []Value) (Value, error) {
		i, err := strconv.ParseInt(strings.TrimSpace(str(r)), 10, 64)
		if err != nil {
			return Null{}, nil
		}
		return Int(i), nil
	}},
	"parseDouble": {0, 0, func(ctx Context, r Value, _ []Value) (Value, error) {
		f, err := strconv.ParseFloat(strings.TrimSpace(str(r)), 64)
		if err != nil {
			return Null{}, nil
		}
		return Double(f), nil
	}},
}

func (s String) Attr(ctx Context, name string) (Value, error) {
	if name == "length" {
		return Int(utf8.RuneCountInString(string(s))), nil
	}
	return lookup(stringMethods, name, s), nil
}

// numberMethods are Int's and Double's.
var numberMethods = map[string]method{
	"toString": {0, 0, func(ctx Context, r Value, _ []Value) (Value, error) { return String(Show(r)), nil }},
}

func (i Int) Attr(ctx Context, name string) (Value, error) {
	return lookup(numberMethods, name, i), nil
}
func (d Double) Attr(ctx Context, name string) (Value, error) {
	return lookup(numberMethods, name, d), nil
}
func (b Bool) Attr(ctx Context, name string) (Value, error) {
	return lookup(numberMethods, name, b), nil
}
