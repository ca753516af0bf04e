package syntax

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
	"github.com/faunaplay/playground/engine/diag"
)

// MaxSource bounds the query text: larger input is an error, not a long parse.
const MaxSource = 1 << 20

// parser is built on first use (or by Prepare) rather than at package
// init: in the page, init runs before the engine can answer anything, and
// building the grammar there (the browser compiling participle's code as
// it runs) was the largest part of it.
var parser = sync.OnceValue(func() *participle.Parser[gProgram] {
	return participle.MustBuild[gProgram](
		participle.Lexer(fql),
		participle.UseLookahead(4),
	)
})

// Prepare builds the parser now, so that the first query does not: the
// page's engine calls it once it is idle after starting.
func Prepare() { parser() }

// Parse parses a whole FQL query.
func Parse(src string) (*Program, error) {
	return nonEmpty(ParseFile(src))
}

// nonEmpty refuses a program without statements, as Parse does.
func nonEmpty(prog *Program, err error) (*Program, error) {
	if err == nil && len(prog.Stmts) == 0 {
		return nil, &diag.Error{Code: diag.InvalidQuery, Message: "the query is empty", Pos: diag.Pos{Line: 1, Column: 1}}
	}
	return prog, err
}

// ParseFile is Parse, except that a text of no statement (empty, or only
// comments) is a Program without statements rather than an error.
func ParseFile(src string) (prog *Program, err error) {
	defer recoverParse(&prog, &err)
	if err := checkSize(src); err != nil {
		return nil, err
	}
	lx, err := fql.lex("query.fql", src)
	if err != nil {
		return nil, parseError(err, src)
	}
	g, err := parseTokens(lx, src)
	if err != nil {
		return nil, err
	}
	return build(g, lx)
}

// recoverParse turns a panic of the parser into an invalid_query error.
func recoverParse(prog **Program, err *error) {
	if r := recover(); r != nil {
		*prog, *err = nil, &diag.Error{Code: diag.InvalidQuery, Message: fmt.Sprint("the query could not be parsed: ", r)}
	}
}

func checkSize(src string) error {
	if len(src) > MaxSource {
		return &diag.Error{Code: diag.InvalidQuery, Message: fmt.Sprintf("the query is %d bytes; the limit is %d", len(src), MaxSource), Pos: diag.Pos{Line: 1, Column: 1}}
	}
	return nil
}

// parseTokens runs the grammar over the lexed tokens (it reads them from
// lx's start, so lx must be fresh).
func parseTokens(lx *sliceLexer, src string) (*gProgram, error) {
	peek, err := lexer.Upgrade(lx)
	if err != nil {
		return nil, parseError(err, src)
	}
	g, err := parser().ParseFromLexer(peek)
	if err != nil {
		return nil, parseError(err, src)
	}
	return g, nil
}

// build converts the grammar's tree into the AST, with the side data lx
// kept for the formatter.
func build(g *gProgram, lx *sliceLexer) (*Program, error) {
	c := &converter{}
	prog := &Program{P: pos(g.Pos), Comments: lx.comments, Closers: lx.closers, Blank: lx.blank}
	for _, s := range g.Stmts {
		prog.Stmts = append(prog.Stmts, c.stmt(s))
	}
	if c.err != nil {
		return nil, c.err
	}
	return prog, nil
}

func parseError(err error, src string) *diag.Error {
	var d *diag.Error
	if errors.As(err, &d) {
		return d
	}
	var pe participle.Error
	if errors.As(err, &pe) {
		p := pe.Position()
		msg := pe.Message()
		msg = grammarWords.Replace(msg)
		if p.Line == 0 {
			p.Line, p.Column = 1, 1
		}
		return &diag.Error{Code: diag.InvalidQuery, Message: msg, Pos: diag.Pos{Line: p.Line, Column: p.Column}}
	}
	return &diag.Error{Code: diag.InvalidQuery, Message: err.Error(), Pos: diag.Pos{Line: 1, Column: 1}}
}

// grammarWords turns the grammar's struct names in participle's messages
// into words a user knows.
var grammarWords = strings.NewReplacer(
	`"\n"`, "end of line", `"<EOF>"`, "end of query", "<EOF>", "end of query",
	"GPostfix", "an expression", "GExpr", "an expression", "GUnary", "an expression",
	"GPrimary", "an expression", "GStmt", "a statement", "GProjField", "a field name",
	"GObjField", "a key", "GType", "a type", "GArgs", "arguments",
)

