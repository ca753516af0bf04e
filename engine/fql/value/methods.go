package value

import (
	"maps"
	"slices"
	"strings"
)

// Member is one method or property of a kind of value, or of a global
// module, as the editors show it: methoddoc.go holds the text.
type Member struct {
	Name      string
	Signature string // "where(predicate: (A => Boolean)) => Set<A>", "length: Int"
	Info      string // one line
	Property  bool   // read without a call (length, id, Math.PI)
}

// Receivers are the kinds of value Members knows. Int, Double and Boolean
// share the "Number" methods.
var Receivers = []string{"Array", "Collection", "Date", "Document", "Number", "Page", "Set", "String", "Time"}

// receiver is one kind of value: its method table, the properties its Attr
// answers outside the table, and its documentation (looked up in order).
type receiver struct {
	methods map[string]method
	props   []string
	docs    []map[string]doc
	self    string // what Self stands for in shared docs
}

func receivers() map[string]receiver {
	return map[string]receiver{
		"Array":      {arrayMethods, []string{"length"}, []map[string]doc{arrayDocs, seqDocs}, "Array"},
		"Collection": {collectionMethods, []string{"name"}, []map[string]doc{collectionDocs}, ""},
		"Date":       {dateAttrs, []string{"year", "month", "dayOfMonth", "dayOfWeek", "dayOfYear"}, []map[string]doc{dateDocs}, ""},
		"Document":   {documentMethods, []string{"id", "ts", "coll"}, []map[string]doc{documentDocs}, ""},
		"Number":     {numberMethods, nil, []map[string]doc{numberDocs}, ""},
		"Page":       {nil, []string{"data", "after"}, []map[string]doc{pageDocs}, ""},
		"Set":        {setMethods, nil, []map[string]doc{setDocs, seqDocs}, "Set"},
		"String":     {stringMethods, []string{"length"}, []map[string]doc{stringDocs}, ""},
		"Time":       {timeAttrs, nil, []map[string]doc{timeDocs}, ""},
	}
}

// Members lists the methods and properties of a kind of value (one of
// Receivers), sorted by name; nil for another kind.
func Members(kind string) []Member {
	r, ok := receivers()[kind]
	if !ok {
		return nil
	}
	names := slices.Collect(maps.Keys(r.methods))
	names = append(names, r.props...)
	slices.Sort(names)
	out := make([]Member, 0, len(names))
	for _, n := range slices.Compact(names) {
		d := lookupDoc(r.docs, n)
		out = append(out, member(n, strings.ReplaceAll(d.sig, "Self<", r.self+"<"), d.info))
	}
	return out
}

// Modules are the names of FQL's global modules.
func Modules() []string {
	return []string{"Array", "Collection", "Date", "Function", "Math", "Object", "Set", "Time"}
}

func modules() map[string]*Module {
	return map[string]*Module{"Array": arrayModule, "Collection": collectionModule, "Date": dateModule, "Function": functionModule,
		"Math": mathModule, "Object": objectModule, "Set": setModule, "Time": timeModule}
}

// ModuleMembers lists a global module's functions and constants, sorted by
// name; nil for another name.
func ModuleMembers(module string) []Member {
	m, ok := modules()[module]
	if !ok {
		return nil
	}
	names := slices.Collect(maps.Keys(m.Methods))
	for c := range m.Consts {
		names = append(names, c)
	}
	slices.Sort(names)
	out := make([]Member, 0, len(names))
	for _, n := range names {
		d := moduleDocs[module][n]
		out = append(out, member(n, d.sig, d.info))
	}
	return out
}

// GlobalFunctions lists the global functions (abort, log, newId, …) sorted
// by name; the modules are not among them (see Modules, GlobalDoc).
func GlobalFunctions() []Member {
	var out []Member
	for n, v := range Globals(nil) {
		if _, isModule := v.(*Module); isModule {
			continue
		}
		d := globalDocs[n]
		out = append(out, member(n, d.sig, d.info))
	}
	slices.SortFunc(out, func(a, b Member) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// GlobalDoc documents a global function or module by name.
func GlobalDoc(name string) (Member, bool) {
	d, ok := globalDocs[name]
	return member(name, d.sig, d.info), ok
}

func member(name, sig, info string) Member {
	if sig == "" {
		sig = name // undocumented: methods_test.go keeps this from happening
	}
	return Member{Name: name, Signature: sig, Info: info, Property: !strings.HasPrefix(sig, name+"(")}
}

func lookupDoc(docs []map[string]doc, name string) doc {
	for _, m := range docs {
		if d, ok := m[name]; ok {
			return d
		}
	}
	return doc{}
}
