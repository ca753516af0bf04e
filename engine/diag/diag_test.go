package diag

import (
	"strings"
	"testing"
)

func TestFormat(t *testing.T) {
	src := "let user = User.byId(\"1\")\nVideo.where(.author == usr)\n"
	cases := []struct {
		name string
		err  *Error
		want string
	}{
		{"caret under span", &Error{Code: InvalidQuery, Message: "unknown variable `usr`", Pos: Pos{2, 24}, Len: 3},
			"error: invalid_query: unknown variable `usr`\nat 2:24\n  |\n2 | Video.where(.author == usr)\n  |                        ^^^\n"},
		{"single caret", &Error{Code: Abort, Message: "x", Pos: Pos{1, 1}},
			"error: abort: x\nat 1:1\n  |\n1 | let user = User.byId(\"1\")\n  | ^\n"},
		{"no position", &Error{Code: InternalError, Message: "boom"}, "error: internal_error: boom\n"},
		{"line past the end", &Error{Code: InvalidQuery, Message: "eof", Pos: Pos{9, 1}}, "error: invalid_query: eof\nat 9:1\n"},
		{"long line shown around the column", &Error{Code: InvalidQuery, Message: "m", Pos: Pos{1, 1001}},
			"error: invalid_query: m\nat 1:1001\n  |\n1 | …" + strings.Repeat("a", 80) + "X" + strings.Repeat("a", 79) + "…\n  |  " + strings.Repeat(" ", 80) + "^\n"},
		{"span clipped to the line", &Error{Code: InvalidQuery, Message: "m", Pos: Pos{1, 24}, Len: 10},
			"error: invalid_query: m\nat 1:24\n  |\n1 | let user = User.byId(\"1\")\n  |                        ^^\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := src
			if strings.HasPrefix(c.name, "long line") {
				src = strings.Repeat("a", 1000) + "X" + strings.Repeat("a", 100000)
			}
			if got := c.err.Format(src); got != c.want {
				t.Errorf("got\n%s\nwant\n%s", got, c.want)
			}
		})
	}
	if got := (&Error{Code: Abort, Message: "m", Pos: Pos{2, 3}}).Error(); got != "abort at 2:3: m" {
		t.Errorf("Error() = %q", got)
	}
}
