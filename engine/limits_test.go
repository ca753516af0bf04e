package engine_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/faunaplay/playground/engine"
)

const limitsSchema = "type User { name: String! email: String! @unique videos: [Video!] @relation }\ntype Video { title: String! author: User! }\n"

// fqlAttacks are queries a hostile or careless user may type, each refused
// with a code at a line:column (testdata/fql/limits.txtar has the short
// ones, with their messages).
var fqlAttacks = []struct {
	name, src string
	code      string
	line, col int
}{
	{"5 MB of text", strings.Repeat("1+", 2_500_000) + "1", "invalid_query", 1, 1},
	{"10,000 (", strings.Repeat("(", 10_000) + "1" + strings.Repeat(")", 10_000), "invalid_query", 1, 129},
	{"10,000 [", strings.Repeat("[", 10_000) + strings.Repeat("]", 10_000), "invalid_query", 1, 129},
	{"10,000 {", strings.Repeat("{", 10_000) + strings.Repeat("}", 10_000), "invalid_query", 1, 129},
	{"1 MB of 1+1+…", strings.Repeat("1+", 500_000) + "1", "limit_exceeded", 1, 50_001},
	{"1 MB of .x.x…", "User" + strings.Repeat(".x", 500_000), "limit_exceeded", 1, 50_004},
	{"100,000 lets", strings.Repeat("let a = 1\n", 100_000) + "a", "limit_exceeded", 12_501, 1},
	{"string doubling", `Set.sequence(0, 40).fold("x", (acc, i) => acc + acc)`, "limit_exceeded", 1, 43},
	{"array doubling", `Set.sequence(0, 40).fold([1], (acc, i) => acc.concat(acc))`, "limit_exceeded", 1, 47},
	{"shared array 2^40", `Set.sequence(0, 40).fold([1], (acc, i) => [acc, acc])`, "limit_exceeded", 1, 1},
	{"shared object 2^40", `Set.sequence(0, 40).fold({}, (acc, i) => {a: acc, b: acc})`, "limit_exceeded", 1, 1},
	{"self application", `let w = x => x(x); w(w)`, "limit_exceeded", 1, 14},
	{"fixed-point loop", `let y = f => (x => f(v => x(x)(v)))(x => f(v => x(x)(v))); y(self => n => self(n + 1))(0)`, "limit_exceeded", 1, 42},
	{"10M-element set", `Set.sequence(0, 10000000).toArray()`, "limit_exceeded", 1, 27},
	{"2M documents", `Set.sequence(0, 2000000).forEach(i => User.create({ name: "u", email: i.toString() }))`, "limit_exceeded", 1, 44},
}

func TestFQLAttacksAreRefused(t *testing.T) {
	for _, a := range fqlAttacks {
		t.Run(a.name, func(t *testing.T) {
			e := engine.New()
			e.SetSchema(limitsSchema)
			if r := e.Query(`User.create({ name: "Ann", email: "ann@example.com" })`); r.Error != nil {
				t.Fatal(r.Error)
			}
			r := e.Query(a.src)
			if r.Error == nil {
				t.Fatalf("no error; result of %d bytes", len(r.Text))
			}
			got := fmt.Sprintf("%s %d:%d", r.Error.Code, r.Error.Line, r.Error.Column)
			want := fmt.Sprintf("%s %d:%d", a.code, a.line, a.col)
			if got != want {
				t.Fatalf("got %s (%s), want %s", got, r.Error.Message, want)
			}
			if r.Stats.WriteOps != 0 {
				t.Errorf("a refused query reports %d writes", r.Stats.WriteOps)
			}
			// Nothing lost, nothing half-written: the one user is there.
			if r := e.Query(`User.all().count()`); r.Text != "1" {
				t.Errorf("after the attack, User.all().count() is %s %v", r.Text, r.Error)
			}
		})
	}
}

// BenchmarkRefuse measures how long the engine takes to refuse each attack.
func BenchmarkRefuse(b *testing.B) {
	for _, a := range fqlAttacks {
		b.Run(a.name, func(b *testing.B) {
			e := engine.New()
			e.SetSchema(limitsSchema)
			for b.Loop() {
				if r := e.Query(a.src); r.Error == nil {
					b.Fatal("not refused")
				}
			}
		})
	}
}
