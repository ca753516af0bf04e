package schema

import (
	"fmt"
	"strings"
)

// FSL writes the model as Fauna Schema Language: each collection with its
// stored fields, its computed fields (the sides of relations that store
// nothing, as the FQL that reads them), its indexes and its unique
// constraints.
func (m *Model) FSL() string {
	var b strings.Builder
	for i, c := range m.Collections {
		if i > 0 {
			b.WriteString("\n")
		}
		if c.Associative {
			fmt.Fprintf(&b, "// Associative collection of the many-to-many relation %q.\n", c.Relation.Name)
		}
		fmt.Fprintf(&b, "collection %s {\n", c.Name)
		for _, f := range c.Fields {
			if f.Kind == Computed {
				continue
			}
			fmt.Fprintf(&b, "  %s: %s\n", fslName(f.Name), m.fslType(f))
		}
		for _, f := range c.Fields {
			if f.Kind != Computed {
				continue
			}
			fmt.Fprintf(&b, "  compute %s: %s = (doc => %s)\n", fslName(f.Name), fslComputedType(f), viaFQL(f.Via))
		}
		for _, ix := range c.Indexes {
			fmt.Fprintf(&b, "\n  index %s {\n    terms [%s]\n  }\n", ix.Name, dotted(ix.Terms))
		}
		for _, ix := range c.Indexes {
			if ix.Unique {
				fmt.Fprintf(&b, "\n  unique [%s]\n", dotted(ix.Terms))
			}
		}
		b.WriteString("}\n")
	}
	return b.String()
}

func dotted(terms []string) string {
	parts := make([]string, len(terms))
	for i, t := range terms {
		parts[i] = "." + t
	}
	return strings.Join(parts, ", ")
}

func fslName(name string) string { return name }

// viaFQL is the FQL a computed field runs for the document `doc`.
func viaFQL(v *Via) string {
	s := fmt.Sprintf("%s.%s(doc)", v.Collection, v.Index)
	if v.Pick != "" {
		s += fmt.Sprintf(".map(.%s)", v.Pick)
	}
	if v.Single {
		s += ".first()"
	}
	return s
}

func fslComputedType(f *Field) string {
	if f.Via != nil && f.Via.Single {
		return f.Target + "?"
	}
	return "Set<" + f.Target + ">"
}

// fslType maps a field's GraphQL type to FSL's.
func (m *Model) fslType(f *Field) string {
	return m.fslTypeOf(f.Type, f)
}

func (m *Model) fslTypeOf(gql string, f *Field) string {
	nullable := !strings.HasSuffix(gql, "!")
	gql = strings.TrimSuffix(gql, "!")
	var t string
	if strings.HasPrefix(gql, "[") {
		t = "Array<" + m.fslTypeOf(gql[1:len(gql)-1], f) + ">"
	} else {
		t = m.fslScalar(gql, f)
	}
	if nullable {
		if strings.Contains(t, " | ") {
			t = "(" + t + ")"
		}
		t += "?"
	}
	return t
}

func (m *Model) fslScalar(name string, f *Field) string {
	switch name {
	case "String", "ID":
		return "String"
	case "Int":
		return "Int"
	case "Long":
		return "Long"
	case "Float":
		return "Double"
	case "Boolean":
		return "Boolean"
	case "Time":
		return "Time"
	case "Date":
		return "Date"
	}
	if c := m.collectionOfType(name); c != nil {
		return "Ref<" + c.Name + ">"
	}
	for _, e := range m.Embedded {
		if e.Name == name {
			parts := make([]string, len(e.Fields))
			for i, ef := range e.Fields {
				parts[i] = fmt.Sprintf("%s: %s", ef.Name, m.fslTypeOf(ef.Type, ef))
			}
			return "{ " + strings.Join(parts, ", ") + " }"
		}
	}
	if m.Doc != nil {
		if d := m.Doc.Definitions.ForName(name); d != nil && len(d.EnumValues) > 0 {
			vals := make([]string, len(d.EnumValues))
			for i, v := range d.EnumValues {
				vals[i] = fmt.Sprintf("%q", v.Name)
			}
			return strings.Join(vals, " | ")
		}
	}
	return "Any"
}

func (m *Model) collectionOfType(typ string) *Collection {
	for _, c := range m.Collections {
		if c.Type == typ && !c.Associative {
			return c
		}
	}
	return nil
}
