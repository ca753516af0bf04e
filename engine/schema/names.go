package schema

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/faunaplay/playground/engine/diag"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
	"github.com/vektah/gqlparser/v2/validator"
)

// gqlparser's validator stops at the first error of the whole schema, so a
// schema with three misspelt types would be fixed one error at a time. The
// names pass below finds every undefined type, directive and directive
// argument in one walk, each with the closest known name, before the
// validator runs.

// builtins are the declarations every schema knows without declaring them:
// the GraphQL prelude and all of Fauna's scalars and directives.
var builtins = sync.OnceValue(func() *ast.SchemaDocument {
	doc := validator.PreludeDocument()
	var b strings.Builder
	for _, fd := range faunaDeclarations {
		b.WriteString(fd.sdl + "\n")
	}
	fauna, err := parser.ParseSchema(&ast.Source{Name: "fauna.graphql", Input: b.String(), BuiltIn: true})
	if err != nil {
		panic("schema: Fauna's declarations do not parse: " + err.Error())
	}
	doc.Merge(fauna)
	return doc
})

// names is what a schema may refer to.
type names struct {
	types      map[string]ast.DefinitionKind
	typeList   []string // the candidates of a suggestion, without __ types
	directives map[string]*ast.DirectiveDefinition
	dirList    []string
}

func knownNames(doc *ast.SchemaDocument) *names {
	n := &names{types: map[string]ast.DefinitionKind{}, directives: map[string]*ast.DirectiveDefinition{}}
	addType := func(d *ast.Definition) {
		if _, ok := n.types[d.Name]; !ok {
			n.types[d.Name] = d.Kind
			if !strings.HasPrefix(d.Name, "__") {
				n.typeList = append(n.typeList, d.Name)
			}
		}
	}
	for _, src := range []*ast.SchemaDocument{builtins(), doc} {
		for _, d := range src.Definitions {
			addType(d)
		}
		for _, d := range src.Extensions {
			addType(d) // the validator declares it; mergeExtensions reports it
		}
		for _, d := range src.Directives {
			if n.directives[d.Name] == nil {
				n.dirList = append(n.dirList, d.Name)
			}
			n.directives[d.Name] = d // the user's declaration wins over Fauna's
		}
	}
	return n
}

// known reports whether a type of that name is declared.
func (n *names) known(name string) bool {
	_, ok := n.types[name]
	return ok
}

// of are the type names of the given kinds: a suggestion offers only a
// type that may stand where the unknown name is.
func (n *names) of(kinds ...ast.DefinitionKind) []string {
	var out []string
	for _, t := range n.typeList {
		if slices.Contains(kinds, n.types[t]) {
			out = append(out, t)
		}
	}
	return out
}

var (
	outputKinds = []ast.DefinitionKind{ast.Scalar, ast.Object, ast.Interface, ast.Union, ast.Enum}
	inputKinds  = []ast.DefinitionKind{ast.Scalar, ast.Enum, ast.InputObject}
)

// undefinedNames lists every reference to a type, directive or directive
// argument that is not declared, in the validator's words, each with the
// closest declared name when one is close enough.
func undefinedNames(doc *ast.SchemaDocument) []*diag.Error {
	n := knownNames(doc)
	var errs []*diag.Error
	add := func(p *ast.Position, msg, name string, candidates []string) {
		if s := closest(name, candidates); s != "" {
			msg += fmt.Sprintf(" Did you mean %s?", strconv.Quote(s))
		}
		errs = append(errs, &diag.Error{Code: diag.InvalidSchema, Message: msg, Pos: posOf(p)})
	}
	typeRef := func(t *ast.Type, kinds []ast.DefinitionKind) {
		if t != nil && !n.known(t.Name()) {
			add(t.Position, fmt.Sprintf("Undefined type %s.", t.Name()), t.Name(), n.of(kinds...))
		}
	}
	directives := func(list ast.DirectiveList) {
		for _, d := range list {
			def := n.directives[d.Name]
			if def == nil {
				add(d.Position, fmt.Sprintf("Undefined directive %s.", d.Name), d.Name, n.dirList)
				continue
			}
			var argNames []string
			for _, a := range def.Arguments {
				argNames = append(argNames, a.Name)
			}
			for _, a := range d.Arguments {
				if !slices.Contains(argNames, a.Name) {
					add(a.Position, fmt.Sprintf("Undefined argument %s for directive %s.", a.Name, d.Name), a.Name, argNames)
				}
			}
		}
	}
	args := func(list ast.ArgumentDefinitionList) {
		for _, a := range list {
			typeRef(a.Type, inputKinds)
			directives(a.Directives)
		}
	}
	for _, defs := range []ast.DefinitionList{doc.Definitions, doc.Extensions} {
		for _, d := range defs {
			directives(d.Directives)
			for _, intf := range d.Interfaces {
				if !n.known(intf) {
					add(d.Position, fmt.Sprintf("Undefined type %s.", strconv.Quote(intf)), intf, n.of(ast.Interface))
				}
			}
			for i, t := range d.Types {
				if !n.known(t) {
					p := d.Position
					if len(d.TypePositions) == len(d.Types) && d.TypePositions[i] != nil {
						p = d.TypePositions[i]
					}
					add(p, fmt.Sprintf("Undefined type %s.", strconv.Quote(t)), t, n.of(ast.Object))
				}
			}
			fieldKinds := outputKinds
			if d.Kind == ast.InputObject {
				fieldKinds = inputKinds
			}
			for _, f := range d.Fields {
				typeRef(f.Type, fieldKinds)
				args(f.Arguments)
				directives(f.Directives)
			}
			for _, v := range d.EnumValues {
				directives(v.Directives)
			}
		}
	}
	for _, defs := range []ast.DirectiveDefinitionList{doc.Directives, doc.DirectiveExtensions} {
		for _, d := range defs {
			args(d.Arguments)
			directives(d.Directives)
		}
	}
	for _, defs := range []ast.SchemaDefinitionList{doc.Schema, doc.SchemaExtension} {
		for _, d := range defs {
			directives(d.Directives)
		}
	}
	return errs
}

// closest is the candidate nearest to name by edit distance, or "" when
// none is near enough to be what was meant (within about 40% of the name's
// length, the threshold graphql-js uses for its suggestions). A difference
// in case alone counts as one edit.
func closest(name string, candidates []string) string {
	best, bestDist := "", len(name)*2/5+2 // anything nearer than the threshold + 1
	for _, c := range candidates {
		d := max(distance(name, c), 1) // 0 only when the case differs
		if d < bestDist || (d == bestDist && c < best) {
			best, bestDist = c, d
		}
	}
	return best
}

// distance is the optimal string alignment distance (Levenshtein with
// adjacent transpositions), case-insensitively.
func distance(a, b string) int {
	x, y := []rune(strings.ToLower(a)), []rune(strings.ToLower(b))
	// Three rows: the one before the previous is for transpositions.
	prev2 := make([]int, len(y)+1)
	prev := make([]int, len(y)+1)
	cur := make([]int, len(y)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(x); i++ {
		cur[0] = i
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(y)]
}
