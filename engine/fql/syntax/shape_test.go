package syntax

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/tools/txtar"
)

// replacements are other texts for a blanked literal, by kind: of other
// lengths, out of range, unicode, empty (which is another shape).
var replacements = map[byte][]string{
	'i': {"7", "0", "42", "123456789", "9223372036854775807", "9223372036854775808", "18446744073709551616", "1_000"},
	'f': {"0.5", "2.0", "1e3", "3.25e-2", "1e400", "12_3.4_5", "0.000"},
	'x': {"0x0", "0xff", "0xFFFF_FFFF", "0x8000000000000000"},
	'b': {"0b1", "0b1010", "0b" + strings.Repeat("1", 70)},
	'o': {"0o7", "0o777", "0o1777777777777777777777"},
	's': {"a", "hello world", "ünïcödé 字", "x y z", "#", "", "new 12345", "a#b"},
}

// variant is src with the content of every blanked literal replaced, the
// k-th literal by the (k+seed)-th replacement of its kind: mostly of
// other lengths, so of other shapes.
func variant(src string, seed int) (string, bool) {
	n := 0
	return relit(src, func(kind byte, _ string) string {
		r := replacements[kind]
		n++
		return r[(n+seed)%len(r)]
	})
}

// sameLength is src with every blanked literal's characters changed for
// others of the same widths (digits for digits, all nines when seed is
// 2 mod 3): another text of src's shape.
func sameLength(src string, seed int) (string, bool) {
	return relit(src, func(kind byte, v string) string {
		b := []rune(v)
		for i, r := range b {
			switch {
			case kind != 's' && (i < 2 && kind != 'i' && kind != 'f' || !strings.ContainsRune("0123456789abcdefABCDEF", r)):
				// a base's prefix, a point, an exponent: kept
			case kind == 'b':
				b[i] = '0' + (r-'0'+rune(seed))%2
			case kind == 'o':
				b[i] = '0' + (r-'0'+rune(seed))%8
			case kind == 'x':
				b[i] = rune("0123456789abcdef"[(i+seed)%16])
			case kind != 's' && r >= '0' && r <= '9':
				if b[i] = '0' + (r-'0'+rune(seed))%10; seed%3 == 2 {
					b[i] = '9'
				}
			case kind == 's':
				b[i] = []rune{rune("abcdefgh ijk"[(i+seed)%12]), 'é', '字', '😀'}[utf8.RuneLen(r)-1]
			}
		}
		return string(b)
	})
}

// relit rewrites the blanked literals of src with to; false when there
// are none.
func relit(src string, to func(kind byte, v string) string) (string, bool) {
	lx, err := fql.lex("query.fql", src)
	if err != nil {
		return "", false
	}
	var b strings.Builder
	last, n := 0, 0
	for i, t := range lx.tokens {
		kind, ok := blanked(lx.tokens, i)
		if !ok {
			continue
		}
		b.WriteString(src[last:t.Pos.Offset])
		b.WriteString(to(kind, t.Value))
		last = t.Pos.Offset + len(t.Value)
		n++
	}
	if n == 0 {
		return "", false
	}
	b.WriteString(src[last:])
	return b.String(), true
}

// agree fails unless the cache parses src as a fresh Parse does: the same
// program (positions, comments, closers, blank lines) or the same error.
func agree(t *testing.T, c *Cache, src string) {
	t.Helper()
	got, gerr := c.Parse(src)
	want, werr := Parse(src)
	if !reflect.DeepEqual(gerr, werr) {
		t.Fatalf("%q: error through the cache %v, fresh %v", src, gerr, werr)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%q: program through the cache\n%s\nfresh\n%s", src, show(got), show(want))
	}
}

