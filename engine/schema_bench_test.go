package engine_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/faunaplay/playground/engine"
)

// schemaOf1000Types writes 250 groups of four types, each group holding
// every kind of relation 004 describes, unnamed, so recognition does the
// pairing: A.cars/B.owner one-to-many, B.drivers/C.drives many-to-many (an
// associative collection), C.d/D.c one-to-one, D.next many-to-one into the
// next group; plus a unique field and an embedded type.
func schemaOf1000Types() string {
	var b strings.Builder
	b.WriteString("type Address @embedded { street: String! city: String }\n")
	for i := 0; i < 250; i++ {
		next := (i + 1) % 250
		fmt.Fprintf(&b, "type A%d { email: String! @unique address: Address cars: [B%d!] @relation }\n", i, i)
		fmt.Fprintf(&b, "type B%d { plate: String! owner: A%d! drivers: [C%d!] @relation }\n", i, i, i)
		fmt.Fprintf(&b, "type C%d { name: String drives: [B%d!] @relation d: D%d }\n", i, i, i)
		fmt.Fprintf(&b, "type D%d { size: Int c: C%d next: A%d }\n", i, i, next)
	}
	return b.String()
}

// BenchmarkSetSchema1000Types measures the whole of SetSchema on a
// 1,000-type schema: SDL parsing and validation, recognition, the store's
// indexes, the generated GraphQL API and the report with its FSL text.
func BenchmarkSetSchema1000Types(b *testing.B) {
	sdl := schemaOf1000Types()
	e := engine.New()
	r := e.SetSchema(sdl)
	if len(r.Errors) > 0 || len(r.Collections) != 1250 || len(r.Relations) != 1000 {
		b.Fatalf("bad benchmark schema: %d errors, %d collections, %d relations", len(r.Errors), len(r.Collections), len(r.Relations))
	}
	b.SetBytes(int64(len(sdl)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		e.SetSchema(sdl)
	}
}
