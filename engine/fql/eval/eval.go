// Package eval owns the evaluation of FQL: it walks a syntax.Program over
// one store transaction, binding let variables and function parameters,
// applying operators, calling the methods of the value package, and
// projecting. It is the value.Context that built-in methods see.
package eval

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/agnivade/levenshtein"
	"github.com/faunaplay/playground/engine/diag"
	"github.com/faunaplay/playground/engine/fql/syntax"
	"github.com/faunaplay/playground/engine/fql/value"
	"github.com/faunaplay/playground/engine/schema"
	"github.com/faunaplay/playground/engine/store"
)

// Limits that keep a runaway query from freezing the page.
const (
	MaxCompute = 2_000_000 // calls and element visits per query
	maxDepth   = 400       // nested evaluation (closures calling closures)
)

// CodeNullAccess is Fauna's code for reading a field of null.
const CodeNullAccess = "invalid_null_access"

// Interp evaluates one query.
type Interp struct {
	tx      *store.Tx
	model   *schema.Model
	globals map[string]value.Value
	cursors value.Cursors
	pos     diag.Pos
	compute int
	parts   int // parts compared not yet charged (ComputeParts)
	depth   int
	// allocated counts the bytes of the values the query made (alloc).
	allocated int
	hints     []string
	logs      []string
	// logBytes and logsDropped count what log() kept and refused.
	logBytes, logsDropped int
	logLines              []int // the line of each kept log()
	// deadline, when set, stops the query (time_out) once passed;
	// nextCheck is the compute count at which the clock is read again.
	deadline  time.Time
	nextCheck int
}

// New makes an interpreter over one transaction.
func New(tx *store.Tx, model *schema.Model, globals map[string]value.Value, cursors value.Cursors) *Interp {
	return &Interp{tx: tx, model: model, globals: globals, cursors: cursors}
}

func (in *Interp) Tx() *store.Tx          { return in.tx }
func (in *Interp) Model() *schema.Model   { return in.model }
func (in *Interp) Pos() diag.Pos          { return in.pos }
func (in *Interp) Cursors() value.Cursors { return in.cursors }

// Limits on what log() keeps of one query: the lines go into the response
// and the page lists them.
const (
	maxLogLines = 1000
	maxLogBytes = 1 << 20
)

// Log keeps a line of log(), up to maxLogLines lines and maxLogBytes bytes
// (a longer line is cut); past them, lines are only counted.
func (in *Interp) Log(s string) {
	if len(in.logs) >= maxLogLines || in.logBytes >= maxLogBytes {
		in.logsDropped++
		return
	}
	if room := maxLogBytes - in.logBytes; len(s) > room {
		s = strings.ToValidUTF8(s[:room], "") + "…"
	}
	in.logBytes += len(s)
	in.logs = append(in.logs, s)
	in.logLines = append(in.logLines, in.pos.Line)
}

// Hints are the performance hints the query earned, each once.
func (in *Interp) Hints() []string { return in.hints }

// Logs are what log() printed.
func (in *Interp) Logs() []string {
	if in.logsDropped > 0 {
		return append(in.logs[:len(in.logs):len(in.logs)], fmt.Sprintf("… %d more log lines were not kept (the limit is %d lines, %d MiB)", in.logsDropped, maxLogLines, maxLogBytes>>20))
	}
	return in.logs
}

// ComputeOps is the work done: calls and element visits.
func (in *Interp) ComputeOps() int { return in.compute }

// Allocated is the bytes of the strings, arrays and objects the query
// built, as MaxAllocBytes counts them.
func (in *Interp) Allocated() int { return in.allocated }

// ComputeParts counts n parts of values compared, a step for every 16
// (value.EqualWork); the remainder is kept for the next comparison.
func (in *Interp) ComputeParts(n int) error {
	in.parts += n
	if in.parts < 16 {
		return nil
	}
	steps := in.parts / 16
	in.parts %= 16
	return in.Compute(steps)
}

// StepsLeft is how many steps the query may still do.
func (in *Interp) StepsLeft() int { return max(MaxCompute-in.compute, 0) }

