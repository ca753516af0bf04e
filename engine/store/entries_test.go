package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand"
	"slices"
	"testing"

	"github.com/faunaplay/playground/engine/diag"
	"github.com/tidwall/buntdb"
)

// TestIndexEntriesFollowWrites checks the index entries, kept apart from
// the documents, against a plain scan after many random creates, updates,
// deletes and rolled-back transactions: every index read gives what
// filtering and sorting the documents gives, and no entry outlives the
// document state it was made for.
func TestIndexEntriesFollowWrites(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	db := Open(productModel(), fixedClock())
	cats := []any{"food", "home", nil, "tool"}
	pick := func() map[string]any {
		data := map[string]any{"name": fmt.Sprintf("p%d", rng.Intn(40))}
		if c := cats[rng.Intn(len(cats))]; c != nil {
			data["category"] = c
		}
		if rng.Intn(5) > 0 {
			data["price"] = int64(rng.Intn(6))
		}
		return data
	}
	errAbort := errors.New("abort")
	for round := 0; round < 300; round++ {
		err := db.Update(func(tx *Tx) error {
			var ids []string
			tx.Scan("Product", "", func(d *Doc) (bool, error) { ids = append(ids, d.ID); return true, nil })
			for op := 0; op < 1+rng.Intn(4); op++ {
				switch {
				case len(ids) == 0 || rng.Intn(3) == 0:
					if _, err := tx.Create("Product", "", NewFields(pick())); err != nil && !isConstraint(err) {
						return err
					}
				case rng.Intn(2) == 0:
					if _, err := tx.Replace("Product", ids[rng.Intn(len(ids))], NewFields(pick())); err != nil && !isConstraint(err) {
						return err
					}
				default:
					i := rng.Intn(len(ids))
					if _, err := tx.Delete("Product", ids[i]); err != nil {
						return err
					}
					ids = slices.Delete(ids, i, i+1)
				}
			}
			if rng.Intn(4) == 0 {
				return errAbort
			}
			return nil
		})
		if err != nil && err != errAbort && !isConstraint(err) {
			t.Fatal(err)
		}
	}
	checkEntries(t, db)
}

func isConstraint(err error) bool {
	d, ok := err.(*diag.Error)
	return ok && d.Code == diag.ConstraintFailure
}

// checkEntries compares every index of Product with a scan, and counts
// its entries: one per document with a term that is not null.
func checkEntries(t *testing.T, db *DB) {
	t.Helper()
	var docs []*Doc
	db.Update(func(tx *Tx) error {
		return tx.Scan("Product", "", func(d *Doc) (bool, error) { docs = append(docs, d); return true, nil })
	})
	c := db.Collection("Product")
	for _, ix := range c.Indexes {
		entries := 0
		db.bunt.View(func(btx *buntdb.Tx) error {
			p := entryPrefix("Product", ix.Name)
			return btx.AscendRange("", p, p[:len(p)-1]+"\x01", func(string, string) bool { entries++; return true })
		})
		want := 0
		groups := map[string][]*Doc{}
		for _, d := range docs {
			if k := termsKey(ix, d.Data); k != "" || len(ix.Terms) == 0 {
				want++
				groups[k] = append(groups[k], d)
			}
		}
		if entries != want {
			t.Errorf("index %s has %d entries for %d documents", ix.Name, entries, want)
		}
		for _, g := range groups {
			terms := make([]any, len(ix.Terms))
			for i, term := range ix.Terms {
				terms[i] = FieldAt(g[0].Data, term)
			}
			slices.SortStableFunc(g, func(a, b *Doc) int {
				ka, kb := valuesKey(ix, a.Data), valuesKey(ix, b.Data)
				if ka != kb {
					if ka < kb {
						return -1
					}
					return 1
				}
				return compareIDs(a.ID, b.ID)
			})
			var got, wantIDs []string
			for _, d := range g {
				wantIDs = append(wantIDs, d.ID)
			}
			db.Update(func(tx *Tx) error {
				return tx.Lookup("Product", ix.Name, terms, func(d *Doc) (bool, error) {
					got = append(got, d.ID)
					return true, nil
				})
			})
			if !slices.Equal(got, wantIDs) {
				t.Errorf("index %s terms %v: got %v, want %v", ix.Name, terms, got, wantIDs)
			}
		}
	}
}

func compareIDs(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// TestWriteStringIsJSON: the encoder's own quoting gives what
// encoding/json gives, escapes, HTML characters and bad UTF-8 included.
func TestWriteStringIsJSON(t *testing.T) {
	for _, s := range []string{"", "plain", `"quoted"`, `a\b`, `"\"u1@x\""`, "tab\there", "<a&b>", "é", "\xff", "\u2028", "nul\x00"} {
		var b bytes.Buffer
		writeString(&b, s)
		want, _ := json.Marshal(s)
		if b.String() != string(want) {
			t.Errorf("writeString(%q) = %s, want %s", s, b.String(), want)
		}
	}
}
