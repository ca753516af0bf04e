// Package value owns FQL's runtime values: the Value interface, the concrete
// types (null, booleans, numbers, strings, times, arrays, objects, documents,
// sets, collections, functions), their method tables, and their two
// renderings: Fauna's simple JSON form and the dashboard shell's FQL text.
//
// Values that can do more than exist say so through optional capability
// interfaces (HasAttrs, Indexable, Iterable, Callable), as starlark-go does.
package value

import (
	"github.com/faunaplay/playground/engine/diag"
	"github.com/faunaplay/playground/engine/schema"
	"github.com/faunaplay/playground/engine/store"
)

// Value is any FQL value.
type Value interface {
	// Type is the FQL type name as Fauna prints it: "Null", "Boolean",
	// "Int", "Double", "String", "Time", "Date", "Array", "Object", "Set",
	// "User" (a document of collection User), "CollectionDef", "Function"...
	Type() string
}

// HasAttrs is a value with fields or methods reachable by `.name`.
// Attr returns (nil, nil) when there is no such attribute, so the caller
// can report it with a position.
type HasAttrs interface {
	Value
	Attr(ctx Context, name string) (Value, error)
}

// Indexable is a value that supports `v[i]` / `v["k"]`.
type Indexable interface {
	Value
	Index(ctx Context, key Value) (Value, error)
}

// Iterable is a value whose elements can be visited in order: arrays and
// sets. fn returns false to stop early (so `first`, `take` and `paginate`
// read no more than they need).
type Iterable interface {
	Value
	Iterate(ctx Context, fn func(Value) (bool, error)) error
}

// Callable is a function value: arrow functions, short-hand `.field`
// predicates, bound methods, built-ins.
type Callable interface {
	Value
	Call(ctx Context, args []Value) (Value, error)
	// Arity is the number of parameters, or -1 when variadic.
	Arity() int
}

// Context is what evaluating needs from the running query: the store
// transaction (one per query), the schema model, the op counters, and a
// position for errors raised by built-ins.
type Context interface {
	Tx() *store.Tx
	Model() *schema.Model
	// Pos is the position of the expression being evaluated, for errors.
	Pos() diag.Pos
	// Compute counts one unit of compute work; it fails when the query has
	// done too much (a runaway loop), with code limit_exceeded.
	Compute(n int) error
	// Hint records a performance hint (e.g. a full scan) for the result.
	Hint(msg string)
}

// Plannable is a predicate that can say which fields it tests for equality
// (`.author == user`, `x => x.a == 1 && x.b == 2`), with the values already
// evaluated, so a collection's where() can read an index instead of
// scanning. ok is false when the predicate is anything else.
type Plannable interface {
	EqualityTerms(ctx Context) (terms map[string]Value, ok bool, err error)
}

// Cursors keeps the sets behind pagination cursors, so that
// Set.paginate(cursor) can continue a set in a later query, with the page
// size it was paginated with.
type Cursors interface {
	Save(s Set, offset, size int) string
	Load(cursor string) (s Set, offset, size int, ok bool)
}
