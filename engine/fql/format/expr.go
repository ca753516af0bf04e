package format

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/faunaplay/playground/engine/diag"
	"github.com/faunaplay/playground/engine/fql/syntax"
)

// stmts prints statements one a line (the program's, or a broken block's).
func (p *printer) stmts(list []syntax.Stmt, closeAt diag.Pos) {
	end, bang := -1, false // where the statement before ends, and whether in x!
	for i, s := range list {
		if i > 0 {
			p.newline()
			p.blankBefore(p.lastLine, p.firstLine(stmtStart(s)))
		}
		p.comments(stmtStart(s))
		start := len(p.out)
		p.stmt(s)
		if end >= 0 && joins(bang, firstByte(p.out[start:])) {
			p.out = slices.Insert(p.out, end, ';')
		}
		end = len(p.out)
		bang = p.out[end-1] == '!'
		limit := closeAt
		if i+1 < len(list) {
			limit = stmtStart(list[i+1])
		}
		p.trailingUpTo(limit)
	}
}

// joins reports whether a statement starting with first would continue the
// one before across the newline between them, which then needs a `;`: the
// lexer reads on after a line that ends in the `!` of x!, and before a line
// that starts with `.`.
func joins(bang bool, first byte) bool {
	return first == '.' || bang && strings.IndexByte("[({.!-", first) >= 0
}

func firstByte(b []byte) byte {
	for _, c := range b {
		if c != ' ' {
			return c
		}
	}
	return 0
}

// receiverOf is the operand of a postfix: x of x.f, x[i], x(args), x!,
// x { fields }.
func receiverOf(e syntax.Expr) (syntax.Expr, bool) {
	switch n := e.(type) {
	case *syntax.Select:
		return n.X, n.X != nil
	case *syntax.Index:
		return n.X, true
	case *syntax.Call:
		return n.Fn, true
	case *syntax.NonNull:
		return n.X, true
	case *syntax.Projection:
		return n.X, true
	}
	return nil, false
}

func stmtStart(s syntax.Stmt) diag.Pos {
	if e, ok := s.(syntax.Expr); ok {
		return syntax.Start(e)
	}
	return s.Position()
}

func (p *printer) stmt(s syntax.Stmt) {
	switch n := s.(type) {
	case *syntax.Let:
		p.seen(n.P.Line)
		p.write("let " + n.Name)
		if n.Type != "" {
			p.write(": " + n.Type)
		}
		p.write(" = ")
		p.expr(n.Value)
	case syntax.Expr:
		p.expr(n)
	}
}

func (p *printer) expr(e syntax.Expr) {
	if p.over {
		return
	}
	p.comments(syntax.Start(e))
	p.seen(e.Position().Line)
	switch n := e.(type) {
	case *syntax.Literal:
		p.write(literal(n.Value))
	case *syntax.Template:
		p.template(n)
	case *syntax.Ident:
		p.write(n.Name)
	case *syntax.ArrayLit:
		p.list(list{open: "[", close: "]", sep: ", ", brokenSep: ",", at: n.P, closeAt: p.closer(n.P), n: len(n.Elems),
			start: func(i int) diag.Pos { return syntax.Start(n.Elems[i]) },
			item:  func(p *printer, i int) { p.expr(n.Elems[i]) }})
	case *syntax.ObjectLit:
		p.list(list{open: "{", close: "}", pad: true, sep: ", ", brokenSep: ",", at: n.P, closeAt: p.closer(n.P), n: len(n.Keys),
			start: func(i int) diag.Pos { return syntax.Start(n.Values[i]) },
			item: func(p *printer, i int) {
				p.write(key(n.Keys[i]) + ": ")
				p.expr(n.Values[i])
			}})
	case *syntax.Block:
		p.block(n)
	case *syntax.Unary:
		p.write(n.Op)
		p.operand(n.X, isBinary(n.X) || loose(n.X))
	case *syntax.Binary:
		prec := syntax.Precedence(n.Op)
		right := syntax.RightAssoc(n.Op)
		p.operand(n.X, loose(n.X) || precOf(n.X) < prec || precOf(n.X) == prec && right)
		p.write(" " + n.Op + " ")
		p.operand(n.Y, loose(n.Y) || precOf(n.Y) < prec || precOf(n.Y) == prec && !right)
	case *syntax.Select:
		if n.X != nil {
			p.chain(n)
			return
		}
		p.write("." + n.Name)
	case *syntax.Index, *syntax.Call, *syntax.NonNull, *syntax.Projection:
		p.chain(n)
	case *syntax.If:
		p.write("if (")
		p.expr(n.Cond)
		p.write(") ")
		p.operand(n.Then, n.Else != nil && dangling(n.Then))
		if n.Else != nil {
			// A comment before the else ends the line before it.
			at := syntax.Start(n.Else)
			p.trailingUpTo(at)
			if len(p.trailing) > 0 || p.pending(at) {
				p.newline()
				p.comments(at)
				p.write("else ")
			} else {
				p.write(" else ")
			}
			p.expr(n.Else)
		}
	case *syntax.Lambda:
		if len(n.Params) == 1 {
			p.write(n.Params[0])
		} else {
			p.write("(" + strings.Join(n.Params, ", ") + ")")
		}
		p.write(" => ")
		p.expr(n.Body)
	}
}

