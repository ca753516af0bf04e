package complete

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/faunaplay/playground/engine/fsl"
	"github.com/faunaplay/playground/engine/schema"
)

// kinds are the item kinds the page knows.
var kinds = map[string]bool{"collection": true, "method": true, "field": true, "variable": true, "function": true,
	"module": true, "keyword": true, "type": true, "directive": true, "argument": true}

// FuzzComplete: on any text and offset, completion and hover return, with
// a span inside the text and from <= to, and items of the known kinds.
func FuzzComplete(f *testing.F) {
	m := schema.Parse(testSchema)
	for _, s := range []string{"User.", "User.where(.", "let u = User.byId(\"1\")\nu.", "\"#{User.", "User.all() { videos { ",
		"[1,2].map(x => x.", "type A @", "type A { b: [", "@relation(", "((((", "))))", "\"😀\".le", "x => { let y = y.", "!!!.", ".a.b.c("} {
		f.Add(s, len(s), false)
		f.Add(s, len(s)/2, true)
	}
	f.Fuzz(func(t *testing.T, src string, offset int, sdl bool) {
		if sdl {
			checkCompletion(t, src, offset, SDL(m, src, offset), SDLHover(m, src, offset))
		} else {
			checkCompletion(t, src, offset, FQL(m, src, offset), FQLHover(m, src, offset))
		}
	})
}

// FuzzCompleteFSL is FuzzComplete for FSL schema text.
func FuzzCompleteFSL(f *testing.F) {
	m := fsl.Parse(fslSchema)
	for _, s := range []string{"collection A {\n  n: ", "collection A { index i { terms [.", "function f(x) { x.", "collection A { compute c: Int = (d => d.",
		"collection A { check c (d => ", "}}}}", "{{{{", "collection { n: String = Time.", "\"#{", "/* x"} {
		f.Add(s, len(s))
		f.Add(s, len(s)/2)
	}
	f.Fuzz(func(t *testing.T, src string, offset int) {
		checkCompletion(t, src, offset, FSL(m, src, offset), FSLHover(m, src, offset))
	})
}

func checkCompletion(t *testing.T, src string, offset int, c Completion, h Hover) {
	n := len(utf16.Encode([]rune(src)))
	if c.From < 0 || c.From > c.To || c.To > n || c.Items == nil {
		t.Fatalf("completion of %q at %d: span %d..%d of %d units, items %v", src, offset, c.From, c.To, n, c.Items)
	}
	for _, it := range c.Items {
		if it.Label == "" || !kinds[it.Kind] {
			t.Fatalf("completion of %q at %d: item %+v", src, offset, it)
		}
	}
	if h.Signature != "" && (h.From < 0 || h.From >= h.To || h.To > n) {
		t.Fatalf("hover of %q at %d: span %d..%d of %d units", src, offset, h.From, h.To, n)
	}
}

// query200 is a 200-line query of lets, chains, lambdas and projections.
func query200() string {
	var b strings.Builder
	for i := range 50 {
		fmt.Fprintf(&b, "let u%d = User.byEmail(\"u%d@example.com\").first()\n", i, i)
		fmt.Fprintf(&b, "let v%d = Video.all().where(.author == u%d && .title != \"x\").map(v => v.title.toUpperCase())\n", i, i)
		fmt.Fprintf(&b, "let p%d = User.all().order(desc(.name)).take(10) { email, videos { title } }\n", i)
		fmt.Fprintf(&b, "// line %d: \"#{u%d}\"\n", i*4+3, i)
	}
	b.WriteString("u49.videos.first().author.")
	return b.String()
}

func BenchmarkComplete200Lines(b *testing.B) {
	m := schema.Parse(testSchema)
	src := query200()
	off := len(utf16.Encode([]rune(src)))
	if got := FQL(m, src, off); len(got.Items) == 0 {
		b.Fatal("no items")
	}
	b.ReportAllocs()
	for b.Loop() {
		FQL(m, src, off)
	}
}
