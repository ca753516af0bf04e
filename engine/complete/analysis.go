package complete

import (
	"math"
	"slices"

	"github.com/faunaplay/playground/engine/fql/value"
	"github.com/faunaplay/playground/engine/schema"
)

// analysis is the FQL text before the cursor, read once: its tokens, its
// brackets, and the names it binds (let, lambda parameters) with where
// each is visible. It infers the types of expressions from the end of a
// postfix chain backwards, so text that does not parse yet still answers.
type analysis struct {
	m      *schema.Model
	src    string // the text the tokens are of
	toks   []token
	match  []int // a bracket's partner, or -1
	stack  []int // the brackets open at the end
	binds  []binding
	byName map[string][]int // binding indices by name, in order
	depth  int              // inference recursion, bounded
}

type binding struct {
	name     string
	decl     int // the token of its name where it is bound
	from, to int // visible to tokens [from, to)
	depth    int // the brackets open where it was bound
	let      bool
	value    [2]int // let: its value's tokens
	stack    []int  // parameter: the brackets open at its arrow
	lambda   int    // parameter: the lambda's first token
	index    int    // parameter: its place among the lambda's parameters
	memo     *typ
}

// maxInferDepth bounds how far inference follows one expression back.
const maxInferDepth = 200

// maxNesting is the bracket nesting FQL parses (engine/fql/syntax).
const maxNesting = 128

func analyze(m *schema.Model, src string, toks []token) *analysis {
	a := &analysis{m: m, src: src, toks: toks, match: make([]int, len(toks))}
	for i := range a.match {
		a.match[i] = -1
	}
	var pending []int // lets whose value has not ended
	var open []int    // bindings still in scope, innermost last
	finish := func(i, depth int) {
		for len(pending) > 0 && a.binds[pending[len(pending)-1]].depth >= depth {
			b := &a.binds[pending[len(pending)-1]]
			b.value[1], b.from = i, i
			pending = pending[:len(pending)-1]
		}
	}
	for i, t := range toks {
		tx := t.text(src)
		switch {
		case t.kind == tOp && (tx == "(" || tx == "[" || tx == "{"):
			a.stack = append(a.stack, i)
		case t.kind == tOp && (tx == ")" || tx == "]" || tx == "}"):
			finish(i, len(a.stack))
			if n := len(a.stack); n > 0 {
				o := a.stack[n-1]
				a.match[i], a.match[o] = o, i
				a.stack = a.stack[:n-1]
			}
			for len(open) > 0 && a.binds[open[len(open)-1]].depth > len(a.stack) {
				a.binds[open[len(open)-1]].to = i
				open = open[:len(open)-1]
			}
		case t.kind == tNL && a.separates(i), t.kind == tOp && tx == ";":
			finish(i, len(a.stack))
		case t.kind == tIdent && tx == "let" && i+1 < len(toks) && toks[i+1].kind == tIdent:
			v := i + 2
			for v < len(toks) && a.text(v) != "=" && toks[v].kind != tNL {
				v++ // a type annotation
			}
			a.binds = append(a.binds, binding{name: a.text(i + 1), decl: i + 1, let: true, depth: len(a.stack),
				from: math.MaxInt, to: math.MaxInt, value: [2]int{v + 1, len(toks)}})
			pending = append(pending, len(a.binds)-1)
			open = append(open, len(a.binds)-1)
		case t.kind == tOp && tx == "=>" && i > 0:
			var params []int
			lambda := i - 1
			switch p := toks[i-1]; {
			case p.kind == tIdent:
				params = []int{i - 1}
			case p.text(a.src) == ")" && a.match[i-1] >= 0:
				lambda = a.match[i-1]
				for j := lambda + 1; j < i-1; j++ {
					if toks[j].kind == tIdent {
						params = append(params, j)
					}
				}
			}
			var at []int
			if len(a.stack) <= maxNesting {
				at = slices.Clone(a.stack) // deeper than FQL allows: the parameter's type is unknown
			}
			for k, j := range params {
				a.binds = append(a.binds, binding{name: a.text(j), decl: j, depth: len(a.stack), from: i + 1, to: math.MaxInt,
					stack: at, lambda: lambda, index: k})
				open = append(open, len(a.binds)-1)
			}
		}
	}
	a.byName = map[string][]int{}
	for k, b := range a.binds {
		a.byName[b.name] = append(a.byName[b.name], k)
	}
	return a
}

// text is token i's text.
func (a *analysis) text(i int) string { return a.toks[i].text(a.src) }

