package eval

import (
	"github.com/faunaplay/playground/engine/fql/syntax"
	"github.com/faunaplay/playground/engine/fql/value"
)

// FieldTest says whether the closure is `.field OP literal` (or `x =>
// x.field OP literal`, or the literal first) with OP a comparison: then
// value.FilterSet tests a stored field of each document against the
// literal without calling the closure (no document value, no scope). Only
// a literal qualifies: anything else might do work the shortcut would
// not repeat per document.
func (c *Closure) FieldTest() (field, op string, v value.Value, ok bool) {
	if len(c.params) != 1 {
		return "", "", nil, false
	}
	b, isBin := c.body.(*syntax.Binary)
	if !isBin {
		return "", "", nil, false
	}
	switch b.Op {
	case "==", "!=", "<", "<=", ">", ">=":
	default:
		return "", "", nil, false
	}
	if f := c.paramField(b.X); f != "" {
		if lit, isLit := b.Y.(*syntax.Literal); isLit {
			return f, b.Op, literal(lit.Value), true
		}
	}
	if f := c.paramField(b.Y); f != "" {
		if lit, isLit := b.X.(*syntax.Literal); isLit {
			return f, flipped[b.Op], literal(lit.Value), true
		}
	}
	return "", "", nil, false
}

// flipped is the operator with its operands swapped: 50 < .age is .age > 50.
var flipped = map[string]string{"==": "==", "!=": "!=", "<": ">", "<=": ">=", ">": "<", ">=": "<="}

// FieldOf says whether the closure is `.field` (or `x => x.field`): an
// order() key that value.OrderedSet reads from the stored document.
func (c *Closure) FieldOf() (string, bool) {
	if len(c.params) != 1 {
		return "", false
	}
	f := c.paramField(c.body)
	return f, f != ""
}
