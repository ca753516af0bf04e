package value

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/faunaplay/playground/engine/diag"
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

// replace replaces the first n occurrences (all for n < 0); with n 1, an
// optional third argument says how many.
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
		count, err := amountArg(ctx, a, n)
		if err != nil {
			return nil, err
		}
		s := str(r)
		// The result's length, known before it is built: "".replaceAll
		// inserts repl between every two characters.
		matches := strings.Count(s, old)
		if count >= 0 && count < matches {
			matches = count
		}
		if n := len(s) + matches*(len(repl)-len(old)); len(repl) > len(old) && (n > MaxString || matches > MaxString) {
			return nil, StringTooLong(ctx.Pos(), n)
		}
		return String(strings.Replace(s, old, repl, count)), nil
	}
}

// amountArg is the optional third argument of replace and replaceRegex.
func amountArg(ctx Context, a []Value, def int) (int, error) {
	if len(a) < 3 {
		return def, nil
	}
	n, err := intArg(ctx, a[2])
	if err != nil {
		return 0, err
	}
	if n < 0 {
		return 0, argError(ctx, "the amount to replace must not be negative, got %d", n)
	}
	return int(n), nil
}

// MaxRegex bounds a regular expression's text: compiling a long one takes
// memory (matching is charged by its compiled size: regex.go).
const MaxRegex = 4096

// regexArg compiles a regular expression argument; a bad one is
// invalid_regex.
func regexArg(ctx Context, v Value) (*regexp.Regexp, error) {
	src, err := stringArg(ctx, v)
	if err != nil {
		return nil, err
	}
	if len(src) > MaxRegex {
		return nil, diag.Errorf(diag.LimitExceeded, ctx.Pos(), "the regular expression is %d bytes long; the limit is %d", len(src), MaxRegex)
	}
	re, err := regexp.Compile(src)
	if err != nil {
		return nil, diag.Errorf(diag.InvalidRegex, ctx.Pos(), "invalid regular expression %q: %s", src, strings.TrimPrefix(err.Error(), "error parsing regexp: "))
	}
	return re, nil
}

// runeIndex turns a byte offset of s into a character index.
func runeIndex(s string, byteOff int) Int { return Int(utf8.RuneCountInString(s[:byteOff])) }

// byteOffset turns a character index into a byte offset of s (clamped).
func byteOffset(s string, i int64) int {
	if i <= 0 {
		return 0
	}
	n := int64(0)
	for off := range s {
		if n == i {
			return off
		}
		n++
	}
	return len(s)
}

// strStart reads an optional character index argument (negative counts from
// the end), clamped to the string.
func strStart(ctx Context, s string, a []Value, at int, def int64) (int64, error) {
	if len(a) <= at {
		return def, nil
	}
	i, err := intArg(ctx, a[at])
	if err != nil {
		return 0, err
	}
	return clamp(i, int64(utf8.RuneCountInString(s))), nil
}

func regexFn(f func(ctx Context, s string, re *regexp.Regexp, a []Value) (Value, error)) func(ctx Context, r Value, a []Value) (Value, error) {
	return func(ctx Context, r Value, a []Value) (Value, error) {
		re, err := regexArg(ctx, a[0])
		if err != nil {
			return nil, err
		}
		if err := chargeRegex(ctx, re, str(r)); err != nil {
			return nil, err
		}
		return f(ctx, str(r), re, a)
	}
}

// replaceRegex replaces the first n matches (all for n < 0); $1 names a group.
func replaceRegex(n int) func(ctx Context, r Value, a []Value) (Value, error) {
	return regexFn(func(ctx Context, s string, re *regexp.Regexp, a []Value) (Value, error) {
		repl, err := stringArg(ctx, a[1])
		if err != nil {
			return nil, err
		}
		count, err := amountArg(ctx, a, n)
		if err != nil {
			return nil, err
		}
		matches, err := findAll(ctx, re, s, count, true, false)
		if err != nil {
			return nil, err
		}
		var b strings.Builder
		last := 0
		for _, m := range matches {
			b.WriteString(s[last:m[0]])
			b.Write(re.ExpandString(nil, repl, s, m))
			last = m[1]
			if b.Len() > MaxString {
				return nil, StringTooLong(ctx.Pos(), b.Len()+len(s)-last)
			}
		}
		b.WriteString(s[last:])
		return String(b.String()), nil
	})
}

