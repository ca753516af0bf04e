package value

import (
	"github.com/faunaplay/playground/engine/store"
)

// column is a stored field of every document of a collection, in id order,
// as values: kept with the collection's scan (store.Tx.ScanMemo) until a
// write to the collection commits. A count or a top-k over the field then
// reads one slice, not each document's map (a cache miss or three each).
type column struct {
	docs []*store.Doc
	vals []Value // nil where the field holds more than a scalar
}

// columnOf is field's column of the documents of docs (a whole
// collection); false for an index's documents, or when the transaction
// has written the collection.
func columnOf(ctx Context, docs *DocSet, field string) (*column, bool) {
	if docs.Index != "" {
		return nil, false
	}
	m, ok := ctx.Tx().ScanMemo(docs.Coll, "column "+field, func(ds []*store.Doc) any {
		c := &column{docs: ds, vals: make([]Value, len(ds))}
		for i, d := range ds {
			if v, ok := storedScalar(d, field); ok {
				c.vals[i] = v
			}
		}
		return c
	})
	if !ok {
		return nil, false
	}
	return m.(*column), true
}

// each visits the column's documents, each charged as iterateDocs charges
// it (a read and a step), until fn returns false.
func (c *column) each(ctx Context, fn func(i int) (bool, error)) error {
	tx := ctx.Tx()
	for i := range c.docs {
		tx.Reads++
		if err := ctx.Compute(1); err != nil {
			return err
		}
		if more, err := fn(i); err != nil || !more {
			return err
		}
	}
	return nil
}

// groupsAfter is how many lookups of an index, since its collection (of
// n documents) was last written, are worth a pass over the whole
// collection to group it: a lookup's seek costs about what grouping 8
// documents does.
func groupsAfter(n int) int { return 256 + n/8 }

// groups are an index's matches for each key, every document of the
// collection in id order under its terms' key (as the store writes it:
// store.TermKey of each term, joined by \x1f): an index read is then a map
// lookup, not a seek through buntdb. Kept as the column is.
type groups map[string][]*store.Doc

// groupsOf is the groups of s's index; false when not (yet) kept, or the
// index orders its matches by values rather than by id.
func groupsOf(ctx Context, coll, index string) (groups, bool) {
	c := ctx.Tx().Collection(coll)
	if c == nil {
		return nil, false
	}
	ix := c.Index(index)
	if ix == nil || len(ix.Values) > 0 {
		return nil, false
	}
	m, ok := ctx.Tx().ScanMemoAfter(coll, "index "+index, groupsAfter, func(ds []*store.Doc) any {
		g := groups{}
		for _, d := range ds {
			terms := make([]any, len(ix.Terms))
			for i, t := range ix.Terms {
				terms[i] = store.FieldAt(d.Data, t) // a term may be a path (FSL: .address.city)
			}
			k := store.TermsKey(terms)
			g[k] = append(g[k], d)
		}
		return g
	})
	if !ok {
		return nil, false
	}
	return m.(groups), true
}

// lookupGroup is what Lookup(coll, index, terms) would visit, read from
// the kept groups (a read each, as Lookup counts them); false when there
// are none kept.
func lookupGroup(ctx Context, coll, index string, terms []any) ([]*store.Doc, bool) {
	if !FastPaths {
		return nil, false
	}
	g, ok := groupsOf(ctx, coll, index)
	if !ok {
		return nil, false
	}
	key := store.TermsKey(terms)
	if key == "" && len(terms) > 0 {
		return nil, true // no document is indexed under all-null terms
	}
	ds := g[key]
	ctx.Tx().Reads += len(ds)
	return ds, true
}