// queryTexts are the FQL of the scenario files and the parser's fuzz corpus.
func queryTexts(t *testing.T) []string {
	var texts []string
	files, _ := filepath.Glob("../../../testdata/*/*.txtar")
	for _, f := range files {
		a, err := txtar.ParseFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range a.Files {
			if s.Name == "fql" {
				texts = append(texts, strings.TrimSuffix(string(s.Data), "\n"))
			}
		}
	}
	corpus, _ := filepath.Glob("testdata/fuzz/FuzzParse/*")
	for _, f := range corpus {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		line := strings.TrimSpace(strings.SplitN(string(b), "\n", 2)[1])
		if s, err := strconv.Unquote(strings.TrimSuffix(strings.TrimPrefix(line, "string("), ")")); err == nil {
			texts = append(texts, s)
		}
	}
	if len(files) == 0 || len(texts) < 300 {
		t.Fatalf("found %d files and %d texts", len(files), len(texts))
	}
	return texts
}

var shapeCases = []string{
	`User.create({ name: "u12345", email: "u12345@x.io", age: 31 })`,
	`-9223372036854775808`, `- 5`, `--5`, `-(5)`, `!-5`, `[-1, 2 - 3, -0.5, -0x10]`,
	`[1.5, 150, 1e5, 0x1F, 0b11, 0o17, 1_000]`,
	`"a\nb" + 'c\'d' + "\u{1F600}" + "x"`,
	"\"a\n b\" + \"c\"",
	"<<+END\n  hello #{1 + 2}\n  \"x\"\nEND",
	"<<-END\n  plain 5 \"x\"\nEND + 'y'",
	`"a#{ "b" }c#{ 12 }" + "#"`,
	`"héllo wörld 字" + 'ü' + "x"`,
	"// note 5 \"x\"\nlet a = 1 /* two */ + 2\n\n\na * 'three'",
	"let x = {\n  a: 1,\n  \"b\": 'two',\n  3: 4.5,\n  'c': [\"d\", 6]\n}\nx",
	`{ "a": 1, "b": 2 }`, `{ 1: "x", 2: "y" }`, `{ 'k': 1, 'l': 2 }`,
	`Video.byId("123") { title, author { name } }`,
	`User.where(.age > 30 && .name != "bob").map(u => u.email).take(10)`,
	`if (1 < 2) "yes" else 'no'`, `let f = (a, b) => a + b; f(1, 2.5)`,
	`x: Int = 5`, `let x: Array<Int> = [1]; x`,
	`[1, 2`, `{ "a": 1, "a": 2 }`, `99999999999999999999`, `0xFFFFFFFFFFFFFFFFF`, `1e400`,
	`"\u{110000}"`, `"unterminated`, `'a' 'b'`, `1 +`, "", "// only", `;;`,
}

// The cache's program is a fresh parse's, for every scenario query, the
// fuzz corpus, targeted texts, and variants of each with other literals.
func TestCacheAgreesWithParse(t *testing.T) {
	texts := append(queryTexts(t), shapeCases...)
	c := NewCache(1<<20, 1<<30)
	for _, src := range texts {
		agree(t, c, src)
		for seed := 0; seed < 6; seed++ {
			if v, ok := variant(src, seed); ok {
				agree(t, c, v)
			}
			if v, ok := sameLength(src, seed); ok {
				agree(t, c, v)
			}
		}
	}
	if c.hits < len(texts) {
		t.Errorf("%d texts and only %d shape hits", len(texts), c.hits)
	}
}

