package complete

import (
	"maps"
	"slices"
	"strings"

	"github.com/faunaplay/playground/engine/schema"
)

// FSL text is completed by where the cursor is: at the top level the
// schema's definitions; in a collection its members; after `:` a type; in
// an index its terms and values; in `[...]` after a dot a field of the
// collection; and in the FQL of a default, a computed field, a check or a
// function body, FQL's own completion.

var fslTopItems = []Item{
	{Label: "collection", Kind: "keyword", Detail: "collection Name { ... }", Info: "A collection: its fields, indexes, constraints and computed fields."},
	{Label: "function", Kind: "keyword", Detail: "function name(arg: Type): Type { ... }", Info: "A user-defined function, called by name in FQL."},
	{Label: "role", Kind: "keyword", Detail: "role name { ... }", Info: "A role (accepted and not enforced: the playground has no keys)."},
	{Label: "access", Kind: "keyword", Detail: "access provider name { ... }", Info: "An access provider (accepted and not used)."},
}

var fslMemberItems = []Item{
	{Label: "index", Kind: "keyword", Detail: "index name { terms [.field] values [.field, desc(.field)] }", Info: "An index, called as a method of the collection."},
	{Label: "unique", Kind: "keyword", Detail: "unique [.field, ...]", Info: "A unique constraint over one or several fields."},
	{Label: "check", Kind: "keyword", Detail: "check name (doc => Boolean)", Info: "A check constraint: a write whose document makes it false fails."},
	{Label: "compute", Kind: "keyword", Detail: "compute name: Type = (doc => ...)", Info: "A computed field: read, never stored."},
	{Label: "history_days", Kind: "keyword", Detail: "history_days n", Info: "Days of document history kept (accepted and shown)."},
	{Label: "ttl_days", Kind: "keyword", Detail: "ttl_days n", Info: "Days before a document expires (accepted and shown)."},
	{Label: "document_ttls", Kind: "keyword", Detail: "document_ttls true", Info: "Whether writes may set a document's ttl (accepted)."},
	{Label: "migrations", Kind: "keyword", Detail: "migrations { ... }", Info: "Schema migrations (accepted; the playground migrates by replaying)."},
}

var fslIndexItems = []Item{
	{Label: "terms", Kind: "keyword", Detail: "terms [.field, ...]", Info: "The fields an index call matches exactly, one argument each."},
	{Label: "values", Kind: "keyword", Detail: "values [.field, desc(.field), ...]", Info: "The fields the index's set is sorted by, and ranges compare."},
}

var fslTypes = map[string]string{
	"String": "A text.", "Int": "A 64-bit integer.", "Long": "A 64-bit integer.", "Double": "A 64-bit float.",
	"Number": "An Int or a Double.", "Boolean": "true or false.", "Time": "An instant.", "Date": "A calendar date.",
	"Any": "Any value.", "Null": "null.", "ID": "A document id.", "Bytes": "Binary data.",
	"Ref": "Ref<Collection>: a reference to a document of a collection.", "Array": "Array<T>: an array of T.",
	"Set": "Set<T>: a set (a computed field's type).",
}

// fslFrame is an open bracket and what opened it.
type fslFrame struct {
	kind string // "collection", "index", "function", "object", "fql", "list", "other"
	name string // the collection's name
	at   int    // byte offset after the bracket
}

// FSL completes FSL schema text src at offset (UTF-16) against the model m.
func FSL(m *schema.Model, src string, offset int) Completion {
	at := byteOffset(src, offset)
	from := wordStart(src, at)
	out := Completion{From: utf16Offset(src, from), To: utf16Offset(src, at), Items: []Item{}}
	if items := fslItems(m, src[:from], fslCollections(src)); items != nil {
		out.Items = items
	}
	return out
}

// fslCollections are the names the text declares as collections: while
// the schema has errors the model has none, and a type is still to offer.
func fslCollections(src string) []string {
	toks, _ := scanFQL(src)
	var out []string
	for i := 0; i+1 < len(toks); i++ {
		if toks[i].text(src) == "collection" && toks[i+1].kind == tIdent && (i == 0 || toks[i-1].kind == tNL || toks[i-1].text(src) == "}") {
			out = append(out, toks[i+1].text(src))
		}
	}
	return out
}

// FSLHover describes the keyword or type under offset.
func FSLHover(m *schema.Model, src string, offset int) Hover {
	return hover(src, offset, func(before string) []Item { return fslItems(m, before, fslCollections(src)) })
}

