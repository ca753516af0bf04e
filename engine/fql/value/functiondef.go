package value

import (
	"strings"

	"github.com/faunaplay/playground/engine/diag"
	"github.com/faunaplay/playground/engine/fql/syntax"
	"github.com/faunaplay/playground/engine/schema"
)

// FunctionDef is a user-defined function's definition as a document of
// the Function system collection (Function.byName("f"), f.definition).
type FunctionDef struct{ Def *schema.Function }

func (f *FunctionDef) Type() string { return "FunctionDef" }

// Display is the definition as Fauna printed it: name, coll, ts, body.
func (f *FunctionDef) Display(ctx Context) Value {
	o := NewObject()
	o.Set("name", String(f.Def.Name))
	o.Set("coll", functionModule)
	o.Set("ts", Time{ctx.Tx().SchemaTS("function " + f.Def.Name)})
	o.Set("body", String(functionBodyText(f.Def)))
	return o
}

var functionDefMethods = map[string]method{
	"exists": {0, 0, func(Context, Value, []Value) (Value, error) { return Bool(true), nil }},
	"delete": {0, 0, func(ctx Context, r Value, _ []Value) (Value, error) {
		def := r.(*FunctionDef)
		shown := def.Display(ctx)
		ctx.Tx().ChangeSchema(withFunction(ctx.Tx().Model(), def.Def, nil), ctx.Pos())
		return shown, nil
	}},
	"update": {1, 1, func(ctx Context, r Value, a []Value) (Value, error) {
		return changeFunction(ctx, r.(*FunctionDef).Def, a[0])
	}},
	"replace": {1, 1, func(ctx Context, r Value, a []Value) (Value, error) {
		return changeFunction(ctx, r.(*FunctionDef).Def, a[0])
	}},
}

func (f *FunctionDef) Attr(ctx Context, name string) (Value, error) {
	if m := lookup(functionDefMethods, name, f); m != nil {
		return m, nil
	}
	if v, ok := f.Display(ctx).(*Object).Lookup(name); ok {
		return v, nil
	}
	return Null{}, nil
}

// functionBodyText is the body as Function.create takes it: a lambda.
func functionBodyText(fn *schema.Function) string {
	params := schema.FunctionSignature(&schema.Function{Params: fn.Params})
	body := ""
	if fn.Body != nil {
		body = fn.Body.Src
	}
	return params + " => " + body
}

var functionModule *Module

func init() {
	functionModule = &Module{
		Name: "Function",
		Fn: &method{1, 1, func(ctx Context, _ Value, a []Value) (Value, error) {
			name, err := stringArg(ctx, a[0])
			if err != nil {
				return nil, err
			}
			if fn := functionNamed(ctx.Model(), name); fn != nil {
				return &Function{Def: fn}, nil
			}
			return nil, diag.Errorf(diag.InvalidArgument, ctx.Pos(), "there is no function `%s`", diag.Clip(name))
		}},
		Methods: map[string]method{
			"all": {0, 0, func(ctx Context, _ Value, _ []Value) (Value, error) { return allFunctions(ctx), nil }},
			"byName": {1, 1, func(ctx Context, _ Value, a []Value) (Value, error) {
				name, err := stringArg(ctx, a[0])
				if err != nil {
					return nil, err
				}
				if fn := functionNamed(ctx.Model(), name); fn != nil {
					return &FunctionDef{Def: fn}, nil
				}
				return &NullDoc{Coll: "Function", ID: name, Reason: "not found"}, nil
			}},
			"where": {1, 1, func(ctx Context, _ Value, a []Value) (Value, error) {
				return &FilterSet{Src: allFunctions(ctx), Pred: a[0]}, nil
			}},
			"firstWhere": {1, 1, func(ctx Context, _ Value, a []Value) (Value, error) {
				return seqMethods["first"].fn(ctx, &FilterSet{Src: allFunctions(ctx), Pred: a[0]}, nil)
			}},
			"create": {1, 1, func(ctx Context, _ Value, a []Value) (Value, error) { return changeFunction(ctx, nil, a[0]) }},
		},
	}
}

