// Package syntax owns FQL v10's text form: the tokens (participle's stateful
// lexer), the grammar (participle), and the AST that the evaluator walks.
// Parse turns source into a *Program or a *diag.Error with line and column.
package syntax

import "github.com/faunaplay/playground/engine/diag"

// Node is any AST node; every node knows where it starts.
type Node interface{ Position() diag.Pos }

// Expr is an expression node.
type Expr interface {
	Node
	exprNode()
}

// Stmt is a statement: *Let or an expression.
type Stmt interface{ Node }

// Program is a whole query: statements whose last value is the result.
//
// Comments, Closers and Blank are what the grammar does not see, kept for
// the formatter; evaluation ignores them.
type Program struct {
	P     diag.Pos
	Stmts []Stmt

	Comments []Comment             // in source order
	Closers  map[diag.Pos]diag.Pos // where each bracket ( [ { #{ opened at a place is closed
	Blank    []int                 // the numbers of the empty lines, in order
}

// Comment is a `// line` or `/* block */` comment, Text as written.
type Comment struct {
	P        diag.Pos
	Text     string
	OwnLine  bool // nothing but spaces before it on its line
	EndsLine bool // nothing but spaces after it on its line
}

// Let binds Name to Value for the statements after it.
type Let struct {
	P     diag.Pos
	Name  string
	Type  string // optional type annotation, as written
	Value Expr
}

type (
	// Literal is a number (int64 or float64), string, boolean or null.
	Literal struct {
		P     diag.Pos
		Value any
	}
	// Template is a string with #{...} interpolations: literal strings and
	// expressions, concatenated.
	Template struct {
		P     diag.Pos
		Parts []Expr
	}
	// Ident is a name: a let variable, a parameter, a collection, a global.
	Ident struct {
		P    diag.Pos
		Name string
	}
	// ArrayLit is [a, b, ...].
	ArrayLit struct {
		P     diag.Pos
		Elems []Expr
	}
	// ObjectLit is { key: value, ... } with keys in source order.
	ObjectLit struct {
		P      diag.Pos
		Keys   []string
		Values []Expr
	}
	// Block is { stmt; stmt; expr } evaluated in a new scope.
	Block struct {
		P     diag.Pos
		Stmts []Stmt
	}
	// Unary is !x or -x.
	Unary struct {
		P  diag.Pos
		Op string
		X  Expr
	}
	// Binary is x op y.
	Binary struct {
		P    diag.Pos
		Op   string
		X, Y Expr
	}
	// Select is x.name or x?.name. X is nil for the short-hand `.name`,
	// which reads the implicit parameter of a short-hand function.
	Select struct {
		P        diag.Pos
		X        Expr
		Name     string
		Optional bool
	}
	// Index is x[i] or x?.[i].
	Index struct {
		P        diag.Pos
		X, Index Expr
		Optional bool
	}
	// Call is fn(args...).
	Call struct {
		P    diag.Pos
		Fn   Expr
		Args []Expr
		// Implicit has bit i set when Args[i] reads the short-hand
		// parameter (UsesImplicit, told once at parse, not at each call).
		Implicit uint64
	}
	// NonNull is x!: x, or an error when x is null.
	NonNull struct {
		P diag.Pos
		X Expr
	}
	// If is if (Cond) Then else Else; Else may be nil.
	If struct {
		P                diag.Pos
		Cond, Then, Else Expr
	}
	// Lambda is (params) => body.
	Lambda struct {
		P      diag.Pos
		Params []string
		Body   Expr
	}
	// Projection is x { fields }: each field is Key, read as `.Key` when
	// Value is nil, else Value evaluated with x's element as the implicit
	// parameter (so `author { name }` is Key "author" with a Projection of
	// `.author`).
	Projection struct {
		P      diag.Pos
		X      Expr
		Fields []ProjField
	}
)

// ProjField is one field of a projection.
type ProjField struct {
	P     diag.Pos
	Key   string
	Value Expr
}

// Start is where the text of x begins: its leftmost operand's position
// (Position of a field access or call is that of its `.` or `(`).
func Start(x Expr) diag.Pos {
	for {
		switch n := x.(type) {
		case *Select:
			if n.X == nil {
				return n.P
			}
			x = n.X
		case *Index:
			x = n.X
		case *Call:
			x = n.Fn
		case *NonNull:
			x = n.X
		case *Projection:
			x = n.X
		case *Binary:
			return n.P // already its left operand's start: O(1) on long chains
		default:
			return x.Position()
		}
	}
}

