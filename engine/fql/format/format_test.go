package format

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/faunaplay/playground/engine/diag"
	"github.com/faunaplay/playground/engine/fql/syntax"
)

type formatCase struct{ name, in, want string }

func runFormatCases(t *testing.T, cases []formatCase) {
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Format(c.in)
			if err != nil {
				t.Fatal(err)
			}
			if got != c.want {
				t.Errorf("Format(%q) =\n%s\nwant\n%s", c.in, got, c.want)
			}
			checkRoundTrip(t, c.in, got)
		})
	}
}

func TestFormat(t *testing.T) {
	runFormatCases(t, []formatCase{
		{"spacing", "let x=1+2*3\nx", "let x = 1 + 2 * 3\nx"},
		{"semicolons become lines", "let a = 1; let b = 2; a + b", "let a = 1\nlet b = 2\na + b"},
		{"parentheses precedence needs", "(1 + 2) * 3", "(1 + 2) * 3"},
		{"parentheses precedence does not need", "(1 * 2) + (3)", "1 * 2 + 3"},
		{"left associative", "1 - (2 - 3)", "1 - (2 - 3)"},
		{"left associative, left", "(1 - 2) - 3", "1 - 2 - 3"},
		{"right associative", "(2 ** 3) ** 2", "(2 ** 3) ** 2"},
		{"right associative, right", "2 ** (3 ** 2)", "2 ** 3 ** 2"},
		{"unary", "-(1 + 2)", "-(1 + 2)"},
		{"negative receiver", "(-5).abs()", "(-5).abs()"},
		{"negation of a call", "-5.abs()", "-5.abs()"},
		{"unary receiver", "(!x).toString()", "(!x).toString()"},
		{"function operand", "(x => x) ?? 1", "(x => x) ?? 1"},
		{"if operand", "(if (a) 1 else 2) + 3", "(if (a) 1 else 2) + 3"},
		{"dangling else", "if (a) (if (b) 1) else 2", "if (a) (if (b) 1) else 2"},
		{"else if", "if (a) 1 else if (b) 2 else 3", "if (a) 1 else if (b) 2 else 3"},
		{"function params", "[1].map((x) => x).fold(0, (a,b)=>a+b)", "[1].map(x => x).fold(0, (a, b) => a + b)"},
		{"short-hand", "User.where(.age>3 && .name!=null)", "User.where(.age > 3 && .name != null)"},
		{"statement starting with a dot", "1; .x", "1;\n.x"},
		{"x! before a bracket", "let u = f()!; [u]", "let u = f()!;\n[u]"},
		{"x! before a name", "let u = f()!\nlet v = u\nv", "let u = f()!\nlet v = u\nv"},
		{"optional", "a?.b?.[0]!", "a?.b?.[0]!"},
		{"strings", `'it' + "a\"b" + 'c"d' + "\n\t"`, `"it" + "a\"b" + "c\"d" + "\n\t"`},
		{"interpolation", `"a #{x + 1} b \#{c}"`, `"a #{x + 1} b \#{c}"`},
		{"numbers", "[1_000, 0xff, 0o17, 1.50, 1e3, 2.0, -0.0]", "[1000, 255, 15, 1.5, 1000.0, 2.0, -0.0]"},
		{"heredoc", "<<+EOS\n  Hi #{name}\n  EOS", `"Hi #{name}\n"`},
		{"raw heredoc", "<<-X\n  a #{b}\nX", `"a \#{b}\n"`},
		{"object keys", `{ a: 1, "b c": 2, 'd#': 3, 10: 4, "": 5 }`, `{ a: 1, "b c": 2, 'd#': 3, 10: 4, "": 5 }`},
		{"let type", "let x:Number|Null=1\nx", "let x: Number | Null = 1\nx"},
		{"short projection", "User.all() {name,videos{title}, n: .videos.count()}", "User.all() { name, videos { title }, n: .videos.count() }"},
		{"single-statement block", "if (x) {1} else {2}", "if (x) { 1 } else { 2 }"},
		{"block of several statements", "{ let a = 1; a }", "{\n  let a = 1\n  a\n}"},
		{"empty containers", "[[], {}, f()]", "[[], {}, f()]"},
		{"long object", `User.create({ name: "Ann", email: "ann@example.com", address: { city: "Lyon" } })`,
			"User.create({\n  name: \"Ann\",\n  email: \"ann@example.com\",\n  address: { city: \"Lyon\" }\n})"},
		{"fits in 80 columns", "[111111111, 222222222, 333333333, 444444444, 555555555, 666666666, 777777777, 8]",
			"[111111111, 222222222, 333333333, 444444444, 555555555, 666666666, 777777777, 8]"},
		{"long array", "[111111111, 222222222, 333333333, 444444444, 555555555, 666666666, 777777777, 88]",
			"[\n  111111111,\n  222222222,\n  333333333,\n  444444444,\n  555555555,\n  666666666,\n  777777777,\n  88\n]"},
		{"long arguments", "f(111111111, 222222222, 333333333, 444444444, 555555555, 666666666, 777777777, 8)",
			"f(\n  111111111,\n  222222222,\n  333333333,\n  444444444,\n  555555555,\n  666666666,\n  777777777,\n  8\n)"},
		{"a function's block breaks alone", "Set.sequence(0, 20).forEach(i => { let n = i * 2; User.create({ n: n }) })",
			"Set.sequence(0, 20).forEach(i => {\n  let n = i * 2\n  User.create({ n: n })\n})"},
		{"long projection", "Order.all() { customer { firstName, lastName }, cart { quantity, product { name, price } } }",
			"Order.all() {\n  customer { firstName, lastName },\n  cart { quantity, product { name, price } }\n}"},
		{"blank lines kept, one", "let a = 1\n\n\n\nlet b = 2\nb", "let a = 1\n\nlet b = 2\nb"},
		{"trailing newline and spaces", "  1 + 1  \n\n", "1 + 1"},
		{"only comments", "// a\n\n/* b */", "// a\n\n/* b */"},
		{"empty", "", ""},
	})
}