// continues are the tokens that, first on a line, continue the line
// before; cannotEnd those that, last on a line, continue on the next (as
// the FQL lexer decides where statements end).
var (
	continues = set(".", "?.", "??", "&&", "||", "==", "!=", "<", "<=", ">", ">=", "+", "*", "/", "%", "**", "&", "|", "^",
		"=>", ")", "]", "}", ",", "else", ":", "=", "isa")
	cannotEnd = set(".", "?.", "??", "&&", "||", "==", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "%", "**", "&", "|", "^",
		"=>", "(", "[", "{", ",", ":", "=", "!", ";")
	comparisons = set("==", "!=", "<", "<=", ">", ">=", "&&", "||", "isa")
	arithmetic  = set("+", "-", "*", "/", "%", "**")
	// notEnds are words after which an expression has not ended.
	notEnds = set("if", "else", "let", "isa", "at")
)

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// separates says whether the newline at i ends a statement.
func (a *analysis) separates(i int) bool {
	if n := len(a.stack); n > 0 && a.text(a.stack[n-1]) != "{" {
		return false // inside (…) and […] newlines are spaces
	}
	p := a.prevSig(i)
	if p < 0 || a.toks[p].kind == tOp && cannotEnd[a.text(p)] && !a.postfixBang(p) {
		return false
	}
	for j := i + 1; j < len(a.toks); j++ {
		if a.toks[j].kind != tNL {
			return !continues[a.text(j)] || a.toks[j].kind == tString
		}
	}
	return true
}

// postfixBang says whether token p is a non-null assertion (x!), which
// ends an expression, rather than a not.
func (a *analysis) postfixBang(p int) bool {
	q := a.prevSig(p)
	return a.text(p) == "!" && q >= 0 && a.endsExpr(q)
}

// prevSig is the index of the last token before i that is no newline.
func (a *analysis) prevSig(i int) int {
	for i--; i >= 0 && a.toks[i].kind == tNL; i-- {
	}
	return i
}

// endsExpr says whether token p can end an expression (so `.` after it
// reads a member, `(` calls it, `{` projects it).
func (a *analysis) endsExpr(p int) bool {
	for p >= 0 && a.toks[p].kind == tOp && a.text(p) == "!" {
		p = a.prevSig(p) // a postfix ! ends what its operand ends
	}
	if p < 0 {
		return false
	}
	t := a.toks[p]
	switch t.kind {
	case tString, tNumber:
		return true
	case tIdent:
		return !notEnds[t.text(a.src)] || a.isMember(p) // .at(0) is a method
	case tOp:
		switch a.text(p) {
		case ")":
			if o := a.match[p]; o >= 0 {
				if q := a.prevSig(o); q >= 0 && a.toks[q].kind == tIdent && a.text(q) == "if" {
					return false
				}
			}
			return true
		case "]", "}":
			return true
		}
	}
	return false
}

// isMember says whether the name at i follows a `.` or `?.`.
func (a *analysis) isMember(i int) bool {
	p := a.prevSig(i)
	return p >= 0 && a.toks[p].kind == tOp && (a.text(p) == "." || a.text(p) == "?.")
}

// inferEnd is the type of the postfix chain that ends at token i.
func (a *analysis) inferEnd(i int) typ {
	if i < 0 || i >= len(a.toks) || a.depth > maxInferDepth {
		return typ{}
	}
	a.depth++
	defer func() { a.depth-- }()
	t := a.toks[i]
	switch t.kind {
	case tString:
		return typ{kind: "String"}
	case tNumber:
		return typ{kind: "Number"}
	case tIdent:
		if !a.isMember(i) {
			return a.identType(i)
		}
		dot := a.prevSig(i)
		if r := a.prevSig(dot); r >= 0 && a.endsExpr(r) {
			return memberType(a.m, a.inferEnd(r), t.text(a.src), false)
		}
		return memberType(a.m, a.implicitAt(dot), t.text(a.src), false) // .field
	}
	o := a.match[i]
	switch t.text(a.src) {
	case ")":
		if o < 0 {
			return typ{}
		}
		p := a.prevSig(o)
		if p < 0 || !a.endsExpr(p) {
			return a.inferSpan(o+1, i) // (expr)
		}
		if a.toks[p].kind != tIdent {
			return typ{}
		}
		if a.isMember(p) {
			return a.callType(a.inferEnd(a.prevSig(a.prevSig(p))), a.text(p), o, i)
		}
		return a.callGlobal(p)
	case "]":
		if o < 0 {
			return typ{}
		}
		if p := a.prevSig(o); p >= 0 && a.endsExpr(p) {
			return a.inferEnd(p).element() // x[i]
		}
		return container("Array", a.inferSpan(o+1, a.nextComma(o+1, i)))
	case "}":
		if o < 0 {
			return typ{}
		}
		if p := a.prevSig(o); p >= 0 && a.endsExpr(p) {
			base := a.inferEnd(p) // a projection
			if base.kind == "Set" || base.kind == "Array" {
				return container(base.kind, typ{kind: "Object"})
			}
		}
		return typ{kind: "Object"}
	case "!":
		return a.inferEnd(a.prevSig(i))
	}
	return typ{}
}

