package syntax

import (
	"encoding/binary"
	"reflect"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/alecthomas/participle/v2/lexer"
)

// FQL has no parameters, so a program that creates documents sends a new
// text for each value: `User.create({ name: "u1" })`, then "u2", … The
// grammar is most of the cost of a new text (participle), and the lexer a
// fifth of it. Cache keeps the grammar's tree of one text per shape — the
// text with the content of each plain string and number literal blanked —
// and builds the program of another text of that shape by putting its
// literals into that tree and converting it again. The converter is the
// one Parse uses, so the program, its positions and its errors (an Int
// too large, a key twice) are those of a fresh parse; every hit gets an
// AST of its own, shared with no one.

// MaxShapeText is the longest text whose shape Cache keeps.
const MaxShapeText = 64 << 10

// Cache parses texts, reusing the grammar's work for texts of one shape.
// It is safe for concurrent use.
type Cache struct {
	mu       sync.Mutex
	max      int // shapes
	maxBytes int // of their texts: a tree weighs some 45 bytes a byte of text
	bytes    int
	shapes   map[string]*shape
	hits     int // programs built from a kept tree (for tests)
}

// shape is the grammar's tree of the first text of a shape, and where in
// it each blanked literal's text was captured, in source order. slots is
// nil when the tree could not be matched to the literals (then the shape
// is parsed afresh each time).
type shape struct {
	g     *gProgram
	slots []*string
}

// NewCache is a cache of at most max shapes whose texts add up to at most
// maxBytes (it empties when full).
func NewCache(max, maxBytes int) *Cache {
	return &Cache{max: max, maxBytes: maxBytes, shapes: map[string]*shape{}}
}

// Parse is syntax.Parse, through the cache.
func (c *Cache) Parse(src string) (prog *Program, err error) {
	defer recoverParse(&prog, &err)
	if checkSize(src) != nil {
		return Parse(src)
	}
	lx, err := fql.lex("query.fql", src)
	if err != nil {
		return nil, parseError(err, src)
	}
	key, vals := shapeKey(src, lx.tokens)
	if prog, ok, err := c.hit(key, vals, lx); ok {
		return prog, err
	}
	g, err := parseTokens(lx, src) // unlocked: other texts go on meanwhile
	if err != nil {
		return nil, err
	}
	// built before the tree is kept: once kept, hits of other texts patch it
	prog, err = nonEmpty(build(g, lx))
	if len(src) <= min(MaxShapeText, c.maxBytes) {
		sh := &shape{g: g, slots: literalSlots(g, lx.tokens, vals)}
		c.mu.Lock()
		if len(c.shapes) >= c.max || c.bytes+len(src) > c.maxBytes {
			clear(c.shapes)
			c.bytes = 0
		}
		if _, had := c.shapes[key]; !had {
			c.bytes += len(src)
		}
		c.shapes[key] = sh
		c.mu.Unlock()
	}
	return prog, err
}

// hit builds the program from the tree kept for key, with the literals
// vals, when there is one.
func (c *Cache) hit(key string, vals []string, lx *sliceLexer) (*Program, bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	sh, ok := c.shapes[key]
	if !ok || sh.slots == nil {
		return nil, false, nil
	}
	c.hits++
	for i, p := range sh.slots {
		*p = vals[i]
	}
	prog, err := nonEmpty(build(sh.g, lx))
	return prog, true, err
}

// syms are the token types the shape looks at.
var syms = struct{ number, chars, dq, dqEnd, schars, sq, sqEnd lexer.TokenType }{
	fql.syms["Number"], fql.syms["Chars"], fql.syms["DQuote"], fql.syms["DQuoteEnd"],
	fql.syms["SChars"], fql.syms["SQuote"], fql.syms["SQuoteEnd"],
}

