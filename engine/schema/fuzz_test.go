package schema

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParse: no input makes Parse panic, and a model with errors has no
// collections.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"type User { name: String! cars: [Car!] @relation } type Car { plate: String! owner: User! }",
		"type User { name: String! car: Car } type Car { owner: User }",
		"type User { drives: [Car!] @relation } type Car { drivers: [User!] @relation }",
		"type User { owns: Car! } type Car { owner: User! driver: User! }",
		`type E { m: E @relation(name: "x") r: [E] @relation(name: "x") }`,
		"type A @embedded { x: Int } type B { a: A s: String @unique }",
		"type Query { all: [B!] } type B { x: Long }",
		"enum R { A B } type T { r: R d: Date t: Time }",
		"type Node @embedded { v: Int next: Node } type L { head: Node }",
		"type P { mother: P father: P }",
		"type U { n: String } extend type U { cars: [C] @relation } type C { o: U }",
		"type A { n: String @unique(index: \"byB\") b: B } type B { a: [A] @relation }",
		"type {", "", "@", `"""`, "type A {\n  a: Strin\n", "type A { a: B @relation(nme: \"x\"",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, sdl string) {
		m := Parse(sdl)
		if m == nil {
			t.Fatal("nil model")
		}
		if len(m.Errors) > 0 && len(m.Collections) > 0 {
			t.Fatalf("errors and collections both: %v", m.Errors)
		}
		for _, e := range m.Errors {
			if e.Message == "" || strings.Contains(e.Message, "internal error") {
				t.Fatalf("bad error: %+v", e)
			}
			if e.Line < 1 || e.Column < 1 {
				t.Fatalf("error without a position: %+v", e)
			}
			// The editor underlines the character at the position: it
			// is one of the text (or column 1 of an empty line).
			lines := strings.Split(sdl, "\n")
			if e.Line > len(lines) || e.Column > max(1, utf8.RuneCountInString(strings.TrimSuffix(lines[e.Line-1], "\r"))) {
				t.Fatalf("error %+v lies outside the text %q", e, sdl)
			}
		}
		// Recognition is predictable: the same text gives the same model.
		if again := Parse(sdl); again.FSL() != m.FSL() || len(again.Errors) != len(m.Errors) {
			t.Fatalf("two parses differ:\n%s\n---\n%s", m.FSL(), again.FSL())
		}
	})
}

func BenchmarkParse1000Types(b *testing.B) {
	var sb strings.Builder
	for i := 0; i < 1000; i++ {
		next := (i + 1) % 1000
		// Each type owns many of the next (one-to-many), has a unique
		// field, an embedded-free scalar set, and a many-to-one back.
		sb.WriteString("type T")
		sb.WriteString(itoa(i))
		sb.WriteString(" {\n  name: String! @unique\n  size: Int\n  items: [T")
		sb.WriteString(itoa(next))
		sb.WriteString("!] @relation(name: \"r")
		sb.WriteString(itoa(i))
		sb.WriteString("\")\n  parent: T")
		prev := (i + 999) % 1000
		sb.WriteString(itoa(prev))
		sb.WriteString(" @relation(name: \"r")
		sb.WriteString(itoa(prev))
		sb.WriteString("\")\n}\n")
	}
	sdl := sb.String()
	m := Parse(sdl)
	if len(m.Errors) > 0 || len(m.Collections) != 1000 || len(m.Relations) != 1000 {
		b.Fatalf("bad benchmark schema: %d errors %v, %d collections, %d relations", len(m.Errors), m.Errors[:min(3, len(m.Errors))], len(m.Collections), len(m.Relations))
	}
	b.SetBytes(int64(len(sdl)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Parse(sdl)
	}
}

func itoa(i int) string {
	const digits = "0123456789"
	if i == 0 {
		return "0"
	}
	var buf [8]byte
	n := len(buf)
	for ; i > 0; i /= 10 {
		n--
		buf[n] = digits[i%10]
	}
	return string(buf[n:])
}
