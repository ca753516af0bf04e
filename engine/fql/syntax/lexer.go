package syntax

import (
	"fmt"
	"io"

	"github.com/alecthomas/participle/v2/lexer"
	"github.com/faunaplay/playground/engine/diag"
)

// maxDepth bounds bracket nesting, so deeply nested input is an error
// rather than a stack overflow in the parser or the evaluator.
const maxDepth = 128

// MaxTokens bounds the query's length in tokens: the parser takes about
// 10 µs a token natively (a few times that in the browser), so 50,000
// tokens are parsed in well under a second; more is refused, not parsed.
const MaxTokens = 50_000

// rules are FQL's tokens. Double-quoted strings interpolate #{...}.
var rules = lexer.MustStateful(lexer.Rules{
	// The lexer tries the rules in order and takes the first that matches,
	// so the common tokens come first; only rules that can start with the
	// same character keep their order (Comment and Heredoc before Op's /
	// and <, NL before Whitespace's \r).
	"Root": {
		{Name: "NL", Pattern: `\r?\n`},
		{Name: "Whitespace", Pattern: `[ \t\r]+`},
		{Name: "Ident", Pattern: `[a-zA-Z_$][a-zA-Z0-9_$]*`},
		{Name: "Comment", Pattern: `//[^\n]*|/\*(?s:.)*?\*/`},
		// A heredoc (<<+TOKEN … TOKEN interpolates, <<-TOKEN … TOKEN does
		// not) ends at the first line holding only its token.
		{Name: "HeredocStart", Pattern: `<<\+([A-Za-z_][A-Za-z0-9_]*)`, Action: lexer.Push("Heredoc")},
		{Name: "RawHeredocStart", Pattern: `<<-([A-Za-z_][A-Za-z0-9_]*)`, Action: lexer.Push("RawHeredoc")},
		{Name: "Op", Pattern: `=>|\?\.|\?\?|==|!=|<=|>=|&&|\|\||\*\*|[-+*/%<>!=.,:;()\[\]{}?|&^]`},
		{Name: "DQuote", Pattern: `"`, Action: lexer.Push("DString")},
		{Name: "Number", Pattern: `0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|[0-9][0-9_]*(\.[0-9][0-9_]*)?([eE][+-]?[0-9]+)?`},
		{Name: "SQuote", Pattern: `'`, Action: lexer.Push("SString")},
	},
	"DString": {
		{Name: "Escaped", Pattern: `\\(?:u\{[0-9a-fA-F]{1,6}\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[^ux])`},
		{Name: "DQuoteEnd", Pattern: `"`, Action: lexer.Pop()},
		{Name: "InterpStart", Pattern: `#\{`, Action: lexer.Push("Interp")},
		{Name: "Chars", Pattern: `[^"\\#]+|#`},
	},
	"Interp": {
		{Name: "InterpEnd", Pattern: `\}`, Action: lexer.Pop()},
		{Name: "BraceOpen", Pattern: `\{`, Action: lexer.Push("Braced")},
		lexer.Include("Root"),
	},
	// Braced is a { … } inside #{ … }: its } closes it, not the
	// interpolation.
	"Braced": {
		{Name: "BraceClose", Pattern: `\}`, Action: lexer.Pop()},
		{Name: "BraceOpen", Pattern: `\{`, Action: lexer.Push("Braced")},
		lexer.Include("Root"),
	},
	"Heredoc": {
		{Name: "HeredocEnd", Pattern: heredocEnd, Action: lexer.Pop()},
		{Name: "InterpStart", Pattern: `#\{`, Action: lexer.Push("Interp")},
		{Name: "HeredocChars", Pattern: `[^#\n]+|#|\n`},
	},
	"RawHeredoc": {
		{Name: "HeredocEnd", Pattern: heredocEnd, Action: lexer.Pop()},
		{Name: "HeredocText", Pattern: `[^\n]+|\n`},
	},
	"SString": {
		{Name: "SEscaped", Pattern: `\\(?:u\{[0-9a-fA-F]{1,6}\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[^ux])`},
		{Name: "SQuoteEnd", Pattern: `'`, Action: lexer.Pop()},
		{Name: "SChars", Pattern: `[^'\\]+`},
	},
})

