package gql

import (
	"fmt"
	"math"

	"github.com/faunaplay/playground/engine/diag"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// coerceVariables applies the spec's input coercion of the built-in Int
// and Float scalars to the variables gqlparser has checked (it lets a
// numeric string through for both, and leaves a JSON number a float64):
//
//   - an Int is a whole number within 32 bits; a float64 that is whole (how
//     JSON numbers arrive) becomes an int64, so `_size: $s` with {"s": 1}
//     reads 1;
//   - a Float is a finite number;
//   - a String for either ("12", "1.5", "NaN", "Infinity") is an error.
//
// Values are replaced in place; the first error is at the variable's
// definition, as a request error (no data).
func coerceVariables(schema *ast.Schema, op *ast.OperationDefinition, vars map[string]any) *gqlerror.Error {
	for _, def := range op.VariableDefinitions {
		v, ok := vars[def.Variable]
		if !ok {
			continue
		}
		c := coercer{schema: schema}
		nv, msg := c.coerce(def.Type, v)
		if msg != "" {
			at := ""
			if c.at != "" {
				at = " at \"" + def.Variable + c.at + "\""
			}
			return gqlerror.ErrorPosf(def.Position, "Variable \"$%s\" got an invalid value%s; %s", def.Variable, at, msg)
		}
		vars[def.Variable] = nv
	}
	return nil
}

// clipMessages cuts the input errors echo (gqlparser's included: `Cannot
// query field "…"` repeats a 200 KB name whole) at diag.MaxEcho characters.
func clipMessages(errs gqlerror.List) {
	for _, e := range errs {
		e.Message = diag.ClipEchoes(e.Message)
	}
}

type coercer struct {
	schema *ast.Schema
	at     string // where the bad value is, below the variable
}

func (c *coercer) coerce(t *ast.Type, v any) (any, string) {
	if v == nil {
		return nil, ""
	}
	if t.Elem != nil {
		l, ok := v.([]any)
		if !ok {
			return c.coerce(t.Elem, v) // a single value where a list is expected
		}
		for i, e := range l {
			nv, msg := c.coerce(t.Elem, e)
			if msg != "" {
				c.at = fmt.Sprintf("[%d]", i) + c.at
				return nil, msg
			}
			l[i] = nv
		}
		return l, ""
	}
	switch t.NamedType {
	case "Int":
		return coerceInt(v)
	case "Float":
		return coerceFloat(v)
	}
	def := c.schema.Types[t.NamedType]
	obj, ok := v.(map[string]any)
	if def == nil || def.Kind != ast.InputObject || !ok {
		return v, ""
	}
	for _, fd := range def.Fields {
		fv, ok := obj[fd.Name]
		if !ok {
			continue
		}
		nv, msg := c.coerce(fd.Type, fv)
		if msg != "" {
			c.at = "." + fd.Name + c.at
			return nil, msg
		}
		obj[fd.Name] = nv
	}
	return obj, ""
}

func coerceInt(v any) (any, string) {
	var f float64
	switch n := v.(type) {
	case int64:
		if n < math.MinInt32 || n > math.MaxInt32 {
			return nil, fmt.Sprintf("Int cannot represent non 32-bit signed integer value: %d", n)
		}
		return n, ""
	case float64:
		f = n
	case string:
		return nil, "Int cannot represent non-integer value: " + diag.Clip(fmt.Sprintf("%q", n))
	default:
		return nil, fmt.Sprintf("Int cannot represent non-integer value: %s", diag.Clip(show(v)))
	}
	if f != math.Trunc(f) || math.IsInf(f, 0) {
		return nil, "Int cannot represent non-integer value: " + show(v)
	}
	if f < math.MinInt32 || f > math.MaxInt32 {
		return nil, "Int cannot represent non 32-bit signed integer value: " + show(v)
	}
	return int64(f), ""
}

func coerceFloat(v any) (any, string) {
	switch n := v.(type) {
	case int64:
		return n, ""
	case float64:
		if math.IsNaN(n) || math.IsInf(n, 0) {
			return nil, fmt.Sprintf("Float cannot represent non numeric value: %v", n)
		}
		return n, ""
	case string:
		return nil, "Float cannot represent non numeric value: " + diag.Clip(fmt.Sprintf("%q", n))
	}
	return nil, "Float cannot represent non numeric value: " + diag.Clip(show(v))
}
