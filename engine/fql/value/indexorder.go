package value

import "github.com/faunaplay/playground/engine/schema"

// FieldPather is a function that only reads a field of its argument
// (`.price`): it says which.
type FieldPather interface {
	FieldPath() (string, bool)
}

// planOrder reads an index instead of sorting when the index's values are
// exactly the orderings (fields, directions, in order) of a set it can
// read: a collection's documents (an index without terms), or an index's
// own set. Ties then go by id, as a stable sort of the id-ordered documents
// does, so the result is the same; nil when no index fits.
func planOrder(s *DocSet, orders []*Ordering, c *schema.Collection) *DocSet {
	if c == nil || len(orders) == 0 || len(s.Range.From) > 0 || len(s.Range.To) > 0 {
		return nil
	}
	paths := make([]schema.IndexValue, len(orders))
	for i, o := range orders {
		fp, ok := o.Fn.(FieldPather)
		if !ok {
			return nil
		}
		path, ok := fp.FieldPath()
		if !ok {
			return nil
		}
		if f := c.Field(path); f != nil && f.Kind == schema.Computed {
			return nil // computed fields are not in any index
		}
		paths[i] = schema.IndexValue{Field: path, Desc: o.Desc}
	}
	fits := func(ix *schema.Index) bool {
		if len(ix.Values) != len(paths) {
			return false
		}
		for i, v := range ix.Values {
			if v != paths[i] {
				return false
			}
		}
		return true
	}
	if s.Index != "" {
		if ix := c.Index(s.Index); ix != nil && fits(ix) {
			return s
		}
		return nil
	}
	for _, ix := range c.Indexes {
		if len(ix.Terms) == 0 && fits(ix) {
			return &DocSet{Coll: s.Coll, Index: ix.Name}
		}
	}
	return nil
}
