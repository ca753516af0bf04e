package value

import "github.com/faunaplay/playground/engine/store"

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
