package gql

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/faunaplay/playground/engine/diag"
	"github.com/faunaplay/playground/engine/schema"
	"github.com/faunaplay/playground/engine/store"
	"github.com/vektah/gqlparser/v2/ast"
)

// pending is a relational mutation that needs the parent document's id: it
// runs after the parent is written.
type pending func(parent store.Ref) error

// write creates (id "") or updates a document from an input object,
// running its relational mutations (create, connect, disconnect) in the
// same transaction.
func (x *executor) write(c *schema.Collection, id string, input map[string]any, f *ast.Field, path ast.Path) (*store.Doc, error) {
	data := map[string]any{}
	if id != "" {
		cur, err := x.tx.Get(c.Name, id)
		if err != nil {
			return nil, err
		}
		if cur == nil {
			return nil, notFound(f, path, "%s %s not found", c.Type, id)
		}
		data = cur.Data.Map()
	}
	var later []pending
	for _, field := range c.Fields {
		v, given := input[field.Name]
		if !given {
			continue
		}
		switch {
		case field.Kind == schema.Computed:
			ops, err := x.computedOps(field, asMap(v), f, path)
			if err != nil {
				return nil, err
			}
			later = append(later, ops...)
		case field.Relation != nil:
			ref, set, err := x.toOne(field, asMap(v), f, path)
			if err != nil {
				return nil, err
			}
			if set {
				if ref == nil {
					delete(data, field.Name)
				} else {
					data[field.Name] = *ref
				}
			}
		default:
			if err := x.setField(data, field, v, f, path); err != nil {
				return nil, err
			}
		}
	}
	// A nested create from the other side of a relation has put the
	// reference to its parent in the input already, so this holds for it too.
	for _, field := range c.Fields {
		if field.NonNull && field.Kind != schema.Computed && data[field.Name] == nil {
			return nil, fail(f, path, "%s.%s is required (%s)", c.Type, field.Name, field.Type)
		}
	}
	var d *store.Doc
	var err error
	if id == "" {
		d, err = x.tx.Create(c.Name, "", store.NewFields(data))
	} else {
		d, err = x.tx.Replace(c.Name, id, store.NewFields(data))
	}
	if err != nil {
		return nil, x.storeError(err, f, path)
	}
	for _, op := range later {
		if err := op(d.Ref()); err != nil {
			return nil, err
		}
	}
	if len(later) > 0 {
		return x.tx.Get(c.Name, d.ID)
	}
	return d, nil
}

// storeError turns an error of the store into an error of field f. A
// broken unique constraint reads as Fauna's GraphQL API wrote it.
func (x *executor) storeError(err error, f *ast.Field, path ast.Path) error {
	d, ok := err.(*diag.Error)
	if !ok {
		return err
	}
	if d.Code == diag.ConstraintFailure && strings.HasPrefix(d.Message, "Failed unique constraint") {
		e := fail(f, path, "Document is not unique.")
		e.Extensions = map[string]any{"code": "instance not unique"}
		return e
	}
	return fail(f, path, "%s", d.Message)
}

// notFound is the error of a document that does not exist, with Fauna's
// error code.
func notFound(f *ast.Field, path ast.Path, format string, args ...any) error {
	e := fail(f, path, format, args...)
	e.Extensions = map[string]any{"code": "instance not found"}
	return e
}

// toOne handles the relation input of a stored reference: create the
// target, connect an existing one, or disconnect. set is false when the
// input asked for nothing.
func (x *executor) toOne(field *schema.Field, in map[string]any, f *ast.Field, path ast.Path) (*store.Ref, bool, error) {
	target := x.tx.Collection(field.Target)
	if err := oneOf(field, in, f, path); err != nil {
		return nil, false, err
	}
	switch {
	case in["create"] != nil:
		d, err := x.write(target, "", asMap(in["create"]), f, path)
		if err != nil {
			return nil, false, err
		}
		r := d.Ref()
		return &r, true, nil
	case in["connect"] != nil:
		id := fmt.Sprint(in["connect"])
		d, err := x.tx.Get(target.Name, id)
		if err != nil {
			return nil, false, err
		}
		if d == nil {
			return nil, false, notFound(f, path, "cannot connect %s: %s %s does not exist", field.Name, target.Type, id)
		}
		r := d.Ref()
		return &r, true, nil
	case in["disconnect"] == true:
		return nil, true, nil
	}
	return nil, false, nil
}

