package value

import (
	"regexp"
	"regexp/syntax"
)

// Regular expressions are charged by the work they do: Go's matcher steps
// through the compiled program for every byte of input (about 40 ns an
// instruction a byte), so a match costs a step for every 32
// instruction-bytes, charged before it runs, and every match found costs
// matchSteps more (each restarts the machine and is kept). `(a|b){0,1000}c`
// (4,003 instructions) over 64 KiB is refused before it runs for a minute.

// matchSteps is what each match found costs.
const matchSteps = 3

// programSize is the number of instructions src compiles to (0 when it
// does not compile: regexp.Compile has said why already).
func programSize(src string) int {
	re, err := syntax.Parse(src, syntax.Perl)
	if err != nil {
		return 0
	}
	p, err := syntax.Compile(re.Simplify())
	if err != nil {
		return 0
	}
	return len(p.Inst)
}

// chargeRegex charges one pass of re over s.
func chargeRegex(ctx Context, re *regexp.Regexp, s string) error {
	return ctx.Compute(len(s) * (programSize(re.String()) + 4) / 32)
}

// findAll is the matches of re in s (at most limit, all when limit < 0), as
// regexp's FindAll…Index: found in batches growing fourfold, each batch's
// matches charged, and refused past MaxArray when array is true (the
// result becomes an Array), so neither steps nor memory go before the
// limits say so.
func findAll(ctx Context, re *regexp.Regexp, s string, limit int, submatch, array bool) ([][]int, error) {
	charged := 0
	for n := 256; ; n *= 4 {
		if limit >= 0 && n > limit {
			n = limit
		}
		if array && n > MaxArray+1 {
			n = MaxArray + 1
		}
		if l, ok := ctx.(interface{ StepsLeft() int }); ok {
			// No batch finds more new matches than the steps left pay for
			// (a batch starts again from the start: charged are found again).
			n = min(n, charged+l.StepsLeft()/matchSteps+1)
		}
		var m [][]int
		if submatch {
			m = re.FindAllStringSubmatchIndex(s, n)
		} else {
			m = re.FindAllStringIndex(s, n)
		}
		if err := ctx.Compute((len(m) - charged) * matchSteps); err != nil {
			return nil, err
		}
		charged = len(m)
		if array && len(m) > MaxArray {
			return nil, ArrayTooLong(ctx.Pos(), len(m))
		}
		if len(m) < n || n == limit {
			return m, nil
		}
	}
}

// splitAt cuts s around the matches of re, as re.Split(s, -1).
func splitAt(re *regexp.Regexp, s string, matches [][]int) []string {
	if len(s) == 0 && re.String() != "" {
		return []string{""}
	}
	out := make([]string, 0, len(matches)+1)
	beg, end := 0, 0
	for _, m := range matches {
		end = m[0]
		if m[1] != 0 {
			out = append(out, s[beg:end])
		}
		beg = m[1]
	}
	if end != len(s) {
		out = append(out, s[beg:])
	}
	return out
}
