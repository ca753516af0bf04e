package complete

import "strings"

// A tolerant FQL tokenizer for the text before the cursor. The project's
// lexer (engine/fql/syntax) refuses what the user has not finished typing
// (an open string, a lone `#`), and completion must read exactly that, so
// this one never fails: it says where the text stops (in code, a string or
// a comment) and keeps the tokens it read.

type tokKind byte

const (
	tIdent tokKind = iota + 1
	tNumber
	tString
	tOp
	tNL
)

// token is a span of the source: 12 bytes, as a long text has many.
type token struct {
	start, end int32 // byte offsets in the source; equal for the ( a #{ stands for
	kind       tokKind
}

// text is the token's text in src.
func (t token) text(src string) string {
	if t.start == t.end {
		return "(" // the #{ of an interpolation the text ends in
	}
	return src[t.start:t.end]
}

func tok(kind tokKind, start, end int) token { return token{int32(start), int32(end), kind} }

// scanState is where the text ended.
type scanState int

const (
	inCode scanState = iota
	inString
	inComment
)

type scanner struct {
	src  string
	pos  int
	toks []token // the outermost run's, allocated once
}

// scanFQL tokenizes src. When src ends inside a string's #{…}, the tokens
// are those before the string, a `(` standing for the #{, and those of the
// interpolation so far: the cursor is in code there.
func scanFQL(src string) ([]token, scanState) {
	s := &scanner{src: src, toks: make([]token, 0, len(src)/2+8)}
	toks, state, _ := s.run(false)
	return toks, state
}

// run reads tokens until the end, or (inInterp) the `}` closing an
// interpolation; closed says it met that `}`.
func (s *scanner) run(inInterp bool) (toks []token, state scanState, closed bool) {
	if !inInterp {
		toks, s.toks = s.toks, nil
	}
	depth := 0
	for s.pos < len(s.src) {
		c := s.src[s.pos]
		start := s.pos
		switch {
		case c == ' ' || c == '\t' || c == '\r':
			s.pos++
		case c == '\n':
			s.pos++
			toks = append(toks, tok(tNL, start, s.pos))
		case c == '/' && s.peek(1) == '/':
			for s.pos < len(s.src) && s.src[s.pos] != '\n' {
				s.pos++
			}
			if s.pos == len(s.src) {
				return toks, inComment, false
			}
		case c == '/' && s.peek(1) == '*':
			end := indexFrom(s.src, "*/", s.pos+2)
			if end < 0 {
				s.pos = len(s.src)
				return toks, inComment, false
			}
			s.pos = end + 2
		case isIdentStart(c):
			for s.pos < len(s.src) && isIdentPart(s.src[s.pos]) {
				s.pos++
			}
			toks = append(toks, tok(tIdent, start, s.pos))
		case c == '<' && s.peek(1) == '<' && (s.peek(2) == '+' || s.peek(2) == '-') && isIdentStart(s.peek(3)):
			// A heredoc is one string to completion (its #{…} included).
			if !s.heredoc() {
				return toks, inString, false
			}
			toks = append(toks, tok(tString, start, s.pos))
		case c >= '0' && c <= '9':
			s.number()
			toks = append(toks, tok(tNumber, start, s.pos))
		case c == '\'' || c == '"':
			inner, st := s.str(c)
			switch st {
			case inString:
				return toks, inString, false
			case inCode: // ended inside #{…}: the interpolation is the context
				toks = append(toks, tok(tOp, start, start))
				return append(toks, inner...), inCode, false
			case inComment:
				return append(toks, inner...), inComment, false
			}
			toks = append(toks, tok(tString, start, s.pos))
		default:
			n := opLen(s.src[s.pos:])
			s.pos += n
			op := s.src[start:s.pos]
			switch op {
			case "{":
				depth++
			case "}":
				if inInterp && depth == 0 {
					return toks, inCode, true
				}
				depth--
			}
			toks = append(toks, tok(tOp, start, s.pos))
		}
	}
	return toks, inCode, false
}

// closedString is str's state for a string that closed.
const closedString scanState = -1

// str reads a string from its opening quote. It returns closedString when
// the string closed; inString when the text ends in its characters; and,
// when it ends inside an interpolation, that interpolation's tokens with
// the state they ended in.
func (s *scanner) str(q byte) ([]token, scanState) {
	s.pos++
	for s.pos < len(s.src) {
		c := s.src[s.pos]
		switch {
		case c == '\\':
			s.pos += 2
		case c == q:
			s.pos++
			return nil, closedString
		case q == '"' && c == '#' && s.peek(1) == '{':
			s.pos += 2
			inner, st, closed := s.run(true)
			if !closed {
				return inner, st
			}
			s.pos++ // the interpolation's }
		default:
			s.pos++
		}
	}
	s.pos = len(s.src)
	return nil, inString
}

// heredoc reads <<+TOKEN … TOKEN (or <<-): false when the text ends
// before the line that holds only TOKEN.
func (s *scanner) heredoc() bool {
	s.pos += 3
	from := s.pos
	for s.pos < len(s.src) && isIdentPart(s.src[s.pos]) {
		s.pos++
	}
	name := s.src[from:s.pos]
	for s.pos < len(s.src) {
		nl := strings.IndexByte(s.src[s.pos:], '\n')
		if nl < 0 {
			break
		}
		s.pos += nl + 1
		end := strings.IndexByte(s.src[s.pos:], '\n')
		if end < 0 {
			end = len(s.src) - s.pos
		}
		if strings.TrimSpace(s.src[s.pos:s.pos+end]) == name {
			s.pos += strings.Index(s.src[s.pos:], name) + len(name)
			return true
		}
	}
	s.pos = len(s.src)
	return false
}

func (s *scanner) number() {
	for s.pos < len(s.src) && (isIdentPart(s.src[s.pos])) {
		s.pos++
	}
	if s.peek(0) == '.' && isDigit(s.peek(1)) {
		s.pos++
		for s.pos < len(s.src) && isIdentPart(s.src[s.pos]) {
			s.pos++
		}
	}
}

func (s *scanner) peek(n int) byte {
	if s.pos+n < len(s.src) {
		return s.src[s.pos+n]
	}
	return 0
}

// opLen is the length of the operator (or other character) at the start
// of s: two for FQL's two-character operators, else one UTF-8 character.
func opLen(s string) int {
	if len(s) >= 2 {
		switch s[:2] {
		case "=>", "?.", "??", "==", "!=", "<=", ">=", "&&", "||", "**":
			return 2
		}
	}
	if s[0] < 0x80 {
		return 1
	}
	n := 1
	for n < len(s) && s[n]&0xC0 == 0x80 {
		n++
	}
	return n
}

func isIdentStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '$'
}

func isIdentPart(c byte) bool { return isIdentStart(c) || isDigit(c) }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func indexFrom(s, sub string, from int) int {
	if i := strings.Index(s[from:], sub); i >= 0 {
		return from + i
	}
	return -1
}
