// Package complete owns completion and hover for FQL and schema (GraphQL
// SDL) text: what may follow the cursor, and what the name under it is,
// each with its signature and a one-line description.
//
// Everything it offers comes from the engine: FQL's method tables and their
// documentation (engine/fql/value), the schema model (collections, fields,
// indexes, embedded types) and Fauna's directive declarations
// (engine/schema). It reads text as the user is typing it, which seldom
// parses: FQL through a tolerant tokenizer and a backwards reading of the
// postfix chain before the cursor, SDL by its tokens.
//
// Offsets in and out are UTF-16 code units, as the page's editor counts.
package complete

import (
	"encoding/json"

	"github.com/faunaplay/playground/engine/schema"
)

// Item is one completion.
type Item struct {
	Label  string `json:"label"`
	Kind   string `json:"kind"`   // collection, method, field, variable, function, module, keyword, type, directive, argument
	Detail string `json:"detail"` // the signature
	Info   string `json:"info"`   // one line
	Apply  string `json:"apply,omitempty"`
}

// Completion is what may replace the text from From to To (the partial
// word before the cursor).
type Completion struct {
	From  int    `json:"from"`
	To    int    `json:"to"`
	Items []Item `json:"items"`
}

// Hover describes the name from From to To; empty (`{}` in JSON) when
// there is none under the cursor.
type Hover struct {
	From      int    `json:"from"`
	To        int    `json:"to"`
	Signature string `json:"signature"`
	Info      string `json:"info"`
}

// MarshalJSON writes an empty hover as {}.
func (h Hover) MarshalJSON() ([]byte, error) {
	if h.Signature == "" {
		return []byte("{}"), nil
	}
	type plain Hover
	return json.Marshal(plain(h))
}

// MaxText bounds the text read: completion looks at no more than the
// last MaxText bytes before the cursor (a megabyte is read in a few ms).
const MaxText = 1 << 20

// None is the empty completion at offset (UTF-16, clamped to src).
func None(src string, offset int) Completion {
	at := utf16Offset(src, byteOffset(src, offset))
	return Completion{From: at, To: at, Items: []Item{}}
}

// FQL completes FQL src at offset (UTF-16) against the schema model m
// (nil: no schema).
func FQL(m *schema.Model, src string, offset int) Completion {
	at := byteOffset(src, offset)
	from := wordStart(src, at)
	out := Completion{From: utf16Offset(src, from), To: utf16Offset(src, at), Items: []Item{}}
	if from < at && isDigit(src[from]) {
		return out // a number
	}
	if items := fqlItems(m, src[max(0, from-MaxText):from]); items != nil {
		out.Items = items
	}
	return out
}

// FQLHover describes the FQL name under offset.
func FQLHover(m *schema.Model, src string, offset int) Hover {
	return hover(src, offset, func(before string) []Item {
		items := fqlItems(m, before)
		if it, ok := declaredHover(m, src, len(before)); ok {
			items = append(items, it)
		}
		return items
	})
}

// SDL completes schema text src at offset (UTF-16); m is the current
// model, for what the text's types became (nil or with errors: none).
func SDL(m *schema.Model, src string, offset int) Completion {
	at := byteOffset(src, offset)
	from := wordStart(src, at)
	out := Completion{From: utf16Offset(src, from), To: utf16Offset(src, at), Items: []Item{}}
	if items := sdlItems(m, src, from); items != nil {
		out.Items = items
	}
	return out
}

// SDLHover describes the directive, type, argument or field under offset;
// a field as the schema model holds it (stored, a reference, computed).
func SDLHover(m *schema.Model, src string, offset int) Hover {
	return hover(src, offset, func(before string) []Item {
		return append(sdlItems(m, src, len(before)), sdlFieldItems(m, src, len(before))...)
	})
}

// hover finds the word under offset and the item of that name among what
// would complete there.
func hover(src string, offset int, items func(before string) []Item) Hover {
	at := byteOffset(src, offset)
	from, to := wordStart(src, at), at
	for to < len(src) && isIdentPart(src[to]) {
		to++
	}
	if from == to || isDigit(src[from]) {
		return Hover{}
	}
	word := src[from:to]
	for _, it := range items(src[:from]) {
		if it.Label == word {
			return Hover{From: utf16Offset(src, from), To: utf16Offset(src, to), Signature: it.Detail, Info: it.Info}
		}
	}
	return Hover{}
}

// wordStart is where the identifier that ends at byte at begins.
func wordStart(src string, at int) int {
	from := at
	for from > 0 && isIdentPart(src[from-1]) {
		from--
	}
	return from
}

// byteOffset converts a UTF-16 offset into a byte offset of src, clamped
// to the text and moved off the middle of a character.
func byteOffset(src string, u16 int) int {
	if u16 <= 0 {
		return 0
	}
	n := 0
	for i, r := range src {
		if n >= u16 {
			return i
		}
		n += utf16Len(r)
	}
	return len(src)
}

// utf16Offset converts a byte offset of src into UTF-16 code units.
func utf16Offset(src string, b int) int {
	n := 0
	for _, r := range src[:b] {
		n += utf16Len(r)
	}
	return n
}

func utf16Len(r rune) int {
	if r >= 0x10000 {
		return 2 // a surrogate pair
	}
	return 1
}

// dedupe keeps the first item of each kind and label.
func dedupe(items []Item) []Item {
	seen := map[string]bool{}
	out := items[:0]
	for _, it := range items {
		if !seen[it.Kind+" "+it.Label] {
			seen[it.Kind+" "+it.Label] = true
			out = append(out, it)
		}
	}
	return out
}
