package value

import (
	"fmt"

	"github.com/faunaplay/playground/engine/diag"
	"github.com/faunaplay/playground/engine/store"
)

// Set is a lazy sequence: nothing is read until it is iterated, and
// iteration stops as soon as the consumer has enough.
type Set interface {
	Iterable
	isSet()
}

// DocSet is the documents of a collection: all of them (Index "") in id
// order, or those whose index terms equal Terms.
type DocSet struct {
	Coll  string
	Index string
	Terms []any
	Range store.Range // bounds on the index's values (an index with values)
}

// FilterSet keeps the elements of Src for which Pred is true.
type FilterSet struct {
	Src  Iterable
	Pred Value
}

// MapSet applies Fn to each element of Src.
type MapSet struct {
	Src Iterable
	Fn  Value
}

// SliceSet skips Drop elements of Src and then yields at most Take (-1: all).
type SliceSet struct {
	Src        Iterable
	Drop, Take int64
}

// ConcatSet is one set after another.
type ConcatSet struct{ A, B Iterable }

// FlatMapSet applies Fn to each element and yields the elements of each result.
type FlatMapSet struct {
	Src Iterable
	Fn  Value
}

// ArraySet is a set of values already in memory (order, distinct, toSet).
type ArraySet struct{ Elems []Value }

// SeqSet is Set.sequence(From, Until): From, From+1, … Until-1.
type SeqSet struct{ From, Until int64 }

// SizedSet is Src shown Size elements a page: set.pageSize(n).
type SizedSet struct {
	Src  Set
	Size int
}

func (*SizedSet) Type() string { return "Set" }
func (*SizedSet) isSet()       {}
func (s *SizedSet) Iterate(ctx Context, fn func(Value) (bool, error)) error {
	return s.Src.Iterate(ctx, fn)
}
func (s *SizedSet) Attr(ctx Context, name string) (Value, error) { return setAttr(s, name), nil }

// pageSizeOf is how many elements of s a rendering shows.
func pageSizeOf(s Set) int {
	if sz, ok := s.(*SizedSet); ok {
		return sz.Size
	}
	return PageSize
}

func (*DocSet) Type() string     { return "Set" }
func (*FilterSet) Type() string  { return "Set" }
func (*MapSet) Type() string     { return "Set" }
func (*SliceSet) Type() string   { return "Set" }
func (*ConcatSet) Type() string  { return "Set" }
func (*FlatMapSet) Type() string { return "Set" }
func (*ArraySet) Type() string   { return "Set" }
func (*SeqSet) Type() string     { return "Set" }

func (*DocSet) isSet()     {}
func (*FilterSet) isSet()  {}
func (*MapSet) isSet()     {}
func (*SliceSet) isSet()   {}
func (*ConcatSet) isSet()  {}
func (*FlatMapSet) isSet() {}
func (*ArraySet) isSet()   {}
func (*SeqSet) isSet()     {}

// DocSet reads in batches and calls fn between them, never inside the
// store's iteration: fn may write (Product.all().forEach(.delete())). A
// scan resumes after the last id read; batches grow from one document, so
// first() still reads one. An index lookup is read whole first (its sets
// are small).
func (s *DocSet) Iterate(ctx Context, fn func(Value) (bool, error)) error {
	return s.iterateDocs(ctx, func(d *store.Doc) (bool, error) { return fn(NewDocument(ctx, d)) })
}