// oneOf checks the relation input of a to-one field: one of create,
// connect or disconnect (the field has one document, or none).
func oneOf(field *schema.Field, in map[string]any, f *ast.Field, path ast.Path) error {
	var given []string
	for _, k := range []string{"create", "connect", "disconnect"} {
		if in[k] != nil && in[k] != false {
			given = append(given, k)
		}
	}
	if len(given) > 1 {
		return fail(f, path, "%s: give one of create, connect or disconnect, not %s", field.Name, strings.Join(given, " and "))
	}
	return nil
}

// computedOps handles the relation input of a side that stores nothing:
// the references live on the other documents (or in the associative
// collection), so they are written once the parent exists.
func (x *executor) computedOps(field *schema.Field, in map[string]any, f *ast.Field, path ast.Path) ([]pending, error) {
	via := field.Via
	target := x.tx.Collection(field.Target)
	var ops []pending
	link := func(parent store.Ref, other *store.Doc) error {
		if via.Pick != "" {
			// many-to-many: one associative row per pair.
			assoc := x.tx.Collection(via.Collection)
			exists := false
			err := x.tx.Lookup(assoc.Name, via.Index, []any{parent}, func(row *store.Doc) (bool, error) {
				if r, ok := row.Data.Get(via.Pick).(store.Ref); ok && r == other.Ref() {
					exists = true
				}
				return !exists, nil
			})
			if err != nil || exists {
				return err
			}
			_, err = x.tx.Create(assoc.Name, "", store.NewFields(map[string]any{via.Term: parent, via.Pick: other.Ref()}))
			return x.storeError(err, f, path)
		}
		data := other.Data.Map()
		data[via.Term] = parent
		_, err := x.tx.Replace(other.Coll, other.ID, store.NewFields(data))
		return x.storeError(err, f, path)
	}
	unlink := func(parent store.Ref, id string) error {
		if via.Pick != "" {
			var rows []string
			err := x.tx.Lookup(via.Collection, via.Index, []any{parent}, func(row *store.Doc) (bool, error) {
				if r, ok := row.Data.Get(via.Pick).(store.Ref); ok && r.ID == id {
					rows = append(rows, row.ID)
				}
				return true, nil
			})
			for _, r := range rows {
				if _, err := x.tx.Delete(via.Collection, r); err != nil {
					return err
				}
			}
			return err
		}
		other, err := x.tx.Get(target.Name, id)
		if err != nil || other == nil {
			return err
		}
		if r, ok := other.Data.Get(via.Term).(store.Ref); !ok || r != parent {
			return fail(f, path, "cannot disconnect %s %s: it is not connected", target.Type, id)
		}
		data := other.Data.Map()
		delete(data, via.Term)
		_, err = x.tx.Replace(other.Coll, other.ID, store.NewFields(data))
		return x.storeError(err, f, path)
	}
	creates := asList(in["create"])
	connects := asList(in["connect"])
	disconnects := asList(in["disconnect"])
	if via.Single {
		// to-one: create and connect take one, disconnect is a Boolean.
		if err := oneOf(field, in, f, path); err != nil {
			return nil, err
		}
		if in["disconnect"] == true {
			ops = append(ops, func(parent store.Ref) error {
				var ids []string
				err := x.tx.Lookup(via.Collection, via.Index, []any{parent}, func(d *store.Doc) (bool, error) {
					ids = append(ids, d.ID)
					return true, nil
				})
				for _, id := range ids {
					if err := unlink(parent, id); err != nil {
						return err
					}
				}
				return err
			})
		}
		disconnects = nil
	}
	for _, c := range creates {
		input := copyData(asMap(c))
		ops = append(ops, func(parent store.Ref) error {
			if via.Pick == "" {
				// The new document stores the reference to the parent.
				input[via.Term] = map[string]any{"connect": parent.ID}
			}
			d, err := x.write(target, "", input, f, path)
			if err != nil {
				return err
			}
			if via.Pick != "" {
				return link(parent, d)
			}
			return nil
		})
	}
	for _, c := range connects {
		id := fmt.Sprint(c)
		ops = append(ops, func(parent store.Ref) error {
			d, err := x.tx.Get(target.Name, id)
			if err != nil {
				return err
			}
			if d == nil {
				return notFound(f, path, "cannot connect %s: %s %s does not exist", field.Name, target.Type, id)
			}
			return link(parent, d)
		})
	}
	for _, c := range disconnects {
		id := fmt.Sprint(c)
		ops = append(ops, func(parent store.Ref) error { return unlink(parent, id) })
	}
	return ops, nil
}

