package value

import (
	"fmt"
	"strings"

	"github.com/faunaplay/playground/engine/diag"
	"github.com/faunaplay/playground/engine/schema"
	"github.com/faunaplay/playground/engine/store"
)

// SchemaFQL runs FQL that the schema holds (FSL defaults, computed fields,
// checks and function bodies); the interpreter implements it.
type SchemaFQL interface {
	// EvalSchema evaluates f in the global scope.
	EvalSchema(f *schema.FQL) (Value, error)
	// CallSchema calls f, a function of one argument: a lambda, or a
	// short-hand (`.stock * .price`) whose implicit parameter is arg.
	CallSchema(f *schema.FQL, arg Value) (Value, error)
	// CallFunction runs a user-defined function.
	CallFunction(fn *schema.Function, args []Value) (Value, error)
}

func schemaFQL(ctx Context) (SchemaFQL, error) {
	s, ok := ctx.(SchemaFQL)
	if !ok {
		return nil, diag.Errorf(diag.InternalError, ctx.Pos(), "this context cannot run the schema's FQL")
	}
	return s, nil
}

// Function is a user-defined function, called by its name.
type Function struct{ Def *schema.Function }

func (f *Function) Type() string { return "Function" }

func (f *Function) Arity() int {
	if n := len(f.Def.Params); n > 0 && f.Def.Params[n-1].Variadic {
		return -1
	}
	return len(f.Def.Params)
}

func (f *Function) Call(ctx Context, args []Value) (Value, error) {
	s, err := schemaFQL(ctx)
	if err != nil {
		return nil, err
	}
	at := ctx.Pos()
	if err := CheckArity(at, f.Def, len(args)); err != nil {
		return nil, err
	}
	v, err := s.CallFunction(f.Def, args)
	if err != nil {
		return nil, schemaFQLError(&atPos{ctx, at}, err, "function `"+f.Def.Name+"`")
	}
	return v, nil
}

// CheckArity is the error of calling fn with n arguments, or nil.
func CheckArity(at diag.Pos, fn *schema.Function, n int) error {
	fixed := len(fn.Params)
	variadic := fixed > 0 && fn.Params[fixed-1].Variadic
	if variadic {
		fixed--
	}
	if n >= fixed && (variadic || n == fixed) {
		return nil
	}
	want := fmt.Sprint(fixed)
	if variadic {
		want = fmt.Sprintf("at least %d", fixed)
	}
	return diag.Errorf(diag.InvalidFunctionInvocation, at, "function `%s` takes %s argument(s), got %d", fn.Name, want, n)
}

// atPos is ctx as it was at a call: the error of a call made there is
// placed there.
type atPos struct {
	Context
	at diag.Pos
}

func (a *atPos) Pos() diag.Pos { return a.at }

// Attr gives a function's name and definition, as Fauna's FunctionDef.
func (f *Function) Attr(ctx Context, name string) (Value, error) {
	switch name {
	case "name":
		return String(f.Def.Name), nil
	case "definition":
		return &FunctionDef{Def: f.Def}, nil
	}
	return nil, nil
}

// computeField evaluates an FSL computed field of d: its function, called
// with the document.
func computeField(ctx Context, d *Document, f *schema.Field) (Value, error) {
	s, err := schemaFQL(ctx)
	if err != nil {
		return nil, err
	}
	v, err := s.CallSchema(f.Compute, d)
	if err != nil {
		return nil, schemaFQLError(ctx, err, "computed field `"+f.Name+"`"+" of "+d.Coll.Name)
	}
	return v, nil
}

// withComputed is d with its FSL computed fields evaluated, as a result
// shows the document (Fauna printed them beside the stored fields). A
// computed field that reads a relation back (Via) is a Set: not shown,
// as the GraphQL-made ones are not.
func (m *materializer) withComputed(d *Document, depth int) (Value, error) {
	var out *Object
	for _, f := range d.Coll.Fields {
		if f.Kind != schema.Computed || f.Compute == nil || f.Via != nil {
			continue
		}
		v, err := computeField(m.ctx, d, f)
		if err != nil {
			return nil, err
		}
		if _, isSet := v.(Set); isSet {
			continue
		}
		if v, err = m.walk(v, depth+1); err != nil {
			return nil, err
		}
		if out == nil {
			out = NewObject()
		}
		out.Set(f.Name, v)
	}
	if out == nil {
		return d, nil
	}
	c := *d
	c.Computed = out
	return &c, nil
}