func fslItems(m *schema.Model, before string, declared []string) []Item {
	toks, state := scanFQL(before)
	if state != inCode {
		return []Item{}
	}
	var stack []fslFrame
	words := func(i int) string { // token i's text, "" before the first
		if i < 0 {
			return ""
		}
		return toks[i].text(before)
	}
	for i, t := range toks {
		switch s := t.text(before); s {
		case "{", "(", "[":
			f := fslFrame{kind: "other", at: int(t.end)}
			inFQL := len(stack) > 0 && stack[len(stack)-1].kind == "fql"
			switch {
			case inFQL:
				f.kind = "fql"
			case s == "{" && words(i-2) == "collection":
				f.kind, f.name = "collection", words(i-1)
			case s == "{" && words(i-2) == "index":
				f.kind = "index"
				if n := len(stack); n > 0 {
					f.name = stack[n-1].name
				}
			case s == "{" && functionBody(toks, before, i):
				f.kind = "fql"
			case s == "(" && len(stack) > 0 && stack[len(stack)-1].kind == "collection" && startsMember(toks, before, i, "compute", "check"):
				f.kind = "fql"
			case s == "[" && len(stack) > 0:
				f.kind, f.name = "list", stack[len(stack)-1].name
			case s == "{":
				f.kind = "object"
			}
			stack = append(stack, f)
		case "}", ")", "]":
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		}
	}
	last := ""
	if len(toks) > 0 {
		last = toks[len(toks)-1].text(before)
	}
	lineStart := len(toks) == 0 || toks[len(toks)-1].kind == tNL || last == "{" || last == "}"
	top := fslFrame{kind: "top"}
	if len(stack) > 0 {
		top = stack[len(stack)-1]
	}
	switch {
	case top.kind == "fql":
		return fqlItems(m, before[top.at:])
	case top.kind == "collection" && defaultAt(toks, before) >= 0:
		return fqlItems(m, before[defaultAt(toks, before):])
	case strings.ContainsAny(lastChar(before), ":|<"):
		return fslTypeItems(m, declared)
	case top.kind == "list" && last == ".":
		return fslFieldItems(m, top.name)
	case top.kind == "top" && lineStart:
		return fslTopItems
	case top.kind == "collection" && lineStart:
		return fslMemberItems
	case top.kind == "index" && lineStart:
		return fslIndexItems
	}
	return []Item{}
}

// functionBody says whether the `{` at i opens a function's body: the
// line it is on starts with `function`.
func functionBody(toks []token, src string, i int) bool {
	for j := i - 1; j >= 0 && toks[j].kind != tNL; j-- {
		if toks[j].text(src) == "function" && (j == 0 || toks[j-1].kind == tNL) {
			return true
		}
	}
	return false
}

// startsMember says whether the line of token i starts with one of kws.
func startsMember(toks []token, src string, i int, kws ...string) bool {
	j := i
	for j > 0 && toks[j-1].kind != tNL && toks[j-1].text(src) != "{" {
		j--
	}
	for _, k := range kws {
		if toks[j].text(src) == k {
			return true
		}
	}
	return false
}

// defaultAt is where the FQL of a field's default starts when the text
// ends in one (after the `=` of the last line, not a compute's), or -1.
func defaultAt(toks []token, src string) int {
	for j := len(toks) - 1; j >= 0 && toks[j].kind != tNL && toks[j].text(src) != "{"; j-- {
		if toks[j].text(src) == "=" {
			if startsMember(toks, src, j, "compute") {
				return -1
			}
			return int(toks[j].end)
		}
	}
	return -1
}

// lastChar is the last character of s that is not a space, as a string.
func lastChar(s string) string {
	s = strings.TrimRight(s, " \t")
	if s == "" {
		return ""
	}
	return s[len(s)-1:]
}

func fslTypeItems(m *schema.Model, declared []string) []Item {
	var out []Item
	for _, name := range slices.Sorted(maps.Keys(fslTypes)) {
		out = append(out, Item{Label: name, Kind: "type", Detail: name, Info: fslTypes[name]})
	}
	names := slices.Clone(declared)
	if m != nil {
		for _, c := range m.Collections {
			names = append(names, c.Name)
		}
	}
	slices.Sort(names)
	for _, n := range slices.Compact(names) {
		out = append(out, Item{Label: n, Kind: "collection", Detail: n, Info: "A reference to a " + n + " document (Ref<" + n + ">)."})
	}
	return out
}

func fslFieldItems(m *schema.Model, coll string) []Item {
	out := []Item{}
	if m == nil {
		return out
	}
	if c := m.Collection(coll); c != nil {
		for _, f := range c.Fields {
			if f.Kind != schema.Computed {
				out = append(out, Item{Label: f.Name, Kind: "field", Detail: f.Name + ": " + strings.TrimSpace(f.Type), Info: "A field of " + c.Name + "."})
			}
		}
	}
	return out
}
