package diag

import (
	"fmt"
	"unicode/utf8"
)

// MaxEcho is how much of a user's input an error message repeats.
const MaxEcho = 200

// Clip cuts s, input echoed in a message, at MaxEcho characters and says
// how long it was: a 200 KB identifier must not make a 200 KB message.
func Clip(s string) string {
	if len(s) <= MaxEcho {
		return s
	}
	n := utf8.RuneCountInString(s)
	if n <= MaxEcho {
		return s
	}
	cut := 0
	for range MaxEcho {
		_, w := utf8.DecodeRuneInString(s[cut:])
		cut += w
	}
	return s[:cut] + fmt.Sprintf("… (%s characters)", Thousands(n))
}

// Thousands writes n with commas: 1,048,576.
func Thousands(n int) string {
	if n < 0 {
		return "-" + Thousands(-n)
	}
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