func functionNamed(m *schema.Model, name string) *schema.Function {
	if m == nil {
		return nil
	}
	for _, fn := range m.Functions {
		if fn.Name == name {
			return fn
		}
	}
	return nil
}

func allFunctions(ctx Context) *ArraySet {
	var out []Value
	if m := ctx.Model(); m != nil {
		for _, fn := range m.Functions {
			out = append(out, &FunctionDef{Def: fn})
		}
	}
	return &ArraySet{Elems: out}
}

// changeFunction creates (old nil) or changes a function from
// { name, body } where body is FQL text of a lambda: "x => x + 1".
// role and signature are accepted and not kept.
func changeFunction(ctx Context, old *schema.Function, arg Value) (Value, error) {
	obj, ok := arg.(*Object)
	if !ok {
		return nil, typeError(ctx, "Object", arg)
	}
	for _, k := range obj.Keys {
		switch k {
		case "name", "body", "role", "signature", "alias", "data":
		default:
			return nil, argError(ctx, "a function definition has no field `%s` (fields: name, body, signature, role, alias, data)", diag.Clip(k))
		}
	}
	name := ""
	if old != nil {
		name = old.Name
	}
	if v, ok := obj.Lookup("name"); ok {
		s, ok := v.(String)
		if !ok || !schema.IsIdentifier(string(s)) {
			return nil, argError(ctx, "a function's `name` is a String that is an identifier, such as \"userByEmail\"")
		}
		name = string(s)
	}
	if name == "" {
		return nil, argError(ctx, "a function needs a `name`")
	}
	m := ctx.Tx().Model()
	if (old == nil || name != old.Name) && (functionNamed(m, name) != nil || m.Collection(name) != nil || reservedName(ctx, name)) {
		return nil, diag.Errorf(diag.ConstraintFailure, ctx.Pos(), "Failed to create Function: the name `%s` is taken.", name)
	}
	fn := &schema.Function{Name: name}
	if old != nil {
		fn.Params, fn.Returns, fn.Body = old.Params, old.Returns, old.Body
	}
	if v, ok := obj.Lookup("body"); ok {
		src, ok := v.(String)
		if !ok {
			return nil, typeError(ctx, "a `body` String such as \"x => x + 1\"", v)
		}
		lam, err := parseLambda(string(src))
		if err != nil {
			return nil, diag.Errorf(diag.InvalidQuery, ctx.Pos(), "the body of function `%s` does not parse: %s", name, diag.As(err).Message)
		}
		fn.Params = make([]schema.Param, len(lam.Params))
		for i, p := range lam.Params {
			fn.Params[i] = schema.Param{Name: p}
		}
		fn.Body = &schema.FQL{Src: lambdaBodyText(string(src)), Expr: lam.Body}
	}
	if fn.Body == nil {
		return nil, argError(ctx, "a function needs a `body`: a lambda as a String, such as \"x => x + 1\"")
	}
	ctx.Tx().ChangeSchema(withFunction(m, old, fn), ctx.Pos())
	return &FunctionDef{Def: fn}, nil
}

func parseLambda(src string) (*syntax.Lambda, error) {
	p, err := syntax.Parse(src)
	if err != nil {
		return nil, err
	}
	if len(p.Stmts) == 1 {
		if lam, ok := p.Stmts[0].(*syntax.Lambda); ok {
			return lam, nil
		}
	}
	return nil, diag.Errorf(diag.InvalidQuery, diag.Pos{Line: 1, Column: 1}, "a function body is one lambda, such as `x => x + 1`")
}

// lambdaBodyText is what follows the lambda's `=>`.
func lambdaBodyText(src string) string {
	if _, body, ok := strings.Cut(src, "=>"); ok {
		return strings.TrimSpace(body)
	}
	return src
}

// withFunction is a copy of m with fn in place of old (old nil: added; fn
// nil: old removed).
func withFunction(m *schema.Model, old, fn *schema.Function) *schema.Model {
	next := *m
	next.Functions = replaced(m.Functions, old, fn, func(f *schema.Function) string { return f.Name })
	return &next
}