func copyData(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// delete removes a document and the associative rows that tie it.
func (x *executor) delete(c *schema.Collection, id string, f *ast.Field, path ast.Path) (any, error) {
	d, err := x.tx.Get(c.Name, id)
	if err != nil {
		return nil, err
	}
	if d == nil {
		return nil, notFound(f, path, "%s %s not found", c.Type, id)
	}
	out, shown := x.object(d, f, path) // the response shows the document as it was
	if shown != nil && shown != errNull {
		return nil, shown
	}
	for _, field := range c.Fields {
		if field.Kind != schema.Computed || field.Via.Pick == "" {
			continue
		}
		var rows []string
		err := x.tx.Lookup(field.Via.Collection, field.Via.Index, []any{d.Ref()}, func(row *store.Doc) (bool, error) {
			rows = append(rows, row.ID)
			return true, nil
		})
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			if _, err := x.tx.Delete(field.Via.Collection, r); err != nil {
				return nil, err
			}
		}
	}
	if _, err := x.tx.Delete(c.Name, id); err != nil {
		return nil, err
	}
	return out, shown
}

// value converts an input value for a stored (non-relation) field.
func (x *executor) value(field *schema.Field, v any, f *ast.Field, path ast.Path) (any, error) {
	if v == nil {
		return nil, nil
	}
	if field.List {
		var out []any
		for _, e := range asList(v) {
			sv, err := x.elem(field, e, f, path)
			if err != nil {
				return nil, err
			}
			out = append(out, sv)
		}
		return out, nil
	}
	return x.elem(field, v, f, path)
}

func (x *executor) elem(field *schema.Field, v any, f *ast.Field, path ast.Path) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch field.Kind {
	case schema.Ref, schema.RefList:
		id := fmt.Sprint(v)
		d, err := x.tx.Get(field.Target, id)
		if err != nil {
			return nil, err
		}
		if d == nil {
			return nil, notFound(f, path, "%s: %s %s does not exist", field.Name, field.Target, id)
		}
		return d.Ref(), nil
	case schema.Inline:
		return x.embedded(field.Elem, asMap(v), f, path)
	}
	return x.scalar(field.Elem, v, f, path)
}

func (x *executor) embeddedType(name string) *schema.EmbeddedType {
	for _, e := range x.api.Model.Embedded {
		if e.Name == name {
			return e
		}
	}
	return nil
}

func (x *executor) embedded(typ string, in map[string]any, f *ast.Field, path ast.Path) (any, error) {
	et := x.embeddedType(typ)
	out := map[string]any{}
	if et == nil {
		return out, nil
	}
	for _, ef := range et.Fields {
		v, ok := in[ef.Name]
		if !ok || v == nil {
			if ef.NonNull {
				return nil, fail(f, path, "%s.%s is required (%s)", typ, ef.Name, ef.Type)
			}
			continue
		}
		sv, err := x.value(ef, v, f, path)
		if err != nil {
			return nil, err
		}
		out[ef.Name] = sv
	}
	return out, nil
}