// schemaFQLError says which part of the schema an error came from and
// puts it at the query's place that ran that part: its own position is in
// the schema text, which the query's caret cannot show. An error already
// noted (a function calling a function) keeps its note and moves out to
// the call the query made.
func schemaFQLError(ctx Context, err error, what string) error {
	d, ok := err.(*diag.Error)
	if !ok {
		return err
	}
	c := *d
	if !strings.Contains(d.Message, schemaNote) {
		c.Message = fmt.Sprintf("%s (%s %s, schema line %d:%d)", d.Message, schemaNote, what, d.Line, d.Column)
	}
	c.Pos, c.Len = ctx.Pos(), 0 // the outermost call the query made
	return &c
}

// schemaNote marks a message placed by schemaFQLError.
const schemaNote = "in the schema's"

// applyDefaults fills the fields a create or replace left out with their
// FSL defaults (data holds what was given, in store form).
func applyDefaults(ctx Context, c *schema.Collection, data *store.Fields) error {
	for _, f := range c.Fields {
		if f.Default == nil || f.Kind == schema.Computed || data.Get(f.Name) != nil {
			continue
		}
		s, err := schemaFQL(ctx)
		if err != nil {
			return err
		}
		v, err := s.EvalSchema(f.Default)
		if err != nil {
			return schemaFQLError(ctx, err, "the default of `"+f.Name+"`"+" of "+c.Name)
		}
		if IsNull(v) && !isDoc(v) {
			continue
		}
		stored, err := ToStore(ctx, v)
		if err != nil {
			return err
		}
		data.Set(f.Name, stored)
	}
	return nil
}

// runChecks calls each FSL check of d's collection with the document as
// written; one that returns false or null fails the write (and so the
// query, which rolls back whole), as Fauna documented. A check may read
// but not write.
func runChecks(ctx Context, d *Document, verb string) error {
	if len(d.Coll.Checks) == 0 {
		return nil
	}
	s, err := schemaFQL(ctx)
	if err != nil {
		return err
	}
	var failed []string
	for _, ch := range d.Coll.Checks {
		writes := ctx.Tx().Writes
		r, err := s.CallSchema(ch.Body, d)
		if err != nil {
			return schemaFQLError(ctx, err, "check `"+ch.Name+"`"+" of "+d.Coll.Name)
		}
		if ctx.Tx().Writes != writes {
			return diag.Errorf(diag.InvalidQuery, ctx.Pos(), "check `%s` of collection `%s` wrote; a check constraint may only read", ch.Name, d.Coll.Name)
		}
		switch r := r.(type) {
		case Bool:
			if !r {
				failed = append(failed, fmt.Sprintf("Document failed check constraint `%s`", ch.Name))
			}
		case Null:
			failed = append(failed, fmt.Sprintf("Document failed check constraint `%s`", ch.Name))
		default:
			return diag.Errorf(diag.InvalidType, ctx.Pos(), "check `%s` of collection `%s` returned %s; a check returns a Boolean or null", ch.Name, d.Coll.Name, TypeName(r))
		}
	}
	if len(failed) > 0 {
		return diag.Errorf(diag.ConstraintFailure, ctx.Pos(), "Failed to %s document in collection `%s`: %s.", verb, d.Coll.Name, strings.Join(failed, "; "))
	}
	return nil
}

