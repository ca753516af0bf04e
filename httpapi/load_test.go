package httpapi

import (
	"slices"
	"testing"
	"time"
)

// loadQueries bounds TestLoadPointQuery.
const loadQueries = 2000

// TestLoadPointQuery measures a point query (User.byId with an
// interpolated id) through fauna-go over loopback, one client, one request
// at a time, and logs queries/s and p50/p99 latency (run with -v). It
// asserts every answer, never a time.
func TestLoadPointQuery(t *testing.T) {
	c := newClient(t)
	id := do(t, c, `User.create({name: "Ada", email: "ada@example.com"}).id`, nil).Data.(string)
	q := mustFQL(t, "User.byId(${id})!.name", map[string]any{"id": id})
	lat := make([]time.Duration, 0, loadQueries)
	start := time.Now()
	for range loadQueries {
		t0 := time.Now()
		res, err := c.Query(q)
		lat = append(lat, time.Since(t0))
		if err != nil || res.Data != "Ada" {
			t.Fatalf("point query: %v %#v", err, res)
		}
	}
	total := time.Since(start)
	slices.Sort(lat)
	t.Logf("%d point queries: %.0f queries/s, p50 %v, p99 %v", loadQueries,
		float64(loadQueries)/total.Seconds(), lat[len(lat)/2], lat[len(lat)*99/100])
}

func BenchmarkPointQuery(b *testing.B) {
	c := newClient(b)
	id := do(b, c, `User.create({name: "Ada", email: "ada@example.com"}).id`, nil).Data.(string)
	q := mustFQL(b, "User.byId(${id})!.name", map[string]any{"id": id})
	for b.Loop() {
		if _, err := c.Query(q); err != nil {
			b.Fatal(err)
		}
	}
}
