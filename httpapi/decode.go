package httpapi

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/faunaplay/playground/engine/diag"
	"github.com/faunaplay/playground/engine/fql/value"
)

// body is a request to /query/1 as the drivers send it.
type body struct {
	Query     json.RawMessage
	Arguments map[string]json.RawMessage
}

// query is a request read: FQL text in which every interpolated value is
// a variable (never its text), and the tagged values those variables and
// the arguments are bound to.
type query struct {
	src  string
	vars map[string]any // name -> tagged JSON, decoded in the transaction
}

// maxFragmentDepth bounds nested fragments, objects and arrays.
const maxFragmentDepth = 64

// placeholder names the n-th interpolated value: the engine's lexer takes
// `$` in names but Fauna's names have none, so no query of a driver's
// means it by accident.
func placeholder(n int) string { return "$v" + strconv.Itoa(n) }

func badRequest(format string, args ...any) *diag.Error {
	return &diag.Error{Code: diag.InvalidRequest, Message: fmt.Sprintf(format, args...)}
}

// readQuery parses the body: {"query": string | {"fql": [...]}, "arguments"?: {...}}.
func readQuery(data []byte) (*query, *diag.Error) {
	// Fields by their exact names: encoding/json would also take "Query".
	var fields map[string]json.RawMessage
	if err := unmarshal(data, &fields); err != nil {
		return nil, badRequest("the request body is not a JSON object with a `query`: %v", err)
	}
	var b body
	for k, v := range fields {
		switch k {
		case "query":
			b.Query = v
		case "arguments":
			if err := unmarshal(v, &b.Arguments); err != nil {
				return nil, badRequest("`arguments` is not an object of values: %v", err)
			}
		default:
			return nil, badRequest("unknown field %q in the request body", k)
		}
	}
	if len(b.Query) == 0 || string(b.Query) == "null" {
		return nil, badRequest("the request body has no `query`")
	}
	q := &query{vars: map[string]any{}}
	var s string
	if err := json.Unmarshal(b.Query, &s); err == nil {
		q.src = s
	} else {
		var text strings.Builder
		var part any
		if err := unmarshal(b.Query, &part); err != nil {
			return nil, badRequest("invalid `query`: %v", err)
		}
		if err := q.fragment(&text, part, 0); err != nil {
			return nil, err
		}
		q.src = text.String()
	}
	for name, raw := range b.Arguments {
		if !isName(name) {
			return nil, badRequest("argument name %q is not an identifier", name)
		}
		var v any
		if err := unmarshal(raw, &v); err != nil {
			return nil, badRequest("invalid argument `%s`: %v", name, err)
		}
		q.vars[name] = v
	}
	return q, nil
}

func unmarshal(data []byte, v any) error {
	d := json.NewDecoder(strings.NewReader(string(data)))
	d.UseNumber()
	if err := d.Decode(v); err != nil {
		return err
	}
	if d.More() {
		return fmt.Errorf("text after the JSON value")
	}
	return nil
}

