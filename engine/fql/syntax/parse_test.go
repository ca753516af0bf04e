package syntax

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/faunaplay/playground/engine/diag"
)

// show prints an expression in a fully parenthesised form, so tests can
// state precedence and structure in one line.
func show(n Node) string {
	switch n := n.(type) {
	case *Program:
		parts := make([]string, len(n.Stmts))
		for i, s := range n.Stmts {
			parts[i] = show(s)
		}
		return strings.Join(parts, "; ")
	case *Let:
		return fmt.Sprintf("let %s = %s", n.Name, show(n.Value))
	case *Literal:
		if s, ok := n.Value.(string); ok {
			return fmt.Sprintf("%q", s)
		}
		if n.Value == nil {
			return "null"
		}
		return fmt.Sprint(n.Value)
	case *Template:
		parts := make([]string, len(n.Parts))
		for i, p := range n.Parts {
			parts[i] = show(p)
		}
		return "tmpl(" + strings.Join(parts, ", ") + ")"
	case *Ident:
		return n.Name
	case *ArrayLit:
		parts := make([]string, len(n.Elems))
		for i, e := range n.Elems {
			parts[i] = show(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case *ObjectLit:
		parts := make([]string, len(n.Keys))
		for i, k := range n.Keys {
			parts[i] = k + ": " + show(n.Values[i])
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case *Block:
		parts := make([]string, len(n.Stmts))
		for i, s := range n.Stmts {
			parts[i] = show(s)
		}
		return "block(" + strings.Join(parts, "; ") + ")"
	case *Unary:
		return "(" + n.Op + show(n.X) + ")"
	case *Binary:
		return "(" + show(n.X) + " " + n.Op + " " + show(n.Y) + ")"
	case *Select:
		op := "."
		if n.Optional {
			op = "?."
		}
		if n.X == nil {
			return op + n.Name
		}
		return show(n.X) + op + n.Name
	case *Index:
		return show(n.X) + "[" + show(n.Index) + "]"
	case *Call:
		parts := make([]string, len(n.Args))
		for i, a := range n.Args {
			parts[i] = show(a)
		}
		return show(n.Fn) + "(" + strings.Join(parts, ", ") + ")"
	case *NonNull:
		return show(n.X) + "!"
	case *If:
		s := "if(" + show(n.Cond) + ", " + show(n.Then)
		if n.Else != nil {
			s += ", " + show(n.Else)
		}
		return s + ")"
	case *Lambda:
		return "fn(" + strings.Join(n.Params, ", ") + ") " + show(n.Body)
	case *Projection:
		parts := make([]string, len(n.Fields))
		for i, f := range n.Fields {
			if f.Value == nil {
				parts[i] = f.Key
			} else {
				parts[i] = f.Key + ": " + show(f.Value)
			}
		}
		return show(n.X) + " {" + strings.Join(parts, ", ") + "}"
	}
	return fmt.Sprintf("?%T", n)
}

func TestParse(t *testing.T) {
	cases := []struct{ src, want string }{
		{"1 + 2 * 3", "(1 + (2 * 3))"},
		{"1 - 2 - 3", "((1 - 2) - 3)"},
		{"a || b && c == d", "(a || (b && (c == d)))"},
		{"a ?? b || c", "(a ?? (b || c))"},
		{"x < 1 == y >= 2", "((x < 1) == (y >= 2))"},
		{"-x * !y", "((-x) * (!y))"},
		{"-9223372036854775808", "-9223372036854775808"},
		{"0x1F + 1_000 + 2.5e3", "((31 + 1000) + 2500)"},
		{"0o123 + 0O1_7", "(83 + 15)"},
		{"<<+EOS\n  Hello.\n    Today is #{w}\n  EOS", `tmpl("Hello.\n  Today is ", w, "\n")`},
		{"<<-ASIS\nstr => \"Hello #{str}\"\nASIS", `"str => \"Hello #{str}\"\n"`},
		{"<<+E\n\tx\n\n\t  y\n\tEX\n E\n", `"x\n\n  y\nEX\n"`},
		{"<<-E\nE\n1", `""; 1`},
		{`"a\n\u0041" + 'b\''`, `("a\nA" + "b'")`},
		{`"Hello #{name}!"`, `tmpl("Hello ", name, "!")`},
		{"let a = 1\nlet b = 2\na + b", "let a = 1; let b = 2; (a + b)"},
		{"let a = 1; a", "let a = 1; a"},
		{"let x: Int = 3\nx", "let x = 3; x"},
		{"User.all()\n  .where(.age > 3)\n  .first()", "User.all().where((.age > 3)).first()"},
		{"a +\n b", "(a + b)"},
		{"a\n-1", "a; -1"},
		{"f(\n1,\n2\n)", "f(1, 2)"},
		{"x!.y?.z[0]", "x!.y?.z[0]"},
		{"x?.[1]", "x[1]"},
		{"if (a) b else c", "if(a, b, c)"},
		{"if (a) {\n  b\n}\nelse {\n  c\n}", "if(a, block(b), block(c))"},
		{"x => x + 1", "fn(x) (x + 1)"},
		{"(a, b) => a * b", "fn(a, b) (a * b)"},
		{"() => 1", "fn() 1"},
		{"{ a: 1, 'b c': [1, 2,], }", `{a: 1, b c: [1, 2]}`},
		{"{}", "{}"},
		{"{ let a = 1\n a }", "block(let a = 1; a)"},
		{"Video.byId(id) {\n  author {\n    name\n  }\n}", "Video.byId(id) {author: .author {name}}"},
		{"User.all() { name, n: .videos.count() }", "User.all() {name, n: .videos.count()}"},
		{"foo\n{ a: 1 }", "foo; {a: 1}"},
		{"// comment\n1 /* inline */ + 2", "(1 + 2)"},
		{"Permission.where(.user == u && .video == v)", "Permission.where(((.user == u) && (.video == v)))"},
	}
	for _, c := range cases {
		t.Run(c.src, func(t *testing.T) {
			p, err := Parse(c.src)
			if err != nil {
				t.Fatalf("Parse(%q): %v", c.src, err)
			}
			if got := show(p); got != c.want {
				t.Errorf("Parse(%q)\n got %s\nwant %s", c.src, got, c.want)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	cases := []struct {
		src  string
		pos  diag.Pos
		frag string
	}{
		{"1 +", diag.Pos{Line: 1, Column: 4}, "end of query"},
		{"let = 3", diag.Pos{Line: 1, Column: 5}, `unexpected token "="`},
		{"User.all(\n", diag.Pos{Line: 2, Column: 1}, ""},
		{"{ a: 1, a: 2 }", diag.Pos{Line: 1, Column: 9}, "twice"},
		{"99999999999999999999", diag.Pos{Line: 1, Column: 1}, "too large"},
		{"(a + 1) => a", diag.Pos{Line: 1, Column: 2}, "parameters must be names"},
		{"", diag.Pos{Line: 1, Column: 1}, "empty"},
		{strings.Repeat("[", 200), diag.Pos{Line: 1, Column: maxDepth + 1}, "nests deeper"},
		{`"unterminated`, diag.Pos{Line: 1, Column: 14}, ""},
		{"<<+EOS hi\nEOS", diag.Pos{Line: 1, Column: 1}, "starts on the next line"},
		{"<<-EOS\nhi", diag.Pos{Line: 2, Column: 3}, ""},
	}
	for _, c := range cases {
		t.Run(c.src, func(t *testing.T) {
			_, err := Parse(c.src)
			d, ok := err.(*diag.Error)
			if !ok {
				t.Fatalf("Parse(%q) = %v, want a *diag.Error", c.src, err)
			}
			if d.Code != diag.InvalidQuery || d.Pos != c.pos || !strings.Contains(d.Message, c.frag) {
				t.Errorf("Parse(%q) = %s at %v, want invalid_query at %v containing %q", c.src, d.Message, d.Pos, c.pos, c.frag)
			}
		})
	}
}

// FuzzParse: any input parses or fails with an invalid_query error with a
// position; never a panic. Through the shape cache (the input, then texts
// of its shape and of others) it parses as it does fresh.
func FuzzParse(f *testing.F) {
	cache := NewCache(1024, 1<<20)
	for _, s := range []string{
		"let user = User.firstWhere(.email == 'a@b.c')\nVideo.where(.author == user)",
		"Video.byId(\"1\") { author { name } }",
		"[1, 2.5, 'x', \"#{a}\", null, true].map(x => x)",
		"if (a) { b } else c ?? d", "(a, b) => { let c = a; c }", "x!.y?.z[0]",
		"{ a: 1 }", "/* c */ 1 // d", strings.Repeat("(", 50),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		agree(t, cache, src)
		for seed := range 3 {
			if v, ok := sameLength(src, seed); ok {
				agree(t, cache, v)
			}
		}
		if v, ok := variant(src, len(src)); ok {
			agree(t, cache, v)
		}
		p, err := Parse(src)
		if err != nil {
			d, ok := err.(*diag.Error)
			if !ok || d.Code != diag.InvalidQuery || !d.Pos.IsValid() {
				t.Fatalf("Parse(%q): bad error %#v", src, err)
			}
			return
		}
		if p == nil || len(p.Stmts) == 0 {
			t.Fatalf("Parse(%q): no statements and no error", src)
		}
	})
}

// The parser keeps what the grammar does not see for the formatter: the
// comments, where each bracket closes, the empty lines.
func TestParseKeepsComments(t *testing.T) {
	src := "// head\nlet a = [1, /* one */ 2]\n\nf({ b: a }) // tail"
	p, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	want := []Comment{
		{P: diag.Pos{Line: 1, Column: 1}, Text: "// head", OwnLine: true, EndsLine: true},
		{P: diag.Pos{Line: 2, Column: 13}, Text: "/* one */"},
		{P: diag.Pos{Line: 4, Column: 13}, Text: "// tail", EndsLine: true},
	}
	if !reflect.DeepEqual(p.Comments, want) {
		t.Errorf("comments %+v, want %+v", p.Comments, want)
	}
	closers := map[diag.Pos]diag.Pos{
		{Line: 2, Column: 9}: {Line: 2, Column: 24}, // [ ]
		{Line: 4, Column: 2}: {Line: 4, Column: 11}, // ( )
		{Line: 4, Column: 3}: {Line: 4, Column: 10}, // { }
	}
	if !reflect.DeepEqual(p.Closers, closers) {
		t.Errorf("closers %v, want %v", p.Closers, closers)
	}
	if !reflect.DeepEqual(p.Blank, []int{3}) {
		t.Errorf("blank lines %v, want [3]", p.Blank)
	}
	if _, err := Parse("// only a comment"); err == nil {
		t.Error("a query of only a comment parses")
	}
	if p, err := ParseFile("// only a comment"); err != nil || len(p.Stmts) != 0 || len(p.Comments) != 1 {
		t.Errorf("ParseFile of a comment: %v, %v", p, err)
	}
}
