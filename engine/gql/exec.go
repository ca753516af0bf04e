package gql

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/faunaplay/playground/engine/diag"
	"github.com/faunaplay/playground/engine/ordered"
	"github.com/faunaplay/playground/engine/schema"
	"github.com/faunaplay/playground/engine/store"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/validator"
)

// Result is a GraphQL response.
type Result struct {
	Data       any           `json:"data"`
	Errors     gqlerror.List `json:"errors,omitempty"`
	Extensions *Extensions   `json:"extensions,omitempty"`
	request    bool          // failed before execution (requestErrors)
}

// Extensions is the response's "extensions" entry: what the operation cost,
// as FQL's stats count it (the spec leaves this entry to the server).
type Extensions struct {
	Stats Stats `json:"stats"`
}

// Stats counts an operation's work; query_time_ms is filled by the engine.
type Stats struct {
	ReadOps     int     `json:"read_ops"`
	WriteOps    int     `json:"write_ops"`
	QueryTimeMS float64 `json:"query_time_ms"`
}

// DefaultPageSize is the size of a page when _size is not given (Fauna's).
const DefaultPageSize = 50

// Execute validates and runs the one operation of query in one transaction
// of db.
func (a *API) Execute(db *store.DB, query string, variables map[string]any) (res Result) {
	return a.ExecuteOp(db, query, "", variables)
}

// ExecuteOp is Execute running the operation named operationName (which a
// document of several operations needs, as the GraphQL-over-HTTP request's
// operationName says).
func (a *API) ExecuteOp(db *store.DB, query, operationName string, variables map[string]any) (res Result) {
	var stats Stats
	res = a.execute(db, query, operationName, variables, &stats)
	res.Extensions = &Extensions{Stats: stats}
	clipMessages(res.Errors)
	return res
}

func (a *API) execute(db *store.DB, query, operationName string, variables map[string]any, stats *Stats) (res Result) {
	if a.Schema == nil {
		msg := "there is no GraphQL API: the schema has errors"
		switch {
		case a.err != nil:
			msg = a.err.Error()
		case a.Model != nil && a.Model.Language == schema.FSLLang:
			msg = NoAPIForFSL
		case a.Model != nil && len(a.Model.Errors) == 0 && len(a.errs) == 0:
			msg = NoCollections
		}
		return requestErrors(&gqlerror.Error{Message: msg})
	}
	doc, errs := load(a.Schema, query)
	if len(errs) > 0 {
		return requestErrors(errs...)
	}
	op, e := chooseOperation(doc, operationName)
	if e != nil {
		return requestErrors(e)
	}
	if op.Operation == ast.Subscription {
		return requestErrors(gqlerror.ErrorPosf(op.Position, "subscriptions are not supported"))
	}
	if e := tooManyVariableValues(op, variables); e != nil {
		return requestErrors(e)
	}
	vars, err := validator.VariableValues(a.Schema, op, variables)
	if err != nil {
		return requestErrors(variableError(op, err))
	}
	for k, v := range vars {
		vars[k] = plain(v)
	}
	if e := coerceVariables(a.Schema, op, vars); e != nil {
		return Result{Errors: gqlerror.List{e}}
	}
	var data *ordered.Object
	x := &executor{api: a, vars: vars}
	err = db.Update(func(tx *store.Tx) error {
		x.tx = tx
		root := a.Schema.Query
		if op.Operation == ast.Mutation {
			root = a.Schema.Mutation
		}
		var err error
		data, err = x.rootFields(root, op.SelectionSet)
		if err == nil && len(x.errs) > 0 && op.Operation == ast.Mutation {
			// A mutation is one transaction: with any error, nothing stays.
			return errRollback
		}
		return err
	})
	if x.tx != nil {
		stats.ReadOps, stats.WriteOps = x.tx.Reads, x.tx.Writes
		if err != nil {
			stats.WriteOps = 0 // rolled back: nothing was written
		}
	}
	if err == errRollback {
		return Result{Errors: x.errs}
	}
	if err != nil {
		var ge *gqlerror.Error
		if !errors.As(err, &ge) {
			ge = &gqlerror.Error{Message: diag.As(err).Message}
		}
		return Result{Errors: gqlerror.List{ge}}
	}
	if data == nil {
		return Result{Errors: x.errs}
	}
	return Result{Data: data, Errors: x.errs}
}

