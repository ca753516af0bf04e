package syntax

import "github.com/alecthomas/participle/v2/lexer"

// The participle grammar. Its structs are the concrete syntax; parse.go
// folds them into the AST (binary chains by precedence, arrows, short-hands).

type gProgram struct {
	Pos   lexer.Position
	Stmts []*gStmt `parser:"(\";\" | NL)* ( @@ (\";\" | NL)* )*"`
}

type gStmt struct {
	Pos  lexer.Position
	Let  *gLet  `parser:"@@"`
	Expr *gExpr `parser:"| @@"`
}

type gLet struct {
	Pos   lexer.Position
	Name  string `parser:"\"let\" @Ident"`
	Type  *gType `parser:"( \":\" @@ )?"`
	Value *gExpr `parser:"\"=\" @@"`
}

// gType is a type annotation; kept as text, checked by nobody (as in the
// shell, where annotations only document).
type gType struct {
	Name string   `parser:"@Ident"`
	Args []*gType `parser:"( \"<\" @@ ( \",\" @@ )* \">\" )?"`
	Opt  bool     `parser:"@\"?\"?"`
	Or   *gType   `parser:"( \"|\" @@ )?"`
}

// gExpr is a flat chain `parser:"u op u op u"`; folded by precedence later.
type gExpr struct {
	Pos  lexer.Position
	Head *gUnary `parser:"@@"`
	Tail []*gOp  `parser:"@@*"`
}

type gOp struct {
	Pos lexer.Position
	Op  string  `parser:"@( \"??\" | \"||\" | \"&&\" | \"==\" | \"!=\" | \"<=\" | \">=\" | \"<\" | \">\" | \"isa\" | \"|\" | \"^\" | \"&\" | \"+\" | \"-\" | \"**\" | \"*\" | \"/\" | \"%\" )"`
	X   *gUnary `parser:"@@"`
}

type gUnary struct {
	Pos     lexer.Position
	Ops     []string  `parser:"@( \"!\" | \"-\" )*"`
	Postfix *gPostfix `parser:"@@"`
}

type gPostfix struct {
	Pos      lexer.Position
	Primary  *gPrimary  `parser:"@@"`
	Suffixes []*gSuffix `parser:"@@*"`
}

type gSuffix struct {
	Pos        lexer.Position
	Field      *string   `parser:"\".\" @Ident"`
	OptField   *string   `parser:"| \"?.\" @Ident"`
	OptIndex   *gExpr    `parser:"| \"?.\" \"[\" @@ \"]\""`
	Call       *gArgs    `parser:"| \"(\" @@ \")\""`
	Index      *gExpr    `parser:"| \"[\" @@ \"]\""`
	NonNull    bool      `parser:"| @\"!\""`
	Projection *gProject `parser:"| @@"`
}

type gArgs struct {
	Args []*gExpr `parser:"( @@ ( \",\" @@ )* \",\"? )?"`
}

type gProject struct {
	Pos    lexer.Position
	Fields []*gProjField `parser:"\"{\" ( @@ ( ( \",\" | NL )+ @@ )* ( \",\" | NL )* )? \"}\""`
}

type gProjField struct {
	Pos   lexer.Position
	Key   string    `parser:"@Ident"`
	Value *gExpr    `parser:"( \":\" @@"`
	Sub   *gProject `parser:"| @@ )?"`
}

type gPrimary struct {
	Pos    lexer.Position
	If     *gIf      `parser:"@@"`
	Number *string   `parser:"| @Number"`
	DStr   *gDString `parser:"| @@"`
	SStr   *gSString `parser:"| @@"`
	Here   *gHeredoc `parser:"| @@"`
	True   bool      `parser:"| @\"true\""`
	False  bool      `parser:"| @\"false\""`
	Null   bool      `parser:"| @\"null\""`
	Array  *gArray   `parser:"| @@"`
	Object *gObject  `parser:"| @@"`
	Block  *gBlock   `parser:"| @@"`
	Paren  *gParen   `parser:"| @@"`
	Dot    *string   `parser:"| \".\" @Ident"`
	Ident  *gIdent   `parser:"| @@"`
}

// gIdent is a name, or the parameter of `parser:"x => body"`.
type gIdent struct {
	Pos   lexer.Position
	Name  string `parser:"@Ident"`
	Arrow *gExpr `parser:"( \"=>\" @@ )?"`
}

// gParen is (e), or the parameters of `parser:"(a, b) => body"`.
type gParen struct {
	Pos   lexer.Position
	Elems []*gExpr `parser:"\"(\" ( @@ ( \",\" @@ )* \",\"? )? \")\""`
	Arrow *gExpr   `parser:"( \"=>\" @@ )?"`
}

type gIf struct {
	Pos  lexer.Position
	Cond *gExpr `parser:"\"if\" \"(\" @@ \")\""`
	Then *gExpr `parser:"@@"`
	Else *gExpr `parser:"( \"else\" @@ )?"`
}

type gDString struct {
	Pos   lexer.Position
	Parts []*gStrPart `parser:"DQuote @@* DQuoteEnd"`
}

type gStrPart struct {
	Chars   *string `parser:"@Chars"`
	Escaped *string `parser:"| @Escaped"`
	Interp  *gExpr  `parser:"| InterpStart @@ InterpEnd"`
}

// gHeredoc is <<+TOKEN … TOKEN (with interpolation) or <<-TOKEN … TOKEN
// (without); Parts start with the newline that ends the opening line.
type gHeredoc struct {
	Pos   lexer.Position
	Start string       `parser:"( @HeredocStart | @RawHeredocStart )"`
	Parts []*gHerePart `parser:"@@* HeredocEnd"`
}

type gHerePart struct {
	Chars  *string `parser:"@( HeredocChars | HeredocText )"`
	Interp *gExpr  `parser:"| InterpStart @@ InterpEnd"`
}

type gSString struct {
	Pos   lexer.Position
	Parts []string `parser:"SQuote ( @SChars | @SEscaped )* SQuoteEnd"`
}

type gArray struct {
	Pos   lexer.Position
	Elems []*gExpr `parser:"\"[\" ( @@ ( \",\" @@ )* \",\"? )? \"]\""`
}

type gObject struct {
	Pos    lexer.Position
	Fields []*gObjField `parser:"\"{\" ( @@ ( \",\" @@ )* \",\"? )? \"}\""`
}

type gObjField struct {
	Pos   lexer.Position
	Key   string `parser:"( @Ident | @Number | DQuote @Chars? DQuoteEnd | SQuote @SChars? SQuoteEnd )"`
	Value *gExpr `parser:"\":\" @@"`
}

type gBlock struct {
	Pos   lexer.Position
	Stmts []*gStmt `parser:"\"{\" ( \";\" | NL )* ( @@ ( \";\" | NL )* )* \"}\""`
}