// iterateDocs is Iterate with the stored documents, before they are made
// values (a step each).
func (s *DocSet) iterateDocs(ctx Context, fn func(*store.Doc) (bool, error)) error {
	var batch []*store.Doc
	collect := func(limit int) func(d *store.Doc) (bool, error) {
		return func(d *store.Doc) (bool, error) {
			batch = append(batch, d)
			return limit <= 0 || len(batch) < limit, nil
		}
	}
	visit := func() (bool, error) {
		for _, d := range batch {
			if err := ctx.Compute(1); err != nil {
				return false, err
			}
			if more, err := fn(d); err != nil || !more {
				return false, err
			}
		}
		return true, nil
	}
	if s.Index != "" {
		if ds, ok := lookupGroup(ctx, s.Coll, s.Index, s.Terms); ok {
			batch = ds // read-only: visit does not change it
			_, err := visit()
			return err
		}
		// The index's matches are taken whole first (fn may write) and each
		// decoded, and read, only when visited.
		tx := ctx.Tx()
		entries, err := tx.LookupEntries(s.Coll, s.Index, s.Terms, s.Range)
		if err != nil {
			return wrapStore(ctx, err)
		}
		for _, e := range entries {
			d, err := tx.Open(s.Coll, e)
			if err != nil {
				return wrapStore(ctx, err)
			}
			batch = append(batch[:0], d)
			if more, err := visit(); err != nil || !more {
				return err
			}
		}
		return nil
	}
	after, size := "", 1
	for {
		batch = batch[:0]
		if err := wrapStore(ctx, ctx.Tx().Scan(s.Coll, after, collect(size))); err != nil {
			return err
		}
		if more, err := visit(); err != nil || !more || len(batch) < size {
			return err
		}
		after = batch[len(batch)-1].ID
		size = min(size*2, 256)
	}
}

// wrapStore gives store errors (which know no source position) the
// position of the expression being evaluated.
func wrapStore(ctx Context, err error) error {
	if d, ok := err.(*diag.Error); ok && !d.Pos.IsValid() {
		c := *d
		c.Pos = ctx.Pos()
		return &c
	}
	return err
}

func (s *FilterSet) Iterate(ctx Context, fn func(Value) (bool, error)) error {
	if docs, _, test, ok := s.fieldTest(ctx); ok {
		return docs.iterateDocs(ctx, func(d *store.Doc) (bool, error) {
			pass, err := test(d, nil)
			if err != nil || !pass {
				return err == nil, err
			}
			return fn(NewDocument(ctx, d))
		})
	}
	return s.Src.Iterate(ctx, func(v Value) (bool, error) {
		ok, err := callBool(ctx, s.Pred, v)
		if err != nil || !ok {
			return err == nil, err
		}
		return fn(v)
	})
}

func (s *MapSet) Iterate(ctx Context, fn func(Value) (bool, error)) error {
	return s.Src.Iterate(ctx, func(v Value) (bool, error) {
		r, err := Call(ctx, s.Fn, v)
		if err != nil {
			return false, err
		}
		return fn(r)
	})
}

func (s *SliceSet) Iterate(ctx Context, fn func(Value) (bool, error)) error {
	var i, taken int64
	if s.Take == 0 {
		return nil
	}
	if o, ok := s.Src.(*OrderedSet); ok && s.Take > 0 && s.Take <= maxTop && s.Drop >= 0 && s.Drop <= maxTop {
		vs, ok, err := o.first(ctx, s.Drop+s.Take)
		if err != nil {
			return err
		}
		if ok {
			return Array(vs[min(int(s.Drop), len(vs)):]).Iterate(ctx, fn)
		}
	}
	return s.Src.Iterate(ctx, func(v Value) (bool, error) {
		i++
		if i <= s.Drop {
			return true, nil
		}
		taken++
		more, err := fn(v)
		return more && (s.Take < 0 || taken < s.Take), err
	})
}

func (s *ConcatSet) Iterate(ctx Context, fn func(Value) (bool, error)) error {
	stopped := false
	err := s.A.Iterate(ctx, func(v Value) (bool, error) {
		more, err := fn(v)
		stopped = !more
		return more, err
	})
	if err != nil || stopped {
		return err
	}
	return s.B.Iterate(ctx, fn)
}

func (s *FlatMapSet) Iterate(ctx Context, fn func(Value) (bool, error)) error {
	stopped := false
	return s.Src.Iterate(ctx, func(v Value) (bool, error) {
		r, err := Call(ctx, s.Fn, v)
		if err != nil {
			return false, err
		}
		it, ok := r.(Iterable)
		if !ok {
			return false, argError(ctx, "flatMap's function must return an Array or Set, got %s", TypeName(r))
		}
		err = it.Iterate(ctx, func(e Value) (bool, error) {
			more, err := fn(e)
			stopped = !more
			return more, err
		})
		return !stopped, err
	})
}

func (s *ArraySet) Iterate(ctx Context, fn func(Value) (bool, error)) error {
	return Array(s.Elems).Iterate(ctx, fn)
}

