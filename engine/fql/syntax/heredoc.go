package syntax

import "strings"

// heredoc folds a heredoc's lines into a string or a template. Fauna's
// literals page: the token alone on a line ends the text; the whitespace
// every line shares is removed, so lines keep their relative indentation;
// <<+ interpolates #{…}, <<- keeps it as text. Each line ends in a newline.
func (c *converter) heredoc(g *gHeredoc) Expr {
	// lines of parts: a string is text, an Expr an interpolation
	var lines [][]any
	var cur []any
	started := false
	for _, part := range g.Parts {
		switch {
		case part.Chars != nil && *part.Chars == "\n":
			if started {
				lines = append(lines, cur)
			}
			started, cur = true, nil
		case !started:
			c.fail(g.Pos, "the text of %s starts on the next line", g.Start)
			return &Literal{P: pos(g.Pos), Value: ""}
		case part.Chars != nil:
			cur = append(cur, strings.TrimSuffix(*part.Chars, "\r"))
		default:
			cur = append(cur, c.expr(part.Interp))
		}
	}
	if started {
		lines = append(lines, cur)
	}
	indent := -1
	for _, l := range lines {
		if n, blank := lineIndent(l); !blank && (indent < 0 || n < indent) {
			indent = n
		}
	}
	var parts []Expr
	var lit strings.Builder
	for _, l := range lines {
		for i, p := range l {
			switch p := p.(type) {
			case string:
				if i == 0 {
					p = p[min(len(p), max(indent, 0)):]
				}
				lit.WriteString(p)
			case Expr:
				if lit.Len() > 0 {
					parts = append(parts, &Literal{P: pos(g.Pos), Value: lit.String()})
					lit.Reset()
				}
				parts = append(parts, p)
			}
		}
		lit.WriteByte('\n')
	}
	if lit.Len() > 0 || len(parts) == 0 {
		parts = append(parts, &Literal{P: pos(g.Pos), Value: lit.String()})
	}
	if len(parts) == 1 {
		if l, ok := parts[0].(*Literal); ok {
			return l
		}
	}
	return &Template{P: pos(g.Pos), Parts: parts}
}

// lineIndent is the number of spaces and tabs a line starts with, and
// whether it holds nothing else.
func lineIndent(line []any) (int, bool) {
	if len(line) == 0 {
		return 0, true
	}
	s, ok := line[0].(string)
	if !ok {
		return 0, false
	}
	n := len(s) - len(strings.TrimLeft(s, " \t"))
	return n, n == len(s) && len(line) == 1
}
