package fsl

import (
	"strings"
	"testing"

	"github.com/faunaplay/playground/engine/diag"
	"github.com/faunaplay/playground/engine/fql/syntax"
	"github.com/faunaplay/playground/engine/schema"
)

func TestDetect(t *testing.T) {
	cases := []struct{ src, want string }{
		{"", schema.GraphQL},
		{"   \n\t", schema.GraphQL},
		{"collection User { name: String }", schema.FSLLang},
		{"// the shop\ncollection Product {}", schema.FSLLang},
		{"/* a\nblock */ function f() { 1 }", schema.FSLLang},
		{"@role(server)\nfunction f() { 1 }", schema.FSLLang},
		{"@alias(g) function f() { 1 }", schema.FSLLang},
		{"role admin {}", schema.FSLLang},
		{"access provider p {}", schema.FSLLang},
		{"// only a comment", schema.FSLLang},
		{"type User { name: String! }", schema.GraphQL},
		{"# a comment\ntype User { name: String! }", schema.GraphQL},
		{`"""A user"""` + "\ntype User { name: String }", schema.GraphQL},
		{`"A user" type User { name: String }`, schema.GraphQL},
		{"schema { query: Query }", schema.GraphQL},
		{"enum Role { A B }", schema.GraphQL},
		{"input I { a: Int }", schema.GraphQL},
		{"scalar Long", schema.GraphQL},
		{"directive @x on FIELD", schema.GraphQL},
		{"interface Node { id: ID! }", schema.GraphQL},
		{"union U = A | B", schema.GraphQL},
		{"extend type User { age: Int }", schema.GraphQL},
		{"collections", schema.GraphQL},
		{"typeUser", schema.GraphQL},
	}
	for _, c := range cases {
		if got := Detect(c.src); got != c.want {
			t.Errorf("Detect(%q) = %s, want %s", c.src, got, c.want)
		}
	}
}

// TestFQLPositions: the FQL inside FSL keeps the places it has in the
// schema, in its AST as in its errors.
func TestFQLPositions(t *testing.T) {
	src := "collection Item {\n  price: Int = 1 +\n    2\n  compute double: Int = (doc => doc.price * 2)\n}\nfunction f(x) {\n  let y = x\n  y + 1\n}\n"
	m := Parse(src)
	if len(m.Errors) > 0 {
		t.Fatal(m.Errors)
	}
	item := m.Collection("Item")
	def := item.Field("price").Default
	bin, ok := def.Expr.(*syntax.Binary)
	if !ok {
		t.Fatalf("default is %T", def.Expr)
	}
	if def.Pos != (diag.Pos{Line: 2, Column: 16}) || bin.Y.Position() != (diag.Pos{Line: 3, Column: 5}) {
		t.Errorf("default at %v, its 2 at %v; want 2:16 and 3:5", def.Pos, bin.Y.Position())
	}
	compute := item.Field("double").Compute
	lam, ok := compute.Expr.(*syntax.Lambda)
	if !ok || lam.Params[0] != "doc" || compute.Pos != (diag.Pos{Line: 4, Column: 25}) || lam.Body.Position().Line != 4 {
		t.Errorf("compute is %T at %v", compute.Expr, compute.Pos)
	}
	body := m.Functions[0].Body
	blk, ok := body.Expr.(*syntax.Block)
	if !ok || len(blk.Stmts) != 2 || blk.Stmts[1].Position() != (diag.Pos{Line: 8, Column: 3}) || body.Pos != (diag.Pos{Line: 6, Column: 15}) {
		t.Errorf("body %T at %v, its last statement at %v", body.Expr, body.Pos, blk.Stmts[len(blk.Stmts)-1].Position())
	}
	if !strings.HasPrefix(body.Src, "{") || !strings.HasSuffix(body.Src, "}") {
		t.Errorf("body source %q is not the block", body.Src)
	}
}

