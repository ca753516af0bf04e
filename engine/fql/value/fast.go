package value

import "github.com/faunaplay/playground/engine/store"

// FastPaths turns on the evaluator's shortcuts: count() of a collection or
// an index without making its documents, order().take(k) as a top-k
// selection. Tests turn it off to compare each shortcut's result with the
// plain path's on the same data.
var FastPaths = true

// count is how many documents s holds, charged as reading them is (a read
// and a step each) but without making a value of each: the store counts
// a collection's keys, and an index's matches are its kept documents.
func (s *DocSet) count(ctx Context) (int, error) {
	tx := ctx.Tx()
	if tx.Collection(s.Coll) == nil {
		return 0, wrapStore(ctx, tx.Scan(s.Coll, "", nil)) // the plain path's error
	}
	n := 0
	var err error
	if s.Index == "" {
		n, err = tx.Count(s.Coll)
		tx.Reads += n
	} else {
		err = tx.Lookup(s.Coll, s.Index, s.Terms, func(*store.Doc) (bool, error) { n++; return true, nil })
	}
	if err != nil {
		return 0, wrapStore(ctx, err)
	}
	return n, ctx.Compute(n)
}