// nextComma is the first comma at the top level of [from, to), or to.
func (a *analysis) nextComma(from, to int) int {
	for j := from; j < to; j++ {
		if m := a.match[j]; m > j {
			j = m
			continue
		}
		if a.toks[j].kind == tOp && a.text(j) == "," {
			return j
		}
	}
	return to
}

// inferSpan is the type of the expression in tokens [from, to).
func (a *analysis) inferSpan(from, to int) typ {
	for from < to && a.toks[from].kind == tNL {
		from++
	}
	last := a.prevSig(to)
	if from >= to || last < from {
		return typ{}
	}
	if first := a.toks[from]; first.kind == tIdent && first.text(a.src) == "if" || first.kind == tOp && first.text(a.src) == "{" {
		return typ{}
	}
	arith := false
	for j := from; j <= last; j++ {
		if m := a.match[j]; m > j {
			j = m
			continue
		}
		t := a.toks[j]
		switch {
		case t.kind == tOp && t.text(a.src) == "=>":
			return typ{kind: "Function"}
		case comparisons[t.text(a.src)] || t.kind == tOp && t.text(a.src) == "!" && (j == from || !a.endsExpr(a.prevSig(j))):
			return typ{kind: "Boolean"}
		case t.kind == tOp && arithmetic[t.text(a.src)]:
			arith = true
		}
	}
	end := a.inferEnd(last)
	if arith && end.kind != "String" {
		return typ{kind: "Number"}
	}
	return end
}

// identType is the type of a name: a binding, a collection, a module.
func (a *analysis) identType(i int) typ {
	name := a.text(i)
	switch name {
	case "true", "false":
		return typ{kind: "Boolean"}
	case "null":
		return typ{kind: "Null"}
	}
	if b := a.lookup(name, i); b != nil {
		return a.bindingType(b)
	}
	if c := modelCollection(a.m, name); c != nil {
		return typ{kind: "Collection", name: c.Name}
	}
	if slices.Contains(value.Modules(), name) {
		return typ{kind: "Module", name: name}
	}
	return typ{}
}

// lookup is the innermost binding of name visible at token i.
func (a *analysis) lookup(name string, i int) *binding {
	ks := a.byName[name]
	for k := len(ks) - 1; k >= 0; k-- {
		if b := &a.binds[ks[k]]; b.from <= i && i < b.to {
			return b
		}
	}
	return nil
}

// callGlobal is the type of calling the global name at p.
func (a *analysis) callGlobal(p int) typ {
	name := a.text(p)
	if a.lookup(name, p) != nil {
		return typ{}
	}
	if d, ok := value.GlobalDoc(name); ok {
		if s, ok := parseSig(d.Signature); ok && !s.property {
			return s.ret.resolve(typ{}, "")
		}
	}
	return typ{}
}

// paramType is the type of a lambda's parameter, from the signature of
// the method the lambda is an argument of.
func (a *analysis) paramType(b *binding) typ {
	n := len(b.stack)
	if n == 0 || a.text(b.stack[n-1]) != "(" {
		return typ{}
	}
	o := b.stack[n-1]
	p, elem, coll, ok := a.callParam(o, a.commas(o+1, b.lambda), b.stack[:n-1])
	if !ok {
		return typ{}
	}
	if p.isFunc && b.index < len(p.args) {
		return p.args[b.index].resolve(elem, coll)
	}
	if b.index == 0 {
		return elem
	}
	return typ{}
}

// implicitType is the type `.field` reads at the end of the text.
func (a *analysis) implicitType() typ { return a.implicitAt(len(a.toks)) }

// implicitAt is the type a `.field` short-hand at token j reads: the
// parameter of the function the enclosing call expects.
func (a *analysis) implicitAt(j int) typ {
	o := a.enclosing(j)
	if o < 0 || a.text(o) != "(" {
		return typ{}
	}
	p, elem, coll, ok := a.callParam(o, a.commas(o+1, j), a.stackAt(o))
	if !ok {
		return typ{}
	}
	if p.isFunc && len(p.args) > 0 {
		return p.args[0].resolve(elem, coll)
	}
	return elem
}