// variableError says which variable has a value its type refuses, at the
// variable's definition (gqlparser gives a path under "variable" only).
func variableError(op *ast.OperationDefinition, err error) *gqlerror.Error {
	var ge *gqlerror.Error
	if !errors.As(err, &ge) {
		return &gqlerror.Error{Message: err.Error()}
	}
	if len(ge.Path) < 2 {
		return ge
	}
	name, _ := ge.Path[1].(ast.PathName)
	def := op.VariableDefinitions.ForName(string(name))
	if def == nil {
		return ge
	}
	var at string
	for _, p := range ge.Path[2:] {
		switch p := p.(type) {
		case ast.PathName:
			at += "." + string(p)
		case ast.PathIndex:
			at += fmt.Sprintf("[%d]", int(p))
		}
	}
	msg := fmt.Sprintf("Variable \"$%s\" got an invalid value", name)
	if at != "" {
		msg += " at \"" + string(name) + at + "\""
	}
	msg += ": " + ge.Message
	if at == "" && ge.Message == "must be defined" {
		msg = fmt.Sprintf("Variable \"$%s\" of required type \"%s\" was not provided.", name, def.Type)
	}
	return gqlerror.ErrorPosf(def.Position, "%s", msg)
}

type executor struct {
	api    *API
	tx     *store.Tx
	vars   map[string]any
	errs   gqlerror.List // field errors that left a null in the data
	fields int           // fields resolved so far
}

// MaxFields bounds the fields one operation resolves: a selection nested
// through relations (videos { author { videos … } }) grows as the page
// size to the power of its depth, so a few lines could otherwise run for
// ever. Past it the operation fails whole (a mutation writes nothing).
const MaxFields = 50_000

// step counts one resolved field f, failing past MaxFields.
func (x *executor) step(f *ast.Field, path ast.Path) error {
	x.fields++
	if x.fields > MaxFields {
		e := fail(f, path, "the operation resolves more than %d fields; select fewer levels or smaller pages (_size)", MaxFields)
		e.Extensions = map[string]any{"code": diag.LimitExceeded}
		return e
	}
	return nil
}

// errNull says that a value is null where its type is non-null: the error
// is recorded, and the null goes up to the nearest field that may be null.
var errNull = errors.New("null in a non-null field")

// errRollback undoes a mutation that recorded field errors.
var errRollback = errors.New("rollback")

// nonNull completes the value v of field f (of type parent) as GraphQL's
// null propagation says: a null in a non-null field is an error, and makes
// the parent null instead.
func (x *executor) nonNull(v any, err error, f *ast.Field, path ast.Path, parent string) (any, error) {
	if err != nil && err != errNull {
		return nil, err
	}
	if err == nil && v != nil {
		return v, nil
	}
	if f.Definition == nil || !f.Definition.Type.NonNull {
		return nil, nil
	}
	if err == nil {
		x.errs = append(x.errs, fail(f, path, "Cannot return null for non-nullable field %s.%s.", parent, f.Name))
	}
	return nil, errNull
}

// listElem completes an element of a list value, as nonNull does for a field.
func (x *executor) listElem(v any, err error, f *ast.Field, path ast.Path) (any, error) {
	if err != nil && err != errNull {
		return nil, err
	}
	if err == nil && v != nil {
		return v, nil
	}
	t := f.Definition.Type
	if t.Elem == nil || !t.Elem.NonNull {
		return nil, nil
	}
	if err == nil {
		x.errs = append(x.errs, fail(f, path, "Cannot return null for non-nullable list element of %s.", f.Name))
	}
	return nil, errNull
}

