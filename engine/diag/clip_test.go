package diag

import (
	"strings"
	"testing"
)

func TestClip(t *testing.T) {
	long := strings.Repeat("é", 250)
	cases := []struct{ in, want string }{
		{"short", "short"},
		{strings.Repeat("a", 200), strings.Repeat("a", 200)},
		{long, strings.Repeat("é", 200) + "… (250 characters)"},
		{strings.Repeat("b", 200_043), strings.Repeat("b", 200) + "… (200,043 characters)"},
	}
	for _, c := range cases {
		if got := Clip(c.in); got != c.want {
			t.Errorf("Clip(%.20q…) = %.30q…", c.in, got)
		}
	}
	msg := `Unknown type "` + strings.Repeat("x", 300) + `" near ` + strings.Repeat("y", 300) + ` and "short"`
	want := `Unknown type "` + strings.Repeat("x", 200) + `… (300 characters)" near ` + strings.Repeat("y", 200) + `… (300 characters) and "short"`
	if got := ClipEchoes(msg); got != want {
		t.Errorf("ClipEchoes = %q", got)
	}
	if e := Errorf(InvalidQuery, Pos{}, "no `%s` here, %d", strings.Repeat("z", 500), 3); e.Message != "no `"+strings.Repeat("z", 200)+"… (500 characters)` here, 3" {
		t.Errorf("Errorf = %q", e.Message)
	}
}
