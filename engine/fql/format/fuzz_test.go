package format

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/faunaplay/playground/engine/fql/syntax"
	"golang.org/x/tools/txtar"
)

// FuzzFormat: no text makes Format panic; a text that parses formats to a
// text that parses to the same program with the same comments, and
// formatting that changes nothing. Seeded with every query of
// testdata/fql.
func FuzzFormat(f *testing.F) {
	files, _ := filepath.Glob("../../../testdata/fql/*.txtar")
	for _, file := range files {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			f.Fatal(err)
		}
		for _, s := range ar.Files {
			if s.Name == "fql" {
				f.Add(string(s.Data))
			}
		}
	}
	for _, s := range []string{
		"// a\nlet x = 1 /* b */ + // c\n 2\n\nx", "f(/* a */)", "[1,\n// two\n2]", "{ a: 1, // one\n b: 2 }",
		`"#{ { a: 1 } } #{x /* c */}"`, "if (a) (if (b) 1) else 2", "1; .x", "(-5).abs()", "{\n  // end\n}",
		"User.all() // o\n  .where(.age > 3) // p\n  .map(u => // q\n    u.name) /* r */", "if (a) { 1 } // l\n // m\nelse { /* n */ 2 }",
		"/* a */ let /* b */ x /* c */ = /* d */ 1 // e\nx! // f\n[x]",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		out, err := Format(src)
		if _, perr := syntax.ParseFile(src); perr != nil {
			if err == nil {
				t.Fatalf("%q does not parse (%v) but formats", src, perr)
			}
			return
		}
		if err != nil {
			t.Fatalf("%q parses but does not format: %v", src, err)
		}
		if strings.Contains(out, "\t") && !strings.Contains(src, "\t") {
			t.Fatalf("a tab appeared: %q", out)
		}
		checkRoundTrip(t, src, out)
	})
}

// BenchmarkFormatLarge: 1,200 statements creating documents with nested
// objects and a comment each (about 45,000 tokens, near syntax.MaxTokens).
func BenchmarkFormatLarge(b *testing.B) {
	var sb strings.Builder
	for i := range 1200 {
		sb.WriteString("// the next one\n")
		sb.WriteString("User.create({name:\"u\", tags:[1,2,3], address:{city:\"Lyon\", zip:\"" + strings.Repeat("9", i%7) + "\"}})\n")
	}
	src := sb.String()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := Format(src); err != nil {
			b.Fatal(err)
		}
	}
}
