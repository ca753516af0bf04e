package engine

import (
	"fmt"
	"sort"

	"github.com/faunaplay/playground/engine/diag"
	"github.com/faunaplay/playground/engine/fql/eval"
	"github.com/faunaplay/playground/engine/fql/value"
	"github.com/faunaplay/playground/engine/store"
)

// maxResolvedDocs bounds the documents a @resolver's function may return
// to the GraphQL API in one list.
const maxResolvedDocs = 10_000

// resolve runs the user-defined function a GraphQL @resolver names (one of
// the schema in force: FSL's, or made by Function.create), inside the
// operation's transaction, and gives its result back in the API's terms.
func (e *Engine) resolve(tx *store.Tx, name string, args []any) (any, error) {
	var fn = functionOf(e, name)
	if fn == nil {
		return nil, diag.Errorf(diag.InvalidArgument, diag.Pos{}, "there is no function `%s`: create it with Function.create({ name: %q, body: \"...\" })", name, name)
	}
	in := eval.New(tx, e.model, e.globals, e.cursors)
	vals := make([]value.Value, len(args))
	for i, a := range args {
		vals[i] = plainValue(a)
	}
	v, err := in.CallFunction(fn, vals)
	if err != nil {
		return nil, err
	}
	switch v := v.(type) {
	case *value.Document:
		return tx.Get(v.Coll.Name, v.ID)
	case *value.NullDoc:
		return nil, nil
	case value.Iterable:
		var docs []*store.Doc
		var plain []any
		err := v.Iterate(in, func(el value.Value) (bool, error) {
			if d, ok := el.(*value.Document); ok {
				sd, err := tx.Get(d.Coll.Name, d.ID)
				if err != nil || sd == nil {
					return err == nil, err
				}
				docs = append(docs, sd)
			} else {
				j, err := value.ToJSON(in, el)
				if err != nil {
					return false, err
				}
				plain = append(plain, j)
			}
			if len(docs)+len(plain) > maxResolvedDocs {
				return false, diag.Errorf(diag.LimitExceeded, diag.Pos{}, "the function returned more than %d elements", maxResolvedDocs)
			}
			return true, nil
		})
		if err != nil {
			return nil, err
		}
		if len(plain) > 0 {
			if len(docs) > 0 {
				return nil, fmt.Errorf("the function returned documents and other values in one list")
			}
			return plain, nil
		}
		if docs == nil {
			docs = []*store.Doc{}
		}
		return docs, nil
	}
	return value.ToJSON(in, v)
}

// plainValue is a GraphQL argument (plain JSON) as an FQL value.
func plainValue(a any) value.Value {
	switch a := a.(type) {
	case nil:
		return value.Null{}
	case bool:
		return value.Bool(a)
	case int64:
		return value.Int(a)
	case int:
		return value.Int(a)
	case float64:
		return value.Double(a)
	case string:
		return value.String(a)
	case []any:
		out := make(value.Array, len(a))
		for i, e := range a {
			out[i] = plainValue(e)
		}
		return out
	case map[string]any:
		keys := make([]string, 0, len(a))
		for k := range a {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		o := value.NewObject()
		for _, k := range keys {
			o.Set(k, plainValue(a[k]))
		}
		return o
	}
	return value.String(fmt.Sprint(a))
}
