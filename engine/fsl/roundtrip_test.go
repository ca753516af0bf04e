package fsl

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/faunaplay/playground/engine/schema"
	"golang.org/x/tools/txtar"
)

// TestRoundTrip: the FSL that Model.FSL writes for a GraphQL schema reads
// back to the same database: the same collections, stored fields, computed
// fields read the same way, indexes and relations. It runs over every
// GraphQL schema of the repository's scenario files and of the page's
// examples.
func TestRoundTrip(t *testing.T) {
	schemas := exampleSchemas(t)
	if len(schemas) < 30 {
		t.Fatalf("found only %d example schemas", len(schemas))
	}
	tried := 0
	for name, sdl := range schemas {
		gm := schema.Parse(sdl)
		if len(gm.Errors) > 0 || len(gm.Collections) == 0 {
			continue
		}
		tried++
		t.Run(name, func(t *testing.T) {
			text := gm.FSL()
			fm := Parse(text)
			if len(fm.Errors) > 0 {
				t.Fatalf("the FSL does not read back: %v\n%s", fm.Errors, text)
			}
			// FSL cannot name a relation: with a name given by
			// @relation(name:), the names (which the default names keep
			// clear of) are left out.
			named := false
			for _, r := range gm.Relations {
				named = named || r.Explicit
			}
			if got, want := database(fm, named), database(gm, named); got != want {
				t.Errorf("FSL reads back to another database\n--- FSL ---\n%s\n--- got ---\n%s\n--- want ---\n%s", text, got, want)
			}
		})
	}
	if tried < 25 {
		t.Fatalf("only %d schemas without errors", tried)
	}
}

// database describes what a model stores and how it reads it, in terms
// both languages express (no GraphQL type names, no relation names given
// with @relation(name:), no scalar spellings).
func database(m *schema.Model, named bool) string {
	coll := map[string]string{} // GraphQL type -> collection
	for _, c := range m.Collections {
		coll[c.Type] = c.Name
		coll[c.Name] = c.Name
	}
	var b strings.Builder
	for _, c := range m.Collections {
		fmt.Fprintf(&b, "collection %s associative=%v\n", c.Name, c.Associative)
		fields := append([]*schema.Field(nil), c.Fields...)
		// FSL writes the computed fields after the stored ones.
		sort.Slice(fields, func(i, j int) bool { return fields[i].Name < fields[j].Name })
		for _, f := range fields {
			kind := f.Kind
			if kind == schema.Inline {
				kind = schema.Scalar // an @embedded type is an object type in FSL
			}
			fmt.Fprintf(&b, "  %s %s target=%s", f.Name, kind, f.Target)
			if f.Kind == schema.Computed {
				if v := f.Via; v != nil {
					fmt.Fprintf(&b, " via=%+v", *v)
				}
			} else {
				fmt.Fprintf(&b, " list=%v nonnull=%v", f.List, f.NonNull)
			}
			if r := f.Relation; r != nil {
				fmt.Fprintf(&b, " relation=%s", relation(r, coll, named))
			}
			b.WriteString("\n")
		}
		for _, ix := range c.Indexes {
			if len(ix.Terms) == 0 {
				continue // FSL writes it as a comment: all() reads the same
			}
			terms := append([]string(nil), ix.Terms...)
			sort.Strings(terms)
			fmt.Fprintf(&b, "  index %s %v unique=%v\n", ix.Name, terms, ix.Unique)
		}
	}
	var rels []string
	for _, r := range m.Relations {
		rels = append(rels, "relation "+relation(r, coll, named)+"\n")
	}
	sort.Strings(rels)
	return b.String() + strings.Join(rels, "")
}

// relation describes r, without its name when some relation is named.
func relation(r *schema.Relation, coll map[string]string, named bool) string {
	side := func(s schema.Side) string {
		if t, ok := coll[s.Type]; ok {
			s.Type = t
		}
		return fmt.Sprintf("%s.%s list=%v", s.Type, s.Field, s.List)
	}
	key := fmt.Sprintf("%s %s -> %s in %s%v", r.Cardinality, side(r.From), side(r.To), r.Collection, r.Fields)
	if named {
		return key
	}
	return r.Name + " " + key
}

// exampleSchemas are the GraphQL schemas of the scenario files
// (schema.graphql sections) and of the page's examples menu.
func exampleSchemas(t *testing.T) map[string]string {
	out := map[string]string{}
	files, _ := filepath.Glob("../../testdata/*/*.txtar")
	more, _ := filepath.Glob("../../testdata/*/*/*.txtar")
	for _, file := range append(files, more...) {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range ar.Files {
			if f.Name == "schema.graphql" {
				out[strings.TrimSuffix(filepath.Base(file), ".txtar")] = string(f.Data)
			}
		}
	}
	js, err := os.ReadFile("../../playground/src/examples.js")
	if err != nil {
		t.Fatal(err)
	}
	for i, m := range regexp.MustCompile("(?s)schema: `([^`]*)`").FindAllStringSubmatch(string(js), -1) {
		out[fmt.Sprintf("example%d", i)] = m[1]
	}
	return out
}

// TestFSLRoundTrip: the FSL Model.FSL writes for an FSL schema reads back
// to the same model (places aside: the text is laid out anew).
func TestFSLRoundTrip(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txtar")
	at := regexp.MustCompile(`@\d+:\d+`)
	tried := 0
	for _, file := range files {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			t.Fatal(err)
		}
		m := Parse(string(ar.Files[0].Data))
		if len(m.Errors) > 0 {
			continue
		}
		tried++
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			text := m.FSL()
			again := Parse(text)
			if len(again.Errors) > 0 {
				t.Fatalf("the FSL does not read back: %v\n%s", again.Errors, text)
			}
			// FSL() writes stored fields before computed ones: the
			// lines are compared sorted.
			lines := func(m *schema.Model) string {
				l := strings.Split(at.ReplaceAllString(printModel(m), ""), "\n")
				sort.Strings(l)
				return strings.Join(l, "\n")
			}
			if got, want := lines(again), lines(m); got != want {
				t.Errorf("FSL reads back to another model\n--- FSL ---\n%s\n--- got ---\n%s\n--- want ---\n%s", text, got, want)
			}
		})
	}
	if tried < 8 {
		t.Fatalf("only %d scenarios without errors", tried)
	}
}