func (s *SeqSet) Iterate(ctx Context, fn func(Value) (bool, error)) error {
	for i := s.From; i < s.Until; i++ {
		if err := ctx.Compute(1); err != nil {
			return err
		}
		if more, err := fn(Int(i)); err != nil || !more {
			return err
		}
	}
	return nil
}

// Collect reads every element of it, failing past limit elements.
func Collect(ctx Context, it Iterable) ([]Value, error) {
	var out []Value
	err := it.Iterate(ctx, func(v Value) (bool, error) {
		out = append(out, v)
		return true, nil
	})
	return out, err
}

// PageSize is the default size of a rendered Set page, as Fauna's.
const PageSize = 16

// Page is one page of a set: what a Set renders as, and what paginate()
// returns.
type Page struct {
	Data  []Value
	After string // cursor, "" when there is no more
}

func (*Page) Type() string { return "Page" }

func (p *Page) Attr(ctx Context, name string) (Value, error) {
	switch name {
	case "data":
		return Array(p.Data), nil
	case "after":
		if p.After == "" {
			return Null{}, nil
		}
		return String(p.After), nil
	}
	return nil, nil
}

// Paginate reads one page of s starting at offset.
func Paginate(ctx Context, s Set, offset, size int) (*Page, error) {
	p := &Page{Data: []Value{}}
	n := 0
	more := false
	err := s.Iterate(ctx, func(v Value) (bool, error) {
		n++
		if n <= offset {
			return true, nil
		}
		if len(p.Data) == size {
			more = true
			return false, nil
		}
		p.Data = append(p.Data, v)
		return true, nil
	})
	if err != nil {
		return nil, err
	}
	if more {
		if c, ok := ctx.(interface{ Cursors() Cursors }); ok && c.Cursors() != nil {
			p.After = c.Cursors().Save(s, offset+size, size)
		} else {
			p.After = fmt.Sprint(offset + size)
		}
	}
	return p, nil
}

// setMethods are the methods of every Set; where, map, take, drop, concat
// and flatMap stay lazy, the rest read.
var setMethods = map[string]method{}

func init() {
	for name, m := range seqMethods {
		setMethods[name] = m
	}
	lazy := map[string]method{
		"where": {1, 1, func(ctx Context, r Value, a []Value) (Value, error) {
			return &FilterSet{Src: r.(Iterable), Pred: a[0]}, nil
		}},
		"filter": {1, 1, func(ctx Context, r Value, a []Value) (Value, error) {
			return &FilterSet{Src: r.(Iterable), Pred: a[0]}, nil
		}},
		"map": {1, 1, func(ctx Context, r Value, a []Value) (Value, error) { return &MapSet{Src: r.(Iterable), Fn: a[0]}, nil }},
		"flatMap": {1, 1, func(ctx Context, r Value, a []Value) (Value, error) {
			return &FlatMapSet{Src: r.(Iterable), Fn: a[0]}, nil
		}},
		"take": {1, 1, func(ctx Context, r Value, a []Value) (Value, error) {
			n, err := intArg(ctx, a[0])
			if n < 0 {
				n = 0
			}
			return &SliceSet{Src: r.(Iterable), Take: n}, err
		}},
		"drop": {1, 1, func(ctx Context, r Value, a []Value) (Value, error) {
			n, err := intArg(ctx, a[0])
			return &SliceSet{Src: r.(Iterable), Drop: n, Take: -1}, err
		}},
		"concat": {1, 1, func(ctx Context, r Value, a []Value) (Value, error) {
			o, ok := a[0].(Iterable)
			if !ok {
				return nil, typeError(ctx, "Set", a[0])
			}
			return &ConcatSet{A: r.(Iterable), B: o}, nil
		}},
		"toArray": {0, 0, func(ctx Context, r Value, a []Value) (Value, error) {
			vs, err := Collect(ctx, r.(Iterable))
			return Array(vs), err
		}},
		"toSet": {0, 0, func(ctx Context, r Value, a []Value) (Value, error) { return r, nil }},
		"pageSize": {1, 1, func(ctx Context, r Value, a []Value) (Value, error) {
			n, err := intArg(ctx, a[0])
			if err != nil {
				return nil, err
			}
			if n < 1 || n > 16000 {
				return nil, argError(ctx, "page size must be between 1 and 16000, got %d", n)
			}
			return &SizedSet{Src: r.(Set), Size: int(n)}, nil
		}},
		"paginate": {0, 1, func(ctx Context, r Value, a []Value) (Value, error) {
			size := int64(PageSize)
			if len(a) == 1 {
				var err error
				if size, err = intArg(ctx, a[0]); err != nil {
					return nil, err
				}
				if size < 1 || size > 16000 {
					return nil, argError(ctx, "page size must be between 1 and 16000, got %d", size)
				}
			}
			return Paginate(ctx, r.(Set), 0, int(size))
		}},
		"order": {0, -1, func(ctx Context, r Value, a []Value) (Value, error) {
			orders, err := orderings(ctx, a)
			if err != nil {
				return nil, err
			}
			if ds, ok := r.(*DocSet); ok && FastPaths {
				if planned := planOrder(ds, orders, ctx.Tx().Collection(ds.Coll)); planned != nil {
					return planned, nil
				}
			}
			return &OrderedSet{Src: r.(Iterable), Orders: orders}, nil
		}},
		"distinct": {0, 0, func(ctx Context, r Value, a []Value) (Value, error) {
			vs, err := distinct(ctx, r.(Iterable))
			return &ArraySet{Elems: vs}, err
		}},
		"reverse": {0, 0, func(ctx Context, r Value, a []Value) (Value, error) {
			vs, err := Collect(ctx, r.(Iterable))
			return &ArraySet{Elems: reversed(vs)}, err
		}},
	}
	for name, m := range lazy {
		setMethods[name] = m
	}
}