func pos(p lexer.Position) diag.Pos { return diag.Pos{Line: p.Line, Column: p.Column} }

// converter turns the concrete syntax into the AST; the first error sticks.
type converter struct{ err *diag.Error }

func (c *converter) fail(p lexer.Position, format string, args ...any) {
	if c.err == nil {
		c.err = diag.Errorf(diag.InvalidQuery, pos(p), format, args...)
	}
}

func (c *converter) stmt(s *gStmt) Stmt {
	if s.Let != nil {
		l := &Let{P: pos(s.Let.Pos), Name: s.Let.Name, Value: c.expr(s.Let.Value)}
		if s.Let.Type != nil {
			l.Type = s.Let.Type.String()
		}
		return l
	}
	return c.expr(s.Expr)
}

func (t *gType) String() string {
	s := t.Name
	if len(t.Args) > 0 {
		parts := make([]string, len(t.Args))
		for i, a := range t.Args {
			parts[i] = a.String()
		}
		s += "<" + strings.Join(parts, ", ") + ">"
	}
	if t.Opt {
		s += "?"
	}
	if t.Or != nil {
		s += " | " + t.Or.String()
	}
	return s
}

// precedence of binary operators, higher binds tighter.
var precedence = map[string]int{
	"??": 1, "||": 2, "&&": 3, "==": 4, "!=": 4,
	"<": 5, "<=": 5, ">": 5, ">=": 5, "isa": 6, "|": 7, "^": 8, "&": 9,
	"+": 10, "-": 10, "*": 11, "/": 11, "%": 11, "**": 12,
}

// rightAssoc are the operators that group from the right: 2 ** 3 ** 2 is
// 2 ** 9.
var rightAssoc = map[string]bool{"**": true}

// Precedence is how tightly a binary operator binds, higher tighter (for
// the formatter's parentheses).
func Precedence(op string) int { return precedence[op] }

// RightAssoc reports whether op groups from the right.
func RightAssoc(op string) bool { return rightAssoc[op] }

// expr folds the flat chain by precedence (left-associative), with an
// explicit operator stack so long chains do not recurse.
func (c *converter) expr(g *gExpr) Expr {
	if g == nil {
		return &Literal{}
	}
	operands := []Expr{c.unary(g.Head)}
	var ops []*gOp
	reduce := func() {
		op := ops[len(ops)-1]
		ops = ops[:len(ops)-1]
		y := operands[len(operands)-1]
		x := operands[len(operands)-2]
		operands = operands[:len(operands)-2]
		operands = append(operands, &Binary{P: Start(x), Op: op.Op, X: x, Y: y})
	}
	for _, t := range g.Tail {
		for len(ops) > 0 && (precedence[ops[len(ops)-1].Op] > precedence[t.Op] ||
			precedence[ops[len(ops)-1].Op] == precedence[t.Op] && !rightAssoc[t.Op]) {
			reduce()
		}
		ops = append(ops, t)
		operands = append(operands, c.unary(t.X))
	}
	for len(ops) > 0 {
		reduce()
	}
	return operands[0]
}

func (c *converter) unary(g *gUnary) Expr {
	x := c.postfix(g.Postfix)
	for i := len(g.Ops) - 1; i >= 0; i-- {
		// -<number literal> is a literal: -9223372036854775808 must fit.
		if lit, ok := x.(*Literal); ok && g.Ops[i] == "-" {
			switch v := lit.Value.(type) {
			case int64:
				x = &Literal{P: pos(g.Pos), Value: -v}
				continue
			case float64:
				x = &Literal{P: pos(g.Pos), Value: -v}
				continue
			case uint64:
				if v == 1<<63 {
					x = &Literal{P: pos(g.Pos), Value: int64(math.MinInt64)}
					continue
				}
			}
		}
		x = &Unary{P: pos(g.Pos), Op: g.Ops[i], X: x}
	}
	if lit, ok := x.(*Literal); ok {
		if _, big := lit.Value.(uint64); big {
			c.fail(g.Pos, "the number %d is too large for an Int (64 bits); write it as a Double (%d.0)", lit.Value, lit.Value)
		}
	}
	return x
}

