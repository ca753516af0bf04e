package fsl

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/tools/txtar"
)

// FuzzParse: no input makes Parse panic; every error has a message and a
// place on a character of the text; a model with errors has no
// collections; the same text gives the same model.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.txtar")
	for _, file := range files {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			f.Fatal(err)
		}
		for _, s := range ar.Files {
			if s.Name == "schema.fsl" {
				f.Add(string(s.Data))
			}
		}
	}
	for _, s := range []string{"", "collection", "collection A {", "collection A { a: }", "@", `"`, "collection A { a: String = \"#{",
		"function f(", "collection A { compute x: Int = (", "collection A { b: Ref<A> compute c: Set<A> = (d => A.where(.b == d)) }",
		"collection A { index i { terms [.", "role r {", "access provider p { role r }", "collection A { x: Int = 1 +\n}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		m := Parse(src)
		if m == nil {
			t.Fatal("nil model")
		}
		if len(m.Errors) > 0 && (len(m.Collections) > 0 || len(m.Functions) > 0) {
			t.Fatalf("errors and collections both: %v", m.Errors)
		}
		lines := strings.Split(src, "\n")
		for _, e := range m.Errors {
			if e.Message == "" || strings.Contains(e.Message, "internal error") {
				t.Fatalf("bad error: %+v", e)
			}
			if e.Line < 1 || e.Column < 1 || e.Line > len(lines) ||
				e.Column > max(1, utf8.RuneCountInString(strings.TrimSuffix(lines[e.Line-1], "\r"))) {
				t.Fatalf("error %+v lies outside the text %q", e, src)
			}
		}
		if again := Parse(src); render(again) != render(m) {
			t.Fatalf("two parses differ:\n%s\n---\n%s", render(m), render(again))
		}
	})
}

// TestFuzzCorpus keeps the inputs the fuzzer once found in
// testdata/fuzz/FuzzParse (go test runs them as seeds): the directory may
// be empty, but what is there must be files the fuzzer can read.
func TestFuzzCorpus(t *testing.T) {
	entries, err := os.ReadDir("testdata/fuzz/FuzzParse")
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join("testdata/fuzz/FuzzParse", e.Name()))
		if err != nil || !strings.HasPrefix(string(b), "go test fuzz v1") {
			t.Errorf("%s is not a fuzz corpus file", e.Name())
		}
	}
}

// BenchmarkParse1000Collections: a schema of 1,000 collections, each with
// fields, a default, an index and a reference read back.
func BenchmarkParse1000Collections(b *testing.B) {
	var sb strings.Builder
	for i := 0; i < 1000; i++ {
		fmt.Fprintf(&sb, "collection C%d {\n  name: String\n  age: Int? = 1 + 2\n  next: Ref<C%d>?\n  compute prev: Set<C%d> = (d => C%d.where(.next == d))\n  index byName { terms [.name] values [desc(.age)] }\n}\n", i, (i+1)%1000, (i+999)%1000, (i+999)%1000)
	}
	src := sb.String()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if m := Parse(src); len(m.Errors) > 0 {
			b.Fatal(m.Errors[0])
		}
	}
}

// BenchmarkParseVideoApp: the seed's video app, a schema of everyday size.
func BenchmarkParseVideoApp(b *testing.B) {
	ar, err := txtar.ParseFile("testdata/video_app.txtar")
	if err != nil {
		b.Fatal(err)
	}
	src := string(ar.Files[0].Data)
	for b.Loop() {
		if m := Parse(src); len(m.Errors) > 0 {
			b.Fatal(m.Errors[0])
		}
	}
}