func isName(s string) bool {
	if s == "" || s[0] >= '0' && s[0] <= '9' {
		return false
	}
	for _, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// fragment writes a Fragment ({"fql": [Part...]}) or a Part to text.
func (q *query) fragment(text *strings.Builder, part any, depth int) *diag.Error {
	if depth > maxFragmentDepth {
		return badRequest("the query's fragments are nested more than %d deep", maxFragmentDepth)
	}
	switch p := part.(type) {
	case string:
		text.WriteString(p)
		return nil
	case map[string]any:
		if len(p) != 1 {
			break
		}
		if parts, ok := p["fql"].([]any); ok {
			for _, e := range parts {
				if err := q.fragment(text, e, depth+1); err != nil {
					return err
				}
			}
			return nil
		}
		if v, ok := p["value"]; ok {
			// The value is a variable of the text: spaces keep it apart
			// from the text around it (`${a}${b}` is two names).
			name := placeholder(len(q.vars))
			q.vars[name] = v
			text.WriteString(" " + name + " ")
			return nil
		}
		if o, ok := p["object"].(map[string]any); ok {
			keys := make([]string, 0, len(o))
			for k := range o {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			text.WriteString("{")
			for i, k := range keys {
				if i > 0 {
					text.WriteString(", ")
				}
				kb, _ := json.Marshal(k)
				text.Write(kb)
				text.WriteString(": ")
				if err := q.fragment(text, o[k], depth+1); err != nil {
					return err
				}
			}
			text.WriteString("}")
			return nil
		}
		if a, ok := p["array"].([]any); ok {
			text.WriteString("[")
			for i, e := range a {
				if i > 0 {
					text.WriteString(", ")
				}
				if err := q.fragment(text, e, depth+1); err != nil {
					return err
				}
			}
			text.WriteString("]")
			return nil
		}
	}
	return badRequest("invalid query fragment: want a string or {\"fql\": [...]}, {\"value\": …}, {\"object\": {…}} or {\"array\": […]}")
}

// bind decodes the tagged values into FQL values, inside the query's
// transaction (a reference reads its document).
func (q *query) bind(ctx value.Context) (map[string]value.Value, error) {
	out := make(map[string]value.Value, len(q.vars))
	for name, v := range q.vars {
		x, err := fromTagged(ctx, v, 0)
		if err != nil {
			return nil, err
		}
		out[name] = x
	}
	return out, nil
}

// tags are the tags read as a value only when alone in their object.
var tags = []string{"@int", "@long", "@double", "@date", "@time", "@mod", "@ref", "@doc", "@object", "@set", "@bytes", "@stream"}

func fromTagged(ctx value.Context, v any, depth int) (value.Value, error) {
	if depth > maxFragmentDepth {
		return nil, badRequest("a value is nested more than %d deep", maxFragmentDepth)
	}
	switch x := v.(type) {
	case nil:
		return value.Null{}, nil
	case bool:
		return value.Bool(x), nil
	case string:
		return value.String(x), nil
	case json.Number:
		n, ok := value.FromJSONNumber(x)
		if !ok {
			return nil, badRequest("invalid number %s", x)
		}
		return n, nil
	case []any:
		out := make(value.Array, len(x))
		for i, e := range x {
			d, err := fromTagged(ctx, e, depth+1)
			if err != nil {
				return nil, err
			}
			out[i] = d
		}
		return out, nil
	case map[string]any:
		if len(x) == 1 {
			for k, e := range x {
				if slices.Contains(tags, k) {
					return fromTag(ctx, k, e, depth)
				}
			}
		}
		return objectOf(ctx, x, depth)
	}
	return nil, badRequest("invalid value")
}

func objectOf(ctx value.Context, x map[string]any, depth int) (value.Value, error) {
	keys := make([]string, 0, len(x))
	for k := range x {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	o := value.NewObject()
	for _, k := range keys {
		d, err := fromTagged(ctx, x[k], depth+1)
		if err != nil {
			return nil, err
		}
		o.Set(k, d)
	}
	return o, nil
}

func fromTag(ctx value.Context, tag string, e any, depth int) (value.Value, error) {
	if tag == "@object" {
		o, ok := e.(map[string]any)
		if !ok {
			return nil, badRequest("@object holds an object")
		}
		return objectOf(ctx, o, depth)
	}
	if tag == "@ref" || tag == "@doc" {
		return refOf(ctx, tag, e)
	}
	s, ok := e.(string)
	if !ok {
		return nil, badRequest("%s holds a string", tag)
	}
	switch tag {
	case "@int", "@long":
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || tag == "@int" && (n < math.MinInt32 || n > math.MaxInt32) {
			return nil, badRequest("invalid %s %q", tag, s)
		}
		return value.Int(n), nil
	case "@double":
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return nil, badRequest("invalid @double %q", s)
		}
		return value.Double(f), nil
	case "@date":
		t, err := time.Parse("2006-01-02", s)
		if err != nil {
			return nil, badRequest("invalid @date %q", s)
		}
		return value.Date{T: t}, nil
	case "@time":
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			return nil, badRequest("invalid @time %q", s)
		}
		return value.Time{T: t.UTC()}, nil
	case "@mod":
		return moduleOf(ctx, s)
	}
	return nil, badRequest("%s values are not supported by this server", tag)
}

func moduleOf(ctx value.Context, name string) (value.Value, error) {
	if c := ctx.Tx().Collection(name); c != nil {
		return &value.Collection{Def: c}, nil
	}
	if slices.Contains(value.Modules(), name) {
		return value.Globals(ctx.Model())[name], nil
	}
	return nil, badRequest("unknown module %q", name)
}

// refOf reads the document a @ref (or a @doc the Go driver sends back)
// names: the document as it is now, or a null document.
func refOf(ctx value.Context, tag string, e any) (value.Value, error) {
	o, ok := e.(map[string]any)
	if !ok {
		return nil, badRequest("%s holds an object", tag)
	}
	coll, _ := o["coll"].(map[string]any)
	name, _ := coll["@mod"].(string)
	c := ctx.Tx().Collection(name)
	if c == nil {
		return nil, badRequest("%s names no collection of this schema", tag)
	}
	id, ok := o["id"].(string)
	if !ok {
		return nil, badRequest("%s needs a string id (named documents are not supported)", tag)
	}
	d, err := ctx.Tx().Get(c.Name, id)
	if err != nil {
		return nil, err
	}
	if d == nil {
		return &value.NullDoc{Coll: c.Name, ID: id, Reason: "not found"}, nil
	}
	return value.NewDocument(ctx, d), nil
}
