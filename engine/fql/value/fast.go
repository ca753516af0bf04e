package value

import (
	"time"

	"github.com/faunaplay/playground/engine/schema"
	"github.com/faunaplay/playground/engine/store"
)

// FastPaths turns on the evaluator's shortcuts: count() of a collection or
// an index without making its documents, order().take(k) as a top-k
// selection. Tests turn it off to compare each shortcut's result with the
// plain path's on the same data.
var FastPaths = true

// fastCount counts a collection, an index's matches, or those of a
// collection whose field passes a FieldTester, without making values of
// the documents; false for other sets.
func fastCount(ctx Context, r Value) (int, bool, error) {
	if !FastPaths {
		return 0, false, nil
	}
	switch s := r.(type) {
	case *DocSet:
		n, err := s.count(ctx)
		return n, true, err
	case *FilterSet:
		docs, field, test, ok := s.fieldTest(ctx)
		if !ok {
			return 0, false, nil
		}
		n := 0
		count := func(d *store.Doc, v Value) (bool, error) {
			pass, err := test(d, v)
			if pass {
				n++
			}
			return err == nil, err
		}
		if col, ok := columnOf(ctx, docs, field); ok {
			return n, true, col.each(ctx, func(i int) (bool, error) { return count(col.docs[i], col.vals[i]) })
		}
		err := docs.iterateDocs(ctx, func(d *store.Doc) (bool, error) { return count(d, nil) })
		return n, true, err
	}
	return 0, false, nil
}

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
	} else if ds, ok := lookupGroup(ctx, s.Coll, s.Index, s.Terms); ok {
		n = len(ds)
	} else {
		err = tx.LookupRange(s.Coll, s.Index, s.Terms, s.Range, func(*store.Doc) (bool, error) { n++; return true, nil })
	}
	if err != nil {
		return 0, wrapStore(ctx, err)
	}
	return n, ctx.Compute(n)
}

// planCount is how many of an index's matches the planner counts, at most,
// to compare candidate indexes.
const planCount = 64

// selectiveIndex is the index where() reads for the equality terms: of the
// indexes whose terms are all tested, the one with the fewest matches
// (counted up to planCount; reading what is kept decoded, and charged as
// no reads: it is planning), else bestIndex's choice. `.user == u &&
// .video == v` reads byVideo's one row, not byUser's ten.
func selectiveIndex(ctx Context, c *schema.Collection, terms map[string]Value) *schema.Index {
	best := bestIndex(c, terms)
	if !FastPaths || best == nil {
		return best
	}
	covering := 0
	for _, ix := range c.Indexes {
		if _, ok := indexTerms(ctx, ix, terms); ok {
			covering++
		}
	}
	if covering < 2 {
		return best
	}
	tx := ctx.Tx()
	reads := tx.Reads
	defer func() { tx.Reads = reads }()
	bestN := -1
	for _, ix := range c.Indexes {
		vals, ok := indexTerms(ctx, ix, terms)
		if !ok {
			continue
		}
		n := 0
		if ds, ok := lookupGroup(ctx, c.Name, ix.Name, vals); ok {
			n = min(len(ds), planCount+1)
		} else if err := tx.Lookup(c.Name, ix.Name, vals, func(*store.Doc) (bool, error) { n++; return n <= planCount, nil }); err != nil {
			return best
		}
		if bestN < 0 || n < bestN || n == bestN && len(ix.Terms) > len(best.Terms) {
			best, bestN = ix, n
		}
	}
	return best
}

// indexTerms is terms in the store form of ix's terms; false when ix has a
// term not tested (or one that cannot be stored).
func indexTerms(ctx Context, ix *schema.Index, terms map[string]Value) ([]any, bool) {
	vals := make([]any, len(ix.Terms))
	for i, t := range ix.Terms {
		v, ok := terms[t]
		if !ok {
			return nil, false
		}
		s, err := ToStore(ctx, v)
		if err != nil {
			return nil, false
		}
		vals[i] = s
	}
	return vals, true
}

// FieldTester is a predicate of the shape `.field OP literal`
// (eval.Closure): FilterSet tests the stored field itself.
type FieldTester interface {
	FieldTest() (field, op string, v Value, ok bool)
}

// fieldTest is, when s filters a collection's documents with a
// FieldTester on a stored field, the test of one stored document: what
// calling the predicate on the document would return, charged the same
// steps. A document whose field holds more than a scalar (an array, an
// object, a reference) is tested by calling the predicate.
func (s *FilterSet) fieldTest(ctx Context) (*DocSet, string, func(d *store.Doc, v Value) (bool, error), bool) {
	docs, ok := s.Src.(*DocSet)
	ft, ok2 := s.Pred.(FieldTester)
	if !FastPaths || !ok || !ok2 {
		return nil, "", nil, false
	}
	field, op, lit, ok := ft.FieldTest()
	c := ctx.Tx().Collection(docs.Coll)
	if !ok || c == nil || !storedField(c, field) {
		return nil, "", nil, false
	}
	// v is the field's value when already read (a column), else nil.
	return docs, field, func(d *store.Doc, v Value) (bool, error) {
		if v == nil {
			var ok bool
			if v, ok = storedScalar(d, field); !ok {
				return callBool(ctx, s.Pred, NewDocument(ctx, d))
			}
		}
		if err := ctx.Compute(1); err != nil { // the call's step
			return false, err
		}
		return compareOp(ctx, op, v, lit)
	}, true
}

// storedField says whether reading field of a document of c reads its
// stored value (not id, ts, coll, a method or a computed field).
func storedField(c *schema.Collection, field string) bool {
	f := c.Field(field)
	return f != nil && f.Kind != schema.Computed && documentMethods[field].fn == nil && field != "id" && field != "coll" && field != "ts"
}

// storedScalar is d's field as a value when it is a scalar (what reading
// the field gives); false when it holds more.
func storedScalar(d *store.Doc, field string) (Value, bool) {
	stored := d.Data.Get(field)
	switch stored.(type) {
	case nil, bool, int64, float64, string, time.Time, store.Date:
		return scalarFromStore(stored), true
	}
	return nil, false
}

// compareOp is eval's x OP y for the comparisons.
func compareOp(ctx Context, op string, x, y Value) (bool, error) {
	switch op {
	case "==", "!=":
		eq, err := EqualWork(ctx, x, y)
		return eq == (op == "=="), err
	}
	if !Comparable(x, y) {
		return false, nil
	}
	c, err := CompareWork(ctx, x, y)
	switch op {
	case "<":
		return c < 0, err
	case "<=":
		return c <= 0, err
	case ">":
		return c > 0, err
	}
	return c >= 0, err
}