// chain prints a receiver and its postfixes: x.a(b)[c]!.d { e }. A line
// comment between two of them breaks the chain there, before the `.`; a
// chain of three method calls or more that does not fit on its line is
// broken before each call but the first. The lines after a break are
// indented once.
func (p *printer) chain(e syntax.Expr) {
	var links []syntax.Expr // innermost last
	base := e
	for {
		x, ok := receiverOf(base)
		if !ok {
			break
		}
		links = append(links, base)
		base = x
	}
	calls := make([]bool, len(links)) // links[i] is the .name of a method call
	methods := 0
	for i := 1; i < len(links); i++ {
		if c, ok := links[i-1].(*syntax.Call); ok && c.Fn == links[i] {
			if _, sel := links[i].(*syntax.Select); sel {
				calls[i] = true
				methods++
			}
		}
	}
	breakCalls := false
	if methods >= 3 && !p.flat {
		_, fits := p.flatString(func(q *printer) { q.chain(e) })
		breakCalls = !fits
	}
	firstCall := true
	p.receiver(base)
	indent, broken := p.indent, false
	for i := len(links) - 1; i >= 0; i-- {
		switch n := links[i].(type) {
		case *syntax.Select:
			deferred := len(p.trailing)
			p.comments(n.P)
			split := breakCalls && calls[i] && !firstCall
			firstCall = firstCall && !calls[i]
			if len(p.trailing) > deferred || split {
				if !broken {
					p.indent, broken = p.indent+2, true
				}
				p.newline()
			}
			if n.Optional {
				p.write("?." + n.Name)
			} else {
				p.write("." + n.Name)
			}
		case *syntax.Index:
			p.comments(n.P)
			if n.Optional {
				p.write("?.")
			}
			p.write("[")
			p.expr(n.Index)
			p.write("]")
		case *syntax.Call:
			p.comments(n.P)
			p.call(n)
		case *syntax.NonNull:
			p.write("!")
		case *syntax.Projection:
			p.write(" ")
			p.comments(n.P)
			p.projection(n)
		}
	}
	p.indent = indent
}

// operand prints x, in parentheses when paren.
func (p *printer) operand(x syntax.Expr, paren bool) {
	if paren {
		p.write("(")
		p.expr(x)
		p.write(")")
		return
	}
	p.expr(x)
}

