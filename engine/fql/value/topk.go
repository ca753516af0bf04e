package value

import (
	"container/heap"
	"sort"

	"github.com/faunaplay/playground/engine/store"
)

// OrderedSet is Src in the order of Orders. It sorts when first read and
// keeps the result, so every later read (a page, a cursor) sees that one
// order; take(k) right after order() selects the first k without sorting
// the rest.
type OrderedSet struct {
	Src    Iterable
	Orders []*Ordering
	sorted []Value
	done   bool
}

func (*OrderedSet) Type() string                                   { return "Set" }
func (*OrderedSet) isSet()                                         {}
func (s *OrderedSet) Attr(ctx Context, name string) (Value, error) { return setAttr(s, name), nil }

func (s *OrderedSet) Iterate(ctx Context, fn func(Value) (bool, error)) error {
	if !s.done {
		vs, err := sortValues(ctx, s.Src, s.Orders)
		if err != nil {
			return err
		}
		s.sorted, s.done = vs, true
	}
	return Array(s.sorted).Iterate(ctx, fn)
}

// maxTop is the largest k a top-k selection is used for; past it the set
// is sorted whole.
const maxTop = 1 << 16

// first is the first k elements of s in order, read with a heap of k
// elements: what sorting everything and keeping k gives (ties keep the
// source's order, as the stable sort does). ok is false when the sort is
// the better way (k large, or the set sorted already).
func (s *OrderedSet) first(ctx Context, k int64) (out []Value, ok bool, err error) {
	if !FastPaths || s.done || k > maxTop {
		return nil, false, nil
	}
	h := &topHeap{ctx: ctx, orders: s.Orders}
	n := 0
	add := func(e topEntry) (bool, error) {
		e.seq = n
		n++
		if int64(h.Len()) < k {
			heap.Push(h, e)
		} else if h.Len() > 0 && h.less(&e, &h.es[0]) {
			h.es[0] = e
			heap.Fix(h, 0)
		}
		return h.err == nil, h.err
	}
	if docs, fields, ok := s.fieldKeys(ctx); ok {
		// Keys read from the stored documents; values made of the k kept.
		err = docs.iterateDocs(ctx, func(d *store.Doc) (bool, error) {
			kv, err := storedKeys(ctx, d, fields, s.Orders)
			if err != nil {
				return false, err
			}
			return add(topEntry{keyed: kv, doc: d})
		})
	} else {
		err = s.Src.Iterate(ctx, func(v Value) (bool, error) {
			kv, err := keysOf(ctx, v, s.Orders)
			if err != nil {
				return false, err
			}
			return add(topEntry{keyed: kv})
		})
	}
	if err == nil {
		err = h.err
	}
	if err != nil {
		return nil, true, err
	}
	sort.Slice(h.es, func(i, j int) bool { return h.less(&h.es[i], &h.es[j]) })
	if h.err != nil {
		return nil, true, h.err
	}
	out = make([]Value, len(h.es))
	for i, e := range h.es {
		out[i] = e.v
		if e.doc != nil {
			out[i] = NewDocument(ctx, e.doc)
		}
	}
	return out, true, nil
}

// fieldKeys is, when s orders a collection's documents by stored fields
// only (`.age`, desc(.age)), the collection and the fields.
func (s *OrderedSet) fieldKeys(ctx Context) (*DocSet, []string, bool) {
	docs, ok := s.Src.(*DocSet)
	if !ok || len(s.Orders) == 0 {
		return nil, nil, false
	}
	c := ctx.Tx().Collection(docs.Coll)
	if c == nil {
		return nil, nil, false
	}
	fields := make([]string, len(s.Orders))
	for i, o := range s.Orders {
		fo, ok := o.Fn.(interface{ FieldOf() (string, bool) })
		if !ok {
			return nil, nil, false
		}
		f, ok := fo.FieldOf()
		if !ok || !storedField(c, f) {
			return nil, nil, false
		}
		fields[i] = f
	}
	return docs, fields, true
}

// storedKeys are d's sort keys: each field's stored scalar, charged the step
// of the key function's call; a field holding more (an array, an object,
// a reference) is read by calling the key function on the document.
func storedKeys(ctx Context, d *store.Doc, fields []string, orders []*Ordering) (keyed, error) {
	k := keyed{keys: make([]Value, len(fields))}
	for i, f := range fields {
		v, ok := storedScalar(d, f)
		if !ok {
			return keysOf(ctx, NewDocument(ctx, d), orders)
		}
		if err := ctx.Compute(1); err != nil {
			return k, err
		}
		k.keys[i] = v
	}
	return k, nil
}

type topEntry struct {
	keyed
	doc *store.Doc // when the keys were read from the stored document: v is made at the end
	seq int        // position in the source: ties go by it
}

// topHeap holds the k first elements seen, the last of them on top.
type topHeap struct {
	ctx    Context
	orders []*Ordering
	es     []topEntry
	err    error // the first comparison that failed (out of steps)
}

// less says a comes before b in the order; after an error it says false.
func (h *topHeap) less(a, b *topEntry) bool {
	if h.err != nil {
		return false
	}
	c, err := compareKeyed(h.ctx, &a.keyed, &b.keyed, h.orders)
	if err != nil {
		h.err = err
		return false
	}
	if c == 0 {
		return a.seq < b.seq
	}
	return c < 0
}

func (h *topHeap) Len() int           { return len(h.es) }
func (h *topHeap) Less(i, j int) bool { return h.less(&h.es[j], &h.es[i]) } // the last on top
func (h *topHeap) Swap(i, j int)      { h.es[i], h.es[j] = h.es[j], h.es[i] }
func (h *topHeap) Push(x any)         { h.es = append(h.es, x.(topEntry)) }
func (h *topHeap) Pop() any {
	e := h.es[len(h.es)-1]
	h.es = h.es[:len(h.es)-1]
	return e
}
