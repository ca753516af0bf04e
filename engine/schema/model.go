// Package schema owns the schema model: it reads GraphQL SDL, recognises the
// relations between its types the way Fauna's GraphQL import did, and decides
// what the database stores (collections, fields, indexes, unique constraints)
// and how the side of a relation that stores nothing is read (computed fields).
//
// Data flows one way: SDL -> Parse -> *Model. The store, the FQL evaluator and
// the GraphQL API read the Model; nothing writes back to it.
package schema

import (
	"github.com/faunaplay/playground/engine/diag"
	"github.com/faunaplay/playground/engine/fql/syntax"
	"github.com/vektah/gqlparser/v2/ast"
)

// Languages a schema can be written in.
const (
	GraphQL = "graphql" // GraphQL SDL, as Fauna's GraphQL import read it
	FSLLang = "fsl"     // Fauna Schema Language, FQL v10's own
)

// Cardinalities, read from a relation's From side to its To side.
const (
	OneToOne   = "one-to-one"
	OneToMany  = "one-to-many"
	ManyToOne  = "many-to-one"
	ManyToMany = "many-to-many"
)

// Model is what a schema becomes. With errors it holds no collections.
type Model struct {
	Collections []*Collection   // sorted by name; includes associative collections
	Relations   []*Relation     // in a stable order (by name)
	Embedded    []*EmbeddedType // @embedded types, sorted by name
	Errors      []*diag.Error   // code diag.InvalidSchema, with line and column
	Functions   []*Function     // user-defined functions (FSL `function`), sorted by name
	Language    string          // GraphQL or FSLLang: what the schema text was written in

	// Doc is the parsed SDL (nil when it did not parse). The GraphQL API reads
	// the user's own `type Query` / `type Mutation` and directives from it.
	Doc *ast.SchemaDocument
}

