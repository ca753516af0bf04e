package complete

import (
	"slices"
	"strings"
	"sync"

	"github.com/faunaplay/playground/engine/schema"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
)

// fauna is what Fauna's GraphQL import declared for every schema
// (schema.FaunaDeclarations), parsed once.
var fauna = sync.OnceValue(func() *ast.SchemaDocument {
	doc, err := parser.ParseSchema(&ast.Source{Name: "fauna.graphql", Input: schema.FaunaDeclarations()})
	if err != nil {
		panic("schema.FaunaDeclarations does not parse: " + err.Error())
	}
	return doc
})

// directiveInfo says what each of Fauna's directives does.
var directiveInfo = map[string]string{
	"embedded":   "Stores the type inline in the documents that hold it: it gets no collection.",
	"collection": "Names the collection the type's documents are stored in.",
	"index":      "Names the index a Query field reads (the field's name by default).",
	"resolver":   "Makes a Query or Mutation field call a user-defined function instead of reading an index.",
	"relation":   "Names the relation the field is one side of; both sides share the name.",
	"unique":     "Keeps the field's values unique through a unique index (named by index:).",
	"distinct":   "Reads the field's index without duplicate values.",
}

// scalarInfo describes the scalars every schema knows.
var scalarInfo = map[string]string{
	"String":  "A UTF-8 text.",
	"Int":     "A 32-bit integer (FQL stores an Int).",
	"Float":   "A double-precision number (FQL stores a Double).",
	"Boolean": "true or false.",
	"ID":      "An identifier, written as a String.",
	"Long":    "A 64-bit integer (Fauna's scalar).",
	"Date":    "A calendar date, YYYY-MM-DD (Fauna's scalar; FQL Date).",
	"Time":    "An instant, ISO 8601 (Fauna's scalar; FQL Time).",
}

var definitionKeywords = []string{"type", "enum", "input", "interface", "union", "scalar", "directive", "extend", "schema"}

// sdlItems are the completions at byte from of the schema text src.
func sdlItems(m *schema.Model, src string, from int) []Item {
	toks, ok := scanSDL(src[:from])
	if !ok {
		return []Item{} // in a comment or a string
	}
	var stack []int // open brackets
	for i, t := range toks {
		switch t.text(src) {
		case "(", "[", "{":
			stack = append(stack, i)
		case ")", "]", "}":
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		}
	}
	inType := slices.ContainsFunc(stack, func(i int) bool { return toks[i].text(src) == "{" })
	if from > 0 && src[from-1] == '@' {
		return directiveItems(inType)
	}
	n := len(toks)
	last := ""
	if n > 0 {
		last = toks[n-1].text(src)
	}
	if k := len(stack) - 1; k >= 0 && toks[stack[k]].text(src) == "(" {
		o := stack[k]
		if o >= 2 && toks[o-2].text(src) == "@" {
			if last == ":" {
				return []Item{} // a value
			}
			return argumentItems(toks[o-1].text(src))
		}
	}
	switch {
	case last == ":" || last == "[" || last == "|" || last == "=" && !inType:
		return typeItems(m, src)
	case len(stack) == 0 && (last == "" || last == "}" || n >= 2 && toks[n-2].text(src) == "scalar"):
		return sdlKeywordItems(definitionKeywords) // a new definition
	}
	return []Item{}
}

// directiveItems are Fauna's directives; in a type's body those that go on
// a field, outside it those that go on a type.
func directiveItems(onField bool) []Item {
	want := ast.LocationObject
	if onField {
		want = ast.LocationFieldDefinition
	}
	var items []Item
	for _, d := range fauna().Directives {
		if slices.Contains(d.Locations, want) {
			items = append(items, Item{Label: d.Name, Kind: "directive", Detail: directiveSig(d), Info: directiveInfo[d.Name]})
		}
	}
	return items
}

// directiveSig is a directive as written: @relation(name: String).
func directiveSig(d *ast.DirectiveDefinition) string {
	if len(d.Arguments) == 0 {
		return "@" + d.Name
	}
	args := make([]string, len(d.Arguments))
	for i, a := range d.Arguments {
		args[i] = argSig(a)
	}
	return "@" + d.Name + "(" + strings.Join(args, ", ") + ")"
}

func argSig(a *ast.ArgumentDefinition) string {
	s := a.Name + ": " + a.Type.String()
	if a.DefaultValue != nil {
		s += " = " + a.DefaultValue.String()
	}
	return s
}

// argumentItems are the arguments of the directive name.
func argumentItems(name string) []Item {
	d := fauna().Directives.ForName(name)
	if d == nil {
		return []Item{}
	}
	items := []Item{}
	for _, a := range d.Arguments {
		items = append(items, Item{Label: a.Name, Kind: "argument", Detail: argSig(a), Info: "An argument of " + directiveSig(d) + "."})
	}
	return items
}

