package engine_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/faunaplay/playground/engine"
	"golang.org/x/tools/txtar"
)

// TestFormatScenarios formats every FQL query of testdata/fql and runs the
// original on one engine and the formatted text on another, replaying the
// files' schemas and GraphQL operations on both: the results, errors and
// ops must be the same, and formatting the formatted text changes nothing.
func TestFormatScenarios(t *testing.T) {
	files, err := filepath.Glob("../testdata/fql/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no scenario files: %v", err)
	}
	queries := 0
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			orig, formatted := engine.NewWithClock(fixedClock()), engine.NewWithClock(fixedClock())
			var variables map[string]any
			for _, f := range ar.Files {
				body := string(f.Data)
				switch f.Name {
				case "schema.graphql":
					orig.SetSchema(body)
					formatted.SetSchema(body)
				case "graphql":
					orig.GraphQL(body, variables)
					formatted.GraphQL(body, variables)
				case "fql":
					queries++
					checkFormatted(t, orig, formatted, strings.TrimRight(body, "\n"))
				}
			}
		})
	}
	t.Logf("%d queries formatted", queries)
}

func checkFormatted(t *testing.T, orig, formatted *engine.Engine, src string) {
	t.Helper()
	want := orig.Query(src)
	f := orig.Format("fql", src)
	if f.Error != nil {
		// Only a text that does not parse fails to format, with the
		// query's own parse error.
		if want.Error == nil || want.Error.Code != f.Error.Code || want.Error.Pos != f.Error.Pos {
			t.Errorf("query:\n%s\nformat failed: %v; the query gave %v", src, f.Error, want.Error)
		}
		formatted.Query(src) // keep the two engines' ids in step
		return
	}
	if again := orig.Format("fql", f.Text); again.Text != f.Text || again.Error != nil {
		t.Errorf("not idempotent:\n%s\n--- once ---\n%s\n--- twice ---\n%s (%v)", src, f.Text, again.Text, again.Error)
	}
	got := formatted.Query(f.Text)
	if (want.Error == nil) != (got.Error == nil) || want.Error != nil && want.Error.Code != got.Error.Code {
		t.Errorf("query:\n%s\nformatted:\n%s\nerror %v, want %v", src, f.Text, got.Error, want.Error)
		return
	}
	if want.Error == nil && (mustJSON(want.Data) != mustJSON(got.Data) || want.Text != got.Text) {
		t.Errorf("query:\n%s\nformatted:\n%s\ngot %s\nwant %s", src, f.Text, got.Text, want.Text)
	}
	if w, g := want.Stats, got.Stats; w.ReadOps != g.ReadOps || w.WriteOps != g.WriteOps || w.ComputeOps != g.ComputeOps {
		t.Errorf("query:\n%s\nformatted:\n%s\nops %+v, want %+v", src, f.Text, g, w)
	}
}

func TestFormatFacade(t *testing.T) {
	e := engine.New()
	for _, c := range []struct{ lang, src, text, errCode string }{
		{"fql", "let x=1\nx+1", "let x = 1\nx + 1", ""},
		{"fql", "// only a comment", "// only a comment", ""},
		{"fql", "", "", ""},
		{"fql", "let x = ", "", "invalid_query"},
		{"graphql", "{ a }", "", "invalid_request"},
	} {
		r := e.Format(c.lang, c.src)
		if r.Text != c.text || (r.Error == nil) != (c.errCode == "") || r.Error != nil && r.Error.Code != c.errCode {
			t.Errorf("Format(%q, %q) = %q, %v; want %q, %s", c.lang, c.src, r.Text, r.Error, c.text, c.errCode)
		}
		if r.Error != nil && !r.Error.IsValid() && c.errCode == "invalid_query" {
			t.Errorf("Format(%q): error without line:column: %v", c.src, r.Error)
		}
	}
}
