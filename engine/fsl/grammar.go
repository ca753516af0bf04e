package fsl

import (
	"fmt"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// The participle grammar: FSL's structure. FQL inside it (defaults,
// computed fields, checks, function bodies) is captured as balanced tokens
// (gFQL, gGroup) whose text is parsed again by the FQL grammar.

type gFile struct {
	Items []*gItem `parser:"(NL | \";\")* ( @@ (NL | \";\")* )*"`
}

type gItem struct {
	Pos         lexer.Position
	Annotations []*gAnnotation `parser:"( @@ NL* )*"`
	Collection  *gCollection   `parser:"( @@"`
	Function    *gFunction     `parser:"| @@"`
	Role        *gNamedBlock   `parser:"| \"role\" @@"`
	Access      *gNamedBlock   `parser:"| \"access\" \"provider\" @@ )"`
}

// gAnnotation is @role(server) or @alias(name): accepted, not used.
type gAnnotation struct {
	Pos  lexer.Position
	Name string  `parser:"\"@\" @Ident"`
	Args *gGroup `parser:"@@?"`
}

// gNamedBlock is a role or access provider: a name and a body the
// playground accepts and leaves alone.
type gNamedBlock struct {
	Pos  lexer.Position
	Name string  `parser:"@(Ident | String)"`
	Body *gGroup `parser:"NL* @@"`
}

type gCollection struct {
	Pos     lexer.Position
	Name    string     `parser:"\"collection\" @Ident NL*"`
	Members []*gMember `parser:"\"{\" (NL | \";\")* ( @@ (NL | \";\")* )* \"}\""`
}

// gMember: the keywords come first, so a field may have a keyword's name
// (`unique: Boolean`).
type gMember struct {
	Pos        lexer.Position
	Wildcard   *gType    `parser:"  \"*\" \":\" @@"`
	Index      *gIndex   `parser:"| \"index\" @@"`
	Unique     *gPaths   `parser:"| \"unique\" @@"`
	Check      *gCheck   `parser:"| \"check\" @@"`
	Compute    *gCompute `parser:"| \"compute\" @@"`
	History    *string   `parser:"| \"history_days\" @Number"`
	TTL        *string   `parser:"| \"ttl_days\" @Number"`
	DocTTLs    *string   `parser:"| \"document_ttls\" @(\"true\" | \"false\")"`
	Migrations *gGroup   `parser:"| \"migrations\" @@"`
	Field      *gField   `parser:"| @@"`
}

// gField is `name: Type` or `name: Type = default`.
type gField struct {
	Pos     lexer.Position
	Name    string `parser:"@(Ident | String)"`
	Type    *gType `parser:"( \":\" @@ )?"`
	Default *gFQL  `parser:"( \"=\" @@ )?"`
}

type gCompute struct {
	Pos  lexer.Position
	Name string `parser:"@(Ident | String)"`
	Type *gType `parser:"( \":\" @@ )?"`
	Body *gFQL  `parser:"\"=\"? @@"`
}

type gCheck struct {
	Pos  lexer.Position
	Name string `parser:"@Ident"`
	Body *gFQL  `parser:"@@"`
}

type gIndex struct {
	Pos   lexer.Position
	Name  string        `parser:"@Ident NL*"`
	Props []*gIndexProp `parser:"\"{\" (NL | \";\")* ( @@ (NL | \";\")* )* \"}\""`
}

type gIndexProp struct {
	Pos    lexer.Position
	Terms  *gPaths  `parser:"  \"terms\" @@"`
	Values *gValues `parser:"| \"values\" @@"`
	Other  *string  `parser:"| @Ident"`
	Rest   *gRest   `parser:"  @@?"`
}

type gPaths struct {
	Pos   lexer.Position
	Paths []*gPath `parser:"\"[\" ( @@ ( \",\" @@ )* \",\"? )? \"]\""`
}

type gValues struct {
	Pos    lexer.Position
	Values []*gValue `parser:"\"[\" ( @@ ( \",\" @@ )* \",\"? )? \"]\""`
}

// gValue is .a, asc(.a) or desc(.a).
type gValue struct {
	Pos   lexer.Position
	Order string `parser:"( @(\"asc\" | \"desc\") \"(\" "`
	Inner *gPath `parser:"  @@ \")\""`
	Path  *gPath `parser:"| @@ )"`
}

// gPath is .a.b or .a["b"] or .["a b"], or mva(.a) (a multi-value
// attribute: an array's items).
type gPath struct {
	Pos   lexer.Position
	MVA   *gPath   `parser:"  \"mva\" \"(\" @@ \")\""`
	Parts []string `parser:"| ( \".\" ( @(Ident | String) | \"[\" @String \"]\" ) | \"[\" @String \"]\" )+"`
}

// gType is a union of atoms, each perhaps nullable.
type gType struct {
	Pos  lexer.Position
	Alts []*gTypeAtom `parser:"@@ ( \"|\" @@ )*"`
}

type gTypeAtom struct {
	Pos      lexer.Position
	Object   *gObjectType `parser:"( @@"`
	Paren    *gType       `parser:"| \"(\" @@ \")\""`
	Tuple    []*gType     `parser:"| \"[\" @@ ( \",\" @@ )* \"]\""`
	Str      *string      `parser:"| @String"`
	Number   *string      `parser:"| @( \"-\"? Number )"`
	Bool     *string      `parser:"| @(\"true\" | \"false\")"`
	Name     string       `parser:"| @Ident"`
	Args     []*gType     `parser:"  ( \"<\" @@ ( \",\" @@ )* \">\" )? )"`
	Nullable bool         `parser:"@\"?\"?"`
}

type gObjectType struct {
	Pos    lexer.Position
	Fields []*gObjectField `parser:"\"{\" (NL | \",\")* ( @@ (NL | \",\")* )* \"}\""`
}

type gObjectField struct {
	Pos      lexer.Position
	Name     string `parser:"@(Ident | String | \"*\")"`
	Optional bool   `parser:"@\"?\"?"`
	Type     *gType `parser:"\":\" @@"`
}

type gFunction struct {
	Pos     lexer.Position
	Name    string    `parser:"\"function\" @Ident"`
	Params  []*gParam `parser:"\"(\" ( @@ ( \",\" @@ )* \",\"? )? \")\""`
	Returns *gType    `parser:"( \":\" @@ )? NL*"`
	Body    *gGroup   `parser:"@@"`
}

type gParam struct {
	Pos      lexer.Position
	Variadic bool   `parser:"@\"...\"?"`
	Name     string `parser:"@Ident"`
	Type     *gType `parser:"( \":\" @@ )?"`
}

// gFQL is FQL up to the end of its line (or the bracket that closes what
// holds it), brackets balanced. It and gGroup read their tokens
// themselves (participle.Parseable): a run of tokens needs no grammar,
// and a struct a token made the reader ten times slower.
type gFQL struct {
	Tokens []lexer.Token
}

// gGroup is a bracketed run of tokens, newlines included.
type gGroup struct {
	Tokens []lexer.Token
}

// gRest is what follows an unknown word (the error names the word).
type gRest struct{ gFQL }

func (g *gFQL) Parse(lex *lexer.PeekingLexer) error {
	at := lex.Peek()
	toks, err := balanced(lex, false)
	if err == participle.NextMatch {
		// gFQL follows `=` or a name: something must be there.
		return participle.Errorf(at.Pos, "expected an FQL expression, not %s", describe(at))
	}
	g.Tokens = toks
	return err
}

func (g *gRest) Parse(lex *lexer.PeekingLexer) error {
	toks, err := balanced(lex, false)
	g.Tokens = toks
	return err
}

// describe names a token in an error.
func describe(t *lexer.Token) string {
	switch {
	case t.EOF():
		return "the end of the schema"
	case t.Type == fslLex.syms["NL"]:
		return "the end of the line"
	}
	return fmt.Sprintf("%q", t.Value)
}

func (g *gGroup) Parse(lex *lexer.PeekingLexer) error {
	toks, err := balanced(lex, true)
	g.Tokens = toks
	return err
}

var closer = map[string]string{"(": ")", "[": "]", "{": "}"}

// balanced reads tokens with their brackets balanced: one bracketed group
// (group), or a run up to a newline or a closing bracket outside any
// bracket it opened. participle.NextMatch when there is none.
func balanced(lex *lexer.PeekingLexer, group bool) ([]lexer.Token, error) {
	punct, nl := fslLex.syms["Punct"], fslLex.syms["NL"]
	var toks []lexer.Token
	var open []lexer.Token
scan:
	for {
		t := lex.Peek()
		outside := len(open) == 0
		switch {
		case t.EOF() && !outside:
			o := open[len(open)-1]
			return nil, participle.Errorf(t.Pos, "unexpected end of the schema: the %q at %d:%d is not closed", o.Value, o.Pos.Line, o.Pos.Column)
		case t.EOF(), outside && group && len(toks) > 0, outside && t.Type == nl:
			break scan
		case group && len(toks) == 0 && (t.Type != punct || closer[t.Value] == ""):
			return nil, participle.NextMatch
		case t.Type == punct && closer[t.Value] != "":
			open = append(open, *t)
		case t.Type == punct && (t.Value == ")" || t.Value == "]" || t.Value == "}"):
			if outside {
				break scan // it closes what holds the run
			}
			o := open[len(open)-1]
			if want := closer[o.Value]; t.Value != want {
				return nil, participle.Errorf(t.Pos, "unexpected %q: the %q at %d:%d is closed by %q", t.Value, o.Value, o.Pos.Line, o.Pos.Column, want)
			}
			open = open[:len(open)-1]
		}
		toks = append(toks, *lex.Next())
	}
	if len(toks) == 0 {
		return nil, participle.NextMatch
	}
	return toks, nil
}
