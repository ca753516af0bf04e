package syntax

import (
	"fmt"
	"strings"
	"testing"
)

// freshText is the bench's "one create per query": a new text each time.
func freshText(k int) string {
	return fmt.Sprintf(`User.create({ name: "new %d", email: "new%d@example.com", age: %d }); "done"`, k, k, k%100)
}

// BenchmarkParseFresh parses a text never seen before, each iteration.
func BenchmarkParseFresh(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := Parse(freshText(i)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLexFresh is the lexing part of BenchmarkParseFresh.
func BenchmarkLexFresh(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := fql.lex("query.fql", freshText(i)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCacheShapeHit parses new texts of one shape through the cache:
// k keeps its number of digits, so each text is the first's shape.
func BenchmarkCacheShapeHit(b *testing.B) {
	b.ReportAllocs()
	c := NewCache(16, 1<<20)
	for i := 0; i < b.N; i++ {
		if _, err := c.Parse(freshText(10_000_000 + i%1_000_000)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCacheMiss parses through the cache texts of ever new shapes.
func BenchmarkCacheMiss(b *testing.B) {
	b.ReportAllocs()
	c := NewCache(16, 1<<20)
	for i := 0; i < b.N; i++ {
		if _, err := c.Parse(freshText(i) + strings.Repeat(" ", i%64)); err != nil {
			b.Fatal(err)
		}
	}
}