// typeItems are the type names a field may have: the built-in scalars,
// Fauna's, and the types the text declares.
func typeItems(m *schema.Model, src string) []Item {
	var items []Item
	for _, name := range []string{"String", "Int", "Float", "Boolean", "ID"} {
		items = append(items, Item{Label: name, Kind: "type", Detail: "scalar " + name, Info: scalarInfo[name]})
	}
	for _, d := range fauna().Definitions {
		items = append(items, Item{Label: d.Name, Kind: "type", Detail: "scalar " + d.Name, Info: scalarInfo[d.Name]})
	}
	toks, _ := scanSDL(src)
	for i := 0; i+1 < len(toks); i++ {
		kw, name := toks[i].text(src), toks[i+1].text(src)
		if !slices.Contains(definitionKeywords[:6], kw) || toks[i+1].kind != tIdent || (i > 0 && toks[i-1].text(src) == "@") {
			continue
		}
		items = append(items, Item{Label: name, Kind: "type", Detail: kw + " " + name, Info: declaredInfo(m, kw, name)})
	}
	return dedupe(items)
}

// declaredInfo says what the schema made of a declared type.
func declaredInfo(m *schema.Model, kw, name string) string {
	if m != nil && len(m.Errors) == 0 {
		for _, c := range m.Collections {
			if c.Type == name {
				return collectionItem(c).Info
			}
		}
		if e := embedded(m, name); e != nil {
			return "An @embedded type: stored inline in the documents that hold it."
		}
	}
	switch kw {
	case "enum":
		return "An enum of this schema (stored as a String)."
	case "scalar":
		return "A scalar of this schema."
	}
	return "A " + kw + " of this schema."
}

// sdlFieldItems are the fields, as the model holds them, of the type whose
// body holds byte from of src; the Query type's fields say which index
// they read.
func sdlFieldItems(m *schema.Model, src string, from int) []Item {
	if m == nil || len(m.Errors) > 0 {
		return nil
	}
	toks, ok := scanSDL(src[:from])
	if !ok {
		return nil
	}
	depth, open := 0, -1
	for i := len(toks) - 1; i >= 0 && open < 0; i-- {
		switch toks[i].text(src) {
		case "}", ")", "]":
			depth++
		case "(", "[":
			depth--
		case "{":
			if depth == 0 {
				open = i
			}
			depth--
		}
	}
	name := ""
	for i := open - 1; i > 0 && name == ""; i-- {
		if slices.Contains(definitionKeywords[:6], toks[i-1].text(src)) && toks[i].kind == tIdent {
			name = toks[i].text(src)
		}
	}
	if name == "Query" {
		var items []Item
		for _, c := range m.Collections {
			for _, ix := range c.Indexes {
				if ix.Query != "" {
					mm := indexMember(c, ix)
					items = append(items, Item{Label: ix.Query, Kind: "field", Detail: substitute(mm.Signature, typ{kind: "Document", name: c.Name}),
						Info: "Reads the index " + c.Name + "." + ix.Name + " (in FQL: " + c.Name + "." + ix.Name + "(…))."})
				}
			}
		}
		return items
	}
	for _, c := range m.Collections {
		if c.Type == name && name != "" {
			return fieldItems(c.Fields, c.Name)
		}
	}
	if e := embedded(m, name); e != nil {
		return fieldItems(e.Fields, e.Name)
	}
	return nil
}

func sdlKeywordItems(words []string) []Item {
	items := make([]Item, len(words))
	for i, w := range words {
		items[i] = Item{Label: w, Kind: "keyword", Detail: w, Info: "Starts a definition: " + w + " Name …"}
	}
	return items
}

// scanSDL tokenizes GraphQL SDL: names, numbers and punctuation, strings
// as one token; ok is false when the text ends in a comment or a string.
func scanSDL(src string) (toks []token, ok bool) {
	for i := 0; i < len(src); {
		c := src[i]
		start := i
		switch {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',':
			i++
		case c == '#':
			nl := strings.IndexByte(src[i:], '\n')
			if nl < 0 {
				return toks, false
			}
			i += nl
		case c == '"':
			end := -1
			if strings.HasPrefix(src[i:], `"""`) {
				if e := strings.Index(src[i+3:], `"""`); e >= 0 {
					end = i + 3 + e + 3
				}
			} else {
				for j := i + 1; j < len(src) && src[j] != '\n'; j++ {
					if src[j] == '\\' {
						j++
					} else if src[j] == '"' {
						end = j + 1
						break
					}
				}
			}
			if end < 0 {
				return toks, false
			}
			i = end
			toks = append(toks, tok(tString, start, i))
		case isIdentStart(c) || isDigit(c) || c == '-':
			for i++; i < len(src) && isIdentPart(src[i]); i++ {
			}
			toks = append(toks, tok(tIdent, start, i))
		default:
			i += opLen(src[i:])
			toks = append(toks, tok(tOp, start, i))
		}
	}
	return toks, true
}
