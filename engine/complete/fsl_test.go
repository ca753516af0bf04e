package complete

import (
	"slices"
	"testing"

	"github.com/faunaplay/playground/engine/fsl"
)

const fslSchema = `collection User {
  name: String
  email: String
  unique [.email]
}
collection Video {
  title: String
  author: Ref<User>
  index byAuthor { terms [.author] }
}`

func TestFSLCompletion(t *testing.T) {
	m := fsl.Parse(fslSchema)
	if len(m.Errors) > 0 {
		t.Fatal(m.Errors)
	}
	for _, c := range []struct {
		src       string
		want, not []string
	}{
		{"col|", []string{"collection", "function"}, []string{"index"}},
		{"collection A {\n  |", []string{"index", "unique", "check", "compute"}, []string{"collection"}},
		{"collection A {\n  n: |", []string{"String", "Int", "Ref", "User", "Video"}, []string{"index"}},
		{"collection A {\n  n: Array<|", []string{"String", "Null", "User"}, nil},
		{"collection A {\n  n: Ref<V|", []string{"Video", "User"}, nil},
		{"collection User {\n  name: String\n  index byName {\n    |", []string{"terms", "values"}, []string{"unique"}},
		{"collection User {\n  name: String\n  index byName {\n    terms [.|", []string{"name", "email"}, nil},
		{"collection User {\n  unique [.em|", []string{"email"}, nil},
		// FQL inside FSL completes as FQL does.
		{"collection A {\n  compute n: Int = (doc => Video.|", []string{"byAuthor", "all", "where"}, []string{"index"}},
		{"collection A {\n  check ok (doc => Math.|", []string{"abs", "max"}, nil},
		{"function f(x) {\n  User.|", []string{"all", "byId"}, nil},
		{"collection A {\n  at: Time = Time.|", []string{"now"}, nil},
		{"// a comment |", nil, []string{"collection"}},
		{`collection A { n: String = "|`, nil, []string{"collection", "User"}},
		// Collections the text declares count while the model has none.
		{"collection Tag { n: Ref<|> }\ncollection Later {}", []string{"Later", "Tag", "User"}, nil},
	} {
		src, off := cursor(t, c.src)
		got := labels(FSL(m, src, off).Items)
		for _, w := range c.want {
			if !slices.Contains(got, w) {
				t.Errorf("%q: no %q in %v", c.src, w, got)
			}
		}
		for _, n := range c.not {
			if slices.Contains(got, n) {
				t.Errorf("%q: %q offered: %v", c.src, n, got)
			}
		}
	}
	src, off := cursor(t, "collection A { n: Str|ing }")
	if h := FSLHover(m, src, off); h.Signature != "String" {
		t.Errorf("hover on String: %+v", h)
	}
}