// checkFSL checks v against an FSL type; "" when it conforms.
func checkFSL(ctx Context, t *schema.Type, v Value) string {
	if IsNull(v) && !isDoc(v) {
		if t.Nullable || t.Name == "Any" || t.Name == "Null" {
			return ""
		}
		for _, u := range t.Union {
			if u.Nullable || u.Name == "Null" || u.Name == "Any" {
				return ""
			}
		}
		return "null where a value is required"
	}
	switch {
	case t.Union != nil:
		var names []string
		for _, u := range t.Union {
			if checkFSL(ctx, u, v) == "" {
				return ""
			}
			names = append(names, u.String())
		}
		return fmt.Sprintf("expected %s, got %s", strings.Join(names, " | "), TypeName(v))
	case t.Elem != nil:
		arr, ok := v.(Array)
		if !ok {
			return fmt.Sprintf("expected an Array, got %s", TypeName(v))
		}
		for i, e := range arr {
			if msg := checkFSL(ctx, t.Elem, e); msg != "" {
				return fmt.Sprintf("element %d: %s", i, msg)
			}
		}
		return ""
	case t.Literal != nil:
		lit, err := FromStore(ctx, t.Literal)
		if err == nil && Equal(lit, v) {
			return ""
		}
		return fmt.Sprintf("expected %s, got %s", t.String(), diag.Clip(Show(v)))
	case t.Set != nil:
		return "a Set is never stored"
	case t.Fields != nil:
		o, ok := v.(*Object)
		if !ok {
			return fmt.Sprintf("expected an Object, got %s", TypeName(v))
		}
		return checkFSLObject(ctx, t, o)
	}
	if ok, known := fslScalar(t.Name, v); known {
		if ok {
			return ""
		}
		return fmt.Sprintf("expected %s, got %s", fslArticle(t.Name), TypeName(v))
	}
	// A collection's name: a reference to one of its documents.
	switch d := v.(type) {
	case *Document:
		if d.Coll.Name != t.Name {
			return fmt.Sprintf("expected a %s document, got a %s document", t.Name, d.Coll.Name)
		}
		return ""
	case *NullDoc:
		return fmt.Sprintf("the %s document %s does not exist", d.Coll, d.ID)
	}
	return fmt.Sprintf("expected a %s document, got %s", t.Name, TypeName(v))
}

func checkFSLObject(ctx Context, t *schema.Type, o *Object) string {
	var wildcard *schema.Type
	for _, f := range t.Fields {
		if f.Name == "*" {
			wildcard = f.Type
		}
	}
	for _, k := range o.Keys {
		var ft *schema.Type
		for _, f := range t.Fields {
			if f.Name == k {
				ft = f.Type
			}
		}
		if ft == nil {
			ft = wildcard
		}
		if ft == nil {
			return fmt.Sprintf("`%s` is not a field of this object", k)
		}
		if msg := checkFSL(ctx, ft, o.Get(k)); msg != "" {
			return fmt.Sprintf("`%s`: %s", k, msg)
		}
	}
	for _, f := range t.Fields {
		if f.Name == "*" || f.Optional {
			continue
		}
		if v, ok := o.Lookup(f.Name); !ok || IsNull(v) {
			if msg := checkFSL(ctx, f.Type, Null{}); msg != "" {
				return fmt.Sprintf("`%s` is required", f.Name)
			}
		}
	}
	return ""
}

// fslScalar says whether v is of FSL's scalar type name; known is false
// for a name that is no scalar (a collection's).
func fslScalar(name string, v Value) (ok, known bool) {
	switch name {
	case "Any":
		return true, true
	case "String":
		_, ok = v.(String)
	case "ID":
		_, ok = v.(String)
		if _, isInt := v.(Int); isInt {
			ok = true
		}
	case "Int", "Long":
		_, ok = v.(Int)
	case "Double", "Float":
		_, ok = v.(Double)
	case "Number":
		_, ok = AsNumber(v)
	case "Boolean":
		_, ok = v.(Bool)
	case "Time":
		_, ok = v.(Time)
	case "Date":
		_, ok = v.(Date)
	case "Null":
		ok = IsNull(v)
	case "Bytes":
		_, ok = v.(String)
	default:
		return false, false
	}
	return ok, true
}

func fslArticle(name string) string {
	switch name[0] {
	case 'A', 'E', 'I', 'O', 'U':
		return "an " + name
	}
	return "a " + name
}