// fail is an error of a field, with its location and path.
func fail(f *ast.Field, path ast.Path, format string, args ...any) *gqlerror.Error {
	e := gqlerror.ErrorPosf(f.Position, format, args...)
	e.Path = path
	return e
}

func (x *executor) rootFields(root *ast.Definition, set ast.SelectionSet) (*ordered.Object, error) {
	out := &ordered.Object{}
	for _, f := range collect(x.api.Schema, set, root.Name, x.vars) {
		path := ast.Path{ast.PathName(f.Alias)}
		if err := x.step(f, path); err != nil {
			return nil, err
		}
		if f.Name == "__typename" {
			out.Set(f.Alias, root.Name)
			continue
		}
		switch f.Name {
		case "__schema":
			out.Set(f.Alias, x.resolveMeta(x.api.metaSchema(), f))
			continue
		case "__type":
			name, _ := f.ArgumentMap(x.vars)["name"].(string)
			out.Set(f.Alias, x.resolveMeta(x.api.metaType(x.api.Schema.Types[name]), f))
			continue
		}
		v, err := x.rootField(root.Name, f, path)
		v, err = x.nonNull(v, err, f, path, root.Name)
		if err == errNull {
			return nil, nil // the data is null
		}
		if err != nil {
			var ge *gqlerror.Error
			if !errors.As(err, &ge) {
				// An error of the store: it is still this field's.
				err = fail(f, path, "%s", diag.As(err).Message)
			}
			return nil, err
		}
		out.Set(f.Alias, v)
	}
	return out, nil
}

func (x *executor) rootField(root string, f *ast.Field, path ast.Path) (any, error) {
	args := f.ArgumentMap(x.vars)
	name := f.Name
	// The schema's own fields come first: they replace generated ones.
	if def := x.api.Model.Doc.Definitions.ForName(root); def != nil {
		if fd := def.Fields.ForName(name); fd != nil {
			return x.userField(root, fd, f, args, path)
		}
	}
	for _, c := range x.api.collections() {
		switch name {
		case "find" + c.Type + "ByID":
			d, err := x.tx.Get(c.Name, fmt.Sprint(args["id"]))
			if err != nil || d == nil {
				return nil, err
			}
			return x.object(d, f, path)
		case "create" + c.Type:
			d, err := x.write(c, "", asMap(args["data"]), f, path)
			if err != nil {
				return nil, err
			}
			return x.object(d, f, path)
		case "update" + c.Type, "partialUpdate" + c.Type:
			d, err := x.write(c, fmt.Sprint(args["id"]), asMap(args["data"]), f, path)
			if err != nil {
				return nil, err
			}
			return x.object(d, f, path)
		case "delete" + c.Type:
			return x.delete(c, fmt.Sprint(args["id"]), f, path)
		}
	}
	return nil, fail(f, path, "unknown field %s.%s", root, name)
}

// userField answers a field of the user's own Query type: a list of a
// collection type is every document whose fields equal the arguments (read
// through an index when one has those terms); a single one is the first.
func (x *executor) userField(root string, fd *ast.FieldDefinition, f *ast.Field, args map[string]any, path ast.Path) (any, error) {
	if r := fd.Directives.ForName("resolver"); r != nil {
		return x.resolver(r, fd, f, args, path)
	}
	if root != "Query" {
		return nil, fail(f, path, "%s.%s has no @resolver: Fauna runs the schema's own %s fields only through user-defined functions", root, f.Name, strings.ToLower(root))
	}
	c := x.api.byType[fd.Type.Name()]
	if c == nil {
		return nil, fail(f, path, "%s returns %s, which is not a collection type; only queries returning collection types are generated", f.Name, fd.Type.Name())
	}
	terms := map[string]any{}
	listTerm := false // an index keeps a list whole: it cannot find an element
	for _, arg := range fd.Arguments {
		if v, ok := args[arg.Name]; ok && v != nil {
			field := c.Field(arg.Name)
			if field == nil {
				return nil, fail(f, path, "argument %s of %s is not a field of %s", arg.Name, f.Name, c.Type)
			}
			listTerm = listTerm || field.List
			sv, err := x.scalar(field.Elem, v, f, path)
			if err != nil {
				return nil, err
			}
			terms[arg.Name] = sv
		}
	}
	var docs []*store.Doc
	visit := func(d *store.Doc) (bool, error) {
		for k, v := range terms {
			if !termMatches(d.Data.Get(k), v) {
				return true, nil
			}
		}
		docs = append(docs, d)
		return true, nil
	}
	var err error
	if ix := indexOn(c, terms); ix != nil && !listTerm {
		vals := make([]any, len(ix.Terms))
		for i, t := range ix.Terms {
			vals[i] = terms[t]
		}
		err = x.tx.Lookup(c.Name, ix.Name, vals, visit)
	} else {
		err = x.tx.Scan(c.Name, "", visit)
	}
	if err != nil {
		return nil, err
	}
	if fd.Type.Elem == nil {
		if len(docs) == 0 {
			return nil, nil
		}
		return x.object(docs[0], f, path)
	}
	return x.page(docs, f, args, path)
}