func (c *converter) postfix(g *gPostfix) Expr {
	x := c.primary(g.Primary)
	for _, s := range g.Suffixes {
		p := pos(s.Pos)
		switch {
		case s.Field != nil:
			x = &Select{P: p, X: x, Name: *s.Field}
		case s.OptField != nil:
			x = &Select{P: p, X: x, Name: *s.OptField, Optional: true}
		case s.OptIndex != nil:
			x = &Index{P: p, X: x, Index: c.expr(s.OptIndex), Optional: true}
		case s.Call != nil:
			call := &Call{P: p, Fn: x}
			for i, a := range s.Call.Args {
				call.Args = append(call.Args, c.expr(a))
				if i < 64 && UsesImplicit(call.Args[i]) {
					call.Implicit |= 1 << i
				}
			}
			x = call
		case s.Index != nil:
			x = &Index{P: p, X: x, Index: c.expr(s.Index)}
		case s.NonNull:
			x = &NonNull{P: p, X: x}
		case s.Projection != nil:
			x = c.projection(x, s.Projection)
		}
	}
	return x
}

func (c *converter) projection(x Expr, g *gProject) *Projection {
	pr := &Projection{P: pos(g.Pos), X: x}
	for _, f := range g.Fields {
		pf := ProjField{P: pos(f.Pos), Key: f.Key}
		switch {
		case f.Value != nil:
			pf.Value = c.expr(f.Value)
		case f.Sub != nil:
			pf.Value = c.projection(&Select{P: pos(f.Pos), Name: f.Key}, f.Sub)
		}
		pr.Fields = append(pr.Fields, pf)
	}
	return pr
}

func (c *converter) primary(g *gPrimary) Expr {
	p := pos(g.Pos)
	switch {
	case g.If != nil:
		n := &If{P: p, Cond: c.expr(g.If.Cond), Then: c.expr(g.If.Then)}
		if g.If.Else != nil {
			n.Else = c.expr(g.If.Else)
		}
		return n
	case g.Number != nil:
		return &Literal{P: p, Value: c.number(g.Pos, *g.Number)}
	case g.DStr != nil:
		return c.dstring(g.DStr)
	case g.Here != nil:
		return c.heredoc(g.Here)
	case g.SStr != nil:
		var b strings.Builder
		for _, part := range g.SStr.Parts {
			b.WriteString(c.unescape(g.SStr.Pos, part))
		}
		return &Literal{P: p, Value: b.String()}
	case g.True:
		return &Literal{P: p, Value: true}
	case g.False:
		return &Literal{P: p, Value: false}
	case g.Null:
		return &Literal{P: p, Value: nil}
	case g.Array != nil:
		a := &ArrayLit{P: p}
		for _, e := range g.Array.Elems {
			a.Elems = append(a.Elems, c.expr(e))
		}
		return a
	case g.Object != nil:
		o := &ObjectLit{P: p}
		seen := map[string]bool{}
		for _, f := range g.Object.Fields {
			if seen[f.Key] {
				c.fail(f.Pos, "the object has the key `%s` twice", f.Key)
			}
			seen[f.Key] = true
			o.Keys = append(o.Keys, f.Key)
			o.Values = append(o.Values, c.expr(f.Value))
		}
		return o
	case g.Block != nil:
		b := &Block{P: p}
		for _, s := range g.Block.Stmts {
			b.Stmts = append(b.Stmts, c.stmt(s))
		}
		if len(b.Stmts) == 0 {
			return &ObjectLit{P: p}
		}
		return b
	case g.Paren != nil:
		if g.Paren.Arrow != nil {
			lam := &Lambda{P: p, Body: c.expr(g.Paren.Arrow)}
			for _, e := range g.Paren.Elems {
				id, ok := paramName(e)
				if !ok {
					c.fail(e.Pos, "a function's parameters must be names")
				}
				lam.Params = append(lam.Params, id)
			}
			return lam
		}
		if len(g.Paren.Elems) != 1 {
			c.fail(g.Paren.Pos, "expected one expression in parentheses, or `=>` after a parameter list")
			return &Literal{P: p}
		}
		return c.expr(g.Paren.Elems[0])
	case g.Dot != nil:
		return &Select{P: p, Name: *g.Dot}
	case g.Ident != nil:
		if misplacedKeywords[g.Ident.Name] {
			c.fail(g.Pos, "unexpected `%s` (expected an expression)", g.Ident.Name)
			return &Literal{P: p}
		}
		if g.Ident.Arrow != nil {
			return &Lambda{P: p, Params: []string{g.Ident.Name}, Body: c.expr(g.Ident.Arrow)}
		}
		return &Ident{P: p, Name: g.Ident.Name}
	}
	c.fail(g.Pos, "expected an expression")
	return &Literal{P: p}
}

