package value

import (
	"math/rand"
	"slices"
	"strconv"
	"testing"
)

// An Object keeps small objects in slices and builds a map past
// smallObject keys: whichever form it is in, it must answer as a map with
// an insertion-ordered key list would, through sets, replacements and
// deletes that cross the threshold both ways.
func TestObjectAgreesWithAMap(t *testing.T) {
	for _, keys := range []int{3, smallObject, smallObject + 1, 40} {
		for room := 0; room <= 4; room++ { // NewObjectSized(room): its room outgrown
			t.Run(strconv.Itoa(keys)+"/"+strconv.Itoa(room), func(t *testing.T) {
				r := rand.New(rand.NewSource(int64(keys)))
				o := NewObjectSized(room)
				want := map[string]Value{}
				var order []string
				for step := 0; step < 2000; step++ {
					k := "k" + strconv.Itoa(r.Intn(keys))
					if r.Intn(3) == 0 {
						o.Delete(k)
						if _, ok := want[k]; ok {
							delete(want, k)
							order = slices.DeleteFunc(order, func(s string) bool { return s == k })
						}
					} else {
						o.Set(k, Int(step))
						if _, ok := want[k]; !ok {
							order = append(order, k)
						}
						want[k] = Int(step)
					}
					if !slices.Equal(o.Keys, order) || o.Len() != len(want) {
						t.Fatalf("step %d: keys %v, want %v", step, o.Keys, order)
					}
					for i := 0; i < keys; i++ {
						k := "k" + strconv.Itoa(i)
						got, ok := o.Lookup(k)
						w, wok := want[k]
						if ok != wok || got != w || o.Get(k) != w {
							t.Fatalf("step %d: %s = %v, %v; want %v, %v", step, k, got, ok, w, wok)
						}
					}
				}
				m := o.Map()
				if len(m) != len(want) {
					t.Fatalf("Map() has %d keys, want %d", len(m), len(want))
				}
				for k, v := range want {
					if m[k] != v {
						t.Errorf("Map()[%s] = %v, want %v", k, m[k], v)
					}
				}
			})
		}
	}
}

// A key list handed out before a delete stays as it was.
func TestObjectDeleteKeepsHandedOutKeys(t *testing.T) {
	o := NewObject()
	for _, k := range []string{"a", "b", "c"} {
		o.Set(k, String(k))
	}
	before := o.Keys
	o.Delete("a")
	if !slices.Equal(before, []string{"a", "b", "c"}) || !slices.Equal(o.Keys, []string{"b", "c"}) {
		t.Errorf("before %v, after %v", before, o.Keys)
	}
}

// NewObjectSized(n) for up to three keys is one allocation, the object
// and its room; filling that room allocates nothing more.
func TestSmallObjectsAreOneAllocation(t *testing.T) {
	for n := 1; n <= 3; n++ {
		a := testing.AllocsPerRun(100, func() {
			o := NewObjectSized(n)
			for i := range n {
				o.Set(smallKeys[i], Null{})
			}
		})
		if a != 1 {
			t.Errorf("NewObjectSized(%d) filled: %v allocations, want 1", n, a)
		}
	}
}

var smallKeys = []string{"a", "b", "c"}
