package fsl

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the expected sections of testdata/*.txtar")

// TestScenarios runs testdata/*.txtar: each cites the Fauna page its
// schema follows (in the archive's comment) and holds a `schema.fsl`
// section and the `model` it becomes (printModel) or the `errors` it has
// (line:column: message, one a line).
// go test ./engine/fsl -run Scenarios -update rewrites the expected sections.
func TestScenarios(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no scenario files: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(ar.Comment), "https://docs.fauna.com/") {
				t.Errorf("the scenario cites no Fauna page in its comment")
			}
			var got string
			changed := false
			for i := range ar.Files {
				f := &ar.Files[i]
				switch f.Name {
				case "schema.fsl":
					got = render(Parse(string(f.Data)))
				case "model", "errors":
					want := string(f.Data)
					if *update {
						changed = changed || want != got
						f.Data = []byte(got)
					} else if want != got {
						t.Errorf("%s: got\n%s\nwant\n%s", f.Name, got, want)
					}
				default:
					t.Fatalf("unknown section %q", f.Name)
				}
			}
			if changed {
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}
