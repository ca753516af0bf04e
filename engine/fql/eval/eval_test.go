package eval

import (
	"testing"

	"github.com/faunaplay/playground/engine/diag"
	"time"

	"github.com/faunaplay/playground/engine/fql/syntax"
	"github.com/faunaplay/playground/engine/fql/value"
	"github.com/faunaplay/playground/engine/schema"
	"github.com/faunaplay/playground/engine/store"
)

// run evaluates src over a fresh store with the given schema.
func run(t *testing.T, sdl, src string, check func(in *Interp, v value.Value, err error)) {
	t.Helper()
	m := schema.Parse(sdl)
	if len(m.Errors) > 0 {
		t.Fatal(m.Errors)
	}
	db := store.Open(m, func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) })
	prog, err := syntax.Parse(src)
	if err != nil {
		t.Fatalf("parse %q: %v", src, err)
	}
	_ = db.Update(func(tx *store.Tx) error {
		in := New(tx, m, value.Globals(m), nil)
		v, err := in.Run(prog)
		check(in, v, err)
		return nil
	})
}

// The planner asks a predicate for its equality terms: only conjunctions
// of `field == value-free-of-the-parameter` have them.
func TestEqualityTerms(t *testing.T) {
	cases := []struct {
		pred  string
		terms map[string]string // field -> FQL text of the value
	}{
		{".email == 'a'", map[string]string{"email": `"a"`}},
		{"'a' == .email", map[string]string{"email": `"a"`}},
		{"u => u.email == k", map[string]string{"email": `"key"`}},
		{".a == 1 && .b == k", map[string]string{"a": "1", "b": `"key"`}},
		{".a == 1 && (.b == 2 && .c == 3)", map[string]string{"a": "1", "b": "2", "c": "3"}},
		{".a == .b", nil},
		{".a > 1", nil},
		{".a == 1 || .b == 2", nil},
		{".a == 1 && .a == 2", nil},
		{"u => u.a.b == 1", nil},
		{"u => u.a == u.b", nil},
		{"(u, v) => u.a == 1", nil},
		{".a?.b == 1", nil},
	}
	for _, c := range cases {
		t.Run(c.pred, func(t *testing.T) {
			// The predicate is an argument, so a short-hand becomes a function.
			run(t, "type T { a: Int }", "let k = 'key'\n[].where("+c.pred+")", func(in *Interp, _ value.Value, err error) {
				if err != nil {
					t.Fatal(err)
				}
			})
			prog, err := syntax.Parse(c.pred)
			if err != nil {
				t.Fatal(err)
			}
			body := prog.Stmts[0].(syntax.Expr)
			run(t, "type T { a: Int }", "1", func(in *Interp, _ value.Value, _ error) {
				e := &env{name: "k", val: value.String("key")}
				var cl *Closure
				if lam, ok := body.(*syntax.Lambda); ok {
					cl = &Closure{in: in, params: lam.Params, body: lam.Body, env: e}
				} else {
					cl = &Closure{in: in, params: []string{implicitParam}, body: body, env: e}
				}
				terms, ok, err := cl.EqualityTerms(in)
				if err != nil {
					t.Fatal(err)
				}
				if c.terms == nil {
					if ok {
						t.Errorf("%s: want no terms, got %v", c.pred, terms)
					}
					return
				}
				if !ok || len(terms) != len(c.terms) {
					t.Fatalf("%s: terms %v, ok %v; want %v", c.pred, terms, ok, c.terms)
				}
				for f, want := range c.terms {
					if got := value.Show(terms[f]); got != want {
						t.Errorf("%s: term %s = %s, want %s", c.pred, f, got, want)
					}
				}
			})
		})
	}
}

func TestOperators(t *testing.T) {
	cases := []struct{ src, want, code string }{
		{"7 / 2", "3", ""},
		{"7.0 / 2", "3.5", ""},
		{"7 % 3", "1", ""},
		{"1 / 0", "", "divide_by_zero"},
		{"1.5 % 0", "", "divide_by_zero"},
		{"2 ** 62", "4611686018427387904", ""},
		{"2 ** 63", "", "invalid_argument"},
		{"(-2) ** 63", "-9223372036854775808", ""},
		{"0 ** 0", "1", ""},
		{"1 ** 9223372036854775807", "1", ""},
		{"(-1) ** 9223372036854775807", "-1", ""},
		{"2 ** 9223372036854775807", "", "invalid_argument"},
		{"2 ** 3 ** 2", "512", ""},
		{"4 ** 0.5", "2.0", ""},
		{"5 & 3 | 8", "9", ""},
		{"1 | 2 == 3", "true", ""},
		{"1 isa Int && !(1 isa String)", "true", ""},
		{"Set.sequence(0, 3) == [0, 1, 2].toSet()", "true", ""},
		{"Set.sequence(0, 3) != Set.sequence(0, 4)", "true", ""},
		{"Set.sequence(0, 3) == [0, 1, 2]", "false", ""},
		{`"a" isa Strin`, "", "invalid_query"},
		{"9223372036854775807 + 1", "", "invalid_argument"},
		{"-9223372036854775808 - 1", "", "invalid_argument"},
		{"3037000500 * 3037000500", "", "invalid_argument"},
		{`"a" + "b"`, `"ab"`, ""},
		{`"a" + 1`, `"a1"`, ""},
		{`1 + "a"`, "", "invalid_type"},
		{"1 < 2 && 2 <= 2 && 3 > 2 && 3 >= 3", "true", ""},
		{`1 < "a"`, "false", ""},
		{"!true", "false", ""},
		{"!1", "", "invalid_type"},
		{"1 && true", "", "invalid_type"},
		{"false && 1", "false", ""},
		{"null ?? 2", "2", ""},
		{"1 ?? 2", "1", ""},
		{"null!", "", CodeNullAccess},
		{"if (1) 2", "", "invalid_type"},
		{"let x = 1", "", "invalid_query"},
	}
	for _, c := range cases {
		t.Run(c.src, func(t *testing.T) {
			run(t, "type T { a: Int }", c.src, func(in *Interp, v value.Value, err error) {
				if c.code != "" {
					d, ok := err.(*diag.Error)
					if !ok {
						t.Fatalf("%s = %s (%v), want error %s", c.src, value.Show(v), err, c.code)
					}
					if d.Code != c.code || !d.Pos.IsValid() {
						t.Errorf("%s: error %s at %v, want %s with a position", c.src, d.Code, d.Pos, c.code)
					}
					return
				}
				if err != nil {
					t.Fatalf("%s: %v", c.src, err)
				}
				if got := value.Show(v); got != c.want {
					t.Errorf("%s = %s, want %s", c.src, got, c.want)
				}
			})
		})
	}
}