func TestFormatComments(t *testing.T) {
	runFormatCases(t, []formatCase{
		{"line before and after", "// head\nlet x = 1 // one\nx", "// head\nlet x = 1 // one\nx"},
		{"block in place", "1 + /* two */ 2", "1 + /* two */ 2"},
		{"line comment within an expression moves to the line's end", "1 + // two\n  2", "1 + 2 // two"},
		{"comment breaks an object", "{ a: 1, // one\n b: 2 }", "{\n  a: 1, // one\n  b: 2\n}"},
		{"own line in an array", "[1,\n// two\n2]", "[\n  1,\n  // two\n  2\n]"},
		{"before a closing bracket", "[1\n// end\n]", "[\n  1\n  // end\n]"},
		{"after an opening bracket", "f( // args\n1, 2)", "f( // args\n  1,\n  2\n)"},
		{"in a block", "{\n  // first\n  let a = 1\n\n  // then\n  a\n}", "{\n  // first\n  let a = 1\n\n  // then\n  a\n}"},
		{"in a projection", "User.all() {\n  name, // shown\n  email\n}", "User.all() {\n  name, // shown\n  email\n}"},
		{"at the end", "1\n// done", "1\n// done"},
		{"after the end on its line", "1 /* a */ // b", "1 /* a */ // b"},
		{"block comment of lines", "/*\n * a\n */\n1", "/*\n * a\n */\n1"},
		{"empty call with a comment", "f(/* none */)", "f( /* none */\n)"},
		{"in an interpolation it leaves the string", `"#{x /* c */}" + 1`, `"#{x}" + /* c */ 1`},
		{"a method chain breaks at its comments", "Product.all() // all\n  .where(.price > 10) // cheap out\n  .order(.name)",
			"Product.all() // all\n  .where(.price > 10) // cheap out\n  .order(.name)"},
		{"a chain broken keeps its indentation", "User.all() // all\n.map(u => { let n = u.name; n })",
			"User.all() // all\n  .map(u => {\n    let n = u.name\n    n\n  })"},
		{"a long chain breaks before its calls", "Product.where(.category == \"produce\").order(.name).concat(Product.where(.category == \"frozen\")).map(.name)",
			"Product.where(.category == \"produce\")\n  .order(.name)\n  .concat(Product.where(.category == \"frozen\"))\n  .map(.name)"},
		{"a chain without comments is one line", "Product.all()\n  .where(.price > 10)\n  .order(.name)", "Product.all().where(.price > 10).order(.name)"},
		{"before else", "if (a) { 1 } // then\nelse { 2 }", "if (a) { 1 } // then\nelse { 2 }"},
		{"CRLF", "let a = 1 // one\r\na", "let a = 1 // one\na"},
	})
}