// mergeEmbedded writes the fields given in an embedded object's input over
// the stored object, then checks its required fields.
func (x *executor) mergeEmbedded(typ string, cur, in map[string]any, f *ast.Field, path ast.Path) (any, error) {
	et := x.embeddedType(typ)
	out := copyData(cur)
	if et == nil {
		return out, nil
	}
	for _, ef := range et.Fields {
		v, given := in[ef.Name]
		if !given {
			continue
		}
		if err := x.setField(out, ef, v, f, path); err != nil {
			return nil, err
		}
	}
	for _, ef := range et.Fields {
		if ef.NonNull && out[ef.Name] == nil {
			return nil, fail(f, path, "%s.%s is required (%s)", typ, ef.Name, ef.Type)
		}
	}
	return out, nil
}

// scalar converts a coerced GraphQL input value into its stored form. The
// validator has checked literals of the built-in scalars; Long, Date and Time
// are custom scalars, which it lets through as written (a Long may come as
// a numeric string, which keeps all 64 bits through JavaScript).
func (x *executor) scalar(typ string, v any, f *ast.Field, path ast.Path) (any, error) {
	bad := func(want string) error {
		return fail(f, path, "invalid %s value %s: expected %s", typ, show(v), want)
	}
	switch typ {
	case "Int", "Long":
		var i int64
		switch n := v.(type) {
		case int64:
			i = n
		case float64:
			if n != math.Trunc(n) || math.Abs(n) >= 1<<63 {
				return nil, bad("a whole number")
			}
			i = int64(n)
		case string: // a Long only: an Int variable is a number (coerceVariables)
			var err error
			if i, err = strconv.ParseInt(n, 10, 64); typ != "Long" || err != nil {
				return nil, bad("a whole number")
			}
		default:
			return nil, bad("a whole number")
		}
		if typ == "Int" && (i < math.MinInt32 || i > math.MaxInt32) {
			return nil, bad("a 32-bit whole number (Long holds 64 bits)")
		}
		return i, nil
	case "Float":
		switch n := v.(type) {
		case int64:
			return float64(n), nil
		case float64:
			if !math.IsNaN(n) && !math.IsInf(n, 0) {
				return n, nil
			}
		}
		return nil, bad("a finite number")
	case "Time":
		s, ok := v.(string)
		t, err := time.Parse(time.RFC3339Nano, s)
		if !ok || err != nil {
			return nil, bad(`an ISO 8601 time, e.g. "2024-01-02T03:04:05Z"`)
		}
		return t.UTC(), nil
	case "Date":
		s, ok := v.(string)
		t, err := time.Parse("2006-01-02", s)
		if !ok || err != nil {
			return nil, bad(`a date, e.g. "2024-01-02"`)
		}
		return store.Date{Time: t}, nil
	case "ID":
		switch n := v.(type) {
		case string:
			return n, nil
		case int64:
			return strconv.FormatInt(n, 10), nil
		case float64:
			if n == math.Trunc(n) {
				return strconv.FormatFloat(n, 'f', -1, 64), nil
			}
		}
		return nil, bad("an ID")
	case "String":
		if s, ok := v.(string); ok {
			return s, nil
		}
		return nil, bad("a string")
	case "Boolean":
		if b, ok := v.(bool); ok {
			return b, nil
		}
		return nil, bad("true or false")
	}
	return v, nil
}

// show renders an input value for an error message, as GraphQL writes it.
func show(v any) string {
	switch v := v.(type) {
	case string:
		return strconv.Quote(v)
	case nil:
		return "null"
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// setField writes the input v of field into data, the stored document or
// embedded object: an embedded object given over a stored one is merged
// into it, as Fauna's Update did; null removes the field.
func (x *executor) setField(data map[string]any, field *schema.Field, v any, f *ast.Field, path ast.Path) error {
	var sv any
	var err error
	if cur, ok := data[field.Name].(map[string]any); ok && v != nil && field.Kind == schema.Inline && !field.List {
		sv, err = x.mergeEmbedded(field.Elem, cur, asMap(v), f, path)
	} else {
		sv, err = x.value(field, v, f, path)
	}
	if err != nil {
		return err
	}
	if sv == nil {
		delete(data, field.Name)
	} else {
		data[field.Name] = sv
	}
	return nil
}