// receiver prints the operand of a postfix (.x, [i], (args), !, {fields}):
// an operator, a function or an if needs parentheses there, and so does a
// negative number (-5.abs() is -(5.abs())).
func (p *printer) receiver(x syntax.Expr) {
	paren := isBinary(x) || loose(x)
	switch n := x.(type) {
	case *syntax.Unary:
		paren = true
	case *syntax.Literal:
		switch v := n.Value.(type) {
		case int64:
			paren = v < 0
		case float64:
			paren = math.Signbit(v)
		}
	}
	p.operand(x, paren)
}

func isBinary(x syntax.Expr) bool {
	_, ok := x.(*syntax.Binary)
	return ok
}

// loose are the expressions that reach as far right as they can: a
// function's body and an if's else take in any operator after them.
func loose(x syntax.Expr) bool {
	switch x.(type) {
	case *syntax.Lambda, *syntax.If:
		return true
	}
	return false
}

// precOf is the precedence of x as an operand: above every operator unless
// x is a binary expression.
func precOf(x syntax.Expr) int {
	if b, ok := x.(*syntax.Binary); ok {
		return syntax.Precedence(b.Op)
	}
	return math.MaxInt
}

// dangling reports whether x ends in an if without else, which would take
// the else of an enclosing if.
func dangling(x syntax.Expr) bool {
	for {
		switch n := x.(type) {
		case *syntax.If:
			if n.Else == nil {
				return true
			}
			x = n.Else
		case *syntax.Lambda:
			x = n.Body
		default:
			return false
		}
	}
}

func (p *printer) block(n *syntax.Block) {
	closeAt := p.closer(n.P)
	if len(n.Stmts) > 1 && p.flat && !p.anyFlat {
		p.over = true // one statement a line: a block of several never fits on one
		return
	}
	if (len(n.Stmts) == 1 || p.flat) && p.tryFlat(n.P, closeAt, func(q *printer) {
		q.write("{ ")
		for i, s := range n.Stmts {
			if i > 0 {
				q.write("; ")
			}
			q.stmt(s)
		}
		q.write(" }")
	}) {
		return
	}
	p.write("{")
	p.indent += 2
	p.trailingUpTo(stmtStart(n.Stmts[0]))
	p.newline()
	reserve := p.reserve
	p.reserve = 0
	p.stmts(n.Stmts, closeAt)
	p.reserve = reserve
	if p.pending(closeAt) {
		p.newline()
		p.blankBefore(p.lastLine, p.firstLine(closeAt))
		p.comments(closeAt)
	}
	p.indent -= 2
	if !p.lineEmpty {
		p.newline()
	}
	p.write("}")
}

func (p *printer) call(n *syntax.Call) {
	closeAt := p.closer(n.P)
	l := list{open: "(", close: ")", sep: ", ", brokenSep: ",", at: n.P, closeAt: closeAt, n: len(n.Args),
		start: func(i int) diag.Pos { return syntax.Start(n.Args[i]) },
		item:  func(p *printer, i int) { p.expr(n.Args[i]) }}
	if l.n == 0 && !p.pending(closeAt) {
		p.write("()")
		return
	}
	if p.tryFlat(n.P, closeAt, func(q *printer) { q.flatList(l) }) {
		return
	}
	if l.n == 0 {
		p.brokenList(l) // f( /* a comment */ )
		return
	}
	// f(a, { … }): the last argument breaks, the others stay on this line.
	last := n.Args[len(n.Args)-1]
	if _, ok := hugs(last); !ok && len(n.Args) == 1 && !p.hasComment(n.P, closeAt) {
		// One argument that cannot break alone stays on the line: a
		// call broken around one long condition reads worse.
		p.write("(")
		p.reserve++
		p.expr(last)
		p.reserve--
		p.write(")")
		return
	}
	if lastAt, ok := hugs(last); ok && !p.hasComment(n.P, lastAt) && !p.hasComment(p.closer(lastAt), closeAt) {
		head, fits := p.flatString(func(q *printer) {
			q.write("(")
			for _, a := range n.Args[:len(n.Args)-1] {
				q.expr(a)
				q.write(", ")
			}
		})
		if fits {
			p.write(head)
			p.reserve++ // the `)` after it
			p.expr(last)
			p.reserve--
			p.write(")")
			return
		}
	}
	p.brokenList(l)
}

