package complete

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/faunaplay/playground/engine/schema"
	"golang.org/x/tools/txtar"
)

// Scenario files under testdata/complete/ are txtar archives read top to
// bottom, one behaviour a file:
//
//	-- schema.graphql --   the schema the text completes against
//	-- fql --, -- sdl --   the text, with the cursor marked by |
//	-- labels --           labels that must be offered, one a line
//	-- not --              labels that must not be
//	-- details --          "label = detail" lines
//	-- hover --            the hover's signature, then a fragment of its info
func TestScenarios(t *testing.T) {
	files, err := filepath.Glob("testdata/complete/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no scenario files: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) { runScenario(t, file) })
	}
}

func runScenario(t *testing.T, file string) {
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var m *schema.Model
	var lang, src string
	var off int
	var got Completion
	for _, f := range ar.Files {
		body := strings.TrimRight(string(f.Data), "\n")
		lines := strings.Split(body, "\n")
		switch f.Name {
		case "schema.graphql":
			if m = schema.Parse(body); len(m.Errors) > 0 {
				t.Fatalf("the schema has errors: %v", m.Errors)
			}
		case "fql", "sdl":
			lang = f.Name
			src, off = cursor(t, body)
			if lang == "fql" {
				got = FQL(m, src, off)
			} else {
				got = SDL(m, src, off)
			}
			if got.To != off || got.From > got.To {
				t.Errorf("%s: span %d..%d, cursor at %d", body, got.From, got.To, off)
			}
		case "labels", "not":
			ls := labels(got.Items)
			for _, l := range lines {
				if l = strings.TrimSpace(l); l != "" && slices.Contains(ls, l) != (f.Name == "labels") {
					t.Errorf("after:\n%s\n%s: %q; offered %v", src, f.Name, l, ls)
				}
			}
		case "details":
			for _, l := range lines {
				label, want, _ := strings.Cut(l, " = ")
				if d := detail(got.Items, label); d != want {
					t.Errorf("after:\n%s\n%s: detail %q, want %q", src, label, d, want)
				}
			}
		case "hover":
			var h Hover
			if lang == "fql" {
				h = FQLHover(m, src, off)
			} else {
				h = SDLHover(m, src, off)
			}
			if h.Signature != lines[0] || len(lines) > 1 && !strings.Contains(h.Info, lines[1]) {
				t.Errorf("hover in:\n%s\ngot %+v, want %q with %q", src, h, lines[0], lines[1:])
			}
		default:
			t.Fatalf("unknown section %q", f.Name)
		}
	}
}