func (in *Interp) Compute(n int) error {
	in.compute += n
	if in.compute > MaxCompute {
		return diag.Errorf(diag.LimitExceeded, in.pos, "the query did more than %d steps of work; it was stopped", MaxCompute)
	}
	if !in.deadline.IsZero() && in.compute >= in.nextCheck {
		return in.checkDeadline()
	}
	return nil
}

// MaxAllocBytes bounds what one query builds, in bytes of the Strings,
// Arrays and Objects that built-ins return and `+` and templates make
// (16 bytes an element, 32 a field), counted as they are made: a query that
// makes an 8 MiB string a thousand times would take the tab's memory, yet
// does few steps.
const MaxAllocBytes = 256 << 20

// alloc counts the size of v, just made at pos.
func (in *Interp) alloc(pos diag.Pos, v value.Value) error {
	switch x := v.(type) {
	case value.String:
		in.allocated += len(x)
	case value.Array:
		in.allocated += 16 * len(x) // a Value is two words
	case *value.Object:
		in.allocated += 32 * len(x.Keys)
	default:
		return nil
	}
	if in.allocated > MaxAllocBytes {
		return diag.Errorf(diag.LimitExceeded, pos, "the query built more than %d MiB of strings, arrays and objects; build less", MaxAllocBytes>>20)
	}
	return nil
}

func (in *Interp) Hint(msg string) {
	for _, h := range in.hints {
		if h == msg {
			return
		}
	}
	in.hints = append(in.hints, msg)
}

// env is a scope: a linked list of bindings, innermost first.
type env struct {
	name   string
	val    value.Value
	parent *env
}

func (e *env) lookup(name string) (value.Value, bool) {
	for ; e != nil; e = e.parent {
		if e.name == name {
			return e.val, true
		}
	}
	return nil, false
}

// implicitParam is the name the short-hand `.field` reads.
const implicitParam = "."

// Run evaluates a whole program: its statements in order, the last one's
// value is the result.
//
// A limit_exceeded *diag.Error panicked by a walk that has no error result
// (value.Equal and value.Compare on values too large to compare) is
// returned as the query's error, at the call being evaluated.
func (in *Interp) Run(p *syntax.Program) (v value.Value, err error) {
	return in.run(p, nil)
}

func (in *Interp) run(p *syntax.Program, e *env) (v value.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			d, ok := r.(*diag.Error)
			if !ok || d.Code != diag.LimitExceeded {
				panic(r)
			}
			c := *d
			if !c.Pos.IsValid() {
				c.Pos = in.pos
			}
			v, err = nil, &c
		}
	}()
	return in.block(p.Stmts, e)
}

func (in *Interp) block(stmts []syntax.Stmt, e *env) (value.Value, error) {
	var last value.Value = value.Null{}
	for i, s := range stmts {
		switch s := s.(type) {
		case *syntax.Let:
			if i == len(stmts)-1 {
				// Fauna's words (error-codes page), checked before running
				// as Fauna's validation does.
				return nil, diag.Errorf(diag.InvalidQuery, s.P, "Missing return expression: the statement `let %s` does not return a value; add an expression after it (e.g. `%s`)", s.Name, s.Name)
			}
			v, err := in.eval(s.Value, e)
			if err != nil {
				return nil, err
			}
			if s.Type != "" && !in.hasType(v, s.Type) {
				return nil, diag.Errorf(diag.InvalidQuery, s.P, "`%s` is declared %s but its value is %s", s.Name, s.Type, value.Article(value.TypeName(v)))
			}
			e = &env{name: s.Name, val: v, parent: e}
			last = value.Null{}
		case syntax.Expr:
			v, err := in.eval(s, e)
			if err != nil {
				return nil, err
			}
			last = v
		}
	}
	return last, nil
}