// hugs reports whether x may be a call's last argument broken on its own
// (an object, array or block, or a function or call ending in one), and
// where that bracket opens.
func hugs(x syntax.Expr) (diag.Pos, bool) {
	for {
		switch n := x.(type) {
		case *syntax.ObjectLit, *syntax.ArrayLit, *syntax.Block:
			return n.Position(), true
		case *syntax.Lambda:
			x = n.Body
		case *syntax.Call:
			if len(n.Args) == 0 {
				return diag.Pos{}, false
			}
			x = n.Args[len(n.Args)-1]
		default:
			return diag.Pos{}, false
		}
	}
}

func (p *printer) projection(n *syntax.Projection) {
	p.list(list{open: "{", close: "}", pad: true, sep: ", ", brokenSep: ",", at: n.P, closeAt: p.closer(n.P), n: len(n.Fields),
		start: func(i int) diag.Pos { return n.Fields[i].P },
		item: func(p *printer, i int) {
			f := n.Fields[i]
			p.seen(f.P.Line)
			p.write(f.Key)
			switch v := f.Value.(type) {
			case nil:
			case *syntax.Projection:
				if s, ok := v.X.(*syntax.Select); ok && s.X == nil && s.Name == f.Key && !s.Optional {
					p.write(" ") // key { … }: a projection of .key
					p.projection(v)
					return
				}
				p.write(": ")
				p.expr(v)
			default:
				p.write(": ")
				p.expr(v)
			}
		}})
}

func (p *printer) template(n *syntax.Template) {
	// Interpolations are printed on one line: a newline inside one could
	// end it.
	s, _ := p.flatString(func(q *printer) {
		q.limit, q.anyFlat = math.MaxInt, true
		q.write(`"`)
		for _, part := range n.Parts {
			// The text between interpolations is a string literal at the
			// template's own place; #{"x"} is one further in.
			if lit, ok := part.(*syntax.Literal); ok && lit.P == n.P {
				if s, ok := lit.Value.(string); ok {
					q.write(quoted(s))
					continue
				}
			}
			inner, _ := q.flatString(func(r *printer) { r.expr(part) })
			if strings.HasPrefix(inner, "{") {
				inner = " " + inner + " " // #{ { a: 1 } }, not #{{
			}
			q.write("#{" + inner + "}")
		}
		q.write(`"`)
	})
	p.write(s)
}

// literal is a number, string, boolean or null as FQL writes it.
func literal(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case bool:
		return strconv.FormatBool(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		s := strconv.FormatFloat(v, 'g', -1, 64)
		if !strings.ContainsAny(s, ".eE") {
			s += ".0" // still a Double when read again
		}
		return s
	case string:
		return `"` + quoted(v) + `"`
	}
	return fmt.Sprint(v)
}

// quoted is s escaped for a double-quoted string: quotes, backslashes,
// control characters and the `#{` that would start an interpolation.
func quoted(s string) string {
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"):
			b.WriteByte(s[i]) // a byte that is no UTF-8, kept as it came
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '#' && i+1 < len(s) && s[i+1] == '{':
			b.WriteString(`\#`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u{%x}`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

var (
	identKey  = regexp.MustCompile(`^[a-zA-Z_$][a-zA-Z0-9_$]*$`)
	numberKey = regexp.MustCompile(`^(0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|[0-9][0-9_]*(\.[0-9][0-9_]*)?([eE][+-]?[0-9]+)?)$`)
)

// key is an object key as the grammar reads it back: a name or number as
// is, else quoted (an object key takes no escapes, so a key with `#` is
// single-quoted).
func key(k string) string {
	switch {
	case identKey.MatchString(k) || numberKey.MatchString(k):
		return k
	case !strings.ContainsAny(k, `"\#`):
		return `"` + k + `"`
	}
	return "'" + k + "'"
}
