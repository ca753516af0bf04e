package engine

import (
	"encoding/json"
	"strings"
	"testing"
)

// JSON arguments become FQL values: integers Ints, other numbers Doubles,
// objects in their keys' order; what is not an object of values is
// invalid_argument, and nesting past maxArgDepth is refused.
func TestJSONArgs(t *testing.T) {
	e := New()
	tests := []struct {
		src, args, text, code string
	}{
		{"[n + 1, x * 2, s, b, z]", `{"n": 41, "x": 1.25, "s": "a", "b": true, "z": null}`, "[42, 2.5, \"a\", true, null]", ""},
		{"o", `{"o": {"b": 1, "a": [2, {"c": 3}]}}`, "{ b: 1, a: [2, { c: 3 }] }", ""},
		{"big", `{"big": 1e300}`, "1e+300", ""},
		{"1", `[1]`, "", "invalid_argument"},
		{"1", `{"a": 1} {}`, "", "invalid_argument"},
		{"1", `{"a": ` + strings.Repeat("[", maxArgDepth+2) + strings.Repeat("]", maxArgDepth+2) + `}`, "", "invalid_argument"},
	}
	for _, tt := range tests {
		res := e.Run(Request{Src: tt.src, Args: JSONArgs(json.RawMessage(tt.args))})
		if tt.code != "" {
			if res.Error == nil || res.Error.Code != tt.code {
				t.Errorf("%s with %.40s: error %v, want %s", tt.src, tt.args, res.Error, tt.code)
			}
			continue
		}
		if res.Error != nil || res.Text != tt.text {
			t.Errorf("%s with %s: %q %v, want %q", tt.src, tt.args, res.Text, res.Error, tt.text)
		}
	}
}
