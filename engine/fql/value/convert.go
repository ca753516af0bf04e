package value

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/faunaplay/playground/engine/diag"
	"github.com/faunaplay/playground/engine/schema"
	"github.com/faunaplay/playground/engine/store"
	"github.com/vektah/gqlparser/v2/ast"
)

// ToStore turns a value into what the store holds; documents become
// references.
func ToStore(ctx Context, v Value) (any, error) {
	switch v := v.(type) {
	case Null, nil:
		return nil, nil
	case Bool:
		return bool(v), nil
	case Int:
		return int64(v), nil
	case Double:
		return float64(v), nil
	case String:
		return string(v), nil
	case Time:
		return v.T, nil
	case Date:
		return store.Date{Time: v.T}, nil
	case *Document:
		return v.Ref(), nil
	case *NullDoc:
		return store.Ref{Coll: v.Coll, ID: v.ID}, nil
	case Array:
		out := make([]any, len(v))
		for i, e := range v {
			s, err := ToStore(ctx, e)
			if err != nil {
				return nil, err
			}
			out[i] = s
		}
		return out, nil
	case *Object:
		out := make(map[string]any, len(v.Keys)+1)
		var order []any
		for _, k := range v.Keys {
			if strings.HasPrefix(k, "\x00") {
				return nil, diag.Errorf(diag.InvalidArgument, ctx.Pos(), "a stored field name cannot start with a NUL character (%q)", k)
			}
			s, err := ToStore(ctx, v.Get(k))
			if err != nil {
				return nil, err
			}
			if s != nil {
				out[k] = s
				order = append(order, k)
			}
		}
		if len(order) > 1 {
			out[store.KeyOrder] = order // keep the order written
		}
		return out, nil
	case Set:
		return nil, argError(ctx, "a Set cannot be stored in a document; call .toArray() first")
	}
	return nil, argError(ctx, "%s cannot be stored in a document", Article(TypeName(v)))
}

// FromStore turns a stored value into a value, resolving references (a
// read each).
func FromStore(ctx Context, v any) (Value, error) {
	switch v := v.(type) {
	case nil, bool, int64, float64, string, time.Time, store.Date:
		return scalarFromStore(v), nil
	case store.Ref:
		d, err := ctx.Tx().Get(v.Coll, v.ID)
		if err != nil {
			return nil, wrapStore(ctx, err)
		}
		if d == nil {
			return &NullDoc{Coll: v.Coll, ID: v.ID, Reason: "not found"}, nil
		}
		return NewDocument(ctx, d), nil
	case []any:
		out := make(Array, len(v))
		for i, e := range v {
			x, err := FromStore(ctx, e)
			if err != nil {
				return nil, err
			}
			out[i] = x
		}
		return out, nil
	case map[string]any:
		o := NewObject()
		o.Stored = true
		for _, k := range sortedKeys(v) {
			x, err := FromStore(ctx, v[k])
			if err != nil {
				return nil, err
			}
			o.Set(k, x)
		}
		return o, nil
	}
	return nil, fmt.Errorf("unexpected stored value %T", v)
}

// sortedKeys is a stored object's keys: in the order they were written,
// then any others sorted (store.Keys).
func sortedKeys(m map[string]any) []string { return store.Keys(m) }

