package engine_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/faunaplay/playground/engine"
	"golang.org/x/tools/txtar"
)

// TestSchemaFSL runs testdata/schema/fsl/*.txtar: each holds a
// `schema.graphql` section and the `fsl` text the report must carry for it,
// exactly. They show what Fauna Schema Language a GraphQL schema becomes.
// go test ./engine -run SchemaFSL -update rewrites the fsl sections.
func TestSchemaFSL(t *testing.T) {
	files, err := filepath.Glob("../testdata/schema/fsl/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no FSL scenario files: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var report engine.SchemaReport
			changed := false
			for i := range ar.Files {
				f := &ar.Files[i]
				switch f.Name {
				case "schema.graphql":
					report = engine.New().SetSchema(string(f.Data))
					if len(report.Errors) > 0 {
						t.Fatalf("schema errors: %v", report.Errors)
					}
				case "fsl":
					if *update {
						changed = changed || string(f.Data) != report.FSL
						f.Data = []byte(report.FSL)
					} else if string(f.Data) != report.FSL {
						t.Errorf("fsl: got\n%s\nwant\n%s", report.FSL, f.Data)
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
