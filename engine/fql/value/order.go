package value

// What order() and distinct() do to a set: sort keys from asc() and desc(),
// a stable sort charged to the query, and distinct by canonical keys.

import (
	"encoding/binary"
	"hash/maphash"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Ordering is asc(f) or desc(f), an argument of order().
type Ordering struct {
	Fn   Value
	Desc bool
}

func (*Ordering) Type() string { return "Ordering" }

func orderValues(ctx Context, it Iterable, keys []Value) ([]Value, error) {
	orders, err := orderings(ctx, keys)
	if err != nil {
		return nil, err
	}
	return sortValues(ctx, it, orders)
}

// orderings reads order()'s arguments.
func orderings(ctx Context, keys []Value) ([]*Ordering, error) {
	var orders []*Ordering
	for _, k := range keys {
		switch k := k.(type) {
		case *Ordering:
			orders = append(orders, k)
		case Callable:
			orders = append(orders, &Ordering{Fn: k})
		default:
			return nil, argError(ctx, "order takes asc(…), desc(…) or a function, got %s", TypeName(k))
		}
	}
	return orders, nil
}

// keyed is a value with its sort keys.
type keyed struct {
	v    Value
	keys []Value
}

// keysOf computes v's sort keys: v itself when there are no orderings.
func keysOf(ctx Context, v Value, orders []*Ordering) (keyed, error) {
	k := keyed{v: v}
	if len(orders) == 0 {
		k.keys = []Value{v}
	}
	for _, o := range orders {
		kv, err := Call(ctx, o.Fn, v)
		if err != nil {
			return k, err
		}
		k.keys = append(k.keys, kv)
	}
	return k, nil
}

// compareKeyed orders a before b (< 0), after (> 0) or with it (0), each
// comparison charged to the query.
func compareKeyed(ctx Context, a, b *keyed, orders []*Ordering) (int, error) {
	for n := range a.keys {
		c, err := CompareWork(ctx, a.keys[n], b.keys[n])
		if err != nil || c == 0 {
			if err != nil {
				return 0, err
			}
			continue
		}
		if n < len(orders) && orders[n].Desc {
			return -c, nil
		}
		return c, nil
	}
	return 0, nil
}

func sortValues(ctx Context, it Iterable, orders []*Ordering) ([]Value, error) {
	vs, err := Collect(ctx, it)
	if err != nil {
		return nil, err
	}
	ks := make([]keyed, len(vs))
	for i, v := range vs {
		if ks[i], err = keysOf(ctx, v, orders); err != nil {
			return nil, err
		}
	}
	// Comparisons are charged as they are made; once the steps run out the
	// sort finishes without comparing, and the error is returned.
	var cerr error
	sort.SliceStable(ks, func(i, j int) bool {
		if cerr != nil {
			return false
		}
		c, err := compareKeyed(ctx, &ks[i], &ks[j], orders)
		cerr = err
		return c < 0
	})
	if cerr != nil {
		return nil, cerr
	}
	out := make([]Value, len(ks))
	for i := range ks {
		out[i] = ks[i].v
	}
	return out, nil
}

// distinct keeps the first of each group of equal values, in one pass: a
// value's canonical key (equalKey) is equal for values that are Equal, so
// 20,000 arrays are hashed, not compared pairwise. NaN's key is its own, so
// one NaN is kept, as order() sorts NaNs together. Building the keys is
// charged to the query's steps, a step for each part visited.
func distinct(ctx Context, it Iterable) ([]Value, error) {
	var out []Value
	seen := map[string]bool{}
	var others []Value // functions, sets…: compared one by one (rare)
	var b strings.Builder
	err := it.Iterate(ctx, func(v Value) (bool, error) {
		b.Reset()
		steps := 0
		ok := equalKey(&b, v, &steps)
		if err := ctx.Compute(steps - 1); err != nil {
			return false, err
		}
		if ok {
			k := b.String()
			if len(k) > 64 { // a digest keeps the set of keys small
				k = "#" + digest(k)
			}
			if seen[k] {
				return true, nil
			}
			seen[k] = true
		} else {
			for _, o := range others {
				if eq, err := EqualWork(ctx, o, v); err != nil || eq {
					return err == nil, err
				}
			}
			others = append(others, v)
		}
		out = append(out, v)
		return true, nil
	})
	return out, err
}

// digestSeeds are secret to the process, so no text can be made to collide
// with another on purpose; two 64-bit hashes make the chance collision of
// two long keys negligible (about n²/2¹²⁹ for n keys). (Not crypto/sha256:
// it brought about 100 KB of cryptography into the wasm.)
var digestSeeds = [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}

// digest is a 16-byte digest of s, for the keys of distinct.
func digest(s string) string {
	var b [16]byte
	binary.LittleEndian.PutUint64(b[:8], maphash.String(digestSeeds[0], s))
	binary.LittleEndian.PutUint64(b[8:], maphash.String(digestSeeds[1], s))
	return string(b[:])
}

// equalKey writes a key equal for values that are Equal (1 and 1.0, objects
// whatever their key order, a missing document and null); false for values
// with no key (functions, sets), compared by Equal instead. It counts the
// parts it visits in steps and, past MaxCompareSteps, panics as Equal does.
func equalKey(b *strings.Builder, v Value, steps *int) bool {
	step(steps)
	switch v := v.(type) {
	case Null, nil, *NullDoc:
		b.WriteString("z")
	case Bool:
		b.WriteString(strconv.FormatBool(bool(v)))
	case Int:
		b.WriteString("n" + strconv.FormatInt(int64(v), 10))
	case Double:
		f := float64(v)
		if f == math.Trunc(f) && math.Abs(f) < 1<<53 {
			b.WriteString("n" + strconv.FormatInt(int64(f), 10))
		} else {
			b.WriteString("n" + strconv.FormatFloat(f, 'g', -1, 64))
		}
	case String:
		b.WriteString("s" + strconv.Itoa(len(v)) + ":")
		if len(v) > 64 {
			// A digest, so [s, s, s…] of a long s makes a short key; the
			// bytes hashed count as steps.
			*steps += len(v) / 16
			b.WriteString(digest(string(v)))
		} else {
			b.WriteString(string(v))
		}
	case Time:
		b.WriteString("t" + v.T.UTC().Format(time.RFC3339Nano))
	case Date:
		b.WriteString("D" + formatDate(v.T))
	case *Document:
		b.WriteString("r" + strconv.Itoa(len(v.Coll.Name)) + ":" + v.Coll.Name + v.ID)
	case *Collection:
		b.WriteString("c" + v.Def.Name)
	case Array:
		b.WriteString("[")
		for _, e := range v {
			if !equalKey(b, e, steps) {
				return false
			}
			b.WriteString(",")
		}
		b.WriteString("]")
	case *Object:
		b.WriteString("{")
		for _, k := range slices.Sorted(slices.Values(v.Keys)) {
			b.WriteString(strconv.Itoa(len(k)) + ":" + k)
			if !equalKey(b, v.Get(k), steps) {
				return false
			}
		}
		b.WriteString("}")
	default:
		return false
	}
	return true
}

func reversed(vs []Value) []Value {
	out := make([]Value, len(vs))
	for i, v := range vs {
		out[len(vs)-1-i] = v
	}
	return out
}