func parseInteger(ctx Context, r Value, a []Value) (Value, error) {
	base := int64(10)
	if len(a) == 1 {
		var err error
		if base, err = intArg(ctx, a[0]); err != nil {
			return nil, err
		}
		if base < 2 || base > 36 {
			return nil, argError(ctx, "the radix must be between 2 and 36, got %d", base)
		}
	}
	i, err := strconv.ParseInt(strings.TrimSpace(str(r)), int(base), 64)
	if err != nil {
		return Null{}, nil
	}
	return Int(i), nil
}

// foldSpecial are the case foldings to more than one letter that Go's
// one-rune case mappings miss.
var foldSpecial = strings.NewReplacer("ß", "ss", "ẞ", "ss", "ﬁ", "fi", "ﬂ", "fl")

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
	"concat": {1, 1, func(ctx Context, r Value, a []Value) (Value, error) {
		other, err := stringArg(ctx, a[0])
		if err != nil {
			return nil, err
		}
		if n := len(str(r)) + len(other); n > MaxString {
			return nil, StringTooLong(ctx.Pos(), n)
		}
		return String(str(r) + other), nil
	}},
	"indexOf": {1, 2, func(ctx Context, r Value, a []Value) (Value, error) {
		s := str(r)
		sub, err := stringArg(ctx, a[0])
		if err != nil {
			return nil, err
		}
		start, err := strStart(ctx, s, a, 1, 0)
		if err != nil {
			return nil, err
		}
		from := byteOffset(s, start)
		i := strings.Index(s[from:], sub)
		if i < 0 {
			return Null{}, nil
		}
		return runeIndex(s, from+i), nil
	}},
	"lastIndexOf": {1, 2, func(ctx Context, r Value, a []Value) (Value, error) {
		s := str(r)
		sub, err := stringArg(ctx, a[0])
		if err != nil {
			return nil, err
		}
		end, err := strStart(ctx, s, a, 1, int64(utf8.RuneCountInString(s)))
		if err != nil {
			return nil, err
		}
		// A match may start at end at the latest.
		until := min(byteOffset(s, end)+len(sub), len(s))
		i := strings.LastIndex(s[:until], sub)
		if i < 0 {
			return Null{}, nil
		}
		return runeIndex(s, i), nil
	}},
	"casefold": {0, 0, func(ctx Context, r Value, _ []Value) (Value, error) {
		return String(foldSpecial.Replace(strings.ToLower(strings.ToUpper(str(r))))), nil
	}},
	"insert": {2, 2, func(ctx Context, r Value, a []Value) (Value, error) {
		s := str(r)
		i, err := intArg(ctx, a[0])
		if err != nil {
			return nil, err
		}
		other, err := stringArg(ctx, a[1])
		if err != nil {
			return nil, err
		}
		n := int64(utf8.RuneCountInString(s))
		if i < 0 || i > n {
			return nil, diag.Errorf(diag.IndexOutOfBounds, ctx.Pos(), "index %d out of bounds for length %d", i, n)
		}
		off := byteOffset(s, i)
		return String(s[:off] + other + s[off:]), nil
	}},
	"splitAt": {1, 1, func(ctx Context, r Value, a []Value) (Value, error) {
		s := str(r)
		i, err := intArg(ctx, a[0])
		if err != nil {
			return nil, err
		}
		off := byteOffset(s, clamp(i, int64(utf8.RuneCountInString(s))))
		return Array{String(s[:off]), String(s[off:])}, nil
	}},
	"includesRegex": {1, 1, regexFn(func(ctx Context, s string, re *regexp.Regexp, _ []Value) (Value, error) {
		return Bool(re.MatchString(s)), nil
	})},
	"indexOfRegex": {1, 2, regexFn(func(ctx Context, s string, re *regexp.Regexp, a []Value) (Value, error) {
		start, err := strStart(ctx, s, a, 1, 0)
		if err != nil {
			return nil, err
		}
		from := byteOffset(s, start)
		m := re.FindStringIndex(s[from:])
		if m == nil {
			return Null{}, nil
		}
		return runeIndex(s, from+m[0]), nil
	})},
	"matches": {1, 1, regexFn(func(ctx Context, s string, re *regexp.Regexp, _ []Value) (Value, error) {
		matches, err := findAll(ctx, re, s, -1, false, true)
		if err != nil {
			return nil, err
		}
		out := make(Array, len(matches))
		for i, m := range matches {
			out[i] = String(s[m[0]:m[1]])
		}
		return out, nil
	})},
	"matchIndexes": {1, 1, regexFn(func(ctx Context, s string, re *regexp.Regexp, _ []Value) (Value, error) {
		matches, err := findAll(ctx, re, s, -1, false, true)
		if err != nil {
			return nil, err
		}
		// Character indexes counted on from the last match, not from the
		// start each time (that was quadratic: 26 s over 128 KiB).
		out := make(Array, len(matches))
		at, runes := 0, 0
		for i, m := range matches {
			runes += utf8.RuneCountInString(s[at:m[0]])
			at = m[0]
			out[i] = Array{Int(runes), String(s[m[0]:m[1]])}
		}
		return out, nil
	})},
	"splitRegex": {1, 1, regexFn(func(ctx Context, s string, re *regexp.Regexp, _ []Value) (Value, error) {
		matches, err := findAll(ctx, re, s, -1, false, true)
		if err != nil {
			return nil, err
		}
		parts := splitAt(re, s, matches)
		out := make(Array, len(parts))
		for i, p := range parts {
			out[i] = String(p)
		}
		return out, nil
	})},
	"replaceRegex":    {2, 3, replaceRegex(1)},
	"replaceAllRegex": {2, 2, replaceRegex(-1)},
	"split": {1, 1, func(ctx Context, r Value, a []Value) (Value, error) {
		s := str(r)
		sep, err := stringArg(ctx, a[0])
		if err != nil {
			return nil, err
		}
		n := strings.Count(s, sep) + 1
		if sep == "" {
			n = utf8.RuneCountInString(s) // one element a character
		}
		if n > MaxArray {
			return nil, ArrayTooLong(ctx.Pos(), n)
		}
		out := Array{}
		for _, p := range strings.Split(s, sep) {
			out = append(out, String(p))
		}
		return out, nil
	}},
	"replaceAll": {2, 2, replace(-1)},
	"replace":    {2, 3, replace(1)},
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
	"toString":  {0, 0, func(ctx Context, r Value, _ []Value) (Value, error) { return r, nil }},
	"parseInt":  {0, 1, parseInteger},
	"parseLong": {0, 1, parseInteger},
	"parseNumber": {0, 0, func(ctx Context, r Value, _ []Value) (Value, error) {
		t := strings.TrimSpace(str(r))
		if i, err := strconv.ParseInt(t, 10, 64); err == nil {
			return Int(i), nil
		}
		if f, err := strconv.ParseFloat(t, 64); err == nil {
			return Double(f), nil
		}
		return Null{}, nil
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
		if ctx != nil { // counting is a pass over it
			if err := ctx.Compute(Work(s)); err != nil {
				return nil, err
			}
		}
		return Int(utf8.RuneCountInString(string(s))), nil
	}
	return lookup(stringMethods, name, s), nil
}

// Index is s[i]: the character at i (counted in characters, negative from
// the end), as Fauna's "Learn FQL" page reads "Hello world"[0].
func (s String) Index(ctx Context, key Value) (Value, error) {
	i, ok := key.(Int)
	if !ok {
		return nil, diag.Errorf(diag.InvalidArgument, ctx.Pos(), "a String is indexed by an Int, got %s", TypeName(key))
	}
	runes := []rune(string(s))
	n := Int(len(runes))
	if i < 0 {
		i += n
	}
	if i < 0 || i >= n {
		return nil, diag.Errorf(diag.IndexOutOfBounds, ctx.Pos(), "index %d out of bounds for length %d", key.(Int), n)
	}
	return String(runes[i]), nil
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
