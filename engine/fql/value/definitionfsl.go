package value

import (
	"fmt"
	"strings"

	"github.com/faunaplay/playground/engine/diag"
	"github.com/faunaplay/playground/engine/schema"
)

// definitionFSL writes a Collection document (Fauna's FQL form of a
// collection schema) as FSL: the same definition in the language the
// schema reader checks. document_ttls, alias, migrations and data are
// accepted and not kept: the playground has no TTLs, aliases or staged
// migrations.
func definitionFSL(ctx Context, def *Object) (string, error) {
	var b strings.Builder
	fmt.Fprintf(&b, "collection %s {\n", def.Get("name").(String))
	bad := func(what string, v Value) error {
		return argError(ctx, "in the definition, %s: got %s", what, diag.Clip(Show(v)))
	}
	str := func(v Value, what string) (string, error) {
		s, ok := v.(String)
		if !ok {
			return "", bad(what+" must be a String", v)
		}
		return string(s), nil
	}
	obj := func(v Value, what string) (*Object, error) {
		o, ok := v.(*Object)
		if !ok {
			return nil, bad(what+" must be an Object", v)
		}
		return o, nil
	}
	if v, ok := def.Lookup("fields"); ok && !IsNull(v) {
		fields, err := obj(v, "`fields`")
		if err != nil {
			return "", err
		}
		for _, name := range fields.Keys {
			f, err := obj(fields.Get(name), "field `"+name+"`")
			if err != nil {
				return "", err
			}
			sig, err := str(f.Get("signature"), "the `signature` of field `"+name+"`")
			if err != nil {
				return "", err
			}
			fmt.Fprintf(&b, "  %s: %s", schema.FSLName(name), sig)
			if d, ok := f.Lookup("default"); ok && !IsNull(d) {
				ds, err := str(d, "the `default` of field `"+name+"`")
				if err != nil {
					return "", err
				}
				fmt.Fprintf(&b, " = %s", ds)
			}
			b.WriteString("\n")
		}
	}
	if v, ok := def.Lookup("wildcard"); ok && !IsNull(v) {
		w, err := str(v, "`wildcard`")
		if err != nil {
			return "", err
		}
		fmt.Fprintf(&b, "  *: %s\n", w)
	}
	if v, ok := def.Lookup("computed_fields"); ok && !IsNull(v) {
		cfs, err := obj(v, "`computed_fields`")
		if err != nil {
			return "", err
		}
		for _, name := range cfs.Keys {
			cf, err := obj(cfs.Get(name), "computed field `"+name+"`")
			if err != nil {
				return "", err
			}
			body, err := str(cf.Get("body"), "the `body` of computed field `"+name+"`")
			if err != nil {
				return "", err
			}
			sig := "Any"
			if s, ok := cf.Lookup("signature"); ok && !IsNull(s) {
				if sig, err = str(s, "the `signature` of computed field `"+name+"`"); err != nil {
					return "", err
				}
			}
			fmt.Fprintf(&b, "  compute %s: %s = %s\n", schema.FSLName(name), sig, body)
		}
	}
	if v, ok := def.Lookup("indexes"); ok && !IsNull(v) {
		ixs, err := obj(v, "`indexes`")
		if err != nil {
			return "", err
		}
		for _, name := range ixs.Keys {
			ix, err := obj(ixs.Get(name), "index `"+name+"`")
			if err != nil {
				return "", err
			}
			fmt.Fprintf(&b, "  index %s {\n", name)
			for _, part := range []string{"terms", "values"} {
				list, ok := ix.Lookup(part)
				if !ok || IsNull(list) {
					continue
				}
				paths, err := definitionPaths(ctx, list, part == "values", fmt.Sprintf("the %s of index `%s`", part, name))
				if err != nil {
					return "", err
				}
				fmt.Fprintf(&b, "    %s [%s]\n", part, strings.Join(paths, ", "))
			}
			b.WriteString("  }\n")
		}
	}
	if v, ok := def.Lookup("constraints"); ok && !IsNull(v) {
		arr, ok := v.(Array)
		if !ok {
			return "", bad("`constraints` must be an Array", v)
		}
		for _, c := range arr {
			co, err := obj(c, "a constraint")
			if err != nil {
				return "", err
			}
			switch {
			case co.Get("unique") != nil:
				paths, err := definitionPaths(ctx, co.Get("unique"), false, "a unique constraint")
				if err != nil {
					return "", err
				}
				fmt.Fprintf(&b, "  unique [%s]\n", strings.Join(paths, ", "))
			case co.Get("check") != nil:
				ch, err := obj(co.Get("check"), "a check constraint")
				if err != nil {
					return "", err
				}
				name, err := str(ch.Get("name"), "the `name` of a check")
				if err != nil {
					return "", err
				}
				body, err := str(ch.Get("body"), "the `body` of check `"+name+"`")
				if err != nil {
					return "", err
				}
				fmt.Fprintf(&b, "  check %s %s\n", name, body)
			default:
				return "", bad("a constraint is { unique: [...] } or { check: { name, body } }", c)
			}
		}
	}
	for _, k := range []string{"history_days", "ttl_days"} {
		if v, ok := def.Lookup(k); ok && !IsNull(v) {
			n, ok := v.(Int)
			if !ok {
				return "", bad("`"+k+"` must be an Int", v)
			}
			fmt.Fprintf(&b, "  %s %d\n", k, n)
		}
	}
	b.WriteString("}\n")
	return b.String(), nil
}

// definitionPaths reads an index's terms or values, or a unique
// constraint's fields: ".a" strings or { field: ".a", order?, mva? }.
func definitionPaths(ctx Context, list Value, ordered bool, what string) ([]string, error) {
	arr, ok := list.(Array)
	if !ok {
		return nil, argError(ctx, "%s must be an Array", what)
	}
	out := make([]string, len(arr))
	for i, e := range arr {
		field, order := e, Value(nil)
		if o, ok := e.(*Object); ok {
			field, order = o.Get("field"), o.Get("order")
		}
		s, ok := field.(String)
		if !ok || s == "" {
			return nil, argError(ctx, "%s: element %d needs a `field` such as \".name\"", what, i)
		}
		path := string(s)
		if !strings.HasPrefix(path, ".") {
			path = "." + path
		}
		switch {
		case order == nil || IsNull(order) || order == String("asc"):
		case order == String("desc") && ordered:
			path = "desc(" + path + ")"
		default:
			return nil, argError(ctx, "%s: element %d has order %s; it is \"asc\" or \"desc\"", what, i, Show(order))
		}
		out[i] = path
	}
	return out, nil
}