// termMatches says whether a stored field matches an argument: equal, or,
// for a list, holding it (Fauna's indexes had an entry per element).
func termMatches(stored, want any) bool {
	if list, ok := stored.([]any); ok {
		for _, e := range list {
			if store.TermKey(e) == store.TermKey(want) {
				return true
			}
		}
		return false
	}
	return store.TermKey(stored) == store.TermKey(want)
}

func indexOn(c *schema.Collection, terms map[string]any) *schema.Index {
	if len(terms) == 0 {
		return nil
	}
	names := make([]string, 0, len(terms))
	for k := range terms {
		names = append(names, k)
	}
	return c.IndexOn(names...)
}

func (x *executor) page(docs []*store.Doc, f *ast.Field, args map[string]any, path ast.Path) (any, error) {
	size := DefaultPageSize
	if s, ok := args["_size"].(int64); ok {
		if s < 1 || s > 10000 {
			return nil, fail(f, path, "_size must be between 1 and 10000, got %d", s)
		}
		size = int(s)
	}
	// A cursor is a position in the set: "o<n>" starts a page at n (the
	// after of the page before), "b<n>" ends one just before n (the before
	// of the page after), as Fauna's after and before cursors worked.
	start, end := 0, min(size, len(docs))
	if c, ok := args["_cursor"].(string); ok && c != "" {
		n, err := strconv.Atoi(c[1:])
		if err != nil || n < 0 || (c[0] != 'o' && c[0] != 'b') {
			return nil, fail(f, path, "invalid _cursor %q: use the after or before of a page", c)
		}
		n = min(n, len(docs))
		if c[0] == 'o' {
			start, end = n, min(n+size, len(docs))
		} else {
			start, end = max(0, n-size), n
		}
	}
	out := &ordered.Object{}
	typeName := f.Definition.Type.Name()
	for _, sf := range collect(x.api.Schema, f.SelectionSet, typeName, x.vars) {
		p := append(append(ast.Path{}, path...), ast.PathName(sf.Alias))
		switch sf.Name {
		case "__typename":
			out.Set(sf.Alias, typeName)
		case "data":
			items := []any{}
			for i := start; i < end; i++ {
				ip := append(append(ast.Path{}, p...), ast.PathIndex(i-start))
				o, err := x.object(docs[i], sf, ip)
				o, err = x.listElem(o, err, sf, ip)
				if err != nil {
					return nil, err
				}
				items = append(items, o)
			}
			out.Set(sf.Alias, items)
		case "after":
			if end < len(docs) {
				out.Set(sf.Alias, "o"+strconv.Itoa(end))
			} else {
				out.Set(sf.Alias, nil)
			}
		case "before":
			if start > 0 {
				out.Set(sf.Alias, "b"+strconv.Itoa(start))
			} else {
				out.Set(sf.Alias, nil)
			}
		}
	}
	return out, nil
}