func TestFormatError(t *testing.T) {
	for _, c := range []struct {
		in  string
		pos diag.Pos
	}{
		{"let x = ", diag.Pos{Line: 1, Column: 9}},
		{"1 +\n\n", diag.Pos{Line: 3, Column: 1}},
		{"{ a: 1, a: 2 }", diag.Pos{Line: 1, Column: 9}},
	} {
		got, err := Format(c.in)
		d, ok := err.(*diag.Error)
		if got != "" || !ok || d.Code != diag.InvalidQuery || d.Pos != c.pos {
			t.Errorf("Format(%q) = %q, %v; want an invalid_query at %v", c.in, got, err, c.pos)
		}
	}
}

// checkRoundTrip: the formatted text parses to the same program, keeps
// every comment, and formats to itself.
func checkRoundTrip(t *testing.T, in, out string) {
	t.Helper()
	a, err := syntax.ParseFile(in)
	if err != nil {
		return
	}
	b, err := syntax.ParseFile(out)
	if err != nil {
		t.Fatalf("the formatted text does not parse: %v\n%s", err, out)
	}
	if da, db := dump(a), dump(b); da != db {
		t.Fatalf("the formatted text means something else:\n%s\n--- was ---\n%s\n--- is ---\n%s", out, da, db)
	}
	if ca, cb := commentTexts(a), commentTexts(b); ca != cb {
		t.Fatalf("comments changed:\n%s\n--- to ---\n%s", ca, cb)
	}
	if again := Print(b); again != out {
		t.Fatalf("not idempotent:\n%s\n--- twice ---\n%s", out, again)
	}
}

// dump writes a program's statements without positions.
func dump(p *syntax.Program) string {
	var b strings.Builder
	for _, s := range p.Stmts {
		dumpValue(&b, reflect.ValueOf(s))
		b.WriteString("\n")
	}
	return b.String()
}

var posType = reflect.TypeOf(diag.Pos{})

func dumpValue(b *strings.Builder, v reflect.Value) {
	switch v.Kind() {
	case reflect.Interface, reflect.Pointer:
		if v.IsNil() {
			b.WriteString("nil")
			return
		}
		dumpValue(b, v.Elem())
	case reflect.Struct:
		b.WriteString(v.Type().Name() + "{")
		for i := range v.NumField() {
			if v.Field(i).Type() == posType {
				continue
			}
			b.WriteString(v.Type().Field(i).Name + ":")
			dumpValue(b, v.Field(i))
			b.WriteString(" ")
		}
		b.WriteString("}")
	case reflect.Slice:
		b.WriteString("[")
		for i := range v.Len() {
			dumpValue(b, v.Index(i))
			b.WriteString(" ")
		}
		b.WriteString("]")
	default:
		fmt.Fprintf(b, "%#v", v.Interface())
	}
}

// commentTexts are the comments' texts, sorted (a line comment may move
// to the end of its line, after a block comment).
func commentTexts(p *syntax.Program) string {
	var texts []string
	for _, c := range p.Comments {
		texts = append(texts, strings.TrimRight(c.Text, "\r"))
	}
	slices.Sort(texts)
	return strings.Join(texts, "\n")
}