func (in *Interp) eval(x syntax.Expr, e *env) (v value.Value, err error) {
	in.depth++
	defer func() { in.depth-- }()
	if in.depth > maxDepth {
		return nil, diag.Errorf(diag.LimitExceeded, x.Position(), "the query nests calls deeper than %d", maxDepth)
	}
	switch n := x.(type) {
	case *syntax.Literal:
		return literal(n.Value), nil
	case *syntax.Template:
		var b strings.Builder
		for _, p := range n.Parts {
			v, err := in.eval(p, e)
			if err != nil {
				return nil, err
			}
			switch x := v.(type) {
			case value.String:
				b.WriteString(string(x))
			case value.Int: // "user #{i}": without a render
				b.WriteString(strconv.FormatInt(int64(x), 10))
			default:
				b.WriteString(value.Show(v))
			}
			if b.Len() > value.MaxString {
				return nil, value.StringTooLong(p.Position(), b.Len())
			}
		}
		if err := in.alloc(n.P, value.String(b.String())); err != nil {
			return nil, err
		}
		return value.String(b.String()), nil
	case *syntax.Ident:
		return in.ident(n, e)
	case *syntax.ArrayLit:
		out := make(value.Array, 0, len(n.Elems))
		for _, el := range n.Elems {
			v, err := in.eval(el, e)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case *syntax.ObjectLit:
		o := value.NewObjectSized(len(n.Keys))
		for i, k := range n.Keys {
			v, err := in.eval(n.Values[i], e)
			if err != nil {
				return nil, err
			}
			o.Set(k, v)
		}
		return o, nil
	case *syntax.Block:
		return in.block(n.Stmts, e)
	case *syntax.Unary:
		return in.unary(n, e)
	case *syntax.Binary:
		return in.binary(n, e)
	case *syntax.Select:
		v, _, err := in.selectField(n, e)
		return v, err
	case *syntax.Index:
		v, _, err := in.index(n, e)
		return v, err
	case *syntax.Call:
		v, _, err := in.call(n, e)
		return v, err
	case *syntax.NonNull:
		v, err := in.eval(n.X, e)
		if err != nil {
			return nil, err
		}
		if value.IsNull(v) {
			if nd, ok := v.(*value.NullDoc); ok {
				return nil, diag.Errorf(diag.DocumentNotFound, n.P, "Collection `%s` does not contain document with id %s.", nd.Coll, nd.ID)
			}
			return nil, diag.Errorf(CodeNullAccess, n.P, "the value before `!` is null")
		}
		return v, nil
	case *syntax.If:
		c, err := in.eval(n.Cond, e)
		if err != nil {
			return nil, err
		}
		b, ok := c.(value.Bool)
		if !ok && !value.IsNull(c) {
			return nil, diag.Errorf(diag.InvalidType, n.Cond.Position(), "the condition of `if` must be a Boolean, got %s", value.TypeName(c))
		}
		if bool(b) {
			return in.eval(n.Then, e)
		}
		if n.Else == nil {
			return value.Null{}, nil
		}
		return in.eval(n.Else, e)
	case *syntax.Lambda:
		return &Closure{in: in, params: n.Params, body: n.Body, env: e, pos: n.P}, nil
	case *syntax.Projection:
		return in.project(n, e)
	}
	return nil, diag.Errorf(diag.InternalError, x.Position(), "cannot evaluate %T", x)
}

func literal(v any) value.Value {
	switch v := v.(type) {
	case nil:
		return value.Null{}
	case bool:
		return value.Bool(v)
	case int64:
		return value.Int(v)
	case float64:
		return value.Double(v)
	case string:
		return value.String(v)
	}
	return value.Null{}
}

func (in *Interp) ident(n *syntax.Ident, e *env) (value.Value, error) {
	if v, ok := e.lookup(n.Name); ok {
		return v, nil
	}
	if v, ok := in.globals[n.Name]; ok {
		return v, nil
	}
	msg := fmt.Sprintf("unknown variable, collection or function `%s`", diag.Clip(n.Name))
	if s := in.suggest(n.Name, e); s != "" {
		msg += fmt.Sprintf("; did you mean `%s`?", s)
	}
	return nil, &diag.Error{Code: diag.InvalidQuery, Message: msg, Pos: n.P, Len: len(n.Name)}
}

// suggest finds the known name closest to a misspelt one.
func (in *Interp) suggest(name string, e *env) string {
	var names []string
	for ; e != nil; e = e.parent {
		names = append(names, e.name)
	}
	for g := range in.globals {
		names = append(names, g)
	}
	sort.Strings(names)
	best, bestD := "", 3
	for _, c := range names {
		if c == implicitParam {
			continue
		}
		if d := levenshtein.ComputeDistance(strings.ToLower(name), strings.ToLower(c)); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// chain evaluates the receiver of a field access, index or call. short is
// true when a `?.` before it met null: the rest of the chain is skipped and
// the whole chain is null (`doc?.update({…})` on a missing document).
func (in *Interp) chain(x syntax.Expr, e *env) (v value.Value, short bool, err error) {
	in.depth++
	defer func() { in.depth-- }()
	if in.depth > maxDepth {
		return nil, false, diag.Errorf(diag.LimitExceeded, x.Position(), "the query nests calls deeper than %d", maxDepth)
	}
	switch n := x.(type) {
	case *syntax.Select:
		return in.selectField(n, e)
	case *syntax.Index:
		return in.index(n, e)
	case *syntax.Call:
		return in.call(n, e)
	}
	v, err = in.eval(x, e)
	return v, false, err
}

func (in *Interp) selectField(n *syntax.Select, e *env) (value.Value, bool, error) {
	return in.selectMember(n, e, false)
}

// selectMember is x.name; call says it is called (x.name(…)), so that a
// missing member is reported as a function that does not exist.
func (in *Interp) selectMember(n *syntax.Select, e *env, call bool) (value.Value, bool, error) {
	var x value.Value
	if n.X == nil {
		v, ok := e.lookup(implicitParam)
		if !ok {
			return nil, false, diag.Errorf(diag.InvalidQuery, n.P, "`.%s` is a short-hand function and can only be used as an argument, e.g. `.where(.%s == …)`", n.Name, n.Name)
		}
		x = v
	} else {
		var short bool
		var err error
		if x, short, err = in.chain(n.X, e); err != nil || short {
			return value.Null{}, short, err
		}
	}
	if n.Optional && value.IsNull(x) {
		if _, ok := x.(*value.NullDoc); !ok || n.Name != "exists" {
			return value.Null{}, true, nil
		}
	}
	if o, ok := x.(*value.Object); ok && !o.Stored && n.X != nil {
		if _, has := o.Lookup(n.Name); !has {
			// Fauna's dot-notation page: a field the object does not have
			// is an error (o["name"] reads null; so does the short-hand
			// `.name`, which projections use).
			return nil, false, &diag.Error{Code: diag.InvalidQuery, Message: fmt.Sprintf("Type `Object` does not have field `%s`", diag.Clip(n.Name)),
				Pos: diag.Pos{Line: n.P.Line, Column: n.P.Column + 1}, Len: len(n.Name)}
		}
	}
	v, err := in.member(x, n.Name, n.Optional, n.P, call)
	return v, false, err
}

func (in *Interp) attr(x value.Value, name string, optional bool, p diag.Pos) (value.Value, error) {
	return in.member(x, name, optional, p, false)
}

// missingMember is the error for x.name that x does not have, in the words
// of Fauna's error-codes page ("the function `len` does not exist on
// string") for a call, of its dot-notation page for a field.
func missingMember(x value.Value, name string, call bool, p diag.Pos) *diag.Error {
	msg := fmt.Sprintf("Type `%s` does not have field `%s`", value.TypeName(x), diag.Clip(name))
	if call {
		msg = fmt.Sprintf("the function `%s` does not exist on %s", diag.Clip(name), describe(x))
	}
	return &diag.Error{Code: diag.InvalidQuery, Message: msg, Pos: p, Len: len(name)}
}

func (in *Interp) member(x value.Value, name string, optional bool, p diag.Pos, call bool) (value.Value, error) {
	namePos := diag.Pos{Line: p.Line, Column: p.Column + 1}
	if optional && value.IsNull(x) {
		if _, ok := x.(*value.NullDoc); !ok || name != "exists" {
			return value.Null{}, nil
		}
	}
	switch x.(type) {
	case value.Null, nil:
		return nil, &diag.Error{Code: CodeNullAccess, Message: fmt.Sprintf("cannot read `%s` of null", diag.Clip(name)), Pos: namePos, Len: len(name)}
	}
	h, ok := x.(value.HasAttrs)
	if !ok {
		return nil, missingMember(x, name, call, namePos)
	}
	in.pos = namePos
	v, err := h.Attr(in, name)
	if err != nil {
		return nil, in.locate(err, namePos)
	}
	if v == nil {
		return nil, missingMember(x, name, call, namePos)
	}
	if _, null := v.(value.Null); null && call {
		// A document reads null for a field it lacks; called, the name is a
		// method it does not have (`doc.toString()`), not a null to call.
		if d, ok := x.(*value.Document); ok && !d.HasField(name) {
			return nil, missingMember(x, name, true, namePos)
		}
	}
	return v, nil
}

func describe(x value.Value) string {
	switch x := x.(type) {
	case *value.Collection:
		names := []string{"all", "byId", "create", "where", "firstWhere"}
		for _, ix := range x.Def.Indexes {
			names = append(names, ix.Name)
		}
		return fmt.Sprintf("the collection %s (methods: %s)", x.Def.Name, strings.Join(names, ", "))
	case *value.Module:
		return "the module " + x.Name
	}
	return value.TypeName(x)
}

// locate gives an error without a position the position p.
func (in *Interp) locate(err error, p diag.Pos) error {
	d, ok := err.(*diag.Error)
	if !ok {
		return &diag.Error{Code: diag.InternalError, Message: err.Error(), Pos: p}
	}
	if !d.Pos.IsValid() {
		c := *d
		c.Pos = p
		return &c
	}
	return d
}

func (in *Interp) index(n *syntax.Index, e *env) (value.Value, bool, error) {
	x, short, err := in.chain(n.X, e)
	if err != nil || short {
		return value.Null{}, short, err
	}
	if n.Optional && value.IsNull(x) {
		return value.Null{}, true, nil
	}
	k, err := in.eval(n.Index, e)
	if err != nil {
		return nil, false, err
	}
	if value.IsNull(x) {
		if _, ok := x.(*value.NullDoc); !ok {
			return nil, false, diag.Errorf(CodeNullAccess, n.P, "cannot index null")
		}
	}
	ix, ok := x.(value.Indexable)
	if !ok {
		return nil, false, diag.Errorf(diag.InvalidQuery, n.P, "%s cannot be indexed with [ ]", value.Article(value.TypeName(x)))
	}
	in.pos = n.P
	v, err := ix.Index(in, k)
	if err != nil {
		return nil, false, in.locate(err, n.P)
	}
	return v, false, nil
}

func (in *Interp) call(n *syntax.Call, e *env) (value.Value, bool, error) {
	var fn value.Value
	var short bool
	var err error
	if s, ok := n.Fn.(*syntax.Select); ok {
		fn, short, err = in.selectMember(s, e, true)
	} else {
		fn, short, err = in.chain(n.Fn, e)
	}
	if err != nil || short {
		return value.Null{}, short, err
	}
	args := make([]value.Value, len(n.Args))
	for i, a := range n.Args {
		if i < 64 && n.Implicit&(1<<i) != 0 || i >= 64 && syntax.UsesImplicit(a) {
			// `.f == v` as an argument is the function x => x.f == v.
			args[i] = &Closure{in: in, params: []string{implicitParam}, body: a, env: e, pos: a.Position()}
			continue
		}
		if args[i], err = in.eval(a, e); err != nil {
			return nil, false, err
		}
	}
	p := n.Fn.Position()
	length := 0
	if s, ok := n.Fn.(*syntax.Select); ok {
		p = diag.Pos{Line: s.P.Line, Column: s.P.Column + 1}
		length = len(s.Name)
		if s.X == nil {
			p = s.P
		}
	}
	c, ok := fn.(value.Callable)
	if !ok {
		return nil, false, &diag.Error{Code: diag.InvalidQuery, Message: fmt.Sprintf("%s is not a function and cannot be called", value.Article(value.TypeName(fn))), Pos: p, Len: length}
	}
	in.pos = p
	if cl, ok := c.(*Closure); ok && len(args) > len(cl.params) {
		return nil, false, arityError(p, len(cl.params), len(args))
	}
	v, err := c.Call(in, args)
	if err == nil {
		if _, ok := c.(*value.Builtin); ok {
			err = in.alloc(p, v)
		}
	}
	if err != nil {
		err = in.locate(err, p)
		if d, ok := err.(*diag.Error); ok && d.Pos == p && d.Len == 0 && length > 0 {
			c := *d
			c.Len = length // underline the method's name
			err = &c
		}
		return nil, false, err
	}
	return v, false, nil
}