// heredocEnd is the newline before a line holding only the heredoc's
// token (\1 is the token captured by the start rule), so the token is
// only looked for at the start of a line.
const heredocEnd = `(?m:\r?\n[ \t]*\1[ \t]*$)`

// fqlLexer wraps the stateful lexer: it drops comments and the newlines
// that cannot end a statement, so the grammar only sees the newlines that
// separate statements (and projection fields). A newline ends a statement
// unless the next token continues it (`.`, `?.`, a binary operator, `else`,
// a closing bracket) or the previous token cannot end one (an operator, an
// opening bracket, `,`), or it sits inside (...) or [...].
type fqlLexer struct{ syms map[string]lexer.TokenType }

var fql = &fqlLexer{syms: rules.Symbols()}

func (l *fqlLexer) Symbols() map[string]lexer.TokenType { return l.syms }

func (l *fqlLexer) Lex(filename string, r io.Reader) (lexer.Lexer, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return l.LexString(filename, string(b))
}

var (
	continuesNext = map[string]bool{
		".": true, "?.": true, "??": true, "&&": true, "||": true, "==": true, "!=": true,
		"<": true, "<=": true, ">": true, ">=": true, "+": true, "*": true, "/": true, "%": true,
		"**": true, "&": true, "|": true, "^": true, "isa": true,
		"=>": true, ")": true, "]": true, "}": true, ",": true, "else": true, ":": true, "=": true,
	}
	cannotEnd = map[string]bool{
		".": true, "?.": true, "??": true, "&&": true, "||": true, "==": true, "!=": true,
		"<": true, "<=": true, ">": true, ">=": true, "+": true, "-": true, "*": true, "/": true, "%": true,
		"**": true, "&": true, "|": true, "^": true,
		"=>": true, "(": true, "[": true, "{": true, ",": true, ":": true, "=": true, "!": true, ";": true,
	}
)

func (l *fqlLexer) LexString(filename, src string) (lexer.Lexer, error) {
	return l.lex(filename, src)
}

