package value

import (
	"container/heap"
	"sort"
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
	err = s.Src.Iterate(ctx, func(v Value) (bool, error) {
		kv, err := keysOf(ctx, v, s.Orders)
		if err != nil {
			return false, err
		}
		e := topEntry{keyed: kv, seq: n}
		n++
		if int64(h.Len()) < k {
			heap.Push(h, e)
		} else if h.Len() > 0 && h.less(&e, &h.es[0]) {
			h.es[0] = e
			heap.Fix(h, 0)
		}
		return h.err == nil, h.err
	})
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
	for i := range h.es {
		out[i] = h.es[i].v
	}
	return out, true, nil
}

type topEntry struct {
	keyed
	seq int // position in the source: ties go by it
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
