package value

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestQuoteIsTheEncoders: quote's shortcut for plain text writes what
// JSON's encoder (HTML left as it is) writes.
func TestQuoteIsTheEncoders(t *testing.T) {
	for _, s := range []string{"", "plain", "u1@example.com", `say "hi"`, `a\b`, "<a&b>", "tab\t", "é", "\xff", "\u2028", "\x7f", "nul\x00"} {
		var b strings.Builder
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		enc.Encode(s)
		if got, want := quote(s), strings.TrimSuffix(b.String(), "\n"); got != want {
			t.Errorf("quote(%q) = %s, want %s", s, got, want)
		}
	}
}
