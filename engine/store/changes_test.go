package store

import (
	"errors"
	"strings"
	"testing"
)

// LastChanges are the writes of the last committed transaction, each with
// its two versions; a read or a rolled-back transaction has none.
func TestLastChanges(t *testing.T) {
	db := Open(testModel(), fixedClock())
	db.RecordChanges()
	var id string
	name := func(d *Doc) string {
		if d == nil {
			return "-"
		}
		return d.Data.Get("plate").(string)
	}
	tests := []struct {
		name string
		fn   func(tx *Tx) error
		want string // coll:before>after … ("-": none)
	}{
		{"create", func(tx *Tx) error {
			d, err := tx.Create("Car", "", NewFields(map[string]any{"plate": "A"}))
			if d != nil {
				id = d.ID
			}
			return err
		}, "Car:->A"},
		{"replace twice", func(tx *Tx) error {
			if _, err := tx.Replace("Car", id, NewFields(map[string]any{"plate": "B"})); err != nil {
				return err
			}
			_, err := tx.Replace("Car", id, NewFields(map[string]any{"plate": "C"}))
			return err
		}, "Car:A>B Car:B>C"},
		{"read", func(tx *Tx) error { _, err := tx.Get("Car", id); return err }, ""},
		{"rolled back", func(tx *Tx) error {
			tx.Replace("Car", id, NewFields(map[string]any{"plate": "X"}))
			return errors.New("no")
		}, ""},
		{"delete", func(tx *Tx) error { _, err := tx.Delete("Car", id); return err }, "Car:C>-"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reads := -1
			db.Update(func(tx *Tx) error {
				err := tt.fn(tx)
				reads = tx.Reads
				return err
			})
			var got []string
			for _, c := range db.LastChanges() {
				if c.ID != id || c.TS.IsZero() {
					t.Errorf("change %+v", c)
				}
				got = append(got, c.Coll+":"+name(c.Before)+">"+name(c.After))
			}
			if g := strings.Join(got, " "); g != tt.want {
				t.Errorf("changes %q, want %q", g, tt.want)
			}
			if tt.name == "replace twice" && reads != 0 {
				t.Errorf("finding the old versions counted %d reads", reads)
			}
		})
	}
}

// Without RecordChanges (the page's engine) nothing is kept.
func TestChangesNotRecordedByDefault(t *testing.T) {
	db := Open(testModel(), fixedClock())
	err := db.Update(func(tx *Tx) error {
		_, err := tx.Create("Car", "", NewFields(map[string]any{"plate": "A"}))
		return err
	})
	if err != nil || len(db.LastChanges()) != 0 {
		t.Fatalf("err %v, changes %v", err, db.LastChanges())
	}
}