// eagerMethods read the whole set. On a set of documents that take() does
// not bound, Fauna gives a full_set_read performance hint, and so do we.
var eagerMethods = []string{"count", "order", "distinct", "includes", "fold", "foldRight", "aggregate",
	"reduce", "reduceRight", "reverse", "toArray", "last", "lastWhere", "forEach"}

// hintLimit is the take() bound under which a document set is small.
const hintLimit = 100

func init() {
	for _, name := range eagerMethods {
		m, name := setMethods[name], name
		inner := m.fn
		m.fn = func(ctx Context, r Value, a []Value) (Value, error) {
			if unboundedDocs(r) {
				ctx.Hint(fmt.Sprintf("performance_hint: full_set_read - %s() at %s reads every document of the set; "+
					"bound it with take(n) first (n ≤ %d) if you need fewer.", name, at(ctx, name), hintLimit))
			}
			return inner(ctx, r, a)
		}
		setMethods[name] = m
	}
}

// unboundedDocs says whether iterating v reads documents without a take()
// bound: a collection or index read, filtered or mapped.
func unboundedDocs(v Value) bool {
	switch s := v.(type) {
	case *DocSet:
		return true
	case *FilterSet:
		return unboundedDocs(s.Src)
	case *MapSet:
		return unboundedDocs(s.Src)
	case *FlatMapSet:
		return unboundedDocs(s.Src)
	case *SizedSet:
		return unboundedDocs(s.Src)
	case *ConcatSet:
		return unboundedDocs(s.A) || unboundedDocs(s.B)
	case *SliceSet:
		if s.Take >= 0 && s.Take <= hintLimit {
			return false
		}
		return unboundedDocs(s.Src)
	}
	return false
}

func setAttr(s Set, name string) Value { return lookup(setMethods, name, s) }

func (s *DocSet) Attr(ctx Context, name string) (Value, error)     { return setAttr(s, name), nil }
func (s *FilterSet) Attr(ctx Context, name string) (Value, error)  { return setAttr(s, name), nil }
func (s *MapSet) Attr(ctx Context, name string) (Value, error)     { return setAttr(s, name), nil }
func (s *SliceSet) Attr(ctx Context, name string) (Value, error)   { return setAttr(s, name), nil }
func (s *ConcatSet) Attr(ctx Context, name string) (Value, error)  { return setAttr(s, name), nil }
func (s *FlatMapSet) Attr(ctx Context, name string) (Value, error) { return setAttr(s, name), nil }
func (s *ArraySet) Attr(ctx Context, name string) (Value, error)   { return setAttr(s, name), nil }
func (s *SeqSet) Attr(ctx Context, name string) (Value, error)     { return setAttr(s, name), nil }