func TestErrors(t *testing.T) {
	cases := []struct {
		name, src string
		want      []string // "line:col: part of the message"
	}{
		{"unknown item", "type User { name: String }", []string{"1:1: unexpected token \"type\"; an FSL schema holds collection, function"}},
		{"misspelt item", "colection A {}", []string{`1:1: unexpected token "colection"`, `Did you mean "collection"?`}},
		{"keyword misused", "collection A {\n  history_days x\n}", []string{"2:3: history_days is written `history_days 30`"}},
		{"compute without body", "collection A {\n  compute b: Int\n}", []string{`3:1: expected an FQL expression, not "}"`}},
		{"grammar cut to a token", "collection A { a: String\n index byX terms [.a] }", []string{`2:12: unexpected token "terms" (expected "{")`}},
		{"mismatched bracket", "collection A { a: Int = (1] }", []string{`1:27: unexpected "]": the "(" at 1:25 is closed by ")"`}},
		{"unterminated string", "collection A {\n  s: String = \"abc\n}", []string{"2:15: unterminated string"}},
		{"stray character", "collection A {\n  a: String ~\n}", []string{"2:13: unexpected character \"~\""}},
		{"unclosed", "collection A {\n  a: Array<String", []string{"the \"{\" at 1:14 is not closed"}},
		{"generic", "collection A { a: Foo<String> }", []string{"1:19: Foo is not a generic type"}},
		{"ref to nothing", "collection A { a: Ref<String> }", []string{"1:23: Ref<String>: a reference names a collection"}},
		{"set stored", "collection A { a: Set<A> }", []string{"1:19: field `A.a`: a Set is not stored"}},
		{"tuple", "collection A { a: [String, Int] }", []string{"1:19: tuple types"}},
		{"wildcard type", "collection A { *: String }", []string{"1:16: the playground knows only the wildcard `*: Any`"}},
		{"index without terms", "collection A { a: String\n index i {} }", []string{"2:8: index `i` has neither terms nor values"}},
		{"index property", "collection A { a: String\n index i { terms [.a] sort [.a] } }", []string{"2:23: index `i`: unknown property `sort`"}},
		{"values field", "collection A { a: String\n index i { values [desc(.b)] } }", []string{"2:25: the values of index `i`: `b` is not a field of A"}},
		{"duplicate check", "collection A { check c (d => true)\n check c (d => false) }", []string{"2:2: check `c` is declared twice"}},
		{"unique computed", "collection A { compute c = (d => 1)\n unique [.c] }", []string{"2:9: unique constraint: `A.c` is computed"}},
		{"fql let", "collection A { a: Int = let x = 1 }", []string{"1:25: the default of `A.a` must be an FQL expression, not a `let`"}},
		{"empty body", "function f() {}", []string{"1:14: the body of function f is empty"}},
		{"body not braced", "function f() (1)", []string{"1:14: the body of function f is written in braces"}},
		{"variadic not last", "function f(...a, b) { a }", []string{"1:12: only the last parameter"}},
		{"duplicate param", "function f(a, a) { a }", []string{"1:15: function f has two parameters named a"}},
		{"duplicate function", "function f() { 1 }\nfunction f() { 2 }", []string{"2:1: function f is declared twice"}},
		{"function named as a collection", "collection User {}\nfunction User() { 1 }", []string{"2:1: function User has the name of a collection"}},
		{"function reserved", "function Collection() { 1 }", []string{"1:1: a function cannot be named `Collection`"}},
		{"unknown annotation", "@roles(server)\nfunction f() { 1 }", []string{"1:1: unknown annotation @roles"}},
		{"role on a collection", "@role(server)\ncollection A {}", []string{"1:1: @role is for functions"}},
		{"annotation without a name", "@alias()\nfunction f() { 1 }", []string{"1:1: @alias takes one name"}},
		{"too large", strings.Repeat(" ", schema.MaxSchemaBytes+1), []string{"the schema is 1048577 bytes"}},
		{"too deep", "collection A { a: Int = " + strings.Repeat("(", 200) + " }", []string{"the schema nests deeper than 128 brackets"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := Parse(c.src)
			if len(m.Collections) > 0 || len(m.Functions) > 0 || m.Language != schema.FSLLang {
				t.Errorf("a model with errors holds %d collections, %d functions, language %q", len(m.Collections), len(m.Functions), m.Language)
			}
			var got []string
			for _, e := range m.Errors {
				got = append(got, e.Pos.String()+": "+e.Message)
			}
			all := strings.Join(got, "\n")
			for _, w := range c.want {
				if !strings.Contains(all, w) {
					t.Errorf("errors lack %q:\n%s", w, all)
				}
			}
			if len(m.Errors) == 0 {
				t.Fatal("no error")
			}
			for _, e := range m.Errors {
				if e.Code != diag.InvalidSchema && e.Code != diag.LimitExceeded || !e.Pos.IsValid() {
					t.Errorf("error %v: want code invalid_schema (or limit_exceeded) and a position", e)
				}
			}
		})
	}
}

// TestModel checks what the lead's evaluator reads on one schema: kinds,
// targets, types, defaults, constraints and settings.
func TestModel(t *testing.T) {
	m := Parse(`
collection User {
  name: String
  email: String
  unique [.email]
  compute videos: Set<Video> = (user => Video.byAuthor(user))
}
collection Video {
  title: String = "untitled"
  author: User
  viewers: Array<Ref<User>>
  tags: Array<String>?
  index byAuthor { terms [.author] values [desc(.title)] }
}
collection Anything {}
`)
	if len(m.Errors) > 0 {
		t.Fatal(m.Errors)
	}
	if m.Language != schema.FSLLang || len(m.Collections) != 3 || m.Collections[0].Name != "Anything" {
		t.Fatalf("language %q, collections %v", m.Language, m.Collections)
	}
	user, video := m.Collection("User"), m.Collection("Video")
	cases := []struct {
		what      string
		got, want any
	}{
		{"Anything schemaless", m.Collection("Anything").Schemaless, true},
		{"User not schemaless", user.Schemaless, false},
		{"email unique", user.Field("email").Unique, true},
		{"unique index", user.Index("unique_email") != nil && user.Index("unique_email").Constraint, true},
		{"videos kind", user.Field("videos").Kind, schema.Computed},
		{"videos via", *user.Field("videos").Via, schema.Via{Collection: "Video", Index: "byAuthor", Term: "author"}},
		{"author kind", video.Field("author").Kind, schema.Ref},
		{"author target", video.Field("author").Target, "User"},
		{"author type", video.Field("author").Type, "Ref<User>"},
		{"viewers kind", video.Field("viewers").Kind, schema.RefList},
		{"tags list", video.Field("tags").List, true},
		{"tags nullable", video.Field("tags").NonNull, false},
		{"tags elem", video.Field("tags").Elem, "String"},
		{"title default", video.Field("title").Default.Src, `"untitled"`},
		{"index values", video.Index("byAuthor").Values, []schema.IndexValue{{Field: "title", Desc: true}}},
		{"relation", m.Relations[0].Name + " " + m.Relations[0].Cardinality, "user_videos one-to-many"},
		{"relation on ref", video.Field("author").Relation == m.Relations[0], true},
	}
	for _, c := range cases {
		if !equal(c.got, c.want) {
			t.Errorf("%s: got %v, want %v", c.what, c.got, c.want)
		}
	}
}

func equal(a, b any) bool {
	return strings.TrimSpace(fmtAny(a)) == strings.TrimSpace(fmtAny(b))
}