func (n *Program) Position() diag.Pos    { return n.P }
func (n *Let) Position() diag.Pos        { return n.P }
func (n *Literal) Position() diag.Pos    { return n.P }
func (n *Template) Position() diag.Pos   { return n.P }
func (n *Ident) Position() diag.Pos      { return n.P }
func (n *ArrayLit) Position() diag.Pos   { return n.P }
func (n *ObjectLit) Position() diag.Pos  { return n.P }
func (n *Block) Position() diag.Pos      { return n.P }
func (n *Unary) Position() diag.Pos      { return n.P }
func (n *Binary) Position() diag.Pos     { return n.P }
func (n *Select) Position() diag.Pos     { return n.P }
func (n *Index) Position() diag.Pos      { return n.P }
func (n *Call) Position() diag.Pos       { return n.P }
func (n *NonNull) Position() diag.Pos    { return n.P }
func (n *If) Position() diag.Pos         { return n.P }
func (n *Lambda) Position() diag.Pos     { return n.P }
func (n *Projection) Position() diag.Pos { return n.P }

func (*Literal) exprNode()    {}
func (*Template) exprNode()   {}
func (*Ident) exprNode()      {}
func (*ArrayLit) exprNode()   {}
func (*ObjectLit) exprNode()  {}
func (*Block) exprNode()      {}
func (*Unary) exprNode()      {}
func (*Binary) exprNode()     {}
func (*Select) exprNode()     {}
func (*Index) exprNode()      {}
func (*Call) exprNode()       {}
func (*NonNull) exprNode()    {}
func (*If) exprNode()         {}
func (*Lambda) exprNode()     {}
func (*Projection) exprNode() {}

// UsesImplicit reports whether e reads the short-hand parameter (`.name`)
// outside any nested function: such an argument is itself a function.
func UsesImplicit(e Expr) bool {
	found := false
	var walk func(Expr)
	walk = func(e Expr) {
		if e == nil || found {
			return
		}
		switch n := e.(type) {
		case *Select:
			if n.X == nil {
				found = true
				return
			}
			walk(n.X)
		case *Template:
			for _, p := range n.Parts {
				walk(p)
			}
		case *ArrayLit:
			for _, x := range n.Elems {
				walk(x)
			}
		case *ObjectLit:
			for _, x := range n.Values {
				walk(x)
			}
		case *Unary:
			walk(n.X)
		case *Binary:
			walk(n.X)
			walk(n.Y)
		case *Index:
			walk(n.X)
			walk(n.Index)
		case *Call:
			walk(n.Fn)
			// A short-hand inside an argument is that argument's own.
		case *NonNull:
			walk(n.X)
		case *If:
			walk(n.Cond)
			walk(n.Then)
			walk(n.Else)
		case *Projection:
			walk(n.X) // its fields read the projected value, not ours
		}
	}
	walk(e)
	return found
}

// Walk visits e and its sub-expressions depth-first while fn returns true.
func Walk(e Expr, fn func(Expr) bool) {
	if e == nil || !fn(e) {
		return
	}
	switch n := e.(type) {
	case *Template:
		for _, p := range n.Parts {
			Walk(p, fn)
		}
	case *ArrayLit:
		for _, x := range n.Elems {
			Walk(x, fn)
		}
	case *ObjectLit:
		for _, x := range n.Values {
			Walk(x, fn)
		}
	case *Block:
		for _, s := range n.Stmts {
			switch s := s.(type) {
			case *Let:
				Walk(s.Value, fn)
			case Expr:
				Walk(s, fn)
			}
		}
	case *Unary:
		Walk(n.X, fn)
	case *Binary:
		Walk(n.X, fn)
		Walk(n.Y, fn)
	case *Select:
		Walk(n.X, fn)
	case *Index:
		Walk(n.X, fn)
		Walk(n.Index, fn)
	case *Call:
		Walk(n.Fn, fn)
		for _, a := range n.Args {
			Walk(a, fn)
		}
	case *NonNull:
		Walk(n.X, fn)
	case *If:
		Walk(n.Cond, fn)
		Walk(n.Then, fn)
		Walk(n.Else, fn)
	case *Lambda:
		Walk(n.Body, fn)
	case *Projection:
		Walk(n.X, fn)
		for _, f := range n.Fields {
			Walk(f.Value, fn)
		}
	}
}
