// Package format prints FQL from the AST, keeping comments: the playground's
// Format command for the FQL editor.
//
// The layout is canonical: two spaces of indentation, one statement a line,
// operators spaced, strings double-quoted, numbers in decimal. Objects,
// arrays, blocks, projections and argument lists stay on one line when they
// fit in Width columns and hold no comment, and are otherwise broken one
// item a line (a call whose last argument is an object, array, block or a
// function of one keeps the others on the call's line and breaks only that
// one); a block of several statements is always broken, and a chain of
// three method calls or more that does not fit breaks before each call but
// the first. Parentheses are the ones precedence needs, not the ones written:
// `(a * b) + c` prints as `a * b + c`. Blank lines between statements and
// items are kept, one at most.
//
// Every comment is kept. A comment alone on its line stays alone on its
// line before what follows it; a comment after code stays after it on that
// line; a block comment within an expression stays in its place; a line
// comment within an expression moves to the end of its line, since the
// newline it needs could end the statement there.
package format

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/faunaplay/playground/engine/diag"
	"github.com/faunaplay/playground/engine/fql/syntax"
)

// Width is the column past which a construct is broken over lines.
const Width = 80

// Format parses src and prints it again. A text that does not parse is its
// *diag.Error. The result ends without a newline.
func Format(src string) (string, error) {
	prog, err := syntax.ParseFile(src)
	if err != nil {
		return "", err
	}
	return Print(prog), nil
}

// Print prints a program with the comments the parser kept.
func Print(prog *syntax.Program) string {
	p := &printer{prog: prog, lineEmpty: true}
	p.stmts(prog.Stmts, end)
	p.trailingUpTo(end)
	if p.pending(end) {
		if !p.lineEmpty {
			p.newline()
		}
		p.blankBefore(p.lastLine, p.prog.Comments[p.next].P.Line)
		p.comments(end)
	}
	p.newline() // flushes the trailing comments
	return strings.TrimRight(string(p.out), "\n")
}

// end is a position after every other.
var end = diag.Pos{Line: 1 << 30}

func before(a, b diag.Pos) bool {
	return a.Line < b.Line || a.Line == b.Line && a.Column < b.Column
}

type printer struct {
	prog      *syntax.Program
	out       []byte
	col       int  // runes on the current line
	indent    int  // of the lines to come
	lineEmpty bool // nothing written since the last newline (indentation is written lazily)
	last      byte // the last byte written
	next      int  // the first comment not printed yet
	trailing  []string
	lastLine  int // the source line of the last item or statement printed
	reserve   int // columns that what follows on the line needs: the `)` of a call

	flat    bool // one line, no comments; stop once past limit
	anyFlat bool // flat even what is never on one line (in a string's #{…})
	limit   int
	over    bool
}

func (p *printer) write(s string) {
	if s == "" || p.over {
		return
	}
	if p.lineEmpty {
		p.out = append(p.out, strings.Repeat(" ", p.indent)...)
		p.col, p.lineEmpty = p.indent, false
	}
	p.out = append(p.out, s...)
	p.last = s[len(s)-1]
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		p.col = utf8.RuneCountInString(s[i+1:]) // a block comment of several lines
	} else {
		p.col += utf8.RuneCountInString(s)
	}
	if p.flat && p.col > p.limit {
		p.over = true
	}
}

// newline ends the line, after the line comments met on it.
func (p *printer) newline() {
	for i, c := range p.trailing {
		if i == 0 {
			p.write(" " + c)
		} else {
			p.out = append(p.out, '\n')
			p.lineEmpty = true
			p.write(c)
		}
	}
	p.trailing = p.trailing[:0]
	p.out = append(p.out, '\n')
	p.col, p.lineEmpty = 0, true
}

// blankBefore writes an empty line when the source had one between lines
// from and to (exclusive), at a line's start.
func (p *printer) blankBefore(from, to int) {
	i, _ := slices.BinarySearch(p.prog.Blank, from+1)
	if i < len(p.prog.Blank) && p.prog.Blank[i] < to && p.lineEmpty && len(p.out) > 0 {
		p.newline()
	}
}

// pending reports whether a comment not printed yet lies before limit.
func (p *printer) pending(limit diag.Pos) bool {
	return !p.flat && p.next < len(p.prog.Comments) && before(p.prog.Comments[p.next].P, limit)
}

// comments prints the comments before limit: at a line's start each on its
// line (a block comment followed by code on its line stays before it);
// within a line a block comment in place and a line comment at the line's
// end.
func (p *printer) comments(limit diag.Pos) {
	for p.pending(limit) {
		c := p.take()
		text := strings.TrimRight(c.Text, "\r")
		line := strings.HasPrefix(text, "//")
		switch {
		case p.lineEmpty:
			p.write(text)
			if !line && !c.EndsLine {
				p.write(" ")
				continue
			}
			p.newline()
			to := limit.Line
			if p.pending(limit) {
				to = p.prog.Comments[p.next].P.Line
			}
			p.blankBefore(c.P.Line+strings.Count(text, "\n"), to)
		case line:
			p.trailing = append(p.trailing, text)
		default:
			if p.last != ' ' && p.last != '(' && p.last != '[' {
				p.write(" ")
			}
			p.write(text + " ")
		}
	}
}