// lex is LexString, with the comments, bracket pairs and blank lines that
// the grammar never sees kept on the side for the formatter.
func (l *fqlLexer) lex(filename, src string) (*sliceLexer, error) {
	inner, err := rules.LexString(filename, src)
	if err != nil {
		return nil, err
	}
	// Read the raw tokens (spaces and comments included) up to a bound, so
	// a megabyte of `1+1+…` is refused before it is all lexed.
	comment, nl, ws := l.syms["Comment"], l.syms["NL"], l.syms["Whitespace"]
	// about one token (spaces included) for every two bytes of a query
	raw := make([]lexer.Token, 0, min(len(src)/2, MaxTokens)+2)
	significant := 0
	for {
		t, err := inner.Next()
		if err != nil {
			return nil, err
		}
		raw = append(raw, t)
		if t.EOF() {
			break
		}
		if t.Type != comment && t.Type != nl && t.Type != ws {
			if significant++; significant > MaxTokens {
				return nil, tooManyTokens(t.Pos)
			}
		}
	}
	op, dq, dqEnd, sq, sqEnd := l.syms["Op"], l.syms["DQuote"], l.syms["DQuoteEnd"], l.syms["SQuote"], l.syms["SQuoteEnd"]
	interp, interpEnd := l.syms["InterpStart"], l.syms["InterpEnd"]
	out := make([]lexer.Token, 0, len(raw))
	side := &sliceLexer{closers: map[diag.Pos]diag.Pos{}}
	// stack of open brackets: '(' '[' '{' or '#' for #{, and where each is
	var stack []byte
	var opened []diag.Pos
	prevSignificant := func() (lexer.Token, bool) {
		for i := len(out) - 1; i >= 0; i-- {
			if out[i].Type != nl {
				return out[i], true
			}
		}
		return lexer.Token{}, false
	}
	braceOpen, braceClose := l.syms["BraceOpen"], l.syms["BraceClose"]
	for i := 0; i < len(raw); i++ {
		t := raw[i]
		if t.Type == braceOpen || t.Type == braceClose {
			t.Type = op // a brace inside #{ … } is an ordinary one
		}
		switch t.Type {
		case comment:
			side.comments = append(side.comments, newComment(raw, i, nl, ws))
			continue
		case ws:
			continue
		case nl:
			if i > 0 && (raw[i-1].Type == nl || raw[i-1].Type == ws && i > 1 && raw[i-2].Type == nl) {
				side.blank = append(side.blank, t.Pos.Line)
			}
			if len(stack) > 0 && (stack[len(stack)-1] == '(' || stack[len(stack)-1] == '[') {
				continue
			}
			prev, ok := prevSignificant()
			if !ok || (prev.Type == op && cannotEnd[prev.Value]) || len(out) > 0 && out[len(out)-1].Type == nl {
				continue
			}
			next := nextSignificant(raw, i+1, comment, nl, ws)
			if next == nil || next.EOF() || continuesNext[next.Value] && (next.Type == op || next.Value == "else" || next.Value == "isa") {
				continue
			}
			out = append(out, t)
			continue
		case dq, sq, interp:
			if t.Type == interp {
				stack = append(stack, '#')
				opened = append(opened, pos(t.Pos))
				if len(stack) > maxDepth {
					return nil, &diag.Error{Code: diag.InvalidQuery, Message: fmt.Sprintf("the query nests deeper than %d brackets", maxDepth),
						Pos: diag.Pos{Line: t.Pos.Line, Column: t.Pos.Column}}
				}
			}
		case dqEnd, sqEnd:
		case interpEnd:
			if len(stack) > 0 {
				side.closers[opened[len(opened)-1]] = pos(t.Pos)
				stack, opened = stack[:len(stack)-1], opened[:len(opened)-1]
			}
		case op:
			switch t.Value {
			case "(", "[", "{":
				stack = append(stack, t.Value[0])
				opened = append(opened, pos(t.Pos))
				if len(stack) > maxDepth {
					return nil, &diag.Error{Code: diag.InvalidQuery, Message: fmt.Sprintf("the query nests deeper than %d brackets", maxDepth),
						Pos: diag.Pos{Line: t.Pos.Line, Column: t.Pos.Column}}
				}
			case ")", "]", "}":
				if len(stack) > 0 {
					side.closers[opened[len(opened)-1]] = pos(t.Pos)
					stack, opened = stack[:len(stack)-1], opened[:len(opened)-1]
				}
			}
		}
		if len(out) == MaxTokens {
			return nil, tooManyTokens(t.Pos)
		}
		out = append(out, t)
	}
	side.tokens = out
	return side, nil
}

// newComment is the comment raw[i], with whether it starts and ends its line.
func newComment(raw []lexer.Token, i int, nl, ws lexer.TokenType) Comment {
	c := Comment{P: pos(raw[i].Pos), Text: raw[i].Value, OwnLine: true, EndsLine: true}
	for j := i - 1; j >= 0 && raw[j].Type != nl; j-- {
		if raw[j].Type != ws {
			c.OwnLine = false
			break
		}
	}
	for j := i + 1; j < len(raw) && raw[j].Type != nl && !raw[j].EOF(); j++ {
		if raw[j].Type != ws {
			c.EndsLine = false
			break
		}
	}
	return c
}

func nextSignificant(raw []lexer.Token, from int, skip ...lexer.TokenType) *lexer.Token {
outer:
	for i := from; i < len(raw); i++ {
		for _, s := range skip {
			if raw[i].Type == s {
				continue outer
			}
		}
		return &raw[i]
	}
	return nil
}

type sliceLexer struct {
	tokens []lexer.Token
	i      int

	comments []Comment
	closers  map[diag.Pos]diag.Pos
	blank    []int
}

func (s *sliceLexer) Next() (lexer.Token, error) {
	if s.i >= len(s.tokens) {
		var pos lexer.Position
		if n := len(s.tokens); n > 0 {
			pos = s.tokens[n-1].Pos
			pos.Column += len(s.tokens[n-1].Value)
			pos.Offset += len(s.tokens[n-1].Value)
		}
		return lexer.EOFToken(pos), nil
	}
	t := s.tokens[s.i]
	s.i++
	return t, nil
}

func tooManyTokens(p lexer.Position) *diag.Error {
	return &diag.Error{Code: diag.LimitExceeded, Message: fmt.Sprintf("the query has more than %d tokens (words, numbers, operators); split it into several queries", MaxTokens),
		Pos: diag.Pos{Line: p.Line, Column: p.Column}}
}