// blanked reports whether tokens[i] is a literal whose text the shape
// leaves out, and its kind: a number's (int, float, hex, binary, octal:
// what it is read as), or a string's. Strings only when plain: the sole
// part of "…" or '…' (no escape, no interpolation) and on one line, so
// the lines of the tokens after it do not depend on it.
func blanked(tokens []lexer.Token, i int) (byte, bool) {
	t := tokens[i]
	switch t.Type {
	case syms.number:
		if len(t.Value) > 1 && t.Value[0] == '0' {
			switch t.Value[1] | 0x20 {
			case 'x', 'b', 'o':
				return t.Value[1] | 0x20, true
			}
		}
		if strings.ContainsAny(t.Value, ".eE") {
			return 'f', true
		}
		return 'i', true
	case syms.chars, syms.schars:
		open, end := syms.dq, syms.dqEnd
		if t.Type == syms.schars {
			open, end = syms.sq, syms.sqEnd
		}
		if i > 0 && i+1 < len(tokens) && tokens[i-1].Type == open && tokens[i+1].Type == end &&
			!strings.ContainsRune(t.Value, '\n') {
			return 's', true
		}
	}
	return 0, false
}

// shapeKey is the text with each blanked literal's content replaced by
// filler of the same length (so every other token keeps its offset, line
// and column), followed by each blanked literal's offset, kind and length
// in characters (what its column width is): two texts of one key lex to
// the same tokens apart from those literals' values, which vals holds.
func shapeKey(src string, tokens []lexer.Token) (string, []string) {
	var key []byte
	var tail []byte
	var vals []string
	for i, t := range tokens {
		kind, ok := blanked(tokens, i)
		off := t.Pos.Offset
		if !ok || off+len(t.Value) > len(src) || src[off:off+len(t.Value)] != t.Value {
			continue
		}
		if key == nil {
			key = append(make([]byte, 0, len(src)+32), src...)
		}
		for j := off; j < off+len(t.Value); j++ {
			key[j] = '0'
		}
		tail = binary.AppendUvarint(tail, uint64(off))
		tail = append(tail, kind)
		tail = binary.AppendUvarint(tail, uint64(utf8.RuneCountInString(t.Value)))
		vals = append(vals, t.Value)
	}
	if key == nil {
		return "=" + src, nil // a text kept whole: no blanked key starts with '='
	}
	// the length first, so where the text ends and the list begins is known
	head := binary.AppendUvarint([]byte{'~'}, uint64(len(src)))
	return string(head) + string(key) + string(tail), vals
}

// literalSlots finds, in the grammar's tree of the text whose literal
// values are vals, the field that captured each: a number's primary, the
// sole part of a string, an object's key. It returns nil unless it finds
// every one.
func literalSlots(g *gProgram, tokens []lexer.Token, vals []string) []*string {
	want := map[int]int{} // offset of a blanked token → its index in vals
	for i, t := range tokens {
		if _, ok := blanked(tokens, i); ok {
			want[t.Pos.Offset] = len(want)
		}
	}
	if len(want) != len(vals) {
		return nil
	}
	slots := make([]*string, len(vals))
	found := 0
	put := func(off int, p *string) {
		if i, ok := want[off]; ok && slots[i] == nil && *p == vals[i] {
			slots[i] = p
			found++
		}
	}
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer:
			if v.IsNil() {
				return
			}
			switch n := v.Interface().(type) {
			case *gPrimary:
				if n.Number != nil {
					put(n.Pos.Offset, n.Number)
				}
			case *gDString:
				if len(n.Parts) == 1 && n.Parts[0].Chars != nil {
					put(n.Pos.Offset+1, n.Parts[0].Chars)
				}
			case *gSString:
				if len(n.Parts) == 1 {
					put(n.Pos.Offset+1, &n.Parts[0])
				}
			case *gObjField:
				put(n.Pos.Offset, &n.Key)   // a number key
				put(n.Pos.Offset+1, &n.Key) // a quoted one
			}
			walk(v.Elem())
		case reflect.Struct:
			if v.Type() == positionType {
				return
			}
			for i := 0; i < v.NumField(); i++ {
				walk(v.Field(i))
			}
		case reflect.Slice:
			for i := 0; i < v.Len(); i++ {
				walk(v.Index(i))
			}
		}
	}
	walk(reflect.ValueOf(g))
	if found != len(vals) {
		return nil
	}
	return slots
}

var positionType = reflect.TypeOf(lexer.Position{})