// take is the next comment, now printed.
func (p *printer) take() syntax.Comment {
	c := p.prog.Comments[p.next]
	p.next++
	p.seen(c.P.Line + strings.Count(c.Text, "\n"))
	return c
}

// seen notes a source line printed.
func (p *printer) seen(line int) { p.lastLine = max(p.lastLine, line) }

// trailingUpTo prints the comments before limit that follow code on their
// line: they stay at the end of the line of what precedes them.
func (p *printer) trailingUpTo(limit diag.Pos) {
	for p.pending(limit) && !p.prog.Comments[p.next].OwnLine {
		c := p.take()
		text := strings.TrimRight(c.Text, "\r")
		if strings.HasPrefix(text, "//") {
			p.trailing = append(p.trailing, text)
		} else {
			p.write(" " + text)
		}
	}
}

// hasComment reports whether a comment lies between from and to.
func (p *printer) hasComment(from, to diag.Pos) bool {
	for _, c := range p.prog.Comments[p.next:] {
		if !before(c.P, to) {
			return false
		}
		if before(from, c.P) {
			return true
		}
	}
	return false
}

// closer is where the bracket opened at open is closed.
func (p *printer) closer(open diag.Pos) diag.Pos {
	if c, ok := p.prog.Closers[open]; ok {
		return c
	}
	return open
}

// flatString prints fn's output on one line, and reports whether it fits
// before Width from the current column.
func (p *printer) flatString(fn func(q *printer)) (string, bool) {
	q := &printer{prog: p.prog, flat: true, col: p.col, limit: Width - p.reserve, anyFlat: p.anyFlat}
	if p.lineEmpty {
		q.col = p.indent
	}
	if p.flat {
		q.limit = p.limit
	}
	fn(q)
	p.lastLine = max(p.lastLine, q.lastLine)
	return string(q.out), !q.over
}

// tryFlat writes the construct between open and close on one line when it
// holds no comment and fits; it reports whether it did.
func (p *printer) tryFlat(open, close diag.Pos, fn func(q *printer)) bool {
	if p.flat {
		fn(p)
		return true
	}
	if p.hasComment(open, close) {
		return false
	}
	s, ok := p.flatString(fn)
	if ok {
		p.write(s)
	}
	return ok
}

// list is a bracketed list of items, printed on one line or one item a
// line.
type list struct {
	open, close string   // "{", "}"
	pad         bool     // a space inside the brackets on one line: { a }
	sep         string   // between items on one line
	brokenSep   string   // after each item but the last, one a line
	at, closeAt diag.Pos // the brackets' places
	n           int
	start       func(i int) diag.Pos
	item        func(p *printer, i int)
	sepAfter    func(i int) string // overrides brokenSep (a block's `;` before `.x`)
}

func (p *printer) list(l list) {
	if l.n == 0 && !p.pending(l.closeAt) {
		p.write(l.open + l.close)
		return
	}
	if p.tryFlat(l.at, l.closeAt, func(q *printer) { q.flatList(l) }) {
		return
	}
	p.brokenList(l)
}

func (p *printer) flatList(l list) {
	p.write(l.open)
	if l.pad {
		p.write(" ")
	}
	for i := range l.n {
		if i > 0 {
			p.write(l.sep)
		}
		l.item(p, i)
	}
	if l.pad {
		p.write(" ")
	}
	p.write(l.close)
}

func (p *printer) brokenList(l list) {
	p.write(l.open)
	p.indent += 2
	next := func(i int) diag.Pos {
		if i < l.n {
			return l.start(i)
		}
		return l.closeAt
	}
	p.trailingUpTo(next(0))
	last := l.at.Line
	reserve := p.reserve
	p.reserve = 1 // the `,` after an item
	defer func() { p.reserve = reserve }()
	for i := range l.n {
		p.newline()
		if i > 0 {
			p.blankBefore(last, p.firstLine(l.start(i)))
		}
		p.comments(l.start(i))
		l.item(p, i)
		if i < l.n-1 {
			sep := l.brokenSep
			if l.sepAfter != nil {
				sep = l.sepAfter(i)
			}
			p.write(sep)
		}
		p.trailingUpTo(next(i + 1))
		last = p.lastLine
	}
	if p.pending(l.closeAt) {
		p.newline()
		p.blankBefore(last, p.firstLine(l.closeAt))
		p.comments(l.closeAt)
	}
	p.indent -= 2
	if !p.lineEmpty {
		p.newline()
	}
	p.write(l.close)
}

// firstLine is the source line where what comes at pos begins, its leading
// comments included.
func (p *printer) firstLine(pos diag.Pos) int {
	if p.pending(pos) {
		return p.prog.Comments[p.next].P.Line
	}
	return pos.Line
}