// checkData checks obj against the collection's fields and writes the
// store form into data. With merge, null removes a field and objects merge
// into embedded objects; otherwise data is the whole new document.
func checkData(ctx Context, c *schema.Collection, obj *Object, data *store.Fields, merge bool, verb string, asData bool) error {
	var problems []diag.Failure // each with the field it is about
	fail := func(field, msg string) {
		problems = append(problems, diag.Failure{Message: msg, Paths: [][]any{{field}}})
	}
	var reported map[string]bool // fields with a problem already: not "required" too
	for _, k := range obj.Keys {
		v := obj.Get(k)
		switch k {
		case "id":
			if verb == "create" {
				continue
			}
			fail("id", "`id` cannot be changed")
			continue
		case "data":
			if !asData { // updateData's nests metadata-named fields there
				fail(k, fmt.Sprintf("`%s` is document metadata, not a field", k))
				continue
			}
		case "ts", "coll", "ttl":
			fail(k, fmt.Sprintf("`%s` is document metadata, not a field", k))
			continue
		}
		f := c.Field(k)
		if f == nil && (c.Schemaless || c.Wildcard) {
			// FSL: a schemaless collection, or `*: Any`, takes any field.
			if IsNull(v) && !isDoc(v) {
				data.Delete(k)
				continue
			}
			s, err := ToStore(ctx, v)
			if err != nil {
				return err
			}
			data.Set(k, s)
			continue
		}
		if f == nil {
			fail(k, fmt.Sprintf("`%s` is not a field of %s (fields: %s)", diag.Clip(k), c.Name, fieldNames(c)))
			continue
		}
		if f.Kind == schema.Computed {
			fail(k, computedHint(f))
			continue
		}
		if IsNull(v) && !isDoc(v) {
			data.Delete(k)
			continue
		}
		if merge && f.Kind == schema.Inline && !f.List {
			if o, ok := v.(*Object); ok {
				if old, ok := data.Get(k).(map[string]any); ok {
					merged := map[string]any{}
					for kk, vv := range old {
						merged[kk] = vv
					}
					for _, kk := range o.Keys {
						s, err := ToStore(ctx, o.Get(kk))
						if err != nil {
							return err
						}
						if s == nil {
							delete(merged, kk)
						} else {
							merged[kk] = s
						}
					}
					if msg := checkType(ctx, f.Type, fieldKind(f), f.Target, mustValue(ctx, merged)); msg != "" {
						fail(k, fmt.Sprintf("`%s`: %s", diag.Clip(k), msg))
					}
					data.Set(k, merged)
					continue
				}
			}
		}
		if msg := fieldTypeProblem(ctx, f, v); msg != "" {
			fail(k, fmt.Sprintf("`%s`: %s", diag.Clip(k), msg))
			if reported == nil {
				reported = map[string]bool{}
			}
			reported[k] = true
			continue
		}
		s, err := ToStore(ctx, v)
		if err != nil {
			return err
		}
		data.Set(k, s)
	}
	if !merge && len(problems) == 0 {
		if err := applyDefaults(ctx, c, data); err != nil {
			return err
		}
	}
	for _, f := range c.Fields {
		if f.Kind != schema.Computed && f.NonNull && data.Get(f.Name) == nil && !reported[f.Name] && f.Default == nil {
			fail(f.Name, fmt.Sprintf("`%s` is required (%s)", f.Name, f.Type))
		}
	}
	if len(problems) > 0 {
		// Not Errorf: its clipping is for input echoed whole, and would cut
		// the list of problems (each field name in it is clipped).
		msgs := make([]string, len(problems))
		for i, p := range problems {
			msgs[i] = p.Message
		}
		return &diag.Error{Code: diag.ConstraintFailure, Pos: ctx.Pos(), Failures: problems,
			Message: fmt.Sprintf("Failed to %s document in collection `%s`: %s.", verb, c.Name, strings.Join(msgs, "; "))}
	}
	return nil
}

// fieldTypeProblem checks v against f's declared type, FSL's or GraphQL's.
func fieldTypeProblem(ctx Context, f *schema.Field, v Value) string {
	if f.FSLType != nil {
		return checkFSL(ctx, f.FSLType, v)
	}
	return checkType(ctx, f.Type, fieldKind(f), f.Target, v)
}

func mustValue(ctx Context, m map[string]any) Value {
	o := NewObject()
	for _, k := range sortedKeys(m) {
		v, err := FromStore(ctx, m[k])
		if err != nil {
			return Null{}
		}
		o.Set(k, v)
	}
	return o
}

func computedHint(f *schema.Field) string {
	if f.Via == nil {
		return fmt.Sprintf("`%s` is computed and cannot be written", f.Name)
	}
	if f.Via.Pick != "" {
		return fmt.Sprintf("`%s` is computed from collection %s (many-to-many): create a %s document with `%s` and `%s` instead",
			f.Name, f.Via.Collection, f.Via.Collection, f.Via.Term, f.Via.Pick)
	}
	return fmt.Sprintf("`%s` is computed: it reads %s.%s(); set `%s` on the %s document instead",
		f.Name, f.Via.Collection, f.Via.Index, f.Via.Term, f.Via.Collection)
}

func fieldNames(c *schema.Collection) string {
	var names []string
	for _, f := range c.Fields {
		if f.Kind != schema.Computed {
			names = append(names, f.Name)
		}
	}
	return strings.Join(names, ", ")
}

func fieldKind(f *schema.Field) schema.FieldKind { return f.Kind }

// checkType returns "" when v fits the GraphQL type typ, else why not.
func checkType(ctx Context, typ string, kind schema.FieldKind, target string, v Value) string {
	t, ok := parsedTypes.Load(typ)
	if !ok {
		t, _ = parsedTypes.LoadOrStore(typ, parseType(typ))
	}
	return checkParsed(ctx, t.(*gqlType), kind, target, v)
}

// parsedTypes are the GraphQL types parseType read, by text: a write
// checks each of its fields' types.
var parsedTypes sync.Map

type gqlType struct {
	list    *gqlType
	name    string
	nonNull bool
}

