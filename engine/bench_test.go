package engine_test

import (
	"fmt"
	"testing"

	"github.com/faunaplay/playground/engine"
	"github.com/faunaplay/playground/engine/schema"
	"github.com/faunaplay/playground/engine/store"
)

const benchSchema = `type User {
  name: String!
  email: String! @unique
  age: Int
  videos: [Video!] @relation
}
type Video { title: String! author: User! }
`

// seeded returns an engine with n users (and one video by the first).
func seeded(b *testing.B, n int) *engine.Engine {
	b.Helper()
	e := engine.NewWithClock(fixedClock())
	if r := e.SetSchema(benchSchema); len(r.Errors) > 0 {
		b.Fatal(r.Errors)
	}
	for done := 0; done < n; done += 5000 {
		batch := min(5000, n-done)
		res := e.Query(fmt.Sprintf(`Set.sequence(%d, %d).forEach(i => User.create({ name: "user #{i}", email: "u#{i}@example.com" }))`, done, done+batch))
		if res.Error != nil {
			b.Fatal(res.Text)
		}
	}
	res := e.Query(`Video.create({ title: "v", author: User.firstWhere(.email == "u0@example.com") })`)
	if res.Error != nil {
		b.Fatal(res.Text)
	}
	return e
}

func benchQuery(b *testing.B, e *engine.Engine, q, want string) {
	b.Helper()
	if res := e.Query(q); res.Error != nil || res.Text != want {
		b.Fatalf("%s = %s, want %s", q, res.Text, want)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		e.Query(q)
	}
}

func BenchmarkPointQueryIndexed(b *testing.B) {
	for _, n := range []int{1000, 100000} {
		b.Run(fmt.Sprintf("docs=%d", n), func(b *testing.B) {
			e := seeded(b, n)
			benchQuery(b, e, fmt.Sprintf(`User.firstWhere(.email == "u%d@example.com")!.name`, n/2), fmt.Sprintf(`"user %d"`, n/2))
		})
	}
}

func BenchmarkPointQueryScan(b *testing.B) {
	for _, n := range []int{1000, 100000} {
		b.Run(fmt.Sprintf("docs=%d", n), func(b *testing.B) {
			e := seeded(b, n)
			benchQuery(b, e, fmt.Sprintf(`User.firstWhere(.name == "user %d")!.email`, n/2), fmt.Sprintf(`"u%d@example.com"`, n/2))
		})
	}
}

func BenchmarkBulkCreate10k(b *testing.B) {
	for i := 0; i < b.N; i++ {
		e := engine.NewWithClock(fixedClock())
		e.SetSchema(benchSchema)
		res := e.Query(`Set.sequence(0, 10000).forEach(i => User.create({ name: "user #{i}", email: "u#{i}@example.com" }))`)
		if res.Error != nil || res.Stats.WriteOps != 10000 {
			b.Fatal(res.Text)
		}
	}
}

func BenchmarkProjectionThroughReference(b *testing.B) {
	e := seeded(b, 1000)
	benchQuery(b, e, `Video.all().first() { title, author { name } }`, `{ title: "v", author: { name: "user 0" } }`)
}

// BenchmarkRawBuntdbLookup is the floor under the indexed point query: the
// same index read straight from the store, no parsing or evaluation.
func BenchmarkRawBuntdbLookup(b *testing.B) {
	for _, n := range []int{1000, 100000} {
		b.Run(fmt.Sprintf("docs=%d", n), func(b *testing.B) {
			m := schema.Parse(benchSchema)
			db := store.Open(m, fixedClock())
			// In batches: one transaction writes at most store's limit.
			for done := 0; done < n; done += 10000 {
				err := db.Update(func(tx *store.Tx) error {
					for i := done; i < done+10000 && i < n; i++ {
						if _, err := tx.Create("User", "", store.NewFields(map[string]any{"name": fmt.Sprint("user ", i), "email": fmt.Sprintf("u%d@example.com", i)})); err != nil {
							return err
						}
					}
					return nil
				})
				if err != nil {
					b.Fatal(err)
				}
			}
			key := []any{fmt.Sprintf("u%d@example.com", n/2)}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				found := 0
				_ = db.Update(func(tx *store.Tx) error {
					return tx.Lookup("User", "byEmail", key, func(d *store.Doc) (bool, error) { found++; return false, nil })
				})
				if found != 1 {
					b.Fatal("not found")
				}
			}
		})
	}
}

// BenchmarkPointQueryIndexedFreshText is the point query with a different
// text each time (a comment changes), so the parse is paid every time: what
// a person's first run of a query costs.
func BenchmarkPointQueryIndexedFreshText(b *testing.B) {
	e := seeded(b, 1000)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res := e.Query(fmt.Sprintf("// run %d\nUser.firstWhere(.email == \"u500@example.com\")!.name", i))
		if res.Error != nil {
			b.Fatal(res.Text)
		}
	}
}

// BenchmarkUpdate1k updates 1,000 documents in one query (issue #9's
// update workload), at 1,000 and 100,000 documents.
func BenchmarkUpdate1k(b *testing.B) {
	for _, n := range []int{1000, 100000} {
		b.Run(fmt.Sprintf("docs=%d", n), func(b *testing.B) {
			e := seeded(b, n)
			benchQuery(b, e, `User.all().take(1000).forEach(u => u.update({ age: (u.age ?? 0) + 1 })); "done"`, `"done"`)
		})
	}
}
