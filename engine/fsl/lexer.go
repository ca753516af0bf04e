package fsl

import (
	"fmt"
	"io"
	"strings"

	"github.com/alecthomas/participle/v2/lexer"
	"github.com/faunaplay/playground/engine/diag"
)

// rules are FSL's tokens. FQL inside FSL is lexed with them too, only to
// find where it ends (its brackets); its text is then parsed by the FQL
// grammar. A string is one token: its interpolations #{...} may hold
// quotes but no `}`.
var rules = lexer.MustSimple([]lexer.SimpleRule{
	{Name: "Comment", Pattern: `//[^\n]*|/\*(?s:.)*?\*/`},
	{Name: "NL", Pattern: `\r?\n`},
	{Name: "Whitespace", Pattern: `[ \t\r]+`},
	{Name: "String", Pattern: `"(?:\\.|#\{[^}\n]*\}|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'`},
	{Name: "Number", Pattern: `0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|[0-9][0-9_]*(\.[0-9][0-9_]*)?([eE][+-]?[0-9]+)?`},
	{Name: "Ident", Pattern: `[a-zA-Z_$][a-zA-Z0-9_$]*`},
	{Name: "Punct", Pattern: `=>|->|\.\.\.|\?\.|\?\?|==|!=|<=|>=|&&|\|\||\*\*|[-+*/%<>!=.,:;()\[\]{}?|&^@]`},
	// Anything else (an unterminated string, a stray character) is an
	// error the lexer words itself.
	{Name: "Bad", Pattern: `["'][^\n]*|.`},
})

// maxDepth bounds bracket nesting (the grammar recurses on it), as the
// FQL grammar does.
const maxDepth = 128

// maxTokens bounds the schema's length in tokens; MaxSchemaBytes bounds
// its bytes already, this keeps a megabyte of `[[[[` or `a:b` cheap.
const maxTokens = 200_000

// A newline ends a field's default (and separates members); it is dropped
// inside (...) and [...], after a token that cannot end a line, and before
// one that continues it, so FSL and FQL split over lines read as one.
var (
	cannotEnd = set(",", "(", "[", "{", "=", ":", "|", "=>", ".", "?.", "&&", "||", "??",
		"==", "!=", "<=", ">=", "+", "-", "*", "/", "%", "**", "&", "^", ";", "@", "->", "<", "...")
	continues = set(".", "?.", "|", "=>", "{", "(", "[", ")", "]", "}", "&&", "||", "??",
		"==", "!=", "<=", ">=", "+", "/", "%", "**", "&", "^", ":", "=", ",", "->", "else")
)

func set(words ...string) map[string]bool {
	m := map[string]bool{}
	for _, w := range words {
		m[w] = true
	}
	return m
}

// fslLexer drops spaces and comments and the newlines that do not end
// anything, and bounds depth and length.
type fslLexer struct{ syms map[string]lexer.TokenType }

var fslLex = &fslLexer{syms: rules.Symbols()}

func (l *fslLexer) Symbols() map[string]lexer.TokenType { return l.syms }

func (l *fslLexer) Lex(filename string, r io.Reader) (lexer.Lexer, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	toks, err := l.tokens(string(b))
	if err != nil {
		return nil, err
	}
	return &sliceLexer{tokens: toks}, nil
}

// tokens lexes src into the tokens the grammar sees.
func (l *fslLexer) tokens(src string) ([]lexer.Token, error) {
	inner, err := rules.LexString("schema.fsl", src)
	if err != nil {
		return nil, err
	}
	comment, nl, ws, punct := l.syms["Comment"], l.syms["NL"], l.syms["Whitespace"], l.syms["Punct"]
	var raw []lexer.Token
	for {
		t, err := inner.Next()
		if err != nil {
			return nil, err
		}
		if t.Type == comment || t.Type == ws {
			continue
		}
		if t.Type == l.syms["Bad"] {
			return nil, diag.Errorf(diag.InvalidSchema, posOf(t.Pos), "%s", badToken(t.Value))
		}
		raw = append(raw, t)
		if t.EOF() {
			break
		}
		if len(raw) > maxTokens {
			return nil, diag.Errorf(diag.LimitExceeded, posOf(t.Pos), "the schema has more than %d tokens (names, numbers, brackets)", maxTokens)
		}
	}
	var out []lexer.Token
	var stack []string
	for i, t := range raw {
		switch {
		case t.Type == nl:
			if len(stack) > 0 && stack[len(stack)-1] != "{" {
				continue
			}
			if len(out) == 0 || out[len(out)-1].Type == nl ||
				out[len(out)-1].Type == punct && cannotEnd[out[len(out)-1].Value] {
				continue
			}
			next := raw[i+1] // raw ends with EOF, never with a newline
			if next.EOF() || next.Type != nl && continues[next.Value] && (next.Type == punct || next.Value == "else") {
				continue
			}
		case t.Type == punct:
			switch t.Value {
			case "(", "[", "{":
				stack = append(stack, t.Value)
				if len(stack) > maxDepth {
					return nil, diag.Errorf(diag.InvalidSchema, posOf(t.Pos), "the schema nests deeper than %d brackets", maxDepth)
				}
			case ")", "]", "}":
				if len(stack) > 0 {
					stack = stack[:len(stack)-1]
				}
			}
		}
		out = append(out, t)
	}
	return out, nil
}

type sliceLexer struct {
	tokens []lexer.Token
	i      int
}

func (s *sliceLexer) Next() (lexer.Token, error) {
	if s.i >= len(s.tokens) {
		return s.tokens[len(s.tokens)-1], nil // EOF
	}
	t := s.tokens[s.i]
	s.i++
	return t, nil
}

func posOf(p lexer.Position) diag.Pos { return diag.Pos{Line: p.Line, Column: p.Column} }

// openAtEnd names the innermost bracket left open in src, or "".
func openAtEnd(src string) string {
	inner, err := rules.LexString("", src)
	if err != nil {
		return ""
	}
	var open []lexer.Token
	for {
		t, err := inner.Next()
		if err != nil || t.EOF() {
			break
		}
		switch t.Value {
		case "(", "[", "{":
			if t.Type == fslLex.syms["Punct"] {
				open = append(open, t)
			}
		case ")", "]", "}":
			if t.Type == fslLex.syms["Punct"] && len(open) > 0 {
				open = open[:len(open)-1]
			}
		}
	}
	if len(open) == 0 {
		return ""
	}
	o := open[len(open)-1]
	return fmt.Sprintf(": the %q at %d:%d is not closed", o.Value, o.Pos.Line, o.Pos.Column)
}

// badToken explains a token the lexer could not read otherwise.
func badToken(v string) string {
	if strings.HasPrefix(v, `"`) || strings.HasPrefix(v, `'`) {
		return "unterminated string"
	}
	return fmt.Sprintf("unexpected character %q", v)
}
