package eval

import (
	"github.com/faunaplay/playground/engine/diag"
	"github.com/faunaplay/playground/engine/fql/syntax"
	"github.com/faunaplay/playground/engine/fql/value"
)

// project evaluates x { fields }: on a set or array element-wise (a set
// stays lazy), on a document or object field by field, resolving
// references; null projects to null.
func (in *Interp) project(n *syntax.Projection, e *env) (value.Value, error) {
	x, err := in.eval(n.X, e)
	if err != nil {
		return nil, err
	}
	return in.projectValue(n, x, e)
}

func (in *Interp) projectValue(n *syntax.Projection, x value.Value, e *env) (value.Value, error) {
	switch v := x.(type) {
	case value.Null, nil, *value.NullDoc:
		return value.Null{}, nil
	case value.Array:
		out := make(value.Array, len(v))
		for i, el := range v {
			p, err := in.projectValue(n, el, e)
			if err != nil {
				return nil, err
			}
			out[i] = p
		}
		return out, nil
	case *value.SizedSet:
		// x.pageSize(n) { … } keeps its page size.
		inner, err := in.projectValue(n, v.Src, e)
		if err != nil {
			return nil, err
		}
		return &value.SizedSet{Src: inner.(value.Set), Size: v.Size}, nil
	case value.Set:
		return &value.MapSet{Src: v, Fn: value.NewBuiltin("projection", 1, 1, func(ctx value.Context, a []value.Value) (value.Value, error) {
			return in.projectValue(n, a[0], e)
		})}, nil
	case *value.Page:
		p := &value.Page{After: v.After}
		for _, el := range v.Data {
			pv, err := in.projectValue(n, el, e)
			if err != nil {
				return nil, err
			}
			p.Data = append(p.Data, pv)
		}
		return p, nil
	}
	if d, ok := x.(value.Displayer); ok {
		x = d.Display(in) // a definition projects as the object it shows as
	}
	out := value.NewObject()
	obj, isObj := x.(*value.Object)
	if _, isDoc := x.(*value.Document); !isObj && !isDoc {
		// Fauna's projection page: a value that does not support
		// projection gives the requested shape with every field null.
		for _, f := range n.Fields {
			out.Set(f.Key, value.Null{})
		}
		return out, nil
	}
	inner := &env{name: implicitParam, val: x, parent: e}
	for _, f := range n.Fields {
		var fv value.Value
		var err error
		switch {
		case isObj && f.Value == nil:
			// a field the object lacks projects to null
			if fv = obj.Get(f.Key); fv == nil {
				fv = value.Null{}
			}
		case f.Value == nil:
			fv, err = in.attr(x, f.Key, false, posBefore(f))
		default:
			fv, err = in.eval(f.Value, inner)
		}
		if err != nil {
			return nil, err
		}
		out.Set(f.Key, fv)
	}
	return out, nil
}

// posBefore is the position attr() reports for a projected field: attr
// points one column after the dot it is given, so give it the column
// before the field's name.
func posBefore(f syntax.ProjField) diag.Pos {
	return diag.Pos{Line: f.P.Line, Column: f.P.Column - 1}
}
