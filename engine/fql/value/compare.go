package value

import (
	"cmp"
	"strings"

	"github.com/faunaplay/playground/engine/diag"
)

// typeRank orders values of different types, so any two values compare.
func typeRank(v Value) int {
	switch v.(type) {
	case Null, nil, *NullDoc:
		return 9
	case Int, Double:
		return 1
	case String:
		return 2
	case Bool:
		return 3
	case Date:
		return 4
	case Time:
		return 5
	case *Document:
		return 6
	case Array:
		return 7
	case *Object:
		return 8
	}
	return 10
}

// Equal is FQL's ==: numbers by value (1 == 1.0), documents by reference,
// arrays and objects by content.
//
// Values may share their parts ([a, a] nested forty deep), so a comparison
// counts the values it visits and, past MaxCompareSteps, panics with a
// limit_exceeded *diag.Error, which the evaluator returns as the query's
// error (eval.Interp.Run).
func Equal(a, b Value) bool {
	steps := 0
	return equal(a, b, &steps)
}

// MaxCompareSteps bounds the values one comparison visits.
const MaxCompareSteps = 1 << 21

// TooLargeToCompare is what Equal and Compare panic with.
var TooLargeToCompare = diag.Errorf(diag.LimitExceeded, diag.Pos{}, "comparing these values visited more than %s of their parts; compare smaller values", thousands(MaxCompareSteps))

func step(steps *int) {
	*steps++
	if *steps > MaxCompareSteps {
		panic(TooLargeToCompare)
	}
}

// EqualWork is Equal charged to the query: a step for every 16 parts it
// visits (a String's every 4 bytes count as a part), so comparing big
// values in a loop runs out of steps, not of time.
func EqualWork(ctx Context, a, b Value) (bool, error) {
	steps := 0
	eq := equal(a, b, &steps)
	return eq, chargeParts(ctx, steps)
}

// CompareWork is Compare charged to the query, as EqualWork.
func CompareWork(ctx Context, a, b Value) (int, error) {
	steps := 0
	c := compare(a, b, &steps)
	return c, chargeParts(ctx, steps)
}

// chargeParts charges n parts visited, a step for every 16: the query
// keeps the remainder (ComputeParts), so a million one-part comparisons
// cost 62,500 steps, not nothing; else each comparison costs a step.
func chargeParts(ctx Context, n int) error {
	if p, ok := ctx.(interface{ ComputeParts(int) error }); ok {
		return p.ComputeParts(n)
	}
	return ctx.Compute((n + 15) / 16)
}

func equal(a, b Value, steps *int) bool {
	step(steps)
	switch a := a.(type) {
	case Null, nil:
		return IsNull(b) // a missing document is null to ==, both ways
	case *NullDoc:
		switch b := b.(type) {
		case *NullDoc:
			return a.Coll == b.Coll && a.ID == b.ID
		case Null, nil:
			return true
		case *Document:
			return false
		}
		return false
	case Int, Double:
		x, _ := AsNumber(a)
		y, ok := AsNumber(b)
		return ok && x == y
	case String:
		b, ok := b.(String)
		if ok && len(a) == len(b) {
			*steps += len(a) / 4 // the bytes compared: a step (16 parts) for every 64
		}
		return ok && a == b
	case Bool:
		b, ok := b.(Bool)
		return ok && a == b
	case Time:
		b, ok := b.(Time)
		return ok && a.T.Equal(b.T)
	case Date:
		b, ok := b.(Date)
		return ok && a.T.Equal(b.T)
	case *Document:
		switch b := b.(type) {
		case *Document:
			return a.Coll.Name == b.Coll.Name && a.ID == b.ID
		case *NullDoc:
			return false
		}
		return false
	case Array:
		b, ok := b.(Array)
		if !ok || len(a) != len(b) {
			return false
		}
		for i := range a {
			if !equal(a[i], b[i], steps) {
				return false
			}
		}
		return true
	case *Object:
		b, ok := b.(*Object)
		if !ok || len(a.Keys) != len(b.Keys) {
			return false
		}
		for i, k := range a.Keys {
			v := a.vals[i]
			w, ok := b.Lookup(k)
			if !ok || !equal(v, w, steps) {
				return false
			}
		}
		return true
	case *Collection:
		b, ok := b.(*Collection)
		return ok && a.Def.Name == b.Def.Name
	}
	return a == b
}

func isDoc(v Value) bool {
	_, ok := v.(*NullDoc)
	return ok
}

// Compare orders two values: by type first, then within the type.
func Compare(a, b Value) int {
	steps := 0
	return compare(a, b, &steps)
}

func compare(a, b Value, steps *int) int {
	step(steps)
	ra, rb := typeRank(a), typeRank(b)
	if ra != rb {
		return sign(ra - rb)
	}
	switch a := a.(type) {
	case Int, Double:
		return compareNumbers(a, b)
	case String:
		*steps += min(len(a), len(b.(String))) / 4
		return strings.Compare(string(a), string(b.(String)))
	case Bool:
		x, y := bool(a), bool(b.(Bool))
		switch {
		case x == y:
			return 0
		case !x:
			return -1
		}
		return 1
	case Time:
		return a.T.Compare(b.(Time).T)
	case Date:
		return a.T.Compare(b.(Date).T)
	case *Document:
		bd := b.(*Document)
		if c := strings.Compare(a.Coll.Name, bd.Coll.Name); c != 0 {
			return c
		}
		return compareIDs(a.ID, bd.ID)
	case Array:
		bb := b.(Array)
		for i := 0; i < len(a) && i < len(bb); i++ {
			if c := compare(a[i], bb[i], steps); c != 0 {
				return c
			}
		}
		return sign(len(a) - len(bb))
	}
	return 0
}

// compareNumbers is a total order on numbers, so sorting is consistent:
// Ints exactly (a float64 would merge Ints past 2^53), -0 equal to 0, and
// NaN after +Infinity, equal to itself (the JVM's Double.compare, on which
// Fauna ran). < and > on NaN stay false: Comparable says so.
func compareNumbers(a, b Value) int {
	if x, ok := a.(Int); ok {
		if y, ok := b.(Int); ok {
			return cmp.Compare(x, y)
		}
	}
	x, _ := AsNumber(a)
	y, _ := AsNumber(b)
	switch xn, yn := x != x, y != y; {
	case xn && yn:
		return 0
	case xn:
		return 1
	case yn:
		return -1
	}
	return cmp.Compare(x, y)
}

func compareIDs(a, b string) int {
	if len(a) != len(b) {
		return sign(len(a) - len(b))
	}
	return strings.Compare(a, b)
}

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}

// Comparable reports whether < and > are defined between a and b (same
// kind of value): FQL refuses to order a String against a Number.
func Comparable(a, b Value) bool {
	if IsNull(a) || IsNull(b) {
		return false
	}
	return typeRank(a) == typeRank(b) && typeRank(a) <= 7 && !isNaN(a) && !isNaN(b)
}

// isNaN is true for a Double NaN, which no comparison holds for (IEEE 754).
func isNaN(v Value) bool {
	d, ok := v.(Double)
	return ok && d != d
}