// Collection returns the collection named name, or nil.
func (m *Model) Collection(name string) *Collection {
	for _, c := range m.Collections {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// FieldKind says how a field of a collection is held.
type FieldKind int

const (
	// Scalar: a GraphQL scalar or enum (or a list of them), stored as is.
	Scalar FieldKind = iota
	// Inline: an @embedded object type (or a list of them), stored inline.
	Inline
	// Ref: a single reference to a document of Target, stored in this
	// collection. Relation is set when the field is one side of a relation.
	Ref
	// RefList: an array of references to Target with no @relation: stored as
	// an array of references (Fauna stored "an array of IDs"); no relation.
	RefList
	// Computed: the side of a relation that stores nothing; Via says how to
	// read it.
	Computed
)

func (k FieldKind) String() string {
	return [...]string{"scalar", "inline", "ref", "refList", "computed"}[k]
}

// Field is one field of a collection or embedded type.
type Field struct {
	Name     string
	Type     string // GraphQL type as written: "String!", "[Car!]", "User"
	Kind     FieldKind
	List     bool   // the GraphQL type is a list
	NonNull  bool   // the GraphQL type (outer) is non-null
	Elem     string // named type: "String", "Car"
	Target   string // Ref, RefList, Computed: the target collection
	Unique   bool   // @unique on this field (a unique index exists on it)
	Relation *Relation
	Via      *Via // Computed only: set when the field reads a relation back
	Pos      diag.Pos

	// FSL only. FSLType is the declared type (nil for GraphQL fields, whose
	// Type is GraphQL). Default is the FQL written after `=`, evaluated when a
	// create leaves the field out. Compute is a computed field's FQL function
	// (`compute name: T = (doc => ...)`); a computed field that reads a
	// relation back also has Via.
	FSLType *Type
	Default *FQL
	Compute *FQL
}

// FQL is FQL source inside a schema (a default, a computed field, a check,
// a function body): its text, where it starts in the schema, and its parse.
type FQL struct {
	Src  string
	Pos  diag.Pos
	Expr syntax.Expr
}

// Type is an FSL type. Exactly one of Name, Elem (Array<Elem>), Fields (an
// object type), Union, Literal or Set is set; Nullable is a trailing `?` (or
// `| Null`).
type Type struct {
	Name     string         // String, Int, Long, Double, Number, Boolean, Time, Date, Any, Null, ID, Bytes, or a collection (a reference)
	Elem     *Type          // Array<Elem> or [Elem]
	Fields   []*ObjectField // { a: T, b?: T, *: Any }
	Union    []*Type        // T1 | T2
	Nullable bool

	// Literal is a literal type, the one value it admits: a string, an
	// int64, a float64 or a bool (`status: "cart" | "shipped"` is a union
	// of two literals).
	Literal any
	// Set is Set<T>: only a computed field's type (a set is never stored).
	Set *Type
}

// ObjectField is a field of an FSL object type; Name "*" is the wildcard.
type ObjectField struct {
	Name     string
	Type     *Type
	Optional bool
}

// Check is an FSL check constraint: a predicate over the document that a
// write must satisfy.
type Check struct {
	Name string
	Body *FQL // a function of the document returning true, false or null
	Pos  diag.Pos
}

// Function is a user-defined function: called by name in FQL.
type Function struct {
	Name    string
	Params  []Param
	Returns *Type // nil when not declared
	Body    *FQL  // the block's FQL; Expr evaluates with Params bound
	Pos     diag.Pos
	// Role is FSL's @role annotation (`@role(server)`): the role Fauna
	// runs the function with. Kept and shown; the playground has no roles.
	Role string
}

// Param is a function parameter; Type is nil when not declared. Variadic is
// a trailing `...name`.
type Param struct {
	Name     string
	Type     *Type
	Variadic bool
}

// Via says how a computed field reads its documents:
//
//	Collection.Index(self)            -> the documents (one-to-many side)
//	Collection.Index(self).map(.Pick) -> the documents (many-to-many side)
//
// and with Single, the first of them or null (one-to-one side).
type Via struct {
	Collection string // where the references live
	Index      string // index on Collection whose single term is Term
	Term       string // field of Collection holding a reference to self
	Pick       string // many-to-many: field of the associative row holding the target
	Single     bool
}

// Index is an index of a collection. Names are FQL identifiers, callable as
// methods of the collection: Car.byOwner(user).
type Index struct {
	Name   string
	Terms  []string // field names
	Unique bool
	Query  string // the field of the user's `type Query` it was made for, if any

	// Values order the index's set (FSL `values [.a, desc(.b)]`) and are what
	// a range ({ from, to }) compares against. None: the set is in id order.
	Values []IndexValue
	// Constraint: made for an FSL `unique [...]` constraint, not callable
	// as a method of the collection.
	Constraint bool
}

// IndexValue is one of an index's values: a field, ascending or descending.
type IndexValue struct {
	Field string
	Desc  bool
}

// Collection is a non-embedded type (or an associative collection).
type Collection struct {
	Name        string   // the collection's name (the type's, or @collection(name:))
	Type        string   // the GraphQL type; "" for an associative collection
	Fields      []*Field // in SDL order; computed fields included
	Indexes     []*Index // sorted by name
	Associative bool     // made for a many-to-many relation; Relation is set
	Relation    *Relation
	Pos         diag.Pos

	// FSL only. Checks are the check constraints. Wildcard (`*: Any`) lets a
	// document hold fields beyond Fields; a collection with no fields
	// declared at all is Schemaless (any document shape). HistoryDays and
	// TTLDays are accepted and shown (nil when not written).
	Checks      []*Check
	Wildcard    bool
	Schemaless  bool
	HistoryDays *int64
	TTLDays     *int64
	// DocumentTTLs is `document_ttls true|false`: whether writes may set a
	// document's ttl (nil when not written; Fauna's default is true for a
	// collection without field definitions, false otherwise).
	DocumentTTLs *bool
}

// Field returns the field named name, or nil.
func (c *Collection) Field(name string) *Field {
	for _, f := range c.Fields {
		if f.Name == name {
			return f
		}
	}
	return nil
}

// Index returns the index named name, or nil.
func (c *Collection) Index(name string) *Index {
	for _, ix := range c.Indexes {
		if ix.Name == name {
			return ix
		}
	}
	return nil
}

// IndexOn returns an index whose terms are exactly fields (in any order), or
// nil. The query planner uses it.
func (c *Collection) IndexOn(fields ...string) *Index {
	for _, ix := range c.Indexes {
		if sameSet(ix.Terms, fields) {
			return ix
		}
	}
	return nil
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	seen := map[string]int{}
	for _, s := range a {
		seen[s]++
	}
	for _, s := range b {
		if seen[s] == 0 {
			return false
		}
		seen[s]--
	}
	return true
}

// Side is one end of a relation. A side with no field has Field "" and List
// true (the target type does not point back).
type Side struct {
	Type  string
	Field string
	List  bool
}

// Relation is a relation recognised between two types.
type Relation struct {
	Name        string
	Cardinality string // from From to To
	From, To    Side
	Explicit    bool     // named with @relation(name: ...)
	Collection  string   // where the references live
	Fields      []string // the field(s) of Collection holding them
}

// EmbeddedType is an @embedded type: stored inline, no collection, no relation.
type EmbeddedType struct {
	Name   string
	Fields []*Field
	Pos    diag.Pos
}
