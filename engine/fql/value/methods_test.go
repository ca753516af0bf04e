package value

import (
	"maps"
	"slices"
	"strings"
	"testing"
)

// TestMethodDocs: every method and property of every table is documented,
// and no documentation names a member that does not exist.
func TestMethodDocs(t *testing.T) {
	for kind, r := range receivers() {
		real := map[string]bool{}
		for n := range r.methods {
			real[n] = true
		}
		for _, p := range r.props {
			real[p] = true
		}
		for _, m := range Members(kind) {
			if !real[m.Name] {
				t.Errorf("%s.%s is listed but is no member", kind, m.Name)
			}
			if m.Info == "" || !strings.HasPrefix(m.Signature, m.Name) || m.Signature == m.Name {
				t.Errorf("%s.%s has no documentation (signature %q, info %q)", kind, m.Name, m.Signature, m.Info)
			}
			if strings.Contains(m.Signature, "Self") {
				t.Errorf("%s.%s: Self left in %q", kind, m.Name, m.Signature)
			}
		}
		if got := len(Members(kind)); got != len(real) {
			t.Errorf("%s: %d members listed, %d exist", kind, got, len(real))
		}
		// The docs of this kind alone (not the shared ones) name members.
		for n := range r.docs[0] {
			if !real[n] {
				t.Errorf("%s: documented %q is no member", kind, n)
			}
		}
	}
	for n := range seqDocs {
		if _, ok := setMethods[n]; !ok {
			t.Errorf("shared doc %q is no Set method", n)
		}
		if _, ok := arrayMethods[n]; !ok {
			t.Errorf("shared doc %q is no Array method", n)
		}
	}
	for name, m := range modules() {
		members := ModuleMembers(name)
		if len(members) != len(m.Methods)+len(m.Consts) {
			t.Errorf("module %s: %d members listed, %d exist", name, len(members), len(m.Methods)+len(m.Consts))
		}
		for _, mm := range members {
			if mm.Info == "" || mm.Signature == mm.Name {
				t.Errorf("%s.%s has no documentation", name, mm.Name)
			}
		}
		for n := range moduleDocs[name] {
			_, isMethod := m.Methods[n]
			_, isConst := m.Consts[n]
			if !isMethod && !isConst {
				t.Errorf("documented %s.%s does not exist", name, n)
			}
		}
	}
	if !slices.Equal(slices.Sorted(maps.Keys(modules())), Modules()) {
		t.Errorf("Modules() = %v, the table has %v", Modules(), slices.Sorted(maps.Keys(modules())))
	}
	for _, f := range GlobalFunctions() {
		if f.Info == "" || !strings.HasPrefix(f.Signature, f.Name+"(") {
			t.Errorf("global %s has no documentation", f.Name)
		}
	}
	globals := Globals(nil)
	for n := range globalDocs {
		if _, ok := globals[n]; !ok {
			t.Errorf("documented global %q does not exist", n)
		}
	}
	for n := range globals {
		if _, ok := globalDocs[n]; !ok {
			t.Errorf("global %q has no documentation", n)
		}
	}
}

// TestMemberProperties: the properties listed outside the method tables
// are answered by the values' Attr.
func TestMemberProperties(t *testing.T) {
	samples := map[string]HasAttrs{"String": String("ab"), "Array": Array{}, "Date": Date{}, "Time": Time{}, "Page": &Page{}}
	for kind, v := range samples {
		for _, m := range Members(kind) {
			if !m.Property {
				continue
			}
			got, err := v.Attr(nil, m.Name)
			if err != nil || got == nil {
				t.Errorf("%s.%s: Attr = %v, %v", kind, m.Name, got, err)
			}
		}
	}
}
