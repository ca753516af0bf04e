package gql

import (
	"errors"

	"github.com/faunaplay/playground/engine/diag"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/lexer"
	"github.com/vektah/gqlparser/v2/parser"
	"github.com/vektah/gqlparser/v2/validator"
)

// Limits on an operation's text, checked before gqlparser's validator,
// whose overlapping-fields rule compares every two fields of the same name
// (4,000 `name` fields take seconds).
const (
	MaxTokens     = 50_000 // lexical tokens in the document
	MaxSelections = 3_000  // fields, fragment spreads and inline fragments
	// MaxVariableValues bounds the values (list elements, object fields,
	// scalars) in an operation's variables.
	MaxVariableValues = 100_000
)

// tooManyVariableValues is the error for variables holding more than
// MaxVariableValues values, at the definition of the one that crosses it.
func tooManyVariableValues(op *ast.OperationDefinition, variables map[string]any) *gqlerror.Error {
	n := 0
	var count func(v any)
	count = func(v any) {
		n++
		if n > MaxVariableValues {
			return
		}
		switch v := v.(type) {
		case []any:
			for _, e := range v {
				count(e)
			}
		case map[string]any:
			for _, e := range v {
				count(e)
			}
		}
	}
	for _, def := range op.VariableDefinitions {
		count(variables[def.Variable])
		if n > MaxVariableValues {
			return limitError(def.Position, "the variables hold more than %d values (list elements, fields); send fewer", MaxVariableValues)
		}
	}
	return nil
}

func limitError(pos *ast.Position, format string, args ...any) *gqlerror.Error {
	var e *gqlerror.Error
	if pos != nil {
		e = gqlerror.ErrorPosf(pos, format, args...)
	} else {
		e = gqlerror.Errorf(format, args...)
	}
	e.Extensions = map[string]any{"code": diag.LimitExceeded}
	return e
}

// load parses and validates an operation, within the limits above.
func load(s *ast.Schema, query string) (*ast.QueryDocument, gqlerror.List) {
	doc, err := parser.ParseQueryWithTokenLimit(&ast.Source{Input: query}, MaxTokens)
	if err != nil {
		var ge *gqlerror.Error
		if !errors.As(err, &ge) {
			ge = gqlerror.Wrap(err)
		}
		if len(ge.Locations) == 0 {
			if pos := tokenAt(query, MaxTokens+1); pos != nil {
				ge = limitError(pos, "the operation has more than %d tokens; split it", MaxTokens)
			}
		}
		return nil, gqlerror.List{ge}
	}
	if pos := tooManySelections(doc); pos != nil {
		return nil, gqlerror.List{limitError(pos, "the operation selects more than %d fields (fragments counted where they are spread); select fewer", MaxSelections)}
	}
	if errs := validator.Validate(s, doc); len(errs) > 0 {
		return nil, errs
	}
	return doc, nil
}

// tokenAt is the position of the n-th token of src, or nil.
func tokenAt(src string, n int) *ast.Position {
	lx := lexer.New(&ast.Source{Input: src})
	for i := 1; ; i++ {
		t, err := lx.ReadToken()
		if err != nil || t.Kind == lexer.EOF {
			return nil
		}
		if i == n {
			p := t.Pos
			return &p
		}
	}
}

// tooManySelections is the position where an operation, or a fragment,
// selects more than MaxSelections fields with its fragments spread out
// (`...F ...F` in F0, F1, … doubles at each level), or nil. Fragment sizes
// are counted once each (memoized), so the count is linear in the text.
func tooManySelections(doc *ast.QueryDocument) *ast.Position {
	const inProgress = -1
	sizes := map[string]int{}
	var fragSize func(name string) int
	var setSize func(set ast.SelectionSet) (int, *ast.Position)
	setSize = func(set ast.SelectionSet) (int, *ast.Position) {
		n := 0
		for _, sel := range set {
			n++
			switch sel := sel.(type) {
			case *ast.Field:
				k, pos := setSize(sel.SelectionSet)
				if pos != nil {
					return n + k, pos
				}
				n += k
			case *ast.InlineFragment:
				k, pos := setSize(sel.SelectionSet)
				if pos != nil {
					return n + k, pos
				}
				n += k
			case *ast.FragmentSpread:
				n += fragSize(sel.Name)
			}
			if n > MaxSelections {
				return n, sel.GetPosition()
			}
		}
		return n, nil
	}
	fragSize = func(name string) int {
		if k, ok := sizes[name]; ok {
			return max(k, 0) // a cycle counts nothing here; the validator refuses it
		}
		f := doc.Fragments.ForName(name)
		if f == nil {
			return 0
		}
		sizes[name] = inProgress
		k, _ := setSize(f.SelectionSet)
		sizes[name] = min(k, MaxSelections+1)
		return sizes[name]
	}
	for _, op := range doc.Operations {
		if _, pos := setSize(op.SelectionSet); pos != nil {
			return pos
		}
	}
	for _, f := range doc.Fragments {
		if _, pos := setSize(f.SelectionSet); pos != nil {
			return pos
		}
	}
	return nil
}