// A hit is what the shape is for: texts differing only in a literal's
// value share one entry; a float for an int, or an escape, is another.
func TestCacheShapes(t *testing.T) {
	c := NewCache(16, 1<<20)
	for i, tc := range []struct {
		src string
		hit bool
	}{
		{`User.create({ name: "u1", age: 3 })`, false},
		{`User.create({ name: "u7", age: 4 })`, true},
		{`User.create({ name: "u12345", age: 31 })`, false},
		{`User.create({ name: 'u1', age: 3 })`, false},
		{`User.create({ name: "u1", age: 3.5 })`, false},
		{`User.create({ name: "u\n1", age: 3 })`, false},
		{`User.create({ name: "ü字", age: 1000000000000000000 })`, false},
		{`User.create({ name: "é字", age: 9999999999999999999 })`, true},
		{`User.create({ name: "ab字", age: 9999999999999999999 })`, false},
		{`User.create({ name: "u1", age: 3 })  `, false},
	} {
		before := c.hits
		agree(t, c, tc.src)
		if hit := c.hits > before; hit != tc.hit {
			t.Errorf("%d: %q: hit %v, want %v", i, tc.src, hit, tc.hit)
		}
	}
	// a full cache empties
	for i := 0; i < 40; i++ {
		agree(t, c, strings.Repeat(" ", i)+"1")
	}
	if len(c.shapes) > 16 {
		t.Errorf("%d shapes kept, the bound is 16", len(c.shapes))
	}
	// and so does one whose texts weigh more than its bound
	c = NewCache(16, 100)
	for i := range 8 {
		agree(t, c, fmt.Sprintf("[%d, %q]%s", i, "abcdefghijklmnopqrstuvwx", strings.Repeat(" ", i)))
		if c.bytes > 100 || len(c.shapes) == 0 {
			t.Fatalf("%d bytes kept in %d shapes, the bound is 100", c.bytes, len(c.shapes))
		}
	}
	kept := len(c.shapes)
	agree(t, c, strings.Repeat("1 + ", 30)+"1") // longer than the bound: not kept
	if len(c.shapes) != kept {
		t.Errorf("a text of 121 bytes kept under a bound of 100")
	}
}

// Two programs of one shape share no node: the evaluator may keep things
// by node.
func TestCacheProgramsShareNothing(t *testing.T) {
	c := NewCache(4, 1<<20)
	a, err := c.Parse(`[1, "a"]`)
	if err != nil {
		t.Fatal(err)
	}
	b, err := c.Parse(`[2, "b"]`)
	if err != nil {
		t.Fatal(err)
	}
	ea, eb := a.Stmts[0].(*ArrayLit), b.Stmts[0].(*ArrayLit)
	if ea == eb || ea.Elems[0] == eb.Elems[0] || show(a) != `[1, "a"]` || show(b) != `[2, "b"]` {
		t.Errorf("programs %s and %s share nodes or values", show(a), show(b))
	}
}

// Texts of one shape parsed at once each get their own literals.
func TestCacheConcurrent(t *testing.T) {
	c := NewCache(4, 1<<20)
	done := make(chan error)
	for w := range 4 {
		go func() {
			for i := range 200 {
				src := fmt.Sprintf(`User.create({ name: "u%d%03d", age: %d })`, w, i, 100+i)
				got, err := c.Parse(src)
				want, _ := Parse(src)
				if err != nil || !reflect.DeepEqual(got, want) {
					done <- fmt.Errorf("%s: %v, %v", src, show(got), err)
					return
				}
			}
			done <- nil
		}()
	}
	for range 4 {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
	if c.hits == 0 {
		t.Error("no shape hits")
	}
}

// TestCallsKnowTheirImplicitArguments: every call of every scenario query
// marks as Implicit exactly the arguments UsesImplicit tells, the ones the
// evaluator makes functions of.
func TestCallsKnowTheirImplicitArguments(t *testing.T) {
	calls, marked := 0, 0
	for _, src := range queryTexts(t) {
		p, err := Parse(src)
		if err != nil {
			continue
		}
		for _, s := range p.Stmts {
			var x Expr
			switch s := s.(type) {
			case *Let:
				x = s.Value
			case Expr:
				x = s
			}
			Walk(x, func(e Expr) bool {
				if c, ok := e.(*Call); ok {
					calls++
					for i, a := range c.Args {
						if want, got := UsesImplicit(a), c.Implicit&(1<<i) != 0; got != want {
							t.Errorf("%q: argument %d of a call marked implicit %v, reads the short-hand %v", src, i, got, want)
						}
						if UsesImplicit(a) {
							marked++
						}
					}
				}
				return true
			})
		}
	}
	if calls == 0 || marked == 0 {
		t.Fatalf("no calls (%d) or no implicit arguments (%d) in the scenarios", calls, marked)
	}
}