// misplacedKeywords are keywords that cannot start an expression: met
// there, they are a syntax error, not an unknown variable.
var misplacedKeywords = map[string]bool{"else": true, "let": true, "isa": true}

// paramName returns the name when e is a bare identifier.
func paramName(e *gExpr) (string, bool) {
	if len(e.Tail) > 0 || len(e.Head.Ops) > 0 || len(e.Head.Postfix.Suffixes) > 0 {
		return "", false
	}
	id := e.Head.Postfix.Primary.Ident
	if id == nil || id.Arrow != nil {
		return "", false
	}
	return id.Name, true
}

func (c *converter) number(p lexer.Position, s string) any {
	clean := strings.ReplaceAll(s, "_", "")
	lower := strings.ToLower(clean)
	if strings.HasPrefix(lower, "0x") || strings.HasPrefix(lower, "0b") || strings.HasPrefix(lower, "0o") {
		base := map[byte]int{'x': 16, 'b': 2, 'o': 8}[lower[1]]
		u, err := strconv.ParseUint(clean[2:], base, 64)
		if err != nil || u > math.MaxInt64 {
			c.fail(p, "the number %s is too large for an Int (64 bits)", s)
			return int64(0)
		}
		return int64(u)
	}
	if strings.ContainsAny(clean, ".eE") {
		f, err := strconv.ParseFloat(clean, 64)
		if err != nil && !errors.Is(err, strconv.ErrRange) {
			c.fail(p, "malformed number %s", s)
		}
		if math.IsInf(f, 0) {
			c.fail(p, "the number %s is too large for a Double", s)
		}
		return f
	}
	u, err := strconv.ParseUint(clean, 10, 64)
	if err != nil || u > 1<<63 {
		c.fail(p, "the number %s is too large for an Int (64 bits); write it as a Double (%s.0)", s, clean)
		return int64(0)
	}
	if u == 1<<63 {
		return u // only valid negated: unary folds it
	}
	return int64(u)
}

func (c *converter) dstring(g *gDString) Expr {
	var parts []Expr
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 || len(parts) == 0 {
			parts = append(parts, &Literal{P: pos(g.Pos), Value: lit.String()})
			lit.Reset()
		}
	}
	for _, part := range g.Parts {
		switch {
		case part.Chars != nil:
			lit.WriteString(*part.Chars)
		case part.Escaped != nil:
			lit.WriteString(c.unescape(g.Pos, *part.Escaped))
		case part.Interp != nil:
			if lit.Len() > 0 {
				flush()
			}
			parts = append(parts, c.expr(part.Interp))
		}
	}
	if lit.Len() > 0 || len(parts) == 0 {
		flush()
	}
	if len(parts) == 1 {
		if l, ok := parts[0].(*Literal); ok {
			return l
		}
	}
	return &Template{P: pos(g.Pos), Parts: parts}
}

func (c *converter) unescape(p lexer.Position, s string) string {
	if !strings.HasPrefix(s, `\`) {
		return s
	}
	switch s[1] {
	case 'n':
		return "\n"
	case 't':
		return "\t"
	case 'r':
		return "\r"
	case 'b':
		return "\b"
	case 'f':
		return "\f"
	case 'v':
		return "\v"
	case '0':
		return "\x00"
	case 'x':
		n, _ := strconv.ParseUint(s[2:], 16, 8)
		return string(rune(n))
	case 'u':
		hex := strings.Trim(s[2:], "{}")
		n, err := strconv.ParseUint(hex, 16, 32)
		if err != nil || n > 0x10FFFF {
			c.fail(p, "invalid escape %s", s)
			return ""
		}
		return string(rune(n))
	}
	return s[1:]
}
