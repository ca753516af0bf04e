package engine_test

import (
	"testing"

	"github.com/faunaplay/playground/engine"
	"github.com/faunaplay/playground/engine/fql/value"
)

// order() read from an index whose values fit gives what sorting gives,
// ties and nulls and mixed types included.
func TestIndexOrderAgrees(t *testing.T) {
	const fsl = `collection Product {
  name: String
  category: String?
  price: Any
  index byPrice { values [.price] }
  index byPriceDescName { values [desc(.price), .name] }
  index byCategory { terms [.category] values [.price] }
}`
	setup := `Set.sequence(0, 120).forEach(i => Product.create({
  name: "p#{i % 17}", category: if (i % 3 == 0) null else "c#{i % 2}",
  price: if (i % 13 == 0) null else if (i % 7 == 0) "x#{i}" else if (i % 5 == 0) i / 2.0 else i % 9
}))`
	queries := []string{
		`Product.all().order(.price).map(.name).toArray()`,
		`Product.all().order(desc(.price), .name).map(p => [p.name, p.price]).toArray()`,
		`Product.all().order(desc(.price), asc(.name)).take(15).map(.name).toArray()`,
		`Product.byCategory("c1").order(.price).map(p => [p.name, p.price]).toArray()`,
		`Product.all().order(p => p.price).take(30).map(.id).toArray()`,
		`Product.all().order(.name).take(5).map(.name).toArray()`,
		`Product.all().order(desc(.price)).take(5).map(.name).toArray()`,
	}
	run := func(fast bool) []engine.QueryResult {
		value.FastPaths = fast
		defer func() { value.FastPaths = true }()
		e := engine.NewWithClock(fixedClock())
		if r := e.SetSchemaAs(fsl, "fsl"); len(r.Errors) > 0 {
			t.Fatal(r.Errors)
		}
		if res := e.Query(setup); res.Error != nil {
			t.Fatal(res.Text)
		}
		var out []engine.QueryResult
		for _, q := range queries {
			out = append(out, e.Query(q))
		}
		return out
	}
	fast, slow := run(true), run(false)
	for i, q := range queries {
		if fast[i].Text != slow[i].Text {
			t.Errorf("%s\nindex: %s\nsort:  %s", q, fast[i].Text, slow[i].Text)
		}
	}
}