// enclosing is the bracket open around token j, or -1.
func (a *analysis) enclosing(j int) int {
	for k := j - 1; k >= 0; k-- {
		t := a.toks[k]
		if t.kind != tOp {
			continue
		}
		switch t.text(a.src) {
		case ")", "]", "}":
			if a.match[k] >= 0 {
				k = a.match[k]
			}
		case "(", "[", "{":
			return k
		}
	}
	return -1
}

// stackAt lists the brackets open around token j, outermost first.
func (a *analysis) stackAt(j int) []int {
	var out []int
	for o := a.enclosing(j); o >= 0 && len(out) < maxInferDepth; o = a.enclosing(o) {
		out = append(out, o)
	}
	slices.Reverse(out)
	return out
}

// callType is the type of calling recv.name with the arguments between
// the brackets o and end; a function argument's result fills in B
// (map(u => u.name) is a Set<String>).
func (a *analysis) callType(recv typ, name string, o, end int) typ {
	if recv.kind == "Document" || recv.kind == "Object" {
		if t := memberType(a.m, recv, name, false); t.known() {
			return typ{} // calling a field
		}
	}
	mm, elem, ok := memberSig(a.m, recv, name)
	if !ok {
		return typ{}
	}
	s, ok := parseSig(mm.Signature)
	if !ok || s.property {
		return typ{}
	}
	var b typ
	if s.ret.mentions("B") {
		args := a.argSpans(o, end)
		for k, p := range s.params {
			if k >= len(args) || b.known() {
				break
			}
			switch {
			case p.t.isFunc && p.t.ret != nil && p.t.ret.mentions("B"):
				b = a.inferSpan(a.lambdaBody(args[k]))
				if p.t.ret.name != "B" {
					b = b.element() // flatMap: the function returns a Set of B
				}
			case p.t.name == "B":
				b = a.inferSpan(args[k][0], args[k][1])
			}
		}
	}
	return s.ret.resolveB(elem, b, recv.name)
}

// argSpans are the token spans of the arguments between brackets o and end.
func (a *analysis) argSpans(o, end int) [][2]int {
	var out [][2]int
	start := o + 1
	for j := o + 1; j <= end; j++ {
		if m := a.match[j]; m > j && j < end {
			j = m
			continue
		}
		if j == end || a.toks[j].kind == tOp && a.text(j) == "," {
			if j > start {
				out = append(out, [2]int{start, j})
			}
			start = j + 1
		}
	}
	return out
}

// lambdaBody is the body of the lambda in span (from its top-level =>),
// or the span itself (a short-hand such as .name).
func (a *analysis) lambdaBody(span [2]int) (int, int) {
	for j := span[0]; j < span[1]; j++ {
		if m := a.match[j]; m > j {
			j = m
			continue
		}
		if a.toks[j].kind == tOp && a.text(j) == "=>" {
			return j + 1, span[1]
		}
	}
	return span[0], span[1]
}

// commas counts the top-level commas in [from, to): the argument index.
func (a *analysis) commas(from, to int) int {
	n := 0
	for j := from; j < to; j++ {
		if m := a.match[j]; m > j {
			j = m
			continue
		}
		if a.toks[j].kind == tOp && a.text(j) == "," {
			n++
		}
	}
	return n
}

// callParam is the declared type of argument arg of the call whose `(`
// is at o, with what A stands for there. outer are the brackets open
// around the call: a global function (asc, desc) takes its A from the
// call it is an argument of (order).
func (a *analysis) callParam(o, arg int, outer []int) (p tnode, elem typ, coll string, ok bool) {
	if a.depth > maxInferDepth {
		return p, elem, "", false
	}
	a.depth++
	defer func() { a.depth-- }()
	c := a.prevSig(o)
	if c < 0 || a.toks[c].kind != tIdent {
		return p, elem, "", false
	}
	var sigText string
	if a.isMember(c) {
		recv := a.inferEnd(a.prevSig(a.prevSig(c)))
		mm, e, found := memberSig(a.m, recv, a.text(c))
		if !found {
			return p, e, "", false
		}
		sigText, elem, coll = mm.Signature, e, recv.name
	} else {
		d, found := value.GlobalDoc(a.text(c))
		if !found || a.lookup(a.text(c), c) != nil {
			return p, elem, "", false
		}
		sigText = d.Signature
		if n := len(outer); n > 0 && a.text(outer[n-1]) == "(" {
			q := outer[n-1]
			_, elem, coll, _ = a.callParam(q, a.commas(q+1, o), outer[:n-1])
		}
	}
	s, parsed := parseSig(sigText)
	if !parsed || len(s.params) == 0 {
		return p, elem, coll, parsed
	}
	return s.params[min(arg, len(s.params)-1)].t, elem, coll, true
}
