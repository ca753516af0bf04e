package engine_test

import "testing"

// order() read from an index whose values fit gives what sorting gives,
// ties and nulls and mixed types included.
func TestIndexOrderAgrees(t *testing.T) {
	const fsl = `collection Product {
  name: String
  category: String?
  price: Any
  *: Any
  index byPrice { values [.price] }
  index byPriceDescName { values [desc(.price), .name] }
  index byCategory { terms [.category] values [.price] }
  index byCategoryOnly { terms [.category] }
  index byCity { terms [.address.city] }
}`
	setup := `Set.sequence(0, 120).forEach(i => Product.create({
  name: "p#{i % 17}", category: if (i % 3 == 0) null else "c#{i % 2}", address: { city: "t#{i % 4}" },
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
		// Enough lookups for the evaluator to group an index's matches: the
		// groups must agree with the store on paths and on null terms.
		`Set.sequence(0, 400).map(i => Product.byCategoryOnly("c#{i % 3}").count() + Product.byCity("t#{i % 5}").count()).toArray()`,
		`[Product.byCategoryOnly(null).count(), Product.byCity("t1").map(.name).toArray(), Product.byCategoryOnly("c1").map(.name).toArray()]`,
	}
	fast := runWithFastPaths(t, true, fsl, []string{setup}, queries)
	slow := runWithFastPaths(t, false, fsl, []string{setup}, queries)
	for i, q := range queries {
		if fast[i].Text != slow[i].Text {
			t.Errorf("%s\nindex: %s\nsort:  %s", q, fast[i].Text, slow[i].Text)
		}
	}
}