func parseType(s string) *gqlType {
	t := &gqlType{}
	if strings.HasSuffix(s, "!") {
		t.nonNull = true
		s = s[:len(s)-1]
	}
	if strings.HasPrefix(s, "[") && strings.HasSuffix(s, "]") {
		t.list = parseType(s[1 : len(s)-1])
		return t
	}
	t.name = s
	return t
}

func checkParsed(ctx Context, t *gqlType, kind schema.FieldKind, target string, v Value) string {
	if IsNull(v) && !isDoc(v) {
		if t.nonNull {
			return "null where a value is required"
		}
		return ""
	}
	if t.list != nil {
		arr, ok := v.(Array)
		if !ok {
			return fmt.Sprintf("expected an Array, got %s", TypeName(v))
		}
		for i, e := range arr {
			if msg := checkParsed(ctx, t.list, kind, target, e); msg != "" {
				return fmt.Sprintf("element %d: %s", i, msg)
			}
		}
		return ""
	}
	switch kind {
	case schema.Ref, schema.RefList:
		switch d := v.(type) {
		case *Document:
			if d.Coll.Name != target {
				return fmt.Sprintf("expected a %s document, got a %s document", target, d.Coll.Name)
			}
			return ""
		case *NullDoc:
			return fmt.Sprintf("the %s document %s does not exist", d.Coll, d.ID)
		}
		return fmt.Sprintf("expected a %s document, got %s", target, TypeName(v))
	case schema.Inline:
		o, ok := v.(*Object)
		if !ok {
			return fmt.Sprintf("expected an Object (%s), got %s", t.name, TypeName(v))
		}
		return checkEmbedded(ctx, t.name, o)
	}
	switch t.name {
	case "String", "ID":
		if _, ok := v.(String); ok {
			return ""
		}
		if _, ok := v.(Int); ok && t.name == "ID" {
			return ""
		}
	case "Int", "Long":
		if _, ok := v.(Int); ok {
			return ""
		}
	case "Float":
		if _, ok := AsNumber(v); ok {
			return ""
		}
	case "Boolean":
		if _, ok := v.(Bool); ok {
			return ""
		}
	case "Time":
		if _, ok := v.(Time); ok {
			return ""
		}
		return fmt.Sprintf("expected a Time, got %s (write Time(\"2024-01-01T00:00:00Z\"))", TypeName(v))
	case "Date":
		if _, ok := v.(Date); ok {
			return ""
		}
		return fmt.Sprintf("expected a Date, got %s (write Date(\"2024-01-01\"))", TypeName(v))
	default:
		if def := enumDef(ctx, t.name); def != nil {
			s, ok := v.(String)
			if ok && def.EnumValues.ForName(string(s)) != nil {
				return ""
			}
			var names []string
			for _, ev := range def.EnumValues {
				names = append(names, ev.Name)
			}
			return fmt.Sprintf("expected one of %s (enum %s), got %s", strings.Join(names, ", "), t.name, Show(v))
		}
		return "" // a custom scalar takes anything
	}
	return fmt.Sprintf("expected %s, got %s", fqlTypeOf(t.name), TypeName(v))
}

func fqlTypeOf(gql string) string {
	switch gql {
	case "Float":
		return "a Number"
	case "Boolean":
		return "a Boolean"
	case "Long", "Int":
		return "an Int"
	}
	return "a " + gql
}

func enumDef(ctx Context, name string) *ast.Definition {
	m := ctx.Model()
	if m == nil || m.Doc == nil {
		return nil
	}
	d := m.Doc.Definitions.ForName(name)
	if d == nil || d.Kind != ast.Enum {
		return nil
	}
	return d
}

func checkEmbedded(ctx Context, name string, o *Object) string {
	var et *schema.EmbeddedType
	for _, e := range ctx.Model().Embedded {
		if e.Name == name {
			et = e
		}
	}
	if et == nil {
		return ""
	}
	for _, k := range o.Keys {
		var f *schema.Field
		for _, ef := range et.Fields {
			if ef.Name == k {
				f = ef
			}
		}
		if f == nil {
			return fmt.Sprintf("`%s` is not a field of %s", k, name)
		}
		if msg := checkType(ctx, f.Type, f.Kind, f.Target, o.Get(k)); msg != "" {
			return fmt.Sprintf("`%s`: %s", k, msg)
		}
	}
	for _, f := range et.Fields {
		if v, ok := o.Lookup(f.Name); f.NonNull && (!ok || IsNull(v)) {
			return fmt.Sprintf("`%s` is required (%s)", f.Name, f.Type)
		}
	}
	return ""
}

// FromJSONNumber is a JSON number as an FQL value: an Int when it is a
// whole number that fits, else a Double; false when it fits neither.
func FromJSONNumber(n json.Number) (Value, bool) {
	if i, err := n.Int64(); err == nil {
		return Int(i), true
	}
	f, err := n.Float64()
	return Double(f), err == nil
}
